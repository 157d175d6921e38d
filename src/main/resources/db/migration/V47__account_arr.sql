-- The account's contract value (docs/portfolio.md, contract value): annual recurring revenue as an amount in an
-- ISO 4217 currency. Both null: not recorded. Set from the won deal at the handoff and by PUT /api/accounts/{id}.
alter table baton_account add column arr_amount numeric(15,2);
alter table baton_account add column arr_currency char(3);
