package dev.baton.web;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How much of the application Baton's own endpoints ({@code /api/**}, {@code /customer/**}) may take
 * ({@code baton.api.*}, see {@link ApiBulkhead}).
 *
 * @param concurrentRequests requests served at once; each holds at most one database connection, so
 *     keep it below the connection pool (DB_POOL_SIZE) to leave connections to the webapps,
 *     {@code /engine-rest} and the job executor
 * @param waitingRequests requests that may wait for a turn; any further one is answered 503 at once
 * @param maxWait how long a request waits for its turn before it is answered 503
 */
@Validated
@ConfigurationProperties("baton.api")
public record ApiLimitsProperties(
    @Min(value = 1, message = "must be at least 1; set BATON_API_CONCURRENT_REQUESTS below DB_POOL_SIZE")
    int concurrentRequests,
    @Min(value = 0, message = "must be 0 or more") int waitingRequests,
    @NotNull(message = "is required, e.g. 10s") Duration maxWait) {}
