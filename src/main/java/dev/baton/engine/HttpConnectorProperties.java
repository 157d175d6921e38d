package dev.baton.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Timeouts of Camunda Connect's HTTP connector ({@code baton.http-connector}), the {@code http-connector}
 * of the models (HubSpot enrichment, the provisioning API). A call that cannot connect within
 * {@code connectTimeout}, or whose answer stops arriving for {@code readTimeout}, fails its job, which the
 * engine retries with backoff and then turns into an incident.
 *
 * @param connectTimeout how long to wait for the TCP connection (and for a free pooled connection)
 * @param readTimeout how long the answer may stay silent (between two packets, not in total)
 */
@ConfigurationProperties("baton.http-connector")
public record HttpConnectorProperties(Duration connectTimeout, Duration readTimeout) {

  public HttpConnectorProperties {
    connectTimeout = check("connect-timeout", connectTimeout, Duration.ofSeconds(5));
    readTimeout = check("read-timeout", readTimeout, Duration.ofSeconds(30));
  }

  private static Duration check(String name, Duration value, Duration fallback) {
    Duration duration = value == null ? fallback : value;
    if (duration.isNegative() || duration.isZero() || duration.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("baton.http-connector." + name + ": " + duration
          + " must be a positive duration such as 5s (zero would mean waiting forever)");
    }
    return duration;
  }
}
