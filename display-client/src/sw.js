// Loopboard display: the Service Worker that lets a screen boot with the server down.
//
// Served from /display/sw.js, so its scope is /display/ and it never sees the
// admin pages or the API. Strategy: network first, cache as the fallback.
// While the server answers, every reload gets the current client (the server
// sends Cache-Control: no-cache), and each good answer refreshes the cached
// copy. When the server or the network is gone, the last good copy is served,
// and the page boots into the playlist it kept in localStorage.
//
// The WebSocket (/display/ws) does not pass through here: browsers never route
// WebSocket handshakes through a Service Worker.

const CACHE = 'loopboard-display-v1';

// The shell, cached when the worker installs: the whole module graph of
// display.js and its style sheets, so that a screen cut off right after its
// first boot can boot again from the cache (ServiceWorkerShellTest keeps this
// list complete). The page also reports every file it actually loaded (see
// offline.js), which caches anything loaded that is not listed here.
const SHELL = [
  './',
  'index.html',
  'display.css',
  'display.js',
  'clock-sync.js',
  'clock.js',
  'connection.js',
  'protocol.js',
  'rotation.js',
  'storage.js',
  'token.js',
  'view.js',
  'offline.js',
  'staleness.js',
  'fit.js',
  'fallback.js',
  'heartbeat.js',
  'screen-views.js',
  'slides/index.js',
  'slides/quote.js',
  'slides/story.js',
  'slides/story.css',
  'slides/announcement.js',
  'slides/score.js',
  'slides/followup.js',
  'logo.svg',
];

// A network that swallows packets instead of refusing them must not leave the
// screen black for a minute at boot: after this long the cached copy wins.
const NETWORK_TIMEOUT_MS = 4000;

const scopePath = new URL(self.registration.scope).pathname;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // One missing file must not keep the worker from installing.
    await Promise.all(SHELL.map((path) => cache.add(path).catch(() => undefined)));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== CACHE && name.startsWith('loopboard-display-')) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// The page sends the URLs it has loaded; cache those that belong to the client.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-urls' || !Array.isArray(data.urls)) return;
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const wanted = data.urls.map(clientUrl).filter((u) => u !== null).slice(0, 200);
    await Promise.all(wanted.map(async (url) => {
      if (await cache.match(url)) return;
      await cache.add(url).catch(() => undefined);
    }));
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const key = cacheKey(request);
  if (key === null) return; // not ours: let the browser handle it
  event.respondWith(networkFirst(request, key));
});

/** The cache key of a request for a client file, or null for anything else. */
function cacheKey(request) {
  const url = clientUrl(request.url);
  if (url === null) return null;
  if (request.mode === 'navigate') {
    // The page is the same whatever its query: ?token=… only pairs the screen.
    const page = new URL(url);
    page.search = '';
    page.hash = '';
    return page.href;
  }
  return url;
}

/** `raw` as an absolute URL if it is a file of this client (same origin, inside the scope), else null. */
function clientUrl(raw) {
  let url;
  try {
    url = new URL(raw, self.registration.scope);
  } catch {
    return null;
  }
  if (url.origin !== self.location.origin || !url.pathname.startsWith(scopePath)) return null;
  if (url.pathname === `${scopePath}ws` || url.pathname === `${scopePath}sw.js`) return null;
  url.hash = '';
  return url.href;
}

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetchWithTimeout(request);
    if (response.ok && response.type === 'basic') {
      await cache.put(key, response.clone());
      return response;
    }
    // A 5xx from a proxy in front of a restarting server is no better than no answer.
    if (response.status >= 500) {
      const cached = await cache.match(key);
      if (cached) return cached;
    }
    return response;
  } catch {
    const cached = await cache.match(key);
    if (cached) return cached;
    return Response.error();
  }
}

function fetchWithTimeout(request) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), NETWORK_TIMEOUT_MS);
  // Navigation requests cannot be re-issued with a new signal as-is; rebuilding
  // them from the URL keeps the credentials and cache mode that matter here.
  const init = { signal: controller.signal, cache: 'no-cache', credentials: 'same-origin' };
  const target = request.mode === 'navigate' ? request.url : request;
  return fetch(target, init).finally(() => clearTimeout(timer));
}
