// Service worker. Generated per build by scripts/post-build.mjs, which fills
// in BUILD (a hash of every file) and FILES (the exact files of the build).
// Hashed assets: cache first. The page: network first, cache as fallback.
const BUILD = '__BUILD__';
const FILES = __FILES__;
const CACHE = 'ldn-calc-' + BUILD;
const SCOPE = new URL(self.registration.scope);
const PAGE = new URL('./', SCOPE).href;
const PRECACHE = FILES.map((f) => new URL(f, SCOPE).href);

self.addEventListener('install', (event) => {
  // No skipWaiting here: an update waits until the user chooses to reload.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([PAGE, ...PRECACHE])));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('ldn-calc-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== SCOPE.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(PAGE, copy));
          }
          return response;
        })
        .catch(() => caches.match(PAGE, { cacheName: CACHE }).then((hit) => hit || caches.match(PAGE))),
    );
    return;
  }
  const url = request.url.split('?')[0];
  if (PRECACHE.includes(url)) {
    event.respondWith(caches.match(url, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
  }
});
