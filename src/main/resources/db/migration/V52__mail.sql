-- Every mail Baton sends (dev.baton.mail): written in the transaction of the event it reports, sent right after
-- that transaction commits, or, when that fails or Baton stops first, by a MailDelivery process (retried, then an
-- incident in Cockpit). delivery_id: that process instance; claimed_until: a node is sending it until then;
-- sent_at: handed to the SMTP server. The bodies are cleared once sent; the row stays for the account's timeline.
create table baton_mail (
  id                    varchar(64)     primary key,
  account_id            varchar(100),
  kind                  varchar(100)    not null,
  recipients            varchar(4000)   not null,
  subject               varchar(1000)   not null,
  html_body             varchar(1000000),
  text_body             varchar(1000000),
  customer_question_id  varchar(64),
  open_task_id          varchar(64),
  queued_at             timestamp       not null,
  claimed_until         timestamp,
  delivery_id           varchar(64),
  sent_at               timestamp
);
create index baton_mail_account on baton_mail (account_id, queued_at);
create index baton_mail_unsent on baton_mail (sent_at, queued_at);
