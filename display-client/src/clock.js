// The wall clock of the idle view.
//
// Shown in the TV's own time zone but from the server-corrected time, because
// a kiosk's clock is often wrong and a wrong clock on a wall is worse than none.

const DRIFT_POSITIONS = 8;
const DRIFT_EVERY_MINUTES = 3;

/** "HH:MM", 24-hour, independent of the browser's locale settings. */
export function formatClock(ms) {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Index of a small, slow position shift for long-lived static content. The
 * clock or the "not paired" notice can sit unchanged for days, and on some
 * panels that burns in; moving it a few percent every few minutes prevents
 * that without anyone noticing the motion.
 */
export function driftIndex(ms) {
  return Math.floor(ms / 60000 / DRIFT_EVERY_MINUTES) % DRIFT_POSITIONS;
}

/** Calls `onMinute(serverNow)` just after every minute boundary of server time. */
export class MinuteTicker {
  constructor(now, onMinute) {
    this.now = now;
    this.onMinute = onMinute;
    this.timer = null;
  }

  start() {
    this.tick();
  }

  /** Re-evaluate now, e.g. after the clock offset changed. */
  refresh() {
    this.tick();
  }

  tick() {
    clearTimeout(this.timer);
    const now = this.now();
    this.onMinute(now);
    // Aim a few ms past the boundary so the new minute is already current when we wake.
    const delay = 60000 - (((now % 60000) + 60000) % 60000) + 20;
    this.timer = setTimeout(() => this.tick(), delay);
  }
}

function pad(n) {
  return String(n).padStart(2, '0');
}
