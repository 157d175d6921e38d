package dev.baton.renewal;

import static dev.baton.renewal.RenewalTestSupport.NOW;
import static dev.baton.renewal.RenewalTestSupport.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.account.AccountService;
import dev.baton.contact.AccountContacts;
import dev.baton.contact.Contact;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The renewal and the account's contacts (docs/lifecycle.md#where-contacts-come-from): the value review's
 * people join the contact list with their personas, and without a decision maker named there the survey
 * goes to the account's decision-maker contact.
 */
@BatonIntegrationTest
class RenewalContactsTest {

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();

  @Autowired ProcessEngine engine;
  @Autowired AccountService accountService;
  @Autowired AccountContacts contacts;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  RenewalTestSupport renewals;
  String account;
  LocalDate renewal;
  ProcessInstance instance;

  @BeforeEach
  void reviewDue() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    renewals = new RenewalTestSupport(accountService, runtime, tasks, management);
    renewal = today().plusDays(95);
    account = renewals.save(RenewalTestSupport.newAccountId("contacts"), renewal);
    instance = renewals.instance(account);
    execute(job("Event_ReviewDue", instance));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theValueReviewsPeopleJoinTheContactListAndListedPeopleKeepTheirEntry() {
    contacts.replace(account, List.of(new Contact("Tess Teamlead", "team1@customer.test", "Team lead", "champion", "high")));

    renewals.completeReviews(instance, "dana@customer.test");

    assertThat(contacts.of(account)).containsExactly(
        new Contact("Tess Teamlead", "team1@customer.test", "Team lead", "champion", "high"),
        new Contact("Dana Decider", "dana@customer.test", null, "decision-maker", null),
        new Contact("exec@customer.test", "exec@customer.test", null, "executive-sponsor", null),
        new Contact("team2@customer.test", "team2@customer.test", null, "user", null));
  }

  @Test
  void withoutADecisionMakerOnTheValueReviewTheSurveyGoesToTheDecisionMakerContact() throws Exception {
    contacts.replace(account, List.of(new Contact("Dora Director", "dora@customer.test", "CFO", "decision-maker", "high")));
    renewals.complete(instance, "Task_InternalAccountReview", Map.of("valueDeliveredSoFar", "Goals met",
        "renewalApproach", "standard", "internalAgreement", true));
    renewals.invite(instance);
    renewals.complete(instance, "Task_ValueReview", Map.of("valueDelivered", "Faster onboarding",
        "nextObjectives", "Roll out to sales"));

    ClockUtil.setCurrentTime(RenewalTestSupport.due(renewal, 90));
    execute(job("Event_SurveyDue", instance));
    renewals.sendMails(account);

    List<MimeMessage> surveys = Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> subject(m).startsWith("How likely are you to renew?")).toList();
    assertThat(surveys).hasSize(1);
    assertThat(surveys.get(0).getAllRecipients()[0].toString()).isEqualTo("dora@customer.test");
    assertThat(dev.baton.support.TestMailServer.plainText(surveys.get(0))).contains("Hello Dora Director");
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
