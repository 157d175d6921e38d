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

/** A currency code of ISO 4217 as Java knows them (in any case); null passes (NotNull says if it is required). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IsoCurrency.Validator.class)
@interface IsoCurrency {

  String message() default "is not an ISO 4217 currency code";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<IsoCurrency, String> {

    @Override
    public boolean isValid(String currency, ConstraintValidatorContext context) {
      if (currency == null || !currency.matches("[A-Za-z]{3}") || Arr.isCurrency(currency)) {
        return true;
      }
      return Violations.report(context, "'" + Excerpt.of(currency) + "' is not an ISO 4217 currency code; use one "
          + "such as USD, EUR or GBP");
    }
  }
}
