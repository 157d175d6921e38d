package dev.baton.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.handoff.HandoffStarter;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the webhooks left in the database: handoff instances by business key and the dedupe row. */
final class Handoffs {

  private final RuntimeService runtime;
  private final JdbcClient jdbc;
  private final ObjectMapper json = new ObjectMapper();

  Handoffs(RuntimeService runtime, JdbcClient jdbc) {
    this.runtime = runtime;
    this.jdbc = jdbc;
  }

  List<ProcessInstance> instances(String businessKey) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(HandoffStarter.PROCESS_KEY)
        .processInstanceBusinessKey(businessKey).list();
  }

  /** Asserts exactly one handoff for the deal, with this id, and returns its {@code deal} variable. */
  JsonNode assertOneHandoff(String businessKey, String processInstanceId) throws Exception {
    List<ProcessInstance> instances = instances(businessKey);
    assertThat(instances).as("handoffs of %s", businessKey).hasSize(1);
    ProcessInstance instance = instances.get(0);
    assertThat(instance.getId()).isEqualTo(processInstanceId);
    int colon = businessKey.indexOf(':');
    assertThat(runtime.getVariable(instance.getId(), "crm")).isEqualTo(businessKey.substring(0, colon));
    assertThat(runtime.getVariable(instance.getId(), "dealId")).isEqualTo(businessKey.substring(colon + 1));
    assertThat(runtime.getVariables(instance.getId()).keySet()).containsExactlyInAnyOrder("crm", "dealId", "deal");
    assertThat(jdbc.sql("select process_instance_id from baton_handoff_deal where business_key = ?")
        .param(businessKey).query(String.class).list()).containsExactly(processInstanceId);
    return json.readTree(runtime.getVariable(instance.getId(), "deal").toString());
  }

  void assertNothingStarted(String businessKey) {
    assertThat(instances(businessKey)).as("handoffs of %s", businessKey).isEmpty();
    assertThat(jdbc.sql("select count(*) from baton_handoff_deal where business_key = ?").param(businessKey)
        .query(Long.class).single()).isZero();
  }
}
