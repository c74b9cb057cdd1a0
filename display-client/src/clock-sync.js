// Estimates the offset between this TV's clock and the server's.
//
// Kiosk clocks are often minutes off (no NTP, dead RTC battery), and the
// rotation needs every screen to agree on the time within a frame or two.
// Classic NTP-style estimate: offset = serverTime - midpoint of the probe's
// round trip, trusting the sample with the smallest round trip because it
// has the least room for asymmetric delay: its error is at most half of it.

const MAX_SAMPLES = 16;          // with a probe every 30 s, about 8 minutes: old samples age out as the local clock drifts
const MAX_ROUND_TRIP_MS = 10000; // a slower answer says nothing useful about the midpoint
const MAX_PENDING = 16;
// Settled: enough samples, and the best one either is tight already or has
// stopped improving, so more probes would not move the estimate noticeably.
const SETTLE_MIN_SAMPLES = 5;
const TIGHT_ROUND_TRIP_MS = 20;  // error at most 10 ms
const STABLE_AFTER_SAMPLES = 6;  // this many samples in a row without a better one
const DRIFT_PER_MS = 100e-6;     // a cheap crystal: up to 100 ppm

export class ClockSync {
  constructor() {
    this.samples = [];
    this.pending = new Map(); // clientSent -> performance.now() at send
    this.coarseOffset = null;
    this.sinceBest = 0;        // samples since the best one arrived
  }

  /**
   * The sample with the smallest possible error, or null: half its round trip,
   * plus what the local clock may have drifted since it was taken (NTP's
   * "dispersion"), so a tight but old sample gives way to a fresh one.
   */
  get best() {
    const at = performance.now();
    let best = null;
    let bestError = Infinity;
    for (const s of this.samples) {
      const error = s.roundTrip / 2 + (at - s.takenAt) * DRIFT_PER_MS;
      if (error < bestError) {
        best = s;
        bestError = error;
      }
    }
    return best;
  }

  /** Milliseconds to add to Date.now() to get server time. */
  get offset() {
    const best = this.best;
    if (best !== null) return best.offset;
    return this.coarseOffset ?? 0;
  }

  /** How far off the offset may be, in ms (half the best round trip), or null before any probe answered. */
  get uncertainty() {
    const best = this.best;
    return best === null ? null : best.roundTrip / 2;
  }

  /** Whether more probes are unlikely to improve the estimate; until then the screen probes often. */
  get settled() {
    const best = this.best;
    if (best === null || this.samples.length < SETTLE_MIN_SAMPLES) return false;
    return best.roundTrip <= TIGHT_ROUND_TRIP_MS || this.sinceBest >= STABLE_AFTER_SAMPLES;
  }

  now() {
    return Date.now() + this.offset;
  }

  /**
   * First guess from the hello's serverTime, used only until a probe answers.
   * It is off by the one-way latency, which is still far better than a TV
   * clock that is minutes wrong.
   */
  noteServerTime(serverTime) {
    if (Number.isFinite(serverTime)) this.coarseOffset = serverTime - Date.now();
  }

  /** Builds a probe message and remembers when it left. */
  makeProbe() {
    const clientSent = Date.now();
    this.pending.set(clientSent, performance.now());
    while (this.pending.size > MAX_PENDING) {
      this.pending.delete(this.pending.keys().next().value);
    }
    return { type: 'time', clientSent };
  }

  /** Takes a `time` reply; returns true if it produced a sample. */
  handleReply(msg) {
    const { clientSent, serverTime } = msg;
    if (!Number.isFinite(clientSent) || !Number.isFinite(serverTime)) return false;
    const sentAt = this.pending.get(clientSent);
    if (sentAt === undefined) return false; // not ours, or already answered
    this.pending.delete(clientSent);

    // The round trip is measured on the monotonic clock, so a wall-clock step
    // during the probe cannot produce a negative or absurd round trip.
    const roundTrip = performance.now() - sentAt;
    if (roundTrip < 0 || roundTrip > MAX_ROUND_TRIP_MS) return false;

    const previous = this.best;
    const offset = serverTime - (clientSent + roundTrip / 2);
    this.samples.push({ offset, roundTrip, takenAt: performance.now() });
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
    this.sinceBest = previous === null || roundTrip < previous.roundTrip - 1 ? 0 : this.sinceBest + 1;
    return true;
  }

  /** A new connection: keep the estimate, but prove it again (the path or the clock may have changed). */
  restart() {
    this.sinceBest = 0;
    this.pending.clear();
  }
}
