package dev.baton.mail;

import java.util.regex.Pattern;

/**
 * The one e-mail address check, wherever an address comes in (a CRM's deal, a checklist, a success plan's
 * approver): a practical one, not RFC 5322's whole grammar. A local part of the characters mail servers
 * accept unquoted, dot-separated; @; a domain of at least two labels, each at most 63 characters.
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
}
