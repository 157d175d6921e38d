package dev.baton.portfolio;

import dev.baton.calendar.BusinessTime;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The manager reports (docs/portfolio.md): moments of truth, renewals and the team, over the accounts the caller
 * sees (the same rules as GET /api/accounts). Read-only; Basic credentials or the webapps' login session.
 */
@RestController
class ReportsController {

  private final MomentsOfTruthReport momentsOfTruth;
  private final RenewalsReport renewals;
  private final TeamReport team;
  private final Viewers viewers;
  private final BusinessTime time;

  ReportsController(MomentsOfTruthReport momentsOfTruth, RenewalsReport renewals, TeamReport team, Viewers viewers,
      BusinessTime time) {
    this.momentsOfTruth = momentsOfTruth;
    this.renewals = renewals;
    this.team = team;
    this.viewers = viewers;
    this.time = time;
  }

  /** {@code from}, {@code to}: the period (ISO dates, both included; default: the last 12 months to today). */
  @GetMapping("/api/reports/moments-of-truth")
  MomentsOfTruthReport.Report momentsOfTruth(HttpServletRequest request, Authentication caller) {
    ReportParameters.onlyThese(request.getParameterMap(), Set.of("from", "to"));
    LocalDate[] period = ReportParameters.period(request.getParameterMap(), time.today());
    return momentsOfTruth.of(viewers.of(caller), period[0], period[1]);
  }

  @GetMapping("/api/reports/renewals")
  RenewalsReport.Report renewals(HttpServletRequest request, Authentication caller) {
    ReportParameters.onlyThese(request.getParameterMap(), Set.of());
    return renewals.of(viewers.of(caller));
  }

  @GetMapping("/api/reports/team")
  TeamReport.Report team(HttpServletRequest request, Authentication caller) {
    ReportParameters.onlyThese(request.getParameterMap(), Set.of());
    return team.of(viewers.of(caller));
  }
}
