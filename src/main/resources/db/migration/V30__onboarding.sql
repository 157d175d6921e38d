-- Onboardings (processes/OnboardingKickoff.bpmn): one row per started onboarding. At most one per account
-- is open (ended_at null); the success plan is kept as JSON (objectives with baseline and target,
-- milestones with dates and owners, seed 004 ch. 11) so later reviews can read it without the engine.
create table baton_onboarding (
  process_instance_id   varchar(64)   primary key,
  account_id            varchar(100)  not null,
  handoff_instance_id   varchar(64),
  started_at            timestamp     not null,
  ended_at              timestamp,
  outcome               varchar(30),
  success_plan          varchar(20000),
  success_plan_status   varchar(30),
  time_to_value_days    integer
);
create index baton_onboarding_by_account on baton_onboarding (account_id, ended_at);
