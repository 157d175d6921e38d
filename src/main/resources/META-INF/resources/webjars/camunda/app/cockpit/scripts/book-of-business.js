/*
 * Baton's pages inside Cockpit (docs/portfolio.md): the four numbers a CS Lead looks at first on the dashboard,
 * "Accounts" (the book of business, sorted by risk, with filters) and "Account" (team, health, timeline).
 * They read Baton's read API with the Cockpit login itself (the webapps' session; Baton answers GET only that
 * way), and show each person only the accounts they may see. Plain DOM, no build step; all text is escaped.
 */
import { chartJs, esc, failed, hashQuery, money, read } from './baton-common.js';

const STAGES = { handoff: 'Handoff', onboarding: 'Onboarding', live: 'Live', churned: 'Churned' };
const TRENDS = { worse: 'worse', better: 'better', steady: 'steady' };
const LIKELIHOODS = { likely: 'Likely to renew', unsure: 'Unsure', 'not-likely': 'Not likely' };
const SEGMENTS = ['Enterprise', 'Mid-Market', 'SMB', 'Tech-touch'];
const BANDS = ['red', 'yellow', 'green'];
const BAND_COLOURS = { red: '#c9302c', yellow: '#b8860b', green: '#3c763d' };
const PERSONAS = {
  'decision-maker': 'decision maker', 'executive-sponsor': 'executive sponsor', champion: 'champion', user: 'user',
  billing: 'billing'
};
const STATUSES = { 'on-track': 'on track', 'at-risk': 'at risk', achieved: 'achieved', dropped: 'dropped' };
const SOURCES = { onboarding: 'agreed at onboarding', 'business-review': 'from a business review',
  'value-review': 'from the value review' };

function day(value) {
  return value ? new Date(value.length === 10 ? value + 'T00:00:00' : value).toLocaleDateString() : '';
}

function moment(value) {
  return value ? new Date(value).toLocaleString() : '';
}

function band(value) {
  if (!value) {
    return '<span class="text-muted">not measured</span>';
  }
  const colour = BAND_COLOURS[value] || '#b8860b';
  return `<span class="baton-band" data-band="${esc(value)}" style="display:inline-block;padding:1px 8px;`
    + `border-radius:8px;color:#fff;background:${colour}">${esc(value)}</span>`;
}

/* The dashboard: four numbers with links to the pages. */
function renderDashboard(node) {
  node.innerHTML = '<section class="baton-dashboard"><h3>Book of business</h3><p>Loading...</p></section>';
  read('/portfolio/summary').then(s => {
    const tile = (label, value, link, note) => `<a class="baton-number" href="${link}" style="display:inline-block;`
      + 'min-width:180px;margin:0 16px 16px 0;padding:12px 16px;border:1px solid #ddd;border-radius:4px;'
      + `text-decoration:none"><div style="font-size:28px;font-weight:bold">${esc(value)}</div>`
      + `<div>${esc(label)}</div>${note ? `<div class="text-muted">${esc(note)}</div>` : ''}</a>`;
    node.innerHTML = '<section class="baton-dashboard"><h3>Book of business</h3>'
      + tile('Red accounts', s.redAccounts, '#/accounts?healthBand=red')
      + tile('Late moments of truth', s.lateMomentsOfTruth, '#/accounts', 'open steps past due')
      + tile('ARR renewing in 90 days at risk', money(s.arrRenewingAtRisk.amount, s.arrRenewingAtRisk.currency),
        '#/renewals', `${s.renewalsWithin90Days} renewal${s.renewalsWithin90Days === 1 ? '' : 's'} in 90 days`
          + s.arrRenewingAtRisk.notConverted
          .map(n => `; ${n.accounts} in ${n.currency} not converted: no rate`).join(''))
      + tile('Open escalations', s.openEscalations, '#/accounts?healthBand=red')
      + `<p><a href="#/accounts">All ${esc(s.accounts)} accounts</a> · <a href="#/moments-of-truth">Moments of truth</a>`
      + ' · <a href="#/renewals">Renewals</a> · <a href="#/team">Team</a></p></section>';
  }).catch(error => failed(node, error));
}

function options(values, labels, chosen, none) {
  return `<option value="">${esc(none)}</option>` + values.map(v =>
    `<option value="${esc(v)}"${v === chosen ? ' selected' : ''}>${esc(labels ? labels[v] : v)}</option>`).join('');
}

/* Accounts: the book of business, sorted by risk (red and late first), with filters and pages. */
function renderAccounts(node) {
  const query = hashQuery();
  const state = { page: 0, size: 25 };
  node.innerHTML = `<section class="baton-accounts" style="padding:16px"><h2>Accounts</h2>
    <form class="form-inline baton-filters" style="margin-bottom:12px">
      <input class="form-control" name="q" placeholder="Account name" value="${esc(query.get('q') || '')}">
      <input class="form-control" name="csm" placeholder="Customer Success Manager (user)" value="${esc(query.get('csm') || '')}">
      <select class="form-control" name="segment">${options(SEGMENTS, null, query.get('segment'), 'Any segment')}</select>
      <select class="form-control" name="healthBand">${options(BANDS, null, query.get('healthBand'), 'Any health')}</select>
      <select class="form-control" name="stage">${options(Object.keys(STAGES), STAGES, query.get('stage'), 'Any stage')}</select>
      <select class="form-control" name="renewalWithinDays">${options(['30', '60', '90', '180', '365'],
        { 30: 'Renewal within 30 days', 60: 'Renewal within 60 days', 90: 'Renewal within 90 days',
          180: 'Renewal within 180 days', 365: 'Renewal within a year' }, query.get('renewalWithinDays'), 'Any renewal date')}</select>
      <button class="btn btn-default" type="submit">Show</button>
    </form>
    <div class="baton-result">Loading...</div></section>`;
  const form = node.querySelector('form');
  const result = node.querySelector('.baton-result');

  const load = () => {
    const params = new URLSearchParams();
    new FormData(form).forEach((value, name) => {
      if (String(value).trim() !== '') {
        params.set(name, String(value).trim());
      }
    });
    params.set('page', state.page);
    params.set('size', state.size);
    read('/accounts?' + params).then(page => {
      const rows = page.accounts.map(a => {
        const m = a.momentOfTruth;
        return `<tr class="baton-account${a.late ? ' danger' : ''}" data-account="${esc(a.accountId)}">
          <td><a href="#/account?id=${encodeURIComponent(a.accountId)}">${esc(a.name)}</a></td>
          <td>${esc(a.segment)}</td><td>${esc(a.csm)}</td>
          <td>${a.arr == null ? '<span class="text-muted">not recorded</span>' : esc(money(a.arr.amount, a.arr.currency))}</td>
          <td>${band(a.healthBand)} ${a.healthTrend ? `<small>${esc(TRENDS[a.healthTrend])} in 90 days</small>` : ''}
            <div class="text-muted">${esc(a.healthReason)}</div></td>
          <td>${esc(STAGES[a.stage] || a.stage)}</td>
          <td>${m ? `${esc(m.process)}: ${esc(m.step)}<div>due ${esc(moment(m.due))}${m.late
            ? ' <strong class="baton-late" style="color:#c9302c">late</strong>' : ''}</div>` : '<span class="text-muted">nothing open</span>'}</td>
          <td>${esc(day(a.renewalDate))}<div class="text-muted">${esc(LIKELIHOODS[a.renewalLikelihood] || '')}</div></td>
        </tr>`;
      }).join('');
      const last = Math.max(0, Math.ceil(page.total / page.size) - 1);
      result.innerHTML = `<p class="baton-total">${esc(page.total)} accounts, most at risk first</p>
        <table class="table table-condensed cam-table baton-table"><thead><tr><th>Account</th><th>Segment</th>
        <th>Customer Success Manager</th><th>ARR</th><th>Health</th><th>Stage</th><th>Moment of truth in progress</th>
        <th>Renewal</th></tr></thead><tbody>${rows || '<tr><td colspan="8">No account matches.</td></tr>'}</tbody></table>
        <p>Page ${esc(page.page + 1)} of ${esc(last + 1)}
        <button class="btn btn-default btn-xs baton-previous"${page.page <= 0 ? ' disabled' : ''}>Previous</button>
        <button class="btn btn-default btn-xs baton-next"${page.page >= last ? ' disabled' : ''}>Next</button></p>`;
      result.querySelector('.baton-previous').onclick = () => { state.page--; load(); };
      result.querySelector('.baton-next').onclick = () => { state.page++; load(); };
    }).catch(error => failed(result, error));
  };
  form.addEventListener('submit', event => {
    event.preventDefault();
    state.page = 0;
    load();
  });
  load();
}

/* Account: its line, team, health with its history, and the timeline of everything Baton knows. */
function renderAccount(node) {
  const id = hashQuery().get('id') || '';
  node.innerHTML = '<section class="baton-account-page" style="padding:16px"><p>Loading...</p></section>';
  const section = node.querySelector('section');
  read('/accounts/' + encodeURIComponent(id) + '/timeline', 'This account is not in your book of business.').then(t => {
    const a = t.account;
    const m = a.momentOfTruth;
    const team = t.team.map(member => `<li>${esc(member.role)}: ${esc(member.name)}</li>`).join('');
    const health = t.health.map(p => `<li>${esc(moment(p.at))}: ${band(p.band)} ${esc(p.reason)}</li>`).join('');
    const drawHealth = box => {
      // The band over the last 90 days as steps: worst band at the bottom.
      const points = t.health.slice().sort((x, y) => new Date(x.at) - new Date(y.at));
      if (points.length === 0) {
        return;
      }
      if (points[0].previousBand) {
        // Where the first change came from, so a single change still shows as a step.
        points.unshift({ at: points[0].at, band: points[0].previousBand });
      }
      chartJs().then(Chart => {
        box.innerHTML = '<canvas class="baton-health-chart"></canvas>';
        new Chart(box.querySelector('canvas'), {
          type: 'line',
          data: { labels: points.map(p => day(p.at)), datasets: [{ label: 'Health', stepped: true, borderColor: '#555',
            pointBackgroundColor: points.map(p => BAND_COLOURS[p.band] || '#777'),
            data: points.map(p => Math.max(0, BANDS.indexOf(p.band)) + 1) }] },
          options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } },
            scales: { y: { min: 1, max: BANDS.length, ticks: { stepSize: 1, callback: v => BANDS[v - 1] || '' } } } }
        });
      }).catch(() => { box.innerHTML = ''; });
    };
    const people = (t.contacts || []).map(c => `<li>${esc(c.name)}${c.title ? ', ' + esc(c.title) : ''}
      <span class="text-muted">(${esc(PERSONAS[c.persona] || c.persona)})</span>
      <a href="mailto:${esc(c.email)}">${esc(c.email)}</a></li>`).join('');
    const plan = t.successPlan;
    const objectives = plan ? Array.from(plan.objectives || []).map(o => `<tr class="baton-objective">
      <td>${esc(o.objective)}</td><td>${esc(o.baseline)}</td><td>${esc(o.target)}</td><td>${esc(o.owner)}</td>
      <td>${esc(STATUSES[o.status] || o.status || 'not reviewed yet')}</td><td>${esc(o.progress)}</td></tr>`).join('') : '';
    const milestones = plan ? Array.from(plan.milestones || []).map(ms => `<li>${esc(day(ms.date))}: ${esc(ms.milestone)}
      ${ms.owner ? '(' + esc(ms.owner) + ')' : ''}</li>`).join('') : '';
    const successPlan = plan ? `<p>Version ${esc(plan.version)}, ${esc(SOURCES[plan.source] || plan.source)},
        ${esc(moment(plan.recordedAt))}</p>
      <table class="table table-condensed cam-table baton-success-plan"><thead><tr><th>Objective</th><th>Baseline</th>
      <th>Target</th><th>Owner</th><th>Status</th><th>Progress</th></tr></thead><tbody>${objectives}</tbody></table>
      ${milestones ? `<p>Milestones:</p><ul>${milestones}</ul>` : ''}` : '<p>No success plan agreed yet.</p>';
    const timeline = t.timeline.map(e => `<tr class="baton-entry${e.late ? ' danger' : ''}">
      <td>${esc(moment(e.at))}</td><td>${esc(e.title)}</td><td>${esc(e.detail)}</td><td>${esc(e.who)}</td>
      <td>${e.late == null ? '' : e.late ? '<strong style="color:#c9302c">late</strong>' : 'on time'}</td></tr>`).join('');
    section.innerHTML = `<p><a href="#/accounts">All accounts</a></p><h2>${esc(a.name)}</h2>
      <p>${esc(a.segment)} · ${esc(STAGES[a.stage] || a.stage)} · renewal ${esc(day(a.renewalDate) || 'not set')}
        ${a.renewalLikelihood ? '(' + esc(LIKELIHOODS[a.renewalLikelihood] || a.renewalLikelihood) + ')' : ''}</p>
      <div class="row"><div class="col-md-4"><h3>Team</h3><ul class="baton-team">${team || '<li>No team yet</li>'}</ul></div>
      <div class="col-md-4"><h3>Health</h3><p>${band(a.healthBand)} ${esc(a.healthReason)}</p>
        <div class="baton-health-chart-box" style="height:140px"></div>
        <ul class="baton-health">${health || '<li>No health computed in the last 90 days</li>'}</ul></div>
      <div class="col-md-4"><h3>In progress</h3><p>${m ? `${esc(m.process)}: ${esc(m.step)}, due ${esc(moment(m.due))}${m.late
        ? ' <strong style="color:#c9302c">late</strong>' : ''}` : 'Nothing open'}</p>
        ${a.escalationOpen ? '<p><strong>An escalation is open.</strong></p>' : ''}</div></div>
      <div class="row"><div class="col-md-4"><h3>People at the customer</h3><ul class="baton-contacts">${people
        || '<li>No contacts recorded</li>'}</ul></div>
      <div class="col-md-8"><h3>Success plan</h3>${successPlan}</div></div>
      <h3>Timeline</h3><table class="table table-condensed cam-table baton-timeline"><thead><tr><th>When</th><th>What</th>
      <th>Details</th><th>Who</th><th>On time</th></tr></thead><tbody>${timeline}</tbody></table>`;
    drawHealth(section.querySelector('.baton-health-chart-box'));
  }).catch(error => failed(section, error));
}

export default [
  { id: 'baton.dashboard', pluginPoint: 'cockpit.dashboard', priority: 100, render: renderDashboard },
  {
    id: 'baton.navigation.accounts', pluginPoint: 'cockpit.navigation', priority: 100,
    properties: { path: '/account' },
    render: node => { node.innerHTML = '<a href="#/accounts">Accounts</a>'; }
  },
  { id: 'baton.accounts', pluginPoint: 'cockpit.route', priority: 100, properties: { path: '/accounts' }, render: renderAccounts },
  { id: 'baton.account', pluginPoint: 'cockpit.route', priority: 100, properties: { path: '/account' }, render: renderAccount }
];
