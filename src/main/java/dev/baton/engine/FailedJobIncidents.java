package dev.baton.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * Makes Cockpit's Retry of a failed job run it at once. On its last failure the engine still gives the
 * job a due date one more backoff step ahead (PT15M with the engine-wide retry cycle, PT2M for a mail) and then raises the
 * incident; Cockpit's Retry (and {@code PUT /job/{id}/retries}) gives the job retries but keeps that due
 * date, so a mail or CRM call retried by an operator within a quarter of an hour of its incident would
 * wait for the rest of it. Here the incident makes the job due when it failed; a due date the operator
 * sets explicitly in Cockpit's retry dialog still wins. Jobs that did not fail (a timer parked by setting
 * its retries to 0) keep their due date.
 */
@Component
public class FailedJobIncidents extends AbstractCamundaConfiguration {

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomIncidentHandlers());
    handlers.add(new DueWhenFailed());
    configuration.setCustomIncidentHandlers(handlers);
  }

  /** Camunda's incident for a failed job, plus the job's due date moved back to the moment it failed. */
  static final class DueWhenFailed extends DefaultIncidentHandler {

    DueWhenFailed() {
      super(Incident.FAILED_JOB_HANDLER_TYPE);
    }

    @Override
    public Incident handleIncident(IncidentContext context, String message) {
      Incident incident = super.handleIncident(context, message);
      JobEntity job = context.getConfiguration() == null ? null
          : Context.getCommandContext().getJobManager().findJobById(context.getConfiguration());
      // Only a job that failed: a timer parked by setting its retries to 0 keeps its date.
      if (job != null && job.getExceptionMessage() != null && job.getDuedate() != null
          && job.getDuedate().after(ClockUtil.getCurrentTime())) {
        job.setDuedate(ClockUtil.getCurrentTime());
      }
      return incident;
    }
  }
}
