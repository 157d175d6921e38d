-- Handoff (issue 4): the least-loaded CSM is found by counting accounts per CSM
-- (select user_id, count(*) from baton_account_team where role_id = 'csm' group by user_id).
create index baton_account_team_by_role on baton_account_team (role_id, user_id);
