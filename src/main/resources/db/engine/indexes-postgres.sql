-- Indexes only PostgreSQL gets (migration 32 runs it after indexes.sql).

-- Timer storm: the job executor's poll skips jobs of process instances that already have a locked exclusive job
-- (NOT EXISTS over ACT_RU_JOB). PostgreSQL answers that with a scan of the whole job table per poll (85 ms
-- with 13,000 jobs waiting, RenewalSurveyBenchmark); only the few locked jobs need indexing.
create index if not exists baton_job_locked on ACT_RU_JOB (PROCESS_INSTANCE_ID_) where LOCK_OWNER_ is not null;

-- Tasklist at scale: every task and variable query of a user joins the grants that let them read, of the user and
-- their groups. Each open task carries its role group's work grant (task, UPDATE only; WorkOnlyTaskAuthorizations),
-- so the group's grants are mostly work grants: 4,545 rows read and dropped per query for a CSM at 50,000 open tasks.
-- This index holds the group grants other than those: PostgreSQL uses it whenever a query asks to read tasks (READ
-- on the task, 2) or anything else than tasks, and falls back to Camunda's group index otherwise (migration 50).
create index if not exists baton_auth_group_reads on ACT_RU_AUTHORIZATION (GROUP_ID_) where RESOURCE_TYPE_ <> 7 or PERMS_ & 2 = 2;
