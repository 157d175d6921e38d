-- Indexes Baton adds to Camunda's tables (docs/benchmarks.md): migration 32 (dev.baton.schema.CamundaTableIndexes),
-- after migration 31 made Camunda's tables; plain SQL that H2 and PostgreSQL both accept. "if not exists": a
-- database where a DBA ran this file by hand, or an earlier Baton made them at start, keeps its indexes.

-- Tasklist at scale: a role group's tasks ("My team's tasks": candidate group in the user's groups)
-- read from the index alone, instead of every identity link of the group and then its row.
create index if not exists BATON_IDX_IDENT_LNK_GROUP_TASK on ACT_RU_IDENTITYLINK (GROUP_ID_, TYPE_, TASK_ID_);

-- Tasklist at scale: the authorization check of every task query looks up the user's own grants by
-- user id; Camunda indexes the group id but not the user id, so without this the check reads the
-- whole table.
create index if not exists BATON_IDX_AUTH_USER on ACT_RU_AUTHORIZATION (USER_ID_);

-- The job executor polls for jobs due now: with every job dated (ensure-job-due-date-not-null in
-- application.yaml) that is a range on this index, which stops at the first few due jobs instead of
-- reading every timer that waits months ahead (FootprintBenchmark, RenewalSurveyBenchmark).
create index if not exists BATON_JOB_DUE_DATE on ACT_RU_JOB (DUEDATE_);

-- Jobs written before every job got a due date would never be polled again: date them, once.
update ACT_RU_JOB set DUEDATE_ = CURRENT_TIMESTAMP where DUEDATE_ is null;
