// The score slide: NPS or CSAT of the channel's feedback with its trend and sample size.
// The server leaves it out below the channel's minimum sample; a screen only renders it.

const METRICS = new Set(['NPS', 'CSAT']);

/**
 * Validates a score slide from the server (or storage); null when unusable.
 * The result keeps the wire shape ({type, data}) so it round-trips through storage.
 */
export function normalizeScore(raw) {
  const d = raw.data;
  if (!d || typeof d !== 'object' || !METRICS.has(d.metric)) return null;
  if (!Number.isFinite(d.value) || !Number.isSafeInteger(d.sampleSize) || !Number.isSafeInteger(d.days)) return null;
  return {
    type: 'score',
    data: {
      metric: d.metric,
      value: Math.round(d.value),
      sampleSize: d.sampleSize,
      days: d.days,
      trend: Number.isFinite(d.trend) ? Math.round(d.trend) : null,
    },
  };
}

/** What the score slide says, in the screen's two languages. */
export function scoreLines({ data: slide }) {
  const value = slide.metric === 'NPS' && slide.value > 0 ? `+${slide.value}` : `${slide.value}${slide.metric === 'CSAT' ? ' %' : ''}`;
  let trend = '';
  if (slide.trend !== null) {
    const arrow = slide.trend > 0 ? '▲' : slide.trend < 0 ? '▼' : '▶';
    trend = `${arrow} ${slide.trend > 0 ? '+' : ''}${slide.trend}`;
  }
  return {
    label: `${slide.metric} · ${slide.days} days / dagar`,
    value,
    trend,
    sample: `${slide.sampleSize} answers / svar`,
  };
}

export function buildScoreLayer(doc, slide) {
  const lines = scoreLines(slide);
  const layer = doc.createElement('section');
  layer.className = 'layer layer--score';
  const label = doc.createElement('p');
  label.className = 'score-label';
  label.textContent = lines.label;
  const value = doc.createElement('p');
  value.className = 'score-value';
  value.id = 'score-value';
  value.textContent = lines.value;
  const trend = doc.createElement('p');
  trend.className = 'score-trend';
  trend.textContent = lines.trend;
  const sample = doc.createElement('p');
  sample.className = 'score-sample';
  sample.id = 'score-sample';
  sample.textContent = lines.sample;
  layer.append(label, value, trend, sample);
  return layer;
}
