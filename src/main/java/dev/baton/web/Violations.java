package dev.baton.web;

import jakarta.validation.ConstraintValidatorContext;

/** Reports a violation with a message built at validation time. */
public final class Violations {

  private Violations() {}

  /** Always false (invalid). The message is escaped: Bean Validation would interpolate {...} and ${...} in it. */
  public static boolean report(ConstraintValidatorContext context, String message) {
    context.disableDefaultConstraintViolation();
    context.buildConstraintViolationWithTemplate(escape(message)).addConstraintViolation();
    return false;
  }

  public static String escape(String message) {
    return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
  }
}
