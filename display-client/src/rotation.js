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
  const slot = Math.floor((serverNow - epoch) / slideMillis);
  // Proper modulo: the slot is negative if the epoch is in the future.
  const index = ((slot % active.length) + active.length) % active.length;

  let nextChangeAt = epoch + (slot + 1) * slideMillis;
  for (const s of active) {
    if (s.until !== null && s.until < nextChangeAt) nextChangeAt = s.until;
  }
  return { slide: active[index], nextChangeAt };
}
