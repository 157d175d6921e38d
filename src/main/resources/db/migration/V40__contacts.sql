-- An account's contacts with their personas (dev.baton.contact, docs/lifecycle.md): the people at the
-- customer Baton's processes write to (the NPS survey, docs/domain.md#nps). The list is replaced as a
-- whole (PUT /api/accounts/{id}/contacts); position keeps the order it was given in.
create table baton_account_contact (
  account_id  varchar(100)  not null references baton_account (account_id) on delete cascade,
  position    integer       not null,
  name        varchar(200)  not null,
  email       varchar(320)  not null,
  title       varchar(200),
  persona     varchar(40)   not null,
  influence   varchar(10),
  primary key (account_id, position)
);
create index baton_account_contact_by_persona on baton_account_contact (account_id, persona);
