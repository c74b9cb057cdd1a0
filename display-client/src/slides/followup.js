// The follow-up slide: the share of critics contacted within the due time (48 h), over the
// last days, with its sample. The server leaves it out below the minimum sample; a screen
// only renders it, in the score slide's layout.

/** Validates a follow-up slide from the server (or storage); null when unusable. */
export function normalizeFollowUp(raw) {
  const d = raw.data;
  if (!d || typeof d !== 'object') return null;
  if (!Number.isSafeInteger(d.percent) || d.percent < 0 || d.percent > 100) return null;
  if (!Number.isSafeInteger(d.n) || !Number.isSafeInteger(d.days) || !Number.isSafeInteger(d.hours)) return null;
  return { type: 'followup', data: { percent: d.percent, n: d.n, days: d.days, hours: d.hours } };
}

export function buildFollowUpLayer(doc, { data }) {
  const layer = doc.createElement('section');
  layer.className = 'layer layer--score layer--followup';
  const lines = [
    ['score-label', `Critics contacted within ${data.hours} h · ${data.days} days / Kritiker kontaktade inom ${data.hours} h · ${data.days} dagar`],
    ['score-value', `${data.percent} %`],
    ['score-sample', `n = ${data.n}`],
  ];
  for (const [className, text] of lines) {
    const p = doc.createElement('p');
    p.className = className;
    p.textContent = text;
    layer.append(p);
  }
  layer.querySelector('.score-value').id = 'followup-value';
  return layer;
}
