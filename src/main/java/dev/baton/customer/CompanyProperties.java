package dev.baton.customer;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who customers hear from: the company behind the mails and pages they see. Who the customer mails come from ({@code baton.company}, docs/operations.md#mail): the company's name, the
 * signature under every customer mail, the address replies go to, a logo, and how dates and amounts are
 * written for the customers ({@code locale}; the time zone is Baton's, {@code baton.time-zone}).
 *
 * @param name the company's name, in greetings, footers and the customer pages
 * @param signature the lines under every customer mail (new lines kept)
 * @param replyTo where the customers' replies go; empty: to the sender ({@code baton.mail.from})
 * @param logoUrl an https address of the logo shown atop customer mails and pages; empty: the name instead
 * @param website the company's web address, linked in the footer; empty: none
 * @param locale language and region for dates and amounts, e.g. {@code en-US}, {@code de-DE}
 */
@ConfigurationProperties("baton.company")
public record CompanyProperties(String name, String signature, String replyTo, String logoUrl, String website,
    String locale) {

  public CompanyProperties {
    name = name == null || name.isBlank() ? "Your Company" : name.strip();
    signature = signature == null || signature.isBlank() ? "The Customer Success team of " + name : signature.strip();
    replyTo = blankToNull(replyTo);
    logoUrl = blankToNull(logoUrl);
    website = blankToNull(website);
    locale = locale == null || locale.isBlank() ? "en-US" : locale.strip();
    if (replyTo != null) {
      try {
        new InternetAddress(replyTo, true);
      } catch (AddressException e) {
        throw new IllegalArgumentException("baton.company.reply-to: '" + replyTo
            + "' is not an e-mail address; give one such as success@example.com or Customer Success <success@example.com>", e);
      }
    }
    if (logoUrl != null && !logoUrl.startsWith("https://") && !logoUrl.startsWith("http://")) {
      throw new IllegalArgumentException("baton.company.logo-url: '" + logoUrl
          + "' is not a web address; give the https address of an image the customers' mail programs can load");
    }
    try {
      new Locale.Builder().setLanguageTag(locale);
    } catch (IllformedLocaleException e) {
      throw new IllegalArgumentException("baton.company.locale: '" + locale
          + "' is not a language tag; use one such as en-US, en-GB, de-DE or fr-FR", e);
    }
  }

  /** The locale dates and amounts are written in. */
  public Locale language() {
    return Locale.forLanguageTag(locale);
  }

  /** What templates read as {@code company}: name, signature lines, logo and website. */
  public Map<String, Object> forTemplates() {
    Map<String, Object> values = new HashMap<>();
    values.put("name", name);
    values.put("signature", signature);
    values.put("signatureLines", signatureLines());
    values.put("logoUrl", logoUrl);
    values.put("website", website);
    return values;
  }

  /** The signature's lines, for the HTML layout. */
  public List<String> signatureLines() {
    return Arrays.stream(signature.split("\\R")).map(String::strip).toList();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
