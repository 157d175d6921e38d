/*
 * Chart.js for Baton's pages in Cockpit (book-of-business.js, reports.js), served by Baton from its WebJar and
 * loaded once, on the first chart a page draws.
 */
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

