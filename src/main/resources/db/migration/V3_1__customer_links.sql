-- The links in customer mails (dev.baton.customer.CustomerLinks). A link's token is made when its mail is
-- sent and exists only in that mail; Baton keeps the token's hash (HMAC-SHA256 keyed with
-- CUSTOMER_LINK_SECRET), enough to recognise the token and not to rebuild it. One row per choice and
-- sending attempt: a mail sent again after a crash carries new tokens, and those of the first attempt
-- keep working in case that copy reached the customer. Links sent before this table existed (the
-- question id, the answer and a signature in the URL) are no longer accepted.
create table baton_customer_link (
  token_hash  varchar(64)  primary key,
  question_id varchar(36)  not null references baton_customer_question (id) on delete cascade,
  answer      varchar(40)  not null,
  created_at  timestamp    not null
);
create index baton_customer_link_by_question on baton_customer_link (question_id);
