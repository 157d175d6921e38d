package dev.baton.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.calendar.BusinessTime;
import dev.baton.customer.CompanyProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mail template, rendered as a person receives it: with realistic data it reads as a company writes
 * (names, the company's signature, dates in words); with hostile data (HTML in names, non-ASCII, very long text)
 * the HTML stays intact and escaped, and no template shows a program's way of writing a date.
 */
class MailTemplatesTest {

  private static final Path TEMPLATES = Path.of("src/main/resources/templates/mail");
  /** The mails customers receive: in the company's frame, signed by it, never naming a login. */
  private static final List<String> CUSTOMER_MAILS = List.of("champion-success-plan", "handoff-welcome", "nps-survey", "nps-thank-you",
      "onboarding-satisfaction-survey", "onboarding-success-plan", "renewal-confirmation", "renewal-survey",
      "renewal-thank-you");
  private static final String HOSTILE = "<b onmouseover=\"alert(1)\">Zoë & Søren 'O'Brien' 北京</b> "
      + "Ünternehmensberatungsgesellschaft mit beschränkter Haftung ".repeat(4);
  private static final Instant NOW = Instant.parse("2026-12-04T16:30:00Z");
  private static final CompanyProperties COMPANY = new CompanyProperties("Northstar Analytics",
      "Customer Success at Northstar Analytics\nsuccess@northstar.example", "success@northstar.example",
      "https://northstar.example/logo.png", "https://northstar.example", "en-US");

  static Stream<String> kinds() throws IOException {
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".html"))
          .map(n -> n.substring(0, n.length() - ".html".length())).filter(k -> !k.equals("customer-layout"))
          .sorted().toList().stream();
    }
  }

  @Test
  void everyHtmlTemplateHasItsTextAlternative() throws IOException {
    for (String kind : kinds().toList()) {
      assertThat(TEMPLATES.resolve(kind + ".txt")).as(kind).exists();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void hostileDataIsEscapedInHtmlAndNoTemplatePrintsARawDate(String kind) throws IOException {
    MailRenderer.Rendered mail = renderer(COMPANY).render(new OutgoingMail(kind, List.of("x@example.com"), HOSTILE,
        hostileModel(kind), "acct-1"));

    assertThat(mail.html()).doesNotContain("<b onmouseover").contains("&lt;b onmouseover=&quot;alert(1)&quot;&gt;")
        .contains("Zoë").doesNotContain("[(", "${");
    assertThat(mail.text()).doesNotContain("[(", "[#", "${", "&lt;").contains("Zoë & Søren");
    for (String body : List.of(mail.html(), mail.text())) {
      // Neither Date.toString ("Fri Dec 04 16:30:00 UTC 2026") nor ISO timestamps reach a reader.
      assertThat(body).as(kind).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:")
          .doesNotContainPattern("[A-Z][a-z]{2} [A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2}");
    }
    if (CUSTOMER_MAILS.contains(kind)) {
      assertThat(mail.html()).as(kind).contains("max-width:600px", "https://northstar.example/logo.png",
          "Customer Success at Northstar Analytics", "success@northstar.example");
      assertThat(mail.text()).as(kind).contains("Customer Success at Northstar Analytics", "Northstar Analytics");
    }
  }

  @Test
  void theWelcomeReadsAsTheCompanyWritesIt() {
    Map<String, Object> model = Map.of("accountName", "Acme Corp", "contactName", "Ann Buyer",
        "csmName", "Casey Morgan", "csmEmail", "casey@northstar.example", "csLeadName", "Lee Fischer",
        "kickoffDate", "2026-12-08");

    MailRenderer.Rendered mail = renderer(COMPANY).render(new OutgoingMail("handoff-welcome",
        List.of("ann@acme.example"), "Welcome, Acme Corp: meet your Customer Success team", model, "acme"));

    assertThat(mail.text()).contains("Hello Ann Buyer,", "thank you for choosing Northstar Analytics",
        "Casey Morgan is your Customer Success Manager", "(we suggest December 8, 2026)",
        "Customer Success at Northstar Analytics\nsuccess@northstar.example");
    assertThat(mail.html()).contains("<strong>Casey Morgan</strong>", "December 8, 2026");
  }

  @Test
  void withoutALogoTheCompanysNameHeadsTheMailAndSignsItByDefault() {
    CompanyProperties plain = new CompanyProperties("Northstar Analytics", null, null, null, null, null);

    MailRenderer.Rendered mail = renderer(plain).render(new OutgoingMail("renewal-thank-you",
        List.of("ann@acme.example"), "Thank you", Map.of("accountName", "Acme Corp"), "acme"));

    assertThat(mail.html()).doesNotContain("<img").contains("The Customer Success team of Northstar Analytics");
    assertThat(mail.text()).contains("The Customer Success team of Northstar Analytics");
  }

  @Test
  void datesAndAmountsFollowTheCompanysLanguageAndBatonsTimeZone() {
    BusinessTime berlin = new BusinessTime(Clock.fixed(NOW, ZoneId.of("Europe/Berlin")));
    MailFormats german = new MailFormats(new CompanyProperties("N", null, null, null, null, "de-DE"), berlin);
    MailFormats american = new MailFormats(COMPANY, new BusinessTime(Clock.fixed(NOW, ZoneId.of("UTC"))));

    assertThat(american.date(LocalDate.parse("2027-03-31"))).isEqualTo("March 31, 2027");
    assertThat(american.date("2027-03-31")).isEqualTo("March 31, 2027");
    assertThat(german.date(LocalDate.parse("2027-03-31"))).isEqualTo("31. März 2027");
    // 16:30 UTC is 17:30 in Berlin: the reader's day and hour, with the zone named.
    assertThat(german.dateTime(Date.from(NOW))).contains("04.12.2026", "17:30", "(Europe/Berlin)");
    assertThat(american.dateTime(NOW.toString())).contains("Dec 4, 2026", "4:30", "(UTC)");
    assertThat(american.amount(120000, "EUR")).isEqualTo("€120,000");
    assertThat(german.amount("120000.5", "EUR")).isEqualTo("120.000,50\u00a0€"); // a no-break space, as German writes it
    assertThat(american.amount(120000, null)).isEqualTo("120,000");
    assertThat(american.amount(5, "XYZ1")).isEqualTo("5 XYZ1");
    assertThat(american.date(null)).isEmpty();
    assertThat(american.date("next week")).isEqualTo("next week");
  }

  private static MailRenderer renderer(CompanyProperties company) {
    BusinessTime time = new BusinessTime(Clock.fixed(NOW, ZoneId.of("UTC")));
    return new MailRenderer(new MailTemplates().mailTemplateEngine(), "https://baton.example", company,
        new MailFormats(company, time));
  }

  /** A hostile value for every variable the templates name, in the type Baton passes it. */
  private static Map<String, Object> hostileModel(String kind) throws IOException {
    Map<String, Object> model = new HashMap<>();
    for (String name : variables(kind)) {
      model.put(name, HOSTILE);
    }
    model.put("openSteps", List.of(HOSTILE, HOSTILE));
    model.put("values", List.of(new Value(HOSTILE, HOSTILE)));
    model.put("scores", List.of(Map.of("score", 0, "url", "https://baton.example/q/0"),
        Map.of("score", 10, "url", "https://baton.example/q/10")));
    model.put("answerDays", 14);
    model.put("answered", true);
    model.put("days", 5);
    model.put("targetDays", 30);
    model.put("slaDays", 3);
    model.put("score", 3);
    model.put("reviewNumber", 1);
    for (String date : List.of("renewalDate", "nextRenewalDate", "closeDate", "kickoffDate")) {
      model.put(date, LocalDate.parse("2027-03-31"));
    }
    model.put("deadline", Date.from(NOW));
    model.put("dueDate", NOW);
    model.put("completedAt", NOW);
    model.put("validUntil", NOW.atZone(ZoneId.of("UTC")));
    model.put("linksExpire", NOW);
    return model;
  }

  private static TreeSet<String> variables(String kind) throws IOException {
    TreeSet<String> names = new TreeSet<>();
    for (String ext : List.of(".html", ".txt")) {
      Matcher m = Pattern.compile("\\$\\{!?#?([a-zA-Z]+)").matcher(Files.readString(TEMPLATES.resolve(kind + ext)));
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    names.removeAll(List.of("company", "fmt", "lists", "strings", "s", "v", "step", "line", "row"));
    return names;
  }

  /** A value entered on a form, as the RACI mails list them. */
  public record Value(String name, String value) {}
}
