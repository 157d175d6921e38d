package dev.baton.mail;

import dev.baton.customer.CompanyProperties;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders a mail's two bodies from its templates ({@code templates/mail/<kind>.html} and {@code .txt}). Besides
 * the model the caller gives, every template may use {@code company} (name, signature, logo, website: who the
 * customers hear from), {@code fmt} (dates, times and amounts as a person writes them), {@code publicBaseUrl},
 * {@code accountId} and {@code subject}.
 */
@Component
class MailRenderer {

  record Rendered(String html, String text) {}

  private final TemplateEngine templates;
  private final String publicBaseUrl;
  private final CompanyProperties company;
  private final MailFormats formats;

  MailRenderer(@Qualifier("mailTemplateEngine") TemplateEngine templates,
      @Value("${baton.public-base-url}") String publicBaseUrl, CompanyProperties company, MailFormats formats) {
    this.templates = templates;
    this.publicBaseUrl = publicBaseUrl;
    this.company = company;
    this.formats = formats;
  }

  Rendered render(OutgoingMail mail) {
    Map<String, Object> model = new HashMap<>(mail.model());
    model.putIfAbsent("publicBaseUrl", publicBaseUrl);
    model.putIfAbsent("accountId", mail.accountId());
    model.putIfAbsent("subject", mail.subject());
    model.put("company", company.forTemplates());
    model.put("fmt", formats);
    Context context = new Context();
    context.setVariables(model);
    return new Rendered(templates.process("mail/" + mail.kind() + ".html", context),
        templates.process("mail/" + mail.kind() + ".txt", context));
  }
}
