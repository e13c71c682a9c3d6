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
  navigator.serviceWorker.register('./sw.js').then((registration) => {
    if (registration.waiting) offerUpdate(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const incoming = registration.installing;
      incoming?.addEventListener('statechange', () => {
        // A first install has no controller: nothing older to replace.
        if (incoming.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(incoming);
      });
    });
    return navigator.serviceWorker.ready;
  }).then(() => {
    document.documentElement.dataset.offline = 'ready';
  }, () => {});
}

// A newer build is kept and waiting: say so, and switch only when the user
// asks (the page reloads; the workspace is saved as it changes, so nothing is lost).
function offerUpdate(waiting) {
  if (document.getElementById('update-ready')) return;
  const bar = document.createElement('div');
  bar.id = 'update-ready';
  bar.className = 'update-ready';
  bar.setAttribute('role', 'status');
  bar.textContent = 'A newer version of SLO Workbench is ready. ';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Reload to use it';
  button.addEventListener('click', () => {
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    waiting.postMessage('use-this-build');
  });
  bar.append(button);
  document.body.append(bar);
}
