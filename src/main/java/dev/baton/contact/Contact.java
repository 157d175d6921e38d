package dev.baton.contact;

import dev.baton.mail.EmailAddress;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A person at the customer and the part they play for the account (docs/lifecycle.md#contacts): the
 * persona decides which processes write to them (the NPS survey asks decision makers, executive sponsors,
 * champions and users), the influence how much their voice weighs when the CSM plans.
 *
 * @param persona one of {@code baton.contacts.personas}, e.g. {@code decision-maker}, {@code champion}
 * @param influence {@code high}, {@code medium} or {@code low}; may be null
 */
public record Contact(
    @NotBlank(message = "required: the contact's full name") @Size(max = 200, message = "must be at most 200 characters")
    String name,
    @NotBlank(message = "required: the contact's e-mail address")
    @EmailAddress.Valid
    String email,
    @Size(max = 200, message = "must be at most 200 characters")
    String title,
    @NotBlank(message = "required: the contact's persona, e.g. decision-maker, executive-sponsor, champion, user, billing")
    @ConfiguredPersona
    String persona,
    @Pattern(regexp = "high|medium|low", message = "must be one of high, medium, low")
    String influence) {

  public Contact {
    email = email == null ? null : email.strip();
    persona = persona == null ? null : persona.strip();
  }

  public boolean hasPersona(String wanted) {
    return wanted.equals(persona);
  }
}
