-- Indexes only PostgreSQL gets (migration 32 runs it after indexes.sql).

-- Timer storm: the job executor's poll skips jobs of process instances that already have a locked exclusive job
-- (NOT EXISTS over ACT_RU_JOB). PostgreSQL answers that with a scan of the whole job table per poll (85 ms
-- with 13,000 jobs waiting, RenewalSurveyBenchmark); only the few locked jobs need indexing.
create index if not exists baton_job_locked on ACT_RU_JOB (PROCESS_INSTANCE_ID_) where LOCK_OWNER_ is not null;
