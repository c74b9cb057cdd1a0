// Estimates the offset between this TV's clock and the server's.
//
// Kiosk clocks are often minutes off (no NTP, dead RTC battery), and the
// rotation needs every screen to agree on the time within a frame or two.
// Classic NTP-style estimate: offset = serverTime - midpoint of the probe's
// round trip, trusting the sample with the smallest round trip because it
// has the least room for asymmetric delay.

const MAX_SAMPLES = 8;          // about 8 minutes of probes: old enough samples age out as the local clock drifts
const MAX_ROUND_TRIP_MS = 10000; // a slower answer says nothing useful about the midpoint
const MAX_PENDING = 16;

export class ClockSync {
  constructor() {
    this.samples = [];
    this.pending = new Map(); // clientSent -> performance.now() at send
    this.coarseOffset = null;
  }

  /** Milliseconds to add to Date.now() to get server time. */
  get offset() {
    if (this.samples.length > 0) {
      let best = this.samples[0];
      for (const s of this.samples) if (s.roundTrip < best.roundTrip) best = s;
      return best.offset;
    }
    return this.coarseOffset ?? 0;
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

    const offset = serverTime - (clientSent + roundTrip / 2);
    this.samples.push({ offset, roundTrip });
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
    return true;
  }
}
