// Starts the app. A file of our own, not Trunk's inline script, so the
// Content-Security-Policy can forbid inline scripts.
import init from './app.js';

init({ module_or_path: new URL('./app_bg.wasm', import.meta.url) }).catch((err) => {
  const p = document.createElement('p');
  p.className = 'boot-error';
  p.setAttribute('role', 'alert');
  p.textContent = 'SLO Workbench could not start: ' + err;
  document.body.prepend(p);
});
