// A heartbeat in the page title, for the kiosk watchdog.
//
// Nobody sees the title of a kiosk window, but Chromium's DevTools endpoint on
// the kiosk machine lists it. kiosk-config/lib/kiosk-watchdog restarts the
// browser when the title stops changing: a hung renderer, a page frozen in an
// endless loop, or a crashed tab no longer runs this timer.

const EVERY_MS = 15000;
const BEAT = / ♥\d+$/;

export function startHeartbeat(doc) {
  let beat = 0;
  setInterval(() => {
    beat = (beat + 1) % 100000;
    doc.title = `${doc.title.replace(BEAT, '')} ♥${beat}`;
  }, EVERY_MS);
}
