/*
 * Baton: "Start process" in Tasklist's header is hidden (user-styles.css) until the engine says the
 * person logged in may start at least one process from Tasklist: the same question Tasklist's own
 * "Start process" dialog asks, with the permission check (CREATE_INSTANCE on the process definition
 * and CREATE on process instances). Staff start nothing by hand (deals arrive from the CRM, the other
 * processes follow), so they never see the button; administrators do.
 *
 * Tasklist renders the header's actions anew at each login, so each new button is checked once.
 */
const appRoot = document.querySelector('base').getAttribute('app-root');
const startable = appRoot + '/api/engine/engine/default/process-definition'
  + '?startableInTasklist=true&startablePermissionCheck=true&latestVersion=true&firstResult=0&maxResults=1';

function check(action) {
  action.setAttribute('data-baton-checked', 'true');
  fetch(startable, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(response => (response.ok ? response.json() : []))
    .then(definitions => Array.isArray(definitions) && definitions.length > 0)
    .catch(() => false)
    .then(mayStart => action.setAttribute('data-baton-startable', String(mayStart)));
}

function checkNewButtons() {
  document.querySelectorAll('li.start-process-action:not([data-baton-checked])').forEach(check);
}

new MutationObserver(checkNewButtons).observe(document.documentElement, { childList: true, subtree: true });
checkNewButtons();
