package dev.baton.mail;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * The one e-mail address check, wherever an address comes in (a CRM's deal, a checklist, a success plan's
 * approver): a practical one, not RFC 5322's whole grammar. A local part of the characters mail servers
 * accept unquoted, dot-separated; @; a domain of at least two labels, each at most 63 characters. On a request
 * record it is the constraint {@link Valid} (Bean Validation's own {@code @Email} accepts other addresses).
 */
public final class EmailAddress {

  /** The longest address SMTP carries (RFC 5321's path limit). */
  public static final int MAX_LENGTH = 254;

  private static final Pattern PATTERN = Pattern.compile(
      "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
          + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

  private EmailAddress() {}

  public static boolean valid(String address) {
    return address != null && address.length() <= MAX_LENGTH && PATTERN.matcher(address).matches();
  }

  /** The check as a Bean Validation constraint; null passes (pair it with {@code @NotBlank} where required). */
  @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = Valid.Check.class)
  public @interface Valid {

    String message() default "is not an e-mail address; use name@example.com (at most " + MAX_LENGTH + " characters)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Bean Validation's side of {@link EmailAddress#valid}. */
    class Check implements ConstraintValidator<Valid, String> {
      @Override
      public boolean isValid(String address, ConstraintValidatorContext context) {
        return address == null || valid(address);
      }
    }
  }
}
