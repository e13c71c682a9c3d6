// Starts the app. A file of our own, not Trunk's inline script, so the
// Content-Security-Policy can forbid inline scripts.
import init from './app.js';

init({ module_or_path: new URL('./app_bg.wasm', import.meta.url) })
  .then(keepForOffline)
  .catch((err) => {
    const p = document.createElement('p');
    p.className = 'boot-error';
    p.setAttribute('role', 'alert');
    p.textContent = 'SLO Workbench could not start: ' + err;
    document.body.prepend(p);
  });

// Registers the service worker (sw.js) once the app runs, so the first visit
// is not slowed; from then on the page loads with no network. Where service
// workers are unavailable (a file:// page, a private window) the app simply
// stays online-only.
function keepForOffline() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('./sw.js').then(
    () => navigator.serviceWorker.ready,
  ).then(() => {
    document.documentElement.dataset.offline = 'ready';
  }, () => {});
}
