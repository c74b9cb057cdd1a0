// Which slide is up at a given server time. Pure functions, no timers.
//
// Screens never talk to each other: they agree because each computes the slot
// from the same (epoch, slideMillis, slides) and its own estimate of server
// time. That is why the maths here uses server time only, never "time since
// this page loaded".

/** Slides that have not expired at `serverNow`. */
export function activeSlides(playlist, serverNow) {
  return playlist.slides.filter((s) => s.until === null || s.until > serverNow);
}

/**
 * @returns {{ slide: object|null, nextChangeAt: number|null }} the slide to show
 *   now (null = idle) and the server time at which the answer may next change:
 *   the next slot boundary or the next expiry, whichever is sooner.
 */
export function currentSlot(playlist, serverNow) {
  const active = activeSlides(playlist, serverNow);
  if (active.length === 0) {
    // Expiries only ever remove slides, so an empty set stays empty until the
    // server sends a new playlist.
    return { slide: null, nextChangeAt: null };
  }

  const { epoch, slideMillis } = playlist;
  let index;
  let nextChangeAt;
  if (active.some((s) => s.millis)) {
    ({ index, nextChangeAt } = variableSlot(active, epoch, slideMillis, serverNow));
  } else {
    const slot = Math.floor((serverNow - epoch) / slideMillis);
    // Proper modulo: the slot is negative if the epoch is in the future.
    index = ((slot % active.length) + active.length) % active.length;
    nextChangeAt = epoch + (slot + 1) * slideMillis;
  }
  for (const s of active) {
    if (s.until !== null && s.until < nextChangeAt) nextChangeAt = s.until;
  }
  return { slide: active[index], nextChangeAt };
}

/**
 * Slides with their own durations (reading-time channels): the cycle is the sum
 * of the durations and the position in it picks the slide. Same inputs on every
 * screen, so they still agree.
 */
function variableSlot(active, epoch, slideMillis, serverNow) {
  const lengths = active.map((s) => s.millis || slideMillis);
  const cycle = lengths.reduce((a, b) => a + b, 0);
  const elapsed = serverNow - epoch;
  const cycleStart = epoch + Math.floor(elapsed / cycle) * cycle;
  let at = cycleStart;
  for (let i = 0; i < active.length; i++) {
    if (serverNow < at + lengths[i]) return { index: i, nextChangeAt: at + lengths[i] };
    at += lengths[i];
  }
  return { index: 0, nextChangeAt: at + lengths[0] };
}

/** The quiet window (dayparts) covering `serverNow`, or null; and when the answer next changes. */
export function quietAt(playlist, serverNow) {
  let current = null;
  let nextChangeAt = null;
  for (const w of playlist.quiet || []) {
    if (w.from <= serverNow && serverNow < w.until) current = w;
    const edge = w.from > serverNow ? w.from : (w.until > serverNow ? w.until : null);
    if (edge !== null && (nextChangeAt === null || edge < nextChangeAt)) nextChangeAt = edge;
  }
  return { quiet: current, nextChangeAt };
}
