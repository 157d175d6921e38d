-- Idempotent handoff start (dev.baton.handoff.HandoffStarter): one row per CRM deal whose handoff was
-- started. The business key (<crm>:<dealId>) is the primary key and the row is inserted in the same
-- transaction as the process start, so a deal sent twice (a retried webhook, or two at once) cannot
-- start a second handoff: the second insert waits for the first transaction and then fails.
create table baton_handoff_deal (
  business_key        varchar(200) primary key,
  crm                 varchar(40)  not null,
  deal_id             varchar(100) not null,
  process_instance_id varchar(64)  not null,
  created_at          timestamp    not null
);
