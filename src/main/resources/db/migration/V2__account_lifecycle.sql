-- What the processes record about where an account stands (stage, onboarding status, time to value,
-- renewal likelihood, ...): one row per fact, so each capability adds facts without a schema change.
create table baton_account_lifecycle (
  account_id varchar(100)  not null references baton_account (account_id) on delete cascade,
  fact       varchar(50)   not null,
  fact_value varchar(500)  not null,
  updated_at timestamp     not null,
  primary key (account_id, fact)
);
