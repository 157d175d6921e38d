package dev.baton.contact;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The personas a contact may have ({@code baton.contacts.personas}, docs/lifecycle.md#contacts). A closed
 * list, so a typo ("decison-maker") is refused at the API instead of silently leaving someone out of a
 * survey; a company that needs another persona adds it here.
 */
@ConfigurationProperties("baton.contacts")
public record ContactProperties(List<String> personas) {

  static final List<String> DEFAULT_PERSONAS = List.of("decision-maker", "executive-sponsor", "champion",
      "influencer", "user", "billing", "technical", "procurement");

  public ContactProperties {
    personas = personas == null || personas.isEmpty() ? DEFAULT_PERSONAS : List.copyOf(personas);
    for (String persona : personas) {
      if (!persona.matches("[a-z][a-z0-9-]{0,39}")) {
        throw new IllegalArgumentException("baton.contacts.personas: '" + persona
            + "' must be 1 to 40 lower-case letters, digits or dashes");
      }
    }
  }
}
