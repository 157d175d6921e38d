package dev.baton.portfolio;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.NativeProcessInstanceQuery;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every native SQL the book of business runs on Camunda's tables (docs/engine-extensions.md), where the public
 * queries would read far more than needed: the running instances of a page's accounts in one query, and the
 * moments of truth of a period as narrow rows (account, on time, duration), each with its account, instead of
 * whole historic entities and a second round of variable queries. Table names come from the public
 * {@link ManagementService#getTableName}; the columns are those Camunda's own queries use.
 */
@Component
class CamundaTablesSql {

  /** The variable every Baton process carries its account in (a handoff is keyed by its deal). */
  private static final String ACCOUNT_ID = OpenWorkReader.ACCOUNT_ID;
  /** ACT_HI_ACTINST.ACT_INST_STATE_ of an activity a boundary event or a timer cancelled. */
  private static final int CANCELED = 2;

  private final RuntimeService runtime;
  private final ManagementService management;
  private final JdbcClient jdbc;

  CamundaTablesSql(RuntimeService runtime, ManagementService management, JdbcClient jdbc) {
    this.runtime = runtime;
    this.management = management;
    this.jdbc = jdbc;
  }

  /** One moment reached: by which account (null: its instance has none), on time or late, how long it took (ms). */
  record Reached(String accountId, boolean onTime, long millis) {}

  /** The active (not suspended) process instances with these business keys, in one query. */
  List<ProcessInstance> activeInstancesWithBusinessKeys(Collection<String> businessKeys) {
    List<String> keys = List.copyOf(businessKeys);
    if (keys.isEmpty()) {
      return List.of();
    }
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      in.append(i == 0 ? "" : ", ").append("#{key").append(i).append('}');
    }
    NativeProcessInstanceQuery query = runtime.createNativeProcessInstanceQuery().sql("select RES.* from "
        + table(ProcessInstance.class) + " RES where RES.ID_ = RES.PROC_INST_ID_ and RES.SUSPENSION_STATE_ = 1"
        + " and RES.BUSINESS_KEY_ in (" + in + ")");
    for (int i = 0; i < keys.size(); i++) {
      query.parameter("key" + i, keys.get(i));
    }
    return query.list();
  }

  /** A running instance the risk order needs: its process, its business key, and whether it has a late step. */
  record NeedingAttention(String instanceId, String businessKey, String processKey, boolean late) {}

  /**
   * The active instances with an active step due before {@code now} (but those of {@code skippedProcess}), and the
   * active instances of the {@code processes}, in one query: what the task query by due date, the process instance
   * queries by key and by id gave in four.
   */
  List<NeedingAttention> instancesNeedingAttention(Date now, String skippedProcess, List<String> processes) {
    String instance = " from " + table(ProcessInstance.class) + " e join " + table(ProcessDefinition.class)
        + " d on d.ID_ = e.PROC_DEF_ID_ where e.ID_ = e.PROC_INST_ID_ and e.SUSPENSION_STATE_ = 1";
    return jdbc.sql("select e.ID_, e.BUSINESS_KEY_, d.KEY_, 1 as LATE_" + instance + " and d.KEY_ <> :skipped"
            + " and e.ID_ in (select t.PROC_INST_ID_ from " + table(Task.class) + " t"
            + " where t.SUSPENSION_STATE_ = 1 and t.DUE_DATE_ < :now)"
            + " union all select e.ID_, e.BUSINESS_KEY_, d.KEY_, 0 as LATE_" + instance + " and d.KEY_ in (:processes)")
        .param("skipped", skippedProcess).param("now", timestamp(now)).param("processes", processes)
        .query((rs, n) -> new NeedingAttention(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1))
        .list();
  }

  /**
   * Steps of the process completed in [start, end] (as HistoricTaskInstanceQuery's finishedAfter/finishedBefore):
   * on time when done by their due date (or without one), timed from creation to completion.
   */
  List<Reached> stepsDoneByDueDate(String processKey, List<String> stepIds, Date start, Date end) {
    return jdbc.sql("select " + account("t") + " as account_id, t.START_TIME_, t.END_TIME_, t.DUE_DATE_ from "
            + table(HistoricTaskInstance.class) + " t join " + table(ProcessDefinition.class) + " d on d.ID_ = t.PROC_DEF_ID_"
            + " where d.KEY_ = :key and t.TASK_DEF_KEY_ in (:steps) and t.END_TIME_ >= :start and t.END_TIME_ <= :end"
            + " and t.DELETE_REASON_ = 'completed'")
        .param("key", processKey).param("steps", stepIds).param("start", timestamp(start)).param("end", timestamp(end))
        .query((rs, n) -> {
          Timestamp due = rs.getTimestamp("DUE_DATE_");
          Timestamp ended = rs.getTimestamp("END_TIME_");
          return new Reached(rs.getString("account_id"), due == null || !ended.after(due),
              millis(rs.getTimestamp("START_TIME_"), ended));
        }).list();
  }

  /**
   * Steps completed in [start, end], late when the late event happened in their instance (up to the period's
   * end) before them; timed from the process's start (else the step's creation).
   */
  List<Reached> stepsDoneBeforeEvent(String processKey, List<String> stepIds, String lateEventId, Date start,
      Date end) {
    // Activities, not only user tasks: a digital onboarding launches by a service task, with no person's step.
    return jdbc.sql("select " + account("s") + " as account_id, s.START_TIME_, s.END_TIME_, p.START_TIME_ as PROC_START_,"
            + " (select min(a.START_TIME_) from " + table(HistoricActivityInstance.class) + " a"
            + " where a.PROC_INST_ID_ = s.PROC_INST_ID_ and a.ACT_ID_ = :lateEvent and a.START_TIME_ <= :end) as LATE_SINCE_"
            + " from " + table(HistoricActivityInstance.class) + " s join " + table(ProcessDefinition.class) + " d on d.ID_ = s.PROC_DEF_ID_"
            + " left join " + table(HistoricProcessInstance.class) + " p on p.ID_ = s.PROC_INST_ID_"
            + " where d.KEY_ = :key and s.ACT_ID_ in (:steps) and s.END_TIME_ >= :start and s.END_TIME_ <= :end"
            + " and s.ACT_INST_STATE_ <> :canceled")
        .param("key", processKey).param("steps", stepIds).param("lateEvent", lateEventId)
        .param("start", timestamp(start)).param("end", timestamp(end)).param("canceled", CANCELED)
        .query((rs, n) -> {
          Timestamp ended = rs.getTimestamp("END_TIME_");
          Timestamp late = rs.getTimestamp("LATE_SINCE_");
          Timestamp started = rs.getTimestamp("PROC_START_");
          return new Reached(rs.getString("account_id"), late == null || ended.before(late),
              millis(started != null ? started : rs.getTimestamp("START_TIME_"), ended));
        }).list();
  }

  /** Waits of the process that ended in [start, end]: on time when the answer ended them, late when a timer did. */
  List<Reached> waitsEnded(String processKey, List<String> activityIds, Date start, Date end) {
    List<Reached> reached = new ArrayList<>();
    for (String activityId : activityIds) {
      reached.addAll(jdbc.sql("select " + account("a") + " as account_id, a.START_TIME_, a.END_TIME_, a.ACT_INST_STATE_ from "
              + table(HistoricActivityInstance.class) + " a join " + table(ProcessDefinition.class) + " d on d.ID_ = a.PROC_DEF_ID_"
              + " where d.KEY_ = :key and a.ACT_ID_ = :activity and a.END_TIME_ is not null"
              + " and a.END_TIME_ >= :start and a.END_TIME_ <= :end")
          .param("key", processKey).param("activity", activityId).param("start", timestamp(start))
          .param("end", timestamp(end))
          .query((rs, n) -> new Reached(rs.getString("account_id"), rs.getInt("ACT_INST_STATE_") != CANCELED,
              millis(rs.getTimestamp("START_TIME_"), rs.getTimestamp("END_TIME_")))).list());
    }
    return reached;
  }

  /** The instance's account variable (not a task's), as HistoricVariableInstanceQuery shows it by default. */
  private String account(String alias) {
    return "(select max(v.TEXT_) from " + table(HistoricVariableInstance.class) + " v where v.PROC_INST_ID_ = "
        + alias + ".PROC_INST_ID_ and v.NAME_ = '" + ACCOUNT_ID + "' and v.TASK_ID_ is null"
        + " and (v.STATE_ <> 'DELETED' or v.STATE_ is null))";
  }

  private String table(Class<?> type) {
    return management.getTableName(type);
  }

  private static Timestamp timestamp(Date date) {
    return new Timestamp(date.getTime());
  }

  private static long millis(Date from, Date to) {
    return from == null || to == null ? 0 : Math.max(0, to.getTime() - from.getTime());
  }
}
