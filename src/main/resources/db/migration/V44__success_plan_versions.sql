-- The living success plan (docs/lifecycle.md#the-living-success-plan): every version of an account's plan,
-- from the one agreed at onboarding (version 1) through each business review. The newest is the current
-- plan; none is ever changed or removed. plan: JSON with objectives (progress and status per review) and
-- milestones; source: onboarding, business-review or value-review; recorded_by: who recorded it.
create table baton_success_plan_version (
  account_id   varchar(100)    not null,
  version      integer         not null,
  plan         varchar(100000) not null,
  recorded_at  timestamp       not null,
  source       varchar(30)     not null,
  recorded_by  varchar(200),
  primary key (account_id, version)
);
