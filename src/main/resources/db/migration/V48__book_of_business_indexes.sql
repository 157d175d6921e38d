-- The book of business filtered, sorted by risk and paged in SQL (account.Accounts.pageByRisk,
-- docs/benchmarks.md, book of business at scale). The risk order reads each band's accounts in renewal date
-- order, so a page stops after its rows: (band, renewal date). The renewal and stage filters read their accounts
-- through an index instead of every account; the CSM filter and a CSM's own book use the team's (V1, V10).
create index baton_account_by_band on baton_account (health_band, renewal_date);
create index baton_account_by_renewal on baton_account (renewal_date);
-- The stage filter: the accounts whose processes recorded that stage.
create index baton_account_lifecycle_by_fact on baton_account_lifecycle (fact, fact_value, account_id);

-- The moments-of-truth report (portfolio.CamundaTablesSql) reads one moment's steps, or waits, ended in a period:
-- by step and end time, instead of every step of the period for each moment.
create index BATON_IDX_HI_TASK_STEP_END on ACT_HI_TASKINST (TASK_DEF_KEY_, END_TIME_);
create index BATON_IDX_HI_ACT_ID_END on ACT_HI_ACTINST (ACT_ID_, END_TIME_);
