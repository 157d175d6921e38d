package dev.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.crm.DealWon;
import dev.baton.support.BatonIntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@BatonIntegrationTest
class HandoffStartTest {

  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired ObjectMapper json;

  @Test
  void theWebhookTransactionOnlyInsertsTheInstanceAndTheDealIsReadByAJob() throws Exception {
    String dealId = UUID.randomUUID().toString();
    DealWon deal = new DealWon("salesforce", dealId, "acc-" + dealId, "Acme", new BigDecimal("12000.50"), "EUR",
        LocalDate.parse("2026-11-20"), null, null, null, null, null,
        List.of(new DealWon.Contact("Ann Buyer", "ann@acme.test", "champion")));
    ProcessInstance instance = runtime.startProcessInstanceByKey("SalesToCsHandoff", deal.businessKey(),
        Variables.createVariables().putValue("crm", deal.crm()).putValue("dealId", dealId)
            .putValue("deal", SpinValues.jsonValue(json.writeValueAsString(deal)).create()));

    assertThat(runtime.getVariable(instance.getId(), "accountId")).isNull();
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
  }
}
