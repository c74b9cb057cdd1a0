// Bounded staleness: how long cached quotes may stay up without the server.
//
// A screen cut off from the server keeps rotating its last playlist, but only
// for a bounded time (the server's LOOPBOARD_SCREEN_MAX_STALE_HOURS, sent in
// `hello`; 24 h by default). After that it shows a neutral fallback, because a
// quote that was taken down while the screen was offline must not stay on the
// wall for weeks.
//
// The age is counted from the last moment the server confirmed the playlist
// as current (it was received, or the live connection answered a time probe),
// and persisted, so a reboot does not reset it. It uses the screen's own clock
// on both ends, so a clock that is consistently wrong does not matter; a clock
// that jumped backwards (dead RTC battery after a power cut) makes the age
// unknowable, and an unknown age counts as stale.

import { readItem, writeItem, removeItem } from './storage.js';

export const CONFIRMED_KEY = 'loopboard.playlistConfirmedAt';
export const MAX_STALE_KEY = 'loopboard.maxStaleMillis';
export const DEFAULT_MAX_STALE_MS = 24 * 3600 * 1000;

const BACKWARDS_TOLERANCE_MS = 5 * 60 * 1000;
// Persisting on every probe answer would write to flash once a minute forever.
const PERSIST_EVERY_MS = 10 * 60 * 1000;

export class Staleness {
  constructor(localNow = () => Date.now()) {
    this.localNow = localNow;
    this.maxStale = positive(Number(readItem(MAX_STALE_KEY))) ?? DEFAULT_MAX_STALE_MS;
    this.confirmedAt = finite(Number(readItem(CONFIRMED_KEY)));
    this.persistedAt = this.confirmedAt;
  }

  /** The server's bound, from `hello`; ignored unless it is a positive number. */
  setMaxStale(ms) {
    const value = positive(ms);
    if (value === null) return;
    this.maxStale = value;
    // Kept for the next boot, which may happen with the server unreachable.
    if (readItem(MAX_STALE_KEY) !== String(value)) writeItem(MAX_STALE_KEY, String(value));
  }

  /** The server has just confirmed the applied playlist as current. */
  confirm({ persist = false } = {}) {
    const now = this.localNow();
    this.confirmedAt = now;
    if (persist || this.persistedAt === null || now - this.persistedAt >= PERSIST_EVERY_MS) {
      this.persistedAt = now;
      writeItem(CONFIRMED_KEY, String(now));
    }
  }

  /** Forget the confirmation, e.g. when the playlist is dropped. */
  clear() {
    this.confirmedAt = null;
    this.persistedAt = null;
    removeItem(CONFIRMED_KEY);
  }

  isStale() {
    if (this.confirmedAt === null) return true;
    const age = this.localNow() - this.confirmedAt;
    return age > this.maxStale || age < -BACKWARDS_TOLERANCE_MS;
  }

  /** Local time at which the playlist turns stale, or null when it already is. */
  get staleAt() {
    return this.isStale() ? null : this.confirmedAt + this.maxStale;
  }
}

function positive(n) {
  return Number.isFinite(n) && n > 0 ? n : null;
}

function finite(n) {
  return Number.isFinite(n) && n > 0 ? n : null;
}
