package dev.baton.mail;

import java.time.Instant;

/**
 * A mail Baton sent, or still has to send, about an account (its timeline shows them). {@code deliveryId}: the
 * MailDelivery process that took it over, if one did; {@code sentAt} is null while it waits.
 */
public record AccountMail(String id, String deliveryId, String subject, Instant queuedAt, Instant sentAt) {}
