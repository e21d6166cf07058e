// Service worker. Generated per build by scripts/post-build.mjs, which fills
// in BUILD (a hash of every file) and FILES (the exact files of the build:
// both pages, their code, every language's texts).
// Hashed assets: cache first. The pages: network first, cache as fallback.
const BUILD = '__BUILD__';
const FILES = __FILES__;
const CACHE = 'ldn-calc-' + BUILD;
const SCOPE = new URL(self.registration.scope);
const APP = new URL('./', SCOPE).href;
const PRECACHE = FILES.map((f) => new URL(f, SCOPE).href);
// The two doors: the pharmacist's app and the patient's page (also as
// `./patient`, where a host drops ".html").
const PATIENT = new URL('./patient.html', SCOPE).href;
const PAGES = [APP, PATIENT];

/** The page a navigation to `url` is (cached under), or null for another. */
function pageOf(url) {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  if (u.href === PATIENT || u.href === new URL('./patient', SCOPE).href) return PATIENT;
  return PAGES.includes(u.href) ? u.href : null;
}

self.addEventListener('install', (event) => {
  // No skipWaiting here: an update waits until the user chooses to reload.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([APP, ...PRECACHE])));
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
    const known = pageOf(request.url);
    const page = known ?? APP;
    event.respondWith(
      fetch(request)
        .then((response) => {
          // Kept as the page it is (never the app's page as the patient's;
          // not a redirect, whose body is not the page).
          if (known && response.ok && !response.redirected) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(known, copy));
          }
          return response;
        })
        .catch(() => caches.match(page, { cacheName: CACHE }).then((hit) => hit || caches.match(page))),
    );
    return;
  }
  const url = request.url.split('?')[0];
  if (PRECACHE.includes(url)) {
    event.respondWith(caches.match(url, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
  }
});
