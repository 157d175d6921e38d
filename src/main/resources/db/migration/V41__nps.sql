-- The NPS programme (processes/NpsSurvey.bpmn, dev.baton.nps, docs/lifecycle.md): one row per survey
-- round of an account and one per respondent asked in it, kept after the process instance ends so the
-- account's NPS over the last 12 months can be computed without the engine.
create table baton_nps_survey (
  id                  varchar(36)   primary key,
  account_id          varchar(100)  not null references baton_account (account_id) on delete cascade,
  process_instance_id varchar(64)   not null,
  sent_at             timestamp     not null,
  closed_at           timestamp
);
create index baton_nps_survey_by_account on baton_nps_survey (account_id, sent_at);

-- status: asked (waiting), answered (score 0-10, optional comment) or no-response (nothing by answer-days).
create table baton_nps_response (
  survey_id     varchar(36)   not null references baton_nps_survey (id) on delete cascade,
  email         varchar(320)  not null,
  name          varchar(200),
  persona       varchar(40),
  status        varchar(20)   not null,
  score         integer,
  answer_comment varchar(4000),
  answered_at   timestamp,
  primary key (survey_id, email)
);
