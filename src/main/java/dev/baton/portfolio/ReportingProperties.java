package dev.baton.portfolio;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the manager reports count money and workload ({@code baton.reporting}, docs/portfolio.md).
 * {@code currency}: the reporting currency (ISO 4217, default USD). {@code rates}: per currency code, how many
 * units of the reporting currency one unit of it is worth; an amount in a currency without a rate is left out of
 * sums and counted as not converted. {@code coverage}: per segment, the accounts and ARR one CSM carries at most
 * (defaults: the upper end of the typical medians in docs/domain.md#coverage-ratios).
 */
@ConfigurationProperties(prefix = "baton.reporting")
public record ReportingProperties(String currency, Map<String, BigDecimal> rates, Map<String, Coverage> coverage) {

  /** What one CSM of a segment carries at most: accounts and annual recurring revenue (reporting currency). */
  public record Coverage(Integer accounts, BigDecimal arr) {}

  static final Map<String, Coverage> DEFAULT_COVERAGE = Map.of(
      "enterprise", new Coverage(50, new BigDecimal("5000000")),
      "mid-market", new Coverage(250, new BigDecimal("5000000")),
      "smb", new Coverage(250, new BigDecimal("2000000")));

  public ReportingProperties {
    currency = currency == null || currency.isBlank() ? "USD" : currency.strip().toUpperCase(Locale.ROOT);
    Map<String, BigDecimal> byCode = new LinkedHashMap<>();
    if (rates != null) {
      rates.forEach((code, rate) -> byCode.put(code.strip().toUpperCase(Locale.ROOT), rate));
    }
    rates = Map.copyOf(byCode);
    Map<String, Coverage> bySegment = new LinkedHashMap<>();
    (coverage == null || coverage.isEmpty() ? DEFAULT_COVERAGE : coverage)
        .forEach((segment, target) -> bySegment.put(segment.toLowerCase(Locale.ROOT), target));
    coverage = Map.copyOf(bySegment);
  }

  /** The coverage target of the segment (case ignored), if one is set. */
  Optional<Coverage> coverageOf(String segment) {
    return segment == null ? Optional.empty() : Optional.ofNullable(coverage.get(segment.toLowerCase(Locale.ROOT)));
  }
}
