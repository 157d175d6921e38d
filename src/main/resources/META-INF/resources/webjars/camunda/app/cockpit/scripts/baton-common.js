/*
 * What Baton's pages in Cockpit (book-of-business.js, reports.js) share: escaping, reading Baton's API with the
 * Cockpit login, the hash's query, amounts, and Chart.js (served by Baton from its WebJar, loaded once, on the
 * first chart a page draws).
 */
const API = '/api';
const CHART_JS = '/webjars/chart.js/4.4.1/dist/chart.umd.js';

let chartLibrary;

/* Chart.js, loaded once from Baton's WebJar (a classic script: its UMD build defines window.Chart). */
export function chartJs() {
  if (!chartLibrary) {
    chartLibrary = new Promise((resolve, reject) => {
      if (window.Chart) {
        resolve(window.Chart);
        return;
      }
      const script = document.createElement('script');
      script.src = CHART_JS;
      script.onload = () => resolve(window.Chart);
      script.onerror = () => reject(new Error('The charts could not be loaded.'));
      document.head.appendChild(script);
    });
  }
  return chartLibrary;
}


export function esc(value) {
  return String(value == null ? '' : value).replace(/[&<>"']/g,
    c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/* GET /api{path} as JSON; a failure becomes an Error whose message a person can read (notFound: for a 404). */
export async function read(path, notFound) {
  // X-Requested-With: Baton then answers a missing login without the browser's own login dialog.
  const response = await fetch(API + path, {
    credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' }
  });
  if (!response.ok) {
    let detail = '';
    try {
      detail = (await response.json()).detail || '';
    } catch (ignored) {
      // no problem body
    }
    throw new Error(response.status === 404 && notFound ? notFound
      : response.status === 401 ? 'Please log in again.' : detail || 'Baton could not answer just now.');
  }
  return response.json();
}

export function failed(node, error) {
  node.innerHTML = `<div class="alert alert-danger baton-error">${esc(error.message)}</div>`;
}

export function hashQuery() {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.substring(at + 1));
}

export function money(amount, currency) {
  if (amount == null) {
    return '';
  }
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch (unknownCurrency) {
    return `${Math.round(Number(amount))} ${currency}`;
  }
}
