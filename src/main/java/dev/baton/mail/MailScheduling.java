package dev.baton.mail;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs {@link MailSweeper} on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MailScheduling {}
