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
import java.util.List;

/** One of the {@link Segments} (in any case); null passes. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConfiguredSegment.Validator.class)
@interface ConfiguredSegment {

  String message() default "is not a segment";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<ConfiguredSegment, String> {

    private final Segments segments;

    Validator(Segments segments) {
      this.segments = segments;
    }

    @Override
    public boolean isValid(String segment, ConstraintValidatorContext context) {
      List<String> all = segments.all();
      if (segment == null || all.isEmpty() || segments.find(segment).isPresent()) {
        return true;
      }
      return Violations.report(context, "'" + Excerpt.of(segment) + "' is not a segment; use one of " + all
          + " (what processes/CustomerSegmentation.dmn outputs), or leave it out");
    }
  }
}
