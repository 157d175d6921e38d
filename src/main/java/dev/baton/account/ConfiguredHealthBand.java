package dev.baton.account;

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

/** One of the configured health bands ({@code baton.health.bands}); null passes. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConfiguredHealthBand.Validator.class)
@interface ConfiguredHealthBand {

  String message() default "is not a health band";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<ConfiguredHealthBand, String> {

    private final HealthBands health;

    Validator(HealthBands health) {
      this.health = health;
    }

    @Override
    public boolean isValid(String band, ConstraintValidatorContext context) {
      if (band == null || health.bands().contains(band)) {
        return true;
      }
      return Violations.report(context, "'" + Excerpt.of(band) + "' is not a health band; use one of "
          + String.join(", ", health.bands()) + " (baton.health.bands), or leave it out");
    }
  }
}
