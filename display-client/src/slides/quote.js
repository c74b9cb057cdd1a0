// The quote slide: one approved customer quote, moderated text only, in the answer's
// language. Its type size comes from its length (display.css, "Length buckets");
// fit.js shrinks it further when a panel is too small.

const SENTIMENTS = new Set(['praise', 'critique', 'mixed']);
const LANG_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

// Quote length buckets, in characters: shorter quotes get larger type.
const LENGTH_BUCKETS = [
  [60, 'len-xs'],
  [140, 'len-s'],
  [260, 'len-m'],
  [420, 'len-l'],
];

/** The quote's own fields from the server (or storage); null when it has no text. */
export function normalizeQuote(raw) {
  if (typeof raw.text !== 'string' || raw.text.trim() === '') return null;
  return {
    type: 'quote',
    text: raw.text, // the server already trimmed; customer text is shown exactly as moderated
    attribution: typeof raw.attribution === 'string' ? raw.attribution : '',
    sentiment: SENTIMENTS.has(raw.sentiment) ? raw.sentiment : 'neutral',
    lang: typeof raw.lang === 'string' && LANG_TAG.test(raw.lang) ? raw.lang : '',
  };
}

export function buildQuoteLayer(doc, slide) {
  const layer = el(doc, 'figure', `layer layer--quote sentiment-${slide.sentiment} ${lengthClass(slide.text)}`);

  const mark = el(doc, 'div', 'quote-mark');
  mark.setAttribute('aria-hidden', 'true');

  const text = el(doc, 'blockquote', 'quote-text');
  text.id = 'slide-text';
  // lang drives hyphenation, quote glyph shaping and font choice; an unknown
  // language is declared as unknown rather than inheriting the page's "en".
  text.lang = slide.lang;
  // dir=auto lets Arabic or Hebrew quotes lay out right-to-left by their own content.
  text.dir = 'auto';
  text.textContent = slide.text;

  const attribution = el(doc, 'figcaption', 'quote-attribution');
  attribution.id = 'slide-attribution';
  attribution.dir = 'auto';
  attribution.textContent = slide.attribution;
  if (slide.attribution === '') attribution.classList.add('is-empty');

  layer.append(mark, text, attribution);
  return layer;
}

/** The length bucket of a quote, counted in code points so emoji and astral scripts are not over-counted. */
export function lengthClass(text) {
  const length = [...text].length;
  for (const [max, cls] of LENGTH_BUCKETS) if (length <= max) return cls;
  return 'len-xl';
}

function el(doc, tag, className) {
  const node = doc.createElement(tag);
  node.className = className;
  return node;
}
