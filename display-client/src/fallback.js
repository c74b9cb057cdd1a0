// The neutral fallback: a clock and the logo, shown instead of quotes once the
// cached playlist is older than the staleness bound (see staleness.js).
// It says nothing about errors or connections: people walking past a screen
// should see a calm clock, not a fault.

/** Builds the fallback layer; `drift` is the current anti-burn-in position. */
export function buildFallbackLayer(doc, clockText, drift) {
  const layer = doc.createElement('div');
  layer.className = 'layer layer--fallback';

  const mover = doc.createElement('div');
  mover.className = `drift drift-${drift} fallback`;

  const clock = doc.createElement('time');
  clock.className = 'idle-clock';
  // The same hook as the idle clock, so the minute ticker updates it.
  clock.id = 'idle-clock';
  clock.textContent = clockText;

  const logo = doc.createElement('img');
  logo.className = 'fallback-logo';
  logo.src = 'logo.svg';
  logo.alt = 'Loopboard';
  logo.decoding = 'async';

  mover.append(clock, logo);
  layer.append(mover);
  return layer;
}
