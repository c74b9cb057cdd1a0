// One WebSocket to the server that keeps itself alive.
//
// Disconnections are normal here (server deploys, Wi-Fi blips, the TV waking
// up), so nothing in this file logs or throws on them. It reconnects with
// exponential backoff and full jitter, so a server restart is not met by every
// screen in the building reconnecting in the same millisecond, and it backs
// off to a slow, steady retry when the server says the token is not valid.

export const CLOSE_INVALID_TOKEN = 4401;
/** The server is stopping to start again (a restart, an upgrade): come back soon, not by backoff. */
export const CLOSE_RESTARTING = 1012;

const DEFAULTS = {
  baseDelay: 500,
  maxDelay: 30000,
  unauthorizedDelay: 60000,
  connectTimeout: 15000,
  // The client sends a time probe every 60 s and the server answers each one,
  // so this much silence means the socket is dead without the browser having
  // noticed (half-open TCP after a network change). It does not rely on the
  // server's own pings, which are invisible to page scripts.
  silenceTimeout: 150000,
  watchdogEvery: 15000,
  // After a planned restart (close code 1012) every screen retries every 0.5–2 s for up to a
  // minute, so a restart costs a screen a few seconds; the spread keeps a building's screens
  // from arriving in the same millisecond. Past the minute, the usual backoff takes over.
  restartDelay: 500,
  restartSpread: 1500,
  restartWindow: 60000,
};

export class Connection {
  /**
   * @param {object} opts
   * @param {() => string} opts.url  called for every attempt
   * @param {() => void} [opts.onOpen]
   * @param {(data: any) => void} [opts.onMessage]
   * @param {(info: {code: number, unauthorized: boolean}) => void} [opts.onClose]
   * @param {(state: 'connecting'|'open'|'closed') => void} [opts.onStatus]
   */
  constructor(opts) {
    this.opts = { ...DEFAULTS, ...opts };
    this.ws = null;
    this.attempt = 0;
    this.unauthorized = false;
    this.waitingUnauthorized = false;
    this.retryTimer = null;
    this.connectTimer = null;
    this.watchdogTimer = null;
    this.lastActivity = 0;
    this.suspended = false;
    this.stopped = false;
    this.restartingSince = null;
  }

  start() {
    window.addEventListener('online', () => this.nudge());
    // A page that is navigated away from may be kept whole in the back/forward
    // cache, frozen with its socket still open: the server would count a screen
    // that shows nothing as online for good. So the socket closes when the page
    // is hidden, and a page restored from the cache connects again at once.
    window.addEventListener('pagehide', () => this.suspend());
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) this.resume();
    });
    this.connect();
  }

  /** The page is going away (or into the back/forward cache): close cleanly, retry nothing. */
  suspend() {
    if (this.stopped || this.suspended) return;
    this.suspended = true;
    // 1000: scripts may not send 1001 (going away); the browser sends that itself only on unload
    this.release(1000, 'page hidden');
    this.setStatus('closed');
  }

  /** The page came back from the back/forward cache. */
  resume() {
    if (this.stopped || !this.suspended) return;
    this.suspended = false;
    this.attempt = 0;
    this.connect();
  }

  /** Sends a JSON message if the socket is open; returns whether it went out. */
  send(message) {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    try {
      ws.send(JSON.stringify(message));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Called once the server has greeted us. Only then does the backoff reset:
   * a server that accepts and immediately drops connections would otherwise
   * be hammered at the base delay forever.
   */
  markHealthy() {
    this.attempt = 0;
    this.restartingSince = null;
  }

  /** The server said the token is invalid; the close that follows is treated as 4401 whatever its code. */
  markUnauthorized() {
    this.unauthorized = true;
  }

  /** The network came back: skip the rest of a backoff wait (but not the slow unpaired retry). */
  nudge() {
    if (this.ws === null && this.retryTimer !== null && !this.waitingUnauthorized) {
      this.connect();
    }
  }

  /** Closes for good, without retrying: the page switches between its pairing and screen sockets. */
  stop() {
    this.stopped = true;
    this.release(1000, 'done');
  }

  /** Closes the socket without listening to it any more and cancels every timer. */
  release(code, reason) {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    clearTimeout(this.connectTimer);
    clearInterval(this.watchdogTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try { ws.close(code, reason); } catch { /* already closed */ }
    }
  }

  connect() {
    if (this.stopped || this.suspended) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.unauthorized = false;
    this.waitingUnauthorized = false;
    this.setStatus('connecting');

    let ws;
    try {
      ws = new WebSocket(this.opts.url());
    } catch {
      // Bad URL or a blocked scheme: treat it like any failed attempt.
      this.setStatus('closed');
      this.scheduleRetry(false);
      return;
    }
    this.ws = ws;
    this.lastActivity = performance.now();

    this.connectTimer = setTimeout(() => {
      if (this.ws === ws && ws.readyState === WebSocket.CONNECTING) this.abandon(ws);
    }, this.opts.connectTimeout);

    ws.onopen = () => {
      if (this.ws !== ws) return;
      clearTimeout(this.connectTimer);
      this.lastActivity = performance.now();
      this.startWatchdog();
      this.setStatus('open');
      this.opts.onOpen?.();
    };
    ws.onmessage = (event) => {
      if (this.ws !== ws) return;
      this.lastActivity = performance.now();
      this.opts.onMessage?.(event.data);
    };
    // A 'close' event always follows an 'error'; the browser has already
    // logged the failure itself, so there is nothing to add here.
    ws.onerror = () => {};
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.closed(event.code);
    };
  }

  /** Gives up on a socket that looks dead without waiting for a closing handshake that may never come. */
  abandon(ws) {
    ws.onopen = ws.onmessage = ws.onclose = null;
    try {
      ws.close(4000, 'unresponsive');
    } catch {
      // Already closing; we have stopped listening to it anyway.
    }
    this.closed(1006);
  }

  closed(code) {
    const unauthorized = code === CLOSE_INVALID_TOKEN || this.unauthorized;
    if (code === CLOSE_RESTARTING) this.restartingSince = performance.now();
    this.ws = null;
    clearTimeout(this.connectTimer);
    clearInterval(this.watchdogTimer);
    this.setStatus('closed');
    this.opts.onClose?.({ code, unauthorized });
    this.scheduleRetry(unauthorized);
  }

  scheduleRetry(unauthorized) {
    clearTimeout(this.retryTimer);
    if (this.stopped || this.suspended) return;
    let delay;
    if (unauthorized) {
      // Slow and steady: the token will not become valid by asking harder.
      // ±10 % keeps a batch of unpaired screens from retrying in lockstep.
      delay = this.opts.unauthorizedDelay * (0.9 + Math.random() * 0.2);
      this.waitingUnauthorized = true;
    } else if (this.restartingSince !== null
        && performance.now() - this.restartingSince < this.opts.restartWindow) {
      delay = this.opts.restartDelay + Math.random() * this.opts.restartSpread;
    } else {
      // Full jitter: a random delay anywhere below the exponential ceiling.
      const ceiling = Math.min(this.opts.maxDelay, this.opts.baseDelay * 2 ** this.attempt);
      this.attempt = Math.min(this.attempt + 1, 30);
      delay = Math.random() * ceiling;
    }
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  startWatchdog() {
    clearInterval(this.watchdogTimer);
    this.watchdogTimer = setInterval(() => {
      const ws = this.ws;
      if (ws && performance.now() - this.lastActivity > this.opts.silenceTimeout) this.abandon(ws);
    }, this.opts.watchdogEvery);
  }

  setStatus(state) {
    this.opts.onStatus?.(state);
  }
}
