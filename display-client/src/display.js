// Loopboard display client: entry point.
//
// Wires the pieces together and owns the little state there is:
//   the applied playlist, whether the screen is paired, and the rotation timer.
// See protocol.js for the wire format, rotation.js for which slide is up,
// view.js for the DOM.

import { Connection } from './connection.js';
import { ClockSync } from './clock-sync.js';
import { MinuteTicker, formatClock, driftIndex } from './clock.js';
import { PROTOCOL_VERSION, parseMessage, normalizePlaylist, slideKey, ackMessage } from './protocol.js';
import { activeSlides, currentSlot, quietAt } from './rotation.js';
import { PLAYLIST_KEY, TOKEN_KEY, readJson, writeJson, removeItem, writeItem } from './storage.js';
import { resolveToken } from './token.js';
import { View } from './view.js';
// ---- offline start-up and bounded staleness ----
import { registerOffline } from './offline.js';
import { Staleness } from './staleness.js';
import { startHeartbeat } from './heartbeat.js';

// Time probes: in quick succession after connecting until the clock offset has
// settled (see clock-sync.js: the early ones land while the page is still busy
// starting, which inflates their round trips), then a steady re-sync that keeps
// the estimate fresh as the local clock drifts.
const PROBE_SETTLING_MS = 250;
const PROBE_EVERY_MS = 15000;
// Slot boundaries: the timer wakes this long before the boundary and waits out
// the rest on the spot. A browser timer may fire tens of milliseconds late on a
// busy machine, while a page that is already running switches at the boundary
// itself; 30 ms of waiting per slide change is the price.
const EARLY_WAKE_MS = 30;
// The slide that goes up at a boundary is built and fitted this long before it
// (hidden), so the switch itself is a class and an id, whatever the load.
const PREPARE_AHEAD_MS = 1000;
// A wake this far past its boundary means the page was not run for a while.
const STARVED_MS = 20;
// Re-check at least this often even with long slides, which also absorbs
// wall-clock steps (NTP, suspend/resume) that would skew a long setTimeout.
const MAX_TIMER_MS = 60000;

// Reported to the fleet view; bump with client changes worth telling apart.
const CLIENT_VERSION = '1.7.1';
// a resize is reported once it has stopped for this long
const RESIZE_SETTLE_MS = 500;

const clock = new ClockSync();
const view = new View(document, () => clock.now());
const ticker = new MinuteTicker(() => clock.now(), (now) => view.updateClock(formatClock(now), driftIndex(now)));

let connection = null;
let playlist = null;         // the applied, normalized playlist, or null
let appliedVersion = null;
let unpaired = false;
// The first playlist on each connection is the server's current state and is
// applied whatever its version (see onPlaylist).
let awaitingFirstPlaylist = true;
let rotationTimer = null;
let preparedFor = null;
let lateWakes = 0;      // the boundary whose slide is built and waiting (view.prepare)
let probeTimer = null;
// The server takes a screen that sends nothing for three of these for dead (hello.heartbeatMillis);
// the time probes are what it hears.
let heartbeatMs = PROBE_EVERY_MS;
let warnedProtocol = false;
let pairingConnection = null;
const staleness = new Staleness();

boot();

function boot() {
  registerOffline();
  startHeartbeat(document); // for the kiosk watchdog
  ticker.start();

  const { token, changed } = resolveToken();
  if (changed) {
    // A new pairing: the stored content belonged to whatever this screen was before.
    removeItem(PLAYLIST_KEY);
    staleness.clear();
  }

  if (!token) {
    unpaired = true;
    view.setConnection('closed');
    view.showUnpaired();
    startPairing();
    return;
  }
  startScreen(token);
}

function startScreen(token) {
  // Show the last known content straight away: a TV that boots while the
  // server or the network is down should still show something sensible.
  const stored = normalizePlaylist(readJson(PLAYLIST_KEY));
  if (stored) {
    applyPlaylist(stored, { persist: false, ack: false });
  } else {
    view.showIdle();
  }

  connection = new Connection({
    url: () => socketUrl(token),
    onStatus: (state) => view.setConnection(state),
    onOpen,
    onMessage,
    onClose,
  });
  connection.start();
}

/**
 * The socket lives next to the page: resolving "ws" against this document gives
 * /display/ws when the page is /display/ (or /display/index.html), and keeps
 * working if a reverse proxy mounts Loopboard under a prefix.
 */
function socketUrl(token) {
  const url = new URL('ws', document.baseURI);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = token === null ? '?pair=1' : `?token=${encodeURIComponent(token)}`;
  url.hash = '';
  return url.href;
}

// ---- connection events ---------------------------------------------------

function onOpen() {
  awaitingFirstPlaylist = true;
  startProbing();
}

function onClose({ unauthorized }) {
  stopProbing();
  // Keep rotating the last playlist while disconnected: the timer is left alone.
  if (unauthorized) enterUnpaired();
}

function onMessage(data) {
  const msg = parseMessage(data);
  if (!msg) return;
  try {
    switch (msg.type) {
      case 'hello': onHello(msg); break;
      case 'playlist': onPlaylist(msg); break;
      case 'time': onTime(msg); break;
      case 'error': onServerError(msg); break;
      case 'identify': view.showIdentify(msg.name, msg.seconds); break;
      case 'reload': window.location.reload(); break;
      default: break; // Unknown types are ignored so the server can add new ones first.
    }
  } catch (err) {
    // A bug must not leave an uncaught exception behind on an unattended
    // screen; the next message or timer gets another chance.
    console.warn('loopboard: failed to handle message', msg.type, err);
  }
}

function onHello(msg) {
  if (msg.protocol !== PROTOCOL_VERSION && !warnedProtocol) {
    warnedProtocol = true;
    console.warn(`loopboard: server speaks protocol ${msg.protocol}, this client speaks ${PROTOCOL_VERSION}`);
  }
  clock.noteServerTime(msg.serverTime);
  if (Number.isFinite(msg.heartbeatMillis) && msg.heartbeatMillis >= 100) heartbeatMs = msg.heartbeatMillis;
  staleness.setMaxStale(msg.maxStaleMillis);
  connection.markHealthy();
  view.setScreen(msg.screen);
  sendStatus();
  if (unpaired) {
    unpaired = false;
    view.leaveUnpaired();
    update();
  }
  refreshTime();
}

/** What the page says about itself for the fleet view: its version and its size in device pixels. */
function sendStatus() {
  if (!connection) return;
  connection.send({
    type: 'status',
    clientVersion: CLIENT_VERSION,
    width: Math.round(window.innerWidth * (window.devicePixelRatio || 1)),
    height: Math.round(window.innerHeight * (window.devicePixelRatio || 1)),
  });
}

// A kiosk's window often gets its final size after the page has connected (the compositor
// rotates or maps the output late): the fleet view shows the size the page ends up with.
let resizeTimer = null;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(sendStatus, RESIZE_SETTLE_MS);
});

function onPlaylist(msg) {
  const next = normalizePlaylist(msg);
  if (!next) {
    console.warn('loopboard: ignoring malformed playlist');
    return;
  }
  // Within one connection, messages arrive in order, and a version at or below
  // the applied one is stale. The first playlist after (re)connecting is the
  // server's current state, so it wins even when its version is equal — or
  // lower, e.g. after the server's data was restored — because refusing it
  // could keep showing a quote that has since been taken down.
  if (!awaitingFirstPlaylist && appliedVersion !== null && next.version <= appliedVersion) return;
  awaitingFirstPlaylist = false;
  applyPlaylist(next, { persist: true, ack: true });
}

function onTime(msg) {
  // a live server that answers while our playlist is applied vouches for it.
  if (!awaitingFirstPlaylist && playlist) staleness.confirm();
  if (clock.handleReply(msg)) {
    showClockState();
    refreshTime();
  }
}

function onServerError(msg) {
  if (msg.code === 'invalid_token') {
    // The server closes with 4401 right after; note it in case the close code gets lost on the way.
    connection.markUnauthorized();
  } else {
    console.warn('loopboard: server error', msg.code, msg.message);
  }
}

// ---- state ----------------------------------------------------------------

function applyPlaylist(next, { persist, ack }) {
  playlist = next;
  // what was prepared came from the old playlist (it may hold a quote just taken down)
  view.discardPending();
  preparedFor = null;
  appliedVersion = next.version;
  view.setPlaylistVersion(next.version);
  view.setTheme(next.channel.theme);
  view.setChannelLook(next.channel);
  view.setConnectionMarker(next.channel.showConnectionState);
  if (persist) {
    writeJson(PLAYLIST_KEY, next);
    staleness.confirm({ persist: true }); // fresh from the server
  }

  // Takedown guarantee: if what is on screen is no longer in the new
  // playlist (removed, expired or edited), it goes now, without a fade-out
  // and without waiting for the next slot boundary.
  const now = clock.now();
  const stillListed = view.showingQuote
    && activeSlides(next, now).some((s) => view.isShowing(slideKey(s)));
  update({ instant: view.showingQuote && !stillListed });
  if (ack) sendAck();
}

function enterUnpaired() {
  unpaired = true;
  clearTimeout(rotationTimer);
  // A revoked screen must stop showing customer quotes, also after a reboot.
  playlist = null;
  view.discardPending();
  preparedFor = null;
  appliedVersion = null;
  removeItem(PLAYLIST_KEY);
  staleness.clear();
  view.setPlaylistVersion(null);
  view.showUnpaired();
  // The token is dead: forget it and show a pairing code, so an administrator
  // can pair the screen again without touching it.
  removeItem(TOKEN_KEY);
  if (connection) connection.stop();
  connection = null;
  stopProbing();
  startPairing();
}

// ---- pairing --------------------------------------------------------

/**
 * A page without a token waits on a pairing socket: the server gives it a short
 * code to show, and sends the token when an administrator enters that code.
 */
function startPairing() {
  if (pairingConnection) return;
  pairingConnection = new Connection({
    url: () => socketUrl(null),
    onStatus: (state) => view.setConnection(state),
    onMessage: onPairingMessage,
  });
  pairingConnection.start();
}

function onPairingMessage(data) {
  const msg = parseMessage(data);
  if (!msg) return;
  if (msg.type === 'pairing' && typeof msg.code === 'string' && /^[A-Z0-9]{4,12}$/.test(msg.code)) {
    const address = new URL('.', document.baseURI).href;
    view.showPairing(msg.code, address);
  } else if (msg.type === 'paired' && typeof msg.token === 'string' && msg.token !== '') {
    pairingConnection.stop();
    pairingConnection = null;
    writeItem(TOKEN_KEY, msg.token);
    removeItem(PLAYLIST_KEY);
    view.showIdle({ instant: true });
    startScreen(msg.token);
  }
}

/**
 * Puts the right thing on screen for the current server time and schedules
 * the next check for the exact moment the answer can change.
 * @returns {boolean} whether the displayed slide changed
 */
function update({ instant = false } = {}) {
  clearTimeout(rotationTimer);
  rotationTimer = null;
  if (unpaired) return false;
  if (!playlist) return view.showIdle({ instant });
  // ---- past the staleness bound, a neutral clock instead of old quotes ----
  if (staleness.isStale()) {
    rotationTimer = setTimeout(onRotationTimer, MAX_TIMER_MS);
    return view.showFallback({ instant: true });
  }

  const now = clock.now();
  const { nextChangeAt, changed } = showFor(now, instant);

  if (nextChangeAt !== null) armRotation(nextChangeAt);
  return changed;
}

/**
 * Wakes at server time `at`, recomputed against the synchronised clock at every
 * step, so neither drift nor a late timer accumulates: a long wait first, then
 * the last few milliseconds waited out here.
 */
function armRotation(at) {
  clearTimeout(rotationTimer);
  const remaining = at - clock.now();
  if (remaining > PREPARE_AHEAD_MS + EARLY_WAKE_MS) {
    rotationTimer = setTimeout(() => armRotation(at), Math.min(MAX_TIMER_MS, remaining - PREPARE_AHEAD_MS));
    return;
  }
  if (preparedFor !== at) {
    preparedFor = at;
    prepareFor(at);
  }
  if (remaining > EARLY_WAKE_MS) {
    rotationTimer = setTimeout(() => armRotation(at), Math.min(MAX_TIMER_MS, remaining - EARLY_WAKE_MS));
    return;
  }
  if (clock.now() > at + STARVED_MS) {
    // The timer fired after the boundary although it was due well before: the
    // machine did not run this page. Counted for tests and diagnosis.
    lateWakes += 1;
    document.body.dataset.lateWakes = String(lateWakes);
  }
  while (clock.now() < at) { /* at most EARLY_WAKE_MS */ }
  onRotationTimer();
}

/** Builds, hidden, the slide of the rotation that goes up at server time `at`. */
function prepareFor(at) {
  try {
    if (!playlist || unpaired || staleness.isStale()) return;
    const takeover = playlist.takeover && (playlist.takeover.until === null || playlist.takeover.until > at);
    if (takeover || quietAt(playlist, at).quiet) return;
    const { slide } = currentSlot(playlist, at);
    if (slide) view.prepare(slide);
  } catch (err) {
    // only a head start: the switch builds the slide itself if this failed
    console.warn('loopboard: could not prepare the next slide', err);
  }
}

/**
 * What is up at `now`, in order of precedence: an announcement (takeover) until
 * its end, then a quiet daypart (dim clock or black), then the rotation.
 * Each boundary is also a time to wake up, so the screen reverts by itself.
 */
function showFor(now, instant) {
  const quiet = quietAt(playlist, now);
  const takeover = playlist.takeover && (playlist.takeover.until === null || playlist.takeover.until > now)
    ? playlist.takeover : null;
  if (takeover) {
    return {
      slide: takeover,
      nextChangeAt: earliest(takeover.until, quiet.nextChangeAt),
      changed: view.showSlide(takeover, { instant }),
    };
  }
  if (quiet.quiet) {
    // Quiet hours begin on a minute boundary, a few ms before the minute ticker wakes: the dim
    // clock must not open on the minute that just ended.
    view.updateClock(formatClock(now), driftIndex(now));
    return { slide: null, nextChangeAt: quiet.nextChangeAt, changed: view.showQuiet(playlist.channel.quietMode, { instant }) };
  }
  const { slide, nextChangeAt } = currentSlot(playlist, now);
  const changed = slide ? view.showSlide(slide, { instant }) : view.showIdle({ instant });
  return { slide, nextChangeAt: earliest(nextChangeAt, quiet.nextChangeAt), changed };
}

function earliest(a, b) {
  if (a === null || a === undefined) return b ?? null;
  if (b === null || b === undefined) return a;
  return Math.min(a, b);
}

function onRotationTimer() {
  try {
    if (update()) sendAck();
  } catch (err) {
    console.warn('loopboard: rotation failed', err);
    rotationTimer = setTimeout(onRotationTimer, 1000);
  }
}

/** The clock estimate moved: both the slot and the minute may be different now. */
function refreshTime() {
  ticker.refresh();
  // after (re)connecting, nothing from the old playlist goes up before the current version has applied.
  if (awaitingFirstPlaylist) return;
  if (update()) sendAck();
}

/** For the fleet and for tests: whether the clock offset has settled, and how far off it may be. */
function showClockState() {
  document.body.dataset.clockSettled = String(clock.settled);
  const u = clock.uncertainty;
  document.body.dataset.clockUncertainty = u === null ? '' : String(Math.round(u));
}

function sendAck() {
  if (!connection || unpaired || appliedVersion === null) return;
  connection.send(ackMessage(appliedVersion, view.showingId));
}

// ---- time probes ------------------------------------------------------------

function startProbing() {
  stopProbing();
  clock.restart();
  showClockState();
  probe();
}

function probe() {
  sendProbe();
  probeTimer = setTimeout(probe, clock.settled ? Math.min(PROBE_EVERY_MS, heartbeatMs) : PROBE_SETTLING_MS);
}

function stopProbing() {
  clearTimeout(probeTimer);
  probeTimer = null;
}

function sendProbe() {
  if (connection) connection.send(clock.makeProbe());
}
