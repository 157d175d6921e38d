package dev.baton.onboarding;

import dev.baton.calendar.BusinessTime;
import dev.baton.engine.WithoutAuthorization;
import java.sql.Timestamp;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The onboarding table (V30__onboarding.sql): which onboarding runs for which account, its success plan. */
@Repository
class Onboardings {

  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final BusinessTime time;

  Onboardings(JdbcClient jdbc, RuntimeService runtime, BusinessTime time) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.time = time;
  }

  /** The open onboarding of the account; a row whose instance was deleted in Cockpit is closed as cancelled. */
  public Optional<String> running(String accountId) {
    Optional<String> open = jdbc.sql("select process_instance_id from baton_onboarding where account_id = ? and ended_at is null")
        .param(accountId).query(String.class).optional();
    if (open.isPresent() && WithoutAuthorization.call(() -> runtime.createProcessInstanceQuery()
        .processInstanceId(open.get()).count()) == 0) {
      end(open.get(), "cancelled", null);
      return Optional.empty();
    }
    return open;
  }

  void started(String processInstanceId, String accountId, String handoffInstanceId) {
    jdbc.sql("insert into baton_onboarding (process_instance_id, account_id, handoff_instance_id, started_at) values (?, ?, ?, ?)")
        .params(processInstanceId, accountId, handoffInstanceId, now()).update();
  }

  void successPlan(String processInstanceId, String planJson, String status) {
    jdbc.sql("update baton_onboarding set success_plan = ?, success_plan_status = ? where process_instance_id = ?")
        .params(planJson, status, processInstanceId).update();
  }

  void successPlanStatus(String processInstanceId, String status) {
    jdbc.sql("update baton_onboarding set success_plan_status = ? where process_instance_id = ?")
        .params(status, processInstanceId).update();
  }

  void end(String processInstanceId, String outcome, Integer timeToValueDays) {
    jdbc.sql("update baton_onboarding set ended_at = ?, outcome = ?, time_to_value_days = ? where process_instance_id = ? and ended_at is null")
        .params(now(), outcome, timeToValueDays, processInstanceId).update();
  }

  /** The success plan as stored (JSON), if any. */
  public Optional<String> successPlan(String processInstanceId) {
    return jdbc.sql("select success_plan from baton_onboarding where process_instance_id = ?")
        .param(processInstanceId).query(String.class).optional();
  }

  /** The confirmed success plan (JSON) of the account's latest onboarding that has one. */
  Optional<String> confirmedPlan(String accountId) {
    return jdbc.sql("""
            select success_plan from baton_onboarding
            where account_id = ? and success_plan_status = 'confirmed' and success_plan is not null
            order by started_at desc""")
        .param(accountId).query(String.class).list().stream().findFirst();
  }

  /** The newest success plan kept for the account (JSON), from its latest onboarding that drafted one. */
  Optional<String> latestSuccessPlanOf(String accountId) {
    return jdbc.sql("""
            select success_plan from baton_onboarding where account_id = ? and success_plan is not null
            order by started_at desc""")
        .param(accountId).query(String.class).list().stream().findFirst();
  }

  private Timestamp now() {
    return Timestamp.from(time.now());
  }
}
