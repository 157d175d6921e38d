package dev.baton.mail;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Thymeleaf for mails: {@code templates/mail/<kind>.html} (HTML) and {@code .txt} (plain text),
 * one pair per kind of notification; also the few pages customers see ({@code templates/customer/*.html}).
 */
@Configuration(proxyBeanMethods = false)
class MailTemplates {

  @Bean
  TemplateEngine mailTemplateEngine() {
    SpringTemplateEngine engine = new SpringTemplateEngine();
    // Compiles the templates' expressions to bytecode once used: half of rendering a mail was interpreting them.
    engine.setEnableSpringELCompiler(true);
    engine.addTemplateResolver(resolver(TemplateMode.HTML, java.util.Set.of("mail/*.html", "customer/*.html"), 1));
    engine.addTemplateResolver(resolver(TemplateMode.TEXT, java.util.Set.of("mail/*.txt"), 2));
    return engine;
  }

  private static ClassLoaderTemplateResolver resolver(TemplateMode mode, java.util.Set<String> patterns, int order) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/");
    resolver.setTemplateMode(mode);
    resolver.setResolvablePatterns(patterns);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCheckExistence(true);
    resolver.setOrder(order);
    return resolver;
  }
}
