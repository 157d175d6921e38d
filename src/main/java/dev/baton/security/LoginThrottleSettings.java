package dev.baton.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How Baton slows down password guessing ({@code baton.login-throttle}, see {@link LoginThrottle}).
 *
 * @param freeFailuresPerUser wrong passwords for one user from one client address before that pair waits
 * @param freeFailuresPerAddress wrong passwords (any users) from one client address before the address waits;
 *     higher, because several people may share an address (an office behind one gateway)
 * @param firstDelay the wait after the first failure past the free ones; it doubles with each further failure
 * @param maxDelay the longest wait
 * @param forgetAfter failures older than this are forgotten: the throttle lifts by itself
 * @param maxTracked how many users-at-addresses and addresses are remembered at most (bounds the memory)
 */
@Validated
@ConfigurationProperties(prefix = "baton.login-throttle")
public record LoginThrottleSettings(
    @Min(0) int freeFailuresPerUser,
    @Min(0) int freeFailuresPerAddress,
    @NotNull Duration firstDelay,
    @NotNull Duration maxDelay,
    @NotNull Duration forgetAfter,
    @Min(1) long maxTracked) {}
