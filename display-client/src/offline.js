// Offline start-up: registers the Service Worker (sw.js) that keeps a copy of
// this client, so a screen that boots after a power cut with the server
// unreachable still loads its page and shows the playlist it kept.
//
// Service Workers exist only in secure contexts (https:, or http://localhost).
// A screen on plain http to another host simply runs without one; the kiosk
// installer marks the server's origin as trusted (see kiosk-config/README.md).
// Nothing here may throw or log an error on a wall screen.

export function registerOffline() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  // sw.js sits next to this page, so its scope is the page's folder (/display/).
  const swUrl = new URL('sw.js', document.baseURI);
  navigator.serviceWorker.register(swUrl.href, { scope: './', updateViaCache: 'none' })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => reportLoadedFiles(registration.active))
    .catch(() => {
      // Not fatal: without the worker the screen still runs, it just cannot
      // boot while the server is down. Browsers log the reason themselves.
    });
}

/** Tells the worker every file of this client the page loaded, so new modules are cached too. */
function reportLoadedFiles(worker) {
  if (!worker) return;
  const scope = new URL('./', document.baseURI).href;
  const urls = [new URL('./', document.baseURI).href];
  for (const entry of performance.getEntriesByType('resource')) {
    if (entry.name.startsWith(scope)) urls.push(entry.name);
  }
  worker.postMessage({ type: 'cache-urls', urls });
}
