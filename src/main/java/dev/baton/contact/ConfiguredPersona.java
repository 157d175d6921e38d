package dev.baton.contact;

import dev.baton.web.Excerpt;
import dev.baton.web.Violations;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One of the personas of {@code baton.contacts.personas} (a typo would drop someone from a survey); blank passes. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConfiguredPersona.Validator.class)
@interface ConfiguredPersona {

  String message() default "is not a persona";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<ConfiguredPersona, String> {

    private final ContactProperties properties;

    Validator(ContactProperties properties) {
      this.properties = properties;
    }

    @Override
    public boolean isValid(String persona, ConstraintValidatorContext context) {
      if (persona == null || persona.isBlank() || properties.personas().contains(persona)) {
        return true;
      }
      return Violations.report(context, "'" + Excerpt.of(persona) + "' is not a persona; use one of "
          + properties.personas() + " (baton.contacts.personas)");
    }
  }
}
