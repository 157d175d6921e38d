/*
 * Baton's manager reports inside Cockpit (docs/portfolio.md): "Moments of truth" (reached on time and late, the
 * median time, by CSM and by segment, for a chosen period), "Renewals" (ARR up for renewal by month and
 * likelihood, gross retention) and "Team" (each CSM's book against the coverage targets). They read Baton's
 * /api/reports with the Cockpit login itself, over the accounts the person may see. Plain DOM, no build step; all
 * text is escaped; charts are drawn by Chart.js, served by Baton from its WebJar.
 */
import { chartJs, esc, failed, hashQuery, money, read } from './baton-common.js';

const LIKELIHOODS = {
  likely: 'Likely', unsure: 'Unsure', 'not-likely': 'Not likely', 'no-answer': 'No answer', 'not-asked': 'Not asked yet'
};
const LIKELIHOOD_COLOURS = {
  likely: '#3c763d', unsure: '#b8860b', 'not-likely': '#c9302c', 'no-answer': '#8a6d3b', 'not-asked': '#999999'
};

/* "2 accounts in CHF not converted: no rate", for each currency left out of a sum. */
function notConverted(total) {
  return (total && total.notConverted || []).map(n => `<div class="text-muted baton-not-converted">${esc(n.accounts)}`
    + ` account${n.accounts === 1 ? '' : 's'} in ${esc(n.currency)} not converted: no rate</div>`).join('');
}

function hours(value) {
  if (value == null) {
    return '';
  }
  return value >= 48 ? `${(value / 24).toFixed(1)} days` : `${value.toFixed(1)} hours`;
}

function percent(value) {
  return value == null ? '' : `${Math.round(value * 100)} %`;
}

/* A stacked bar chart into the node (a chart that cannot load leaves the tables, which say the same). */
function bars(node, labels, datasets, options) {
  node.innerHTML = '<canvas class="baton-chart"></canvas>';
  chartJs().then(Chart => {
    new Chart(node.querySelector('canvas'), {
      type: 'bar',
      data: { labels, datasets },
      options: Object.assign({
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } }
      }, options || {})
    });
  }).catch(() => { node.innerHTML = '<p class="text-muted">Chart not available; the table below has the numbers.</p>'; });
}

function isoDay(date) {
  return date.toISOString().substring(0, 10);
}

/* A day of the API (ISO, "2026-12-04") as people write it in the browser's language: "Dec 4, 2026". */
function day(iso) {
  const [y, m, d] = String(iso).split('-').map(Number);
  return d ? new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(undefined,
    { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }) : String(iso);
}

/* A month of the API ("2027-01") as people write it: "Jan 2027". */
function month(iso) {
  const [y, m] = String(iso).split('-').map(Number);
  return m ? new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(undefined,
    { year: 'numeric', month: 'short', timeZone: 'UTC' }) : String(iso);
}

function groupRows(groups) {
  return groups.map(g => `<tr><td>${esc(g.key)}</td><td>${esc(g.onTime)}</td><td>${esc(g.late)}</td>`
    + `<td>${esc(hours(g.medianHours))}</td></tr>`).join('');
}

/* Moments of truth: for a chosen period, each moment reached on time and late, the median time, by CSM and segment. */
function renderMomentsOfTruth(node) {
  const query = hashQuery();
  const today = new Date();
  const yearAgo = new Date(today.getTime() - 364 * 24 * 3600 * 1000);
  node.innerHTML = `<section class="baton-moments" style="padding:16px"><h2>Moments of truth</h2>
    <form class="form-inline" style="margin-bottom:12px">
      <label>From <input class="form-control" type="date" name="from" value="${esc(query.get('from') || isoDay(yearAgo))}"></label>
      <label>to <input class="form-control" type="date" name="to" value="${esc(query.get('to') || isoDay(today))}"></label>
      <button class="btn btn-default" type="submit">Show</button>
    </form><div class="baton-chart-box" style="height:260px"></div><div class="baton-result">Loading...</div></section>`;
  const form = node.querySelector('form');
  const result = node.querySelector('.baton-result');
  const load = () => {
    const params = new URLSearchParams(new FormData(form));
    read('/reports/moments-of-truth?' + params).then(report => {
      const moments = report.momentsOfTruth;
      bars(node.querySelector('.baton-chart-box'), moments.map(m => m.name), [
        { label: 'On time', data: moments.map(m => m.onTime), backgroundColor: '#3c763d' },
        { label: 'Late', data: moments.map(m => m.late), backgroundColor: '#c9302c' }
      ], { indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } } });
      const rows = moments.map(m => {
        const all = m.onTime + m.late;
        return `<tr class="baton-moment" data-moment="${esc(m.id)}"><td><strong>${esc(m.name)}</strong>
          <div class="text-muted">on time when ${esc(m.onTimeRule)}</div></td><td>${esc(m.onTime)}</td>
          <td>${m.late ? `<strong style="color:#c9302c">${esc(m.late)}</strong>` : '0'}</td>
          <td>${all ? esc(percent(m.onTime / all)) : ''}</td><td>${esc(hours(m.medianHours))}</td>
          <td><details><summary>by CSM and segment</summary><table class="table table-condensed">
            <thead><tr><th>CSM</th><th>On time</th><th>Late</th><th>Median</th></tr></thead><tbody>${groupRows(m.byCsm)}</tbody>
            <thead><tr><th>Segment</th><th>On time</th><th>Late</th><th>Median</th></tr></thead><tbody>${groupRows(m.bySegment)}</tbody>
          </table></details></td></tr>`;
      }).join('');
      result.innerHTML = `<p>From ${esc(day(report.from))} to ${esc(day(report.to))}: each moment reached in the period
        (its step ended then), over the accounts you see.</p>
        <table class="table table-condensed cam-table baton-table"><thead><tr><th>Moment of truth</th><th>On time</th>
        <th>Late</th><th>On time %</th><th>Median time</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
    }).catch(error => failed(result, error));
  };
  form.addEventListener('submit', event => { event.preventDefault(); load(); });
  load();
}

/* Renewals: ARR up for renewal by month for the next 12 months, by likelihood, and the last 12 months' retention. */
function renderRenewals(node) {
  node.innerHTML = `<section class="baton-renewals" style="padding:16px"><h2>Renewals</h2>
    <div class="baton-chart-box" style="height:300px"></div><div class="baton-result">Loading...</div></section>`;
  const result = node.querySelector('.baton-result');
  read('/reports/renewals').then(report => {
    const currency = report.currency;
    const months = report.upForRenewal;
    bars(node.querySelector('.baton-chart-box'), months.map(m => month(m.month)), report.likelihoods.map(l => ({
      label: LIKELIHOODS[l] || l, backgroundColor: LIKELIHOOD_COLOURS[l] || '#777',
      data: months.map(m => Number(m.arrByLikelihood[l].amount))
    })));
    const head = report.likelihoods.map(l => `<th>${esc(LIKELIHOODS[l] || l)}</th>`).join('');
    const rows = months.map(m => `<tr class="baton-month"><td>${esc(month(m.month))}</td><td>${esc(m.accounts)}</td>`
      + report.likelihoods.map(l => `<td>${esc(money(m.arrByLikelihood[l].amount, currency))}`
        + `${notConverted(m.arrByLikelihood[l])}</td>`).join('')
      + `<td><strong>${esc(money(m.arr.amount, currency))}</strong></td></tr>`).join('');
    const r = report.lastTwelveMonths;
    result.innerHTML = `<p>ARR in ${esc(currency)} (converted with the configured rates), by the renewal-likelihood
      answer; accounts without a recorded ARR count as accounts only.</p>
      <table class="table table-condensed cam-table baton-table"><thead><tr><th>Month</th><th>Accounts</th>${head}
      <th>All</th></tr></thead><tbody>${rows}</tbody></table>
      <h3>Last 12 months (${esc(day(r.from))} to ${esc(day(r.to))})</h3>
      <p class="baton-retention">Renewed: ${esc(r.renewedAccounts)} accounts, ${esc(money(r.renewed.amount, currency))}
        ${notConverted(r.renewed)}
      Churned: ${esc(r.churnedAccounts)} accounts, ${esc(money(r.churned.amount, currency))} ${notConverted(r.churned)}
      <strong>Gross retention: ${r.grossRetention == null ? 'no renewal decided yet' : esc(percent(r.grossRetention))}</strong></p>`;
  }).catch(error => failed(result, error));
}

/* Team: per CSM the accounts, ARR, open and late steps, red accounts, and the load against the coverage targets. */
function renderTeam(node) {
  node.innerHTML = `<section class="baton-team" style="padding:16px"><h2>Team</h2>
    <div class="baton-chart-box" style="height:260px"></div><div class="baton-result">Loading...</div></section>`;
  const result = node.querySelector('.baton-result');
  read('/reports/team').then(report => {
    const currency = report.currency;
    const csms = report.csms;
    bars(node.querySelector('.baton-chart-box'), csms.map(c => c.csm), [
      { label: 'Accounts against target', data: csms.map(c => Math.round((c.accountLoad || 0) * 100)), backgroundColor: '#337ab7' },
      { label: 'ARR against target', data: csms.map(c => Math.round((c.arrLoad || 0) * 100)), backgroundColor: '#5cb85c' }
    ], { scales: { x: { stacked: false }, y: { stacked: false, beginAtZero: true, title: { display: true, text: '%' } } } });
    const over = value => value != null && value > 1 ? ' style="color:#c9302c;font-weight:bold"' : '';
    const rows = csms.map(c => `<tr class="baton-csm" data-csm="${esc(c.csm)}">
      <td><a href="#/accounts?csm=${encodeURIComponent(c.csm)}">${esc(c.csm)}</a></td><td>${esc(c.accounts)}</td>
      <td>${esc(money(c.arr.amount, currency))}${notConverted(c.arr)}</td><td>${esc(c.openSteps)}</td>
      <td>${c.lateSteps ? `<strong style="color:#c9302c">${esc(c.lateSteps)}</strong>` : '0'}</td><td>${esc(c.redAccounts)}</td>
      <td${over(c.accountLoad)}>${esc(percent(c.accountLoad))}</td><td${over(c.arrLoad)}>${esc(percent(c.arrLoad))}</td>
      <td>${c.bySegment.map(s => `${esc(s.segment)}: ${esc(s.accounts)}${s.accountsTarget ? ' of ' + esc(s.accountsTarget) : ''}`)
        .join('<br>')}</td></tr>`).join('');
    const targets = Object.entries(report.coverage).map(([segment, t]) => `<li>${esc(segment)}: ${esc(t.accounts)} accounts,`
      + ` ${esc(money(t.arr, currency))} ARR per CSM</li>`).join('');
    result.innerHTML = `<table class="table table-condensed cam-table baton-table"><thead><tr><th>CSM</th><th>Accounts</th>
      <th>ARR</th><th>Open steps</th><th>Late steps</th><th>Red accounts</th><th>Accounts against target</th>
      <th>ARR against target</th><th>By segment</th></tr></thead><tbody>${rows
        || '<tr><td colspan="9">No accounts.</td></tr>'}</tbody></table>
      <p>Coverage targets (what one CSM carries at most; 100 % is a full book):</p><ul>${targets}</ul>`;
  }).catch(error => failed(result, error));
}

function link(path, label) {
  return node => { node.innerHTML = `<a href="#/${path}">${esc(label)}</a>`; };
}

export default [
  { id: 'baton.navigation.moments-of-truth', pluginPoint: 'cockpit.navigation', priority: 90,
    properties: { path: '/moments-of-truth' }, render: link('moments-of-truth', 'Moments of truth') },
  { id: 'baton.navigation.renewals', pluginPoint: 'cockpit.navigation', priority: 89,
    properties: { path: '/renewals' }, render: link('renewals', 'Renewals') },
  { id: 'baton.navigation.team', pluginPoint: 'cockpit.navigation', priority: 88,
    properties: { path: '/team' }, render: link('team', 'Team') },
  { id: 'baton.moments-of-truth', pluginPoint: 'cockpit.route', priority: 100, properties: { path: '/moments-of-truth' },
    render: renderMomentsOfTruth },
  { id: 'baton.renewals', pluginPoint: 'cockpit.route', priority: 100, properties: { path: '/renewals' },
    render: renderRenewals },
  { id: 'baton.team', pluginPoint: 'cockpit.route', priority: 100, properties: { path: '/team' }, render: renderTeam }
];
