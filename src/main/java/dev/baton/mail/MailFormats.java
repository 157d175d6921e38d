package dev.baton.mail;

import dev.baton.calendar.BusinessTime;
import dev.baton.customer.CompanyProperties;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Currency;
import java.util.Date;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How mails write dates, times and amounts: in the company's language ({@code baton.company.locale}) and Baton's
 * time zone, the way a person writes them ("4 December 2026", "Dec 4, 2026, 5:00 PM UTC", "€120,000"), never as
 * a program prints them. Templates call it as {@code ${fmt.date(renewalDate)}}; it accepts the types Baton keeps
 * dates in (LocalDate, Instant, Date, ISO text) and returns anything else unchanged, so a template never fails.
 */
@Component
public class MailFormats {

  private final Locale locale;
  private final BusinessTime time;
  private final DateTimeFormatter day;
  private final DateTimeFormatter shortDay;
  private final DateTimeFormatter moment;

  MailFormats(CompanyProperties company, BusinessTime time) {
    this.locale = company.language();
    this.time = time;
    this.day = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
    this.shortDay = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
    this.moment = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale);
  }

  /** The day, e.g. "December 4, 2026" (en-US) or "4. Dezember 2026" (de-DE); empty for null. */
  public String date(Object value) {
    if (value == null) {
      return "";
    }
    LocalDate date = toDate(value);
    return date == null ? value.toString() : day.format(date);
  }

  /** The day in a line of text, e.g. "Dec 1, 2026" (en-US) or "01.12.2026" (de-DE); empty for null. */
  public String day(Object value) {
    if (value == null) {
      return "";
    }
    LocalDate date = toDate(value);
    return date == null ? value.toString() : shortDay.format(date);
  }

  /** The day and time in Baton's time zone, with the zone, e.g. "Dec 4, 2026, 5:00 PM (UTC)"; empty for null. */
  public String dateTime(Object value) {
    if (value == null) {
      return "";
    }
    ZonedDateTime at = toMoment(value);
    if (at == null) {
      LocalDate date = toDate(value);
      return date == null ? value.toString() : day.format(date);
    }
    return moment.format(at) + " (" + time.zone().getId() + ")";
  }

  /** An amount with its currency, e.g. "€120,000.00" or "120.000,00 €"; the number alone without a currency. */
  public String amount(Object value, Object currency) {
    if (value == null) {
      return "";
    }
    BigDecimal number;
    try {
      number = new BigDecimal(value.toString().strip());
    } catch (NumberFormatException e) {
      return value.toString();
    }
    NumberFormat format;
    try {
      format = currency == null || currency.toString().isBlank() ? NumberFormat.getNumberInstance(locale)
          : currencyFormat(Currency.getInstance(currency.toString().strip().toUpperCase(Locale.ROOT)), number);
    } catch (IllegalArgumentException unknownCurrency) {
      return NumberFormat.getNumberInstance(locale).format(number) + " " + currency;
    }
    return format.format(number);
  }

  /** Whole amounts without cents ("€120,000"), others with the currency's usual digits ("€120,000.50"). */
  private NumberFormat currencyFormat(Currency currency, BigDecimal number) {
    NumberFormat format = NumberFormat.getCurrencyInstance(locale);
    format.setCurrency(currency);
    boolean whole = number.stripTrailingZeros().scale() <= 0;
    int digits = whole ? 0 : Math.max(0, currency.getDefaultFractionDigits());
    format.setMinimumFractionDigits(digits);
    format.setMaximumFractionDigits(Math.max(digits, currency.getDefaultFractionDigits()));
    return format;
  }

  private LocalDate toDate(Object value) {
    if (value instanceof LocalDate date) {
      return date;
    }
    ZonedDateTime at = toMoment(value);
    if (at != null) {
      return at.toLocalDate();
    }
    try {
      return LocalDate.parse(value.toString().strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private ZonedDateTime toMoment(Object value) {
    Instant instant;
    if (value instanceof Instant i) {
      instant = i;
    } else if (value instanceof Date d) {
      instant = d.toInstant();
    } else if (value instanceof OffsetDateTime o) {
      instant = o.toInstant();
    } else if (value instanceof ZonedDateTime z) {
      instant = z.toInstant();
    } else if (value instanceof LocalDateTime l) {
      instant = l.atZone(time.zone()).toInstant();
    } else if (value instanceof TemporalAccessor) {
      instant = null; // a day without a time of day
    } else {
      instant = parseInstant(value.toString().strip());
    }
    return instant == null ? null : instant.atZone(time.zone());
  }

  private static Instant parseInstant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
