package dev.baton.calendar;

import dev.baton.web.Violations;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * The time a measurement was taken: not ahead of the server clock by more than
 * {@code baton.dates.clock-skew}, not before {@code baton.dates.earliest}; null passes.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = MeasuredAt.Validator.class)
public @interface MeasuredAt {

  String message() default "is out of range";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** A Spring bean (Spring's validator factory injects the configured range). */
  class Validator implements ConstraintValidator<MeasuredAt, OffsetDateTime> {

    private final AcceptedDates dates;

    Validator(AcceptedDates dates) {
      this.dates = dates;
    }

    @Override
    public boolean isValid(OffsetDateTime time, ConstraintValidatorContext context) {
      String problem = time == null ? null : dates.measuredProblem(time, Clock.systemUTC());
      return problem == null || Violations.report(context, problem);
    }
  }
}
