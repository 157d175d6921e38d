-- Baton's account store, beside Camunda's ACT_* tables. Migration numbers by capability:
-- V1-V9 accounts and RACI, V10-V19 handoff, V20-V29 health, V30-V39 onboarding, V40-V49 renewal.
create table baton_account (
  account_id   varchar(100) primary key,
  name         varchar(255) not null,
  segment      varchar(50),
  renewal_date date,
  health_band  varchar(20),
  created_at   timestamp    not null,
  updated_at   timestamp    not null
);

-- The account team: who holds which RACI role on the account (one person per role).
create table baton_account_team (
  account_id varchar(100) not null references baton_account (account_id) on delete cascade,
  role_id    varchar(50)  not null,
  user_id    varchar(100) not null,
  primary key (account_id, role_id)
);
create index baton_account_team_by_user on baton_account_team (user_id, role_id);
