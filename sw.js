// The service worker: keeps the app's own files so the workbench loads with
// no network after the first visit (a workshop room on a weak network).
// It never fetches anything outside the page's origin, and never caches user
// data: projects live in localStorage, not here.
//
// Every file of the build is kept at install, the worker's Wasm and the
// time-zone database (tzdb.bin) too, although the page fetches those only
// when it needs them: so they load offline even if first needed offline.
//
// BUILD and FILES are filled in by scripts/stamp_sw.sh after each Trunk build:
// a new build is a new cache, installed beside the old one and switched to
// once no open page still runs the old files, or when the user asks (the
// page offers a reload): an open page never gets a file of another build.
const BUILD = '__BUILD__';
const FILES = ['./'];
const CACHE = 'slo-workbench-' + BUILD;

self.addEventListener('install', (event) => {
  // `reload` skips the HTTP cache, so the cache holds exactly this build's files.
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith('slo-workbench-') && k !== CACHE).map((k) => caches.delete(k)),
      ))
      .then(() => self.clients.claim()),
  );
});

// The page's "Reload to use it" button: the user chose to switch now.
self.addEventListener('message', (event) => {
  if (event.data === 'use-this-build') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // Cache first: the files of one build never change. A navigation (any
  // route is a fragment of index.html) is answered with the cached page.
  const key = request.mode === 'navigate' ? './' : request;
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(key, { ignoreSearch: true }))
      .then((hit) => hit || fetch(request)),
  );
});
