package dev.baton.handoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.account.AccountRepository;
import dev.baton.crm.DealHandoff;
import dev.baton.crm.DealWon;
import dev.baton.identity.IdentityBootstrap;
import dev.baton.support.Jobs;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** Starts handoffs as the webhooks do and walks them through their tasks. */
final class HandoffFixture {

  static final String PROCESS = "SalesToCsHandoff";

  final RuntimeService runtime;
  final TaskService tasks;
  final ManagementService management;
  final IdentityService identity;
  final AccountRepository accounts;
  final ObjectMapper json;
  final HandoffStarter starter;

  HandoffFixture(RuntimeService runtime, TaskService tasks, ManagementService management, IdentityService identity,
      AccountRepository accounts, ObjectMapper json, HandoffStarter starter) {
    this.starter = starter;
    this.runtime = runtime;
    this.tasks = tasks;
    this.management = management;
    this.identity = identity;
    this.accounts = accounts;
    this.json = json;
  }

  /** Starts the handoff as the webhooks do (HandoffStarter: business key and variables of docs/handoff.md). */
  ProcessInstance start(DealWon deal) {
    DealHandoff.Started started = starter.start(deal);
    if (!started.created()) {
      throw new AssertionError("Deal " + deal.businessKey() + " already had a handoff");
    }
    return runtime.createProcessInstanceQuery().processInstanceId(started.processInstanceId()).singleResult();
  }

  /** A Camunda user (optionally in a group) with a unique id and e-mail address. */
  String user(String prefix, String group) {
    String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    IdentityBootstrap.ensureUser(identity, id, "secret-" + UUID.randomUUID(), "Test", prefix, id + "@example.com");
    if (group != null) {
      IdentityBootstrap.ensureMembership(identity, id, group);
    }
    return id;
  }

  static String email(String userId) {
    return userId + "@example.com";
  }

  void runJobs(String processInstanceId) {
    Jobs.executeAll(management, processInstanceId);
  }

  Task task(String processInstanceId) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();
  }

  /** Every required field of the checklist form, as the Sales Rep submits it. */
  static Map<String, Object> checklist() {
    Map<String, Object> values = new HashMap<>();
    values.put("useCase", "Onboard 40 field engineers");
    values.put("pricingPlan", "Growth");
    values.put("painPoints", "Spreadsheets for every hand-over");
    values.put("contractStart", "2026-12-01");
    values.put("contractEnd", "2027-11-30");
    values.put("renewalDate", "2027-11-30");
    values.put("scopeModules", "Core, Reporting");
    values.put("champions", "Ann Buyer");
    values.put("decisionMakers", "Carl CFO");
    values.put("customerAsks", "SSO in the first month");
    values.put("goalsShortTerm", "Live in 6 weeks");
    values.put("successMeasures", "Hand-over time halved");
    values.put("roiAnalysis", "Saves 2 FTE");
    values.put("deploymentTimeline", "Pilot in January, rollout in February");
    values.put("renewalLikelihood", "likely");
    values.put("salesPerceptions", "Easy sale, procurement is slow");
    values.put("othersInvolved", "IT security lead, procurement");
    values.put("canServeToday", "partly");
    values.put("salesKickoffSignOff", "The Sales Rep");
    return values;
  }

  /** Mail deliveries queued for the account are sent now (their jobs run). */
  void sendMails(String accountId) {
    String[] deliveries = runtime.createProcessInstanceQuery().processDefinitionKey("MailDelivery")
        .processInstanceBusinessKey(accountId).list().stream().map(ProcessInstance::getId).toArray(String[]::new);
    Jobs.executeAll(management, deliveries);
  }

  static List<String> recipients(MimeMessage[] messages, String subjectPrefix) {
    List<String> to = new ArrayList<>();
    for (MimeMessage m : messages) {
      try {
        if (m.getSubject().startsWith(subjectPrefix)) {
          for (Address a : m.getAllRecipients()) {
            to.add(a.toString());
          }
        }
      } catch (MessagingException e) {
        throw new AssertionError(e);
      }
    }
    return to.stream().distinct().toList();
  }
}
