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
import java.time.LocalDate;

/** A date within {@link AcceptedDates} ({@code baton.dates.earliest} to {@code latest}); null passes. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AcceptedDate.Validator.class)
public @interface AcceptedDate {

  String message() default "is out of range";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** A Spring bean (Spring's validator factory injects the configured range). */
  class Validator implements ConstraintValidator<AcceptedDate, LocalDate> {

    private final AcceptedDates dates;

    Validator(AcceptedDates dates) {
      this.dates = dates;
    }

    @Override
    public boolean isValid(LocalDate date, ConstraintValidatorContext context) {
      String problem = date == null ? null : dates.problem(date);
      return problem == null || Violations.report(context, problem);
    }
  }
}
