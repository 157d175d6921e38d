-- Questions put to customers through signed links in mails (dev.baton.customer): one row per question,
-- answered at most once, until it expires.
create table baton_customer_question (
  id                  varchar(36)   primary key,
  process_instance_id varchar(64)   not null,
  account_id          varchar(100),
  message_name        varchar(255)  not null,
  title               varchar(500)  not null,
  body                varchar(4000),
  choices             varchar(2000) not null,
  allow_comment       boolean       not null,
  created_at          timestamp     not null,
  expires_at          timestamp     not null,
  answered_at         timestamp,
  answer              varchar(40),
  answer_comment      varchar(4000)
);
create index baton_customer_question_by_instance on baton_customer_question (process_instance_id);
