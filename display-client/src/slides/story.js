// "You said, we did" slides: a `story-said` slide shows one to three moderated
// quotes that prompted an improvement; the `story-did` slide after it shows what was done.
// Both arrive as data (see docs/display-protocol.md) and are placed with textContent only.

const LANG_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
const STATUSES = new Set(['planned', 'in_progress', 'done']);
const MAX_QUOTES = 3;

function str(v) {
  return typeof v === 'string' ? v.trim() : '';
}

/**
 * The fields of a `story-said` or `story-did` slide, clean, or null when it is
 * unusable (then it is skipped like any bad slide). A story slide keeps the
 * channel's slide length (`millis` null), as screens have always shown it.
 */
export function normalizeStorySlide(raw) {
  if (typeof raw.id !== 'string' || raw.id === '') return null;
  const s = raw.story;
  if (!s || typeof s !== 'object' || Array.isArray(s)) return null;
  const title = str(s.title);
  if (title === '') return null;
  const base = { type: raw.type, text: title, attribution: '', sentiment: 'neutral', lang: '', millis: null };
  if (raw.type === 'story-said') {
    const quotes = (Array.isArray(s.quotes) ? s.quotes : [])
      .filter((q) => q && typeof q === 'object' && str(q.text) !== '')
      .slice(0, MAX_QUOTES)
      .map((q) => ({ text: str(q.text), attribution: str(q.attribution), lang: LANG_TAG.test(str(q.lang)) ? str(q.lang) : '' }));
    if (quotes.length === 0) return null;
    const mentions = Number.isSafeInteger(s.mentions) && s.mentions > 0 ? s.mentions : quotes.length;
    return { ...base, story: { title, mentions, quotes } };
  }
  return {
    ...base,
    story: {
      title,
      action: str(s.action),
      team: str(s.team),
      date: /^\d{4}-\d{2}-\d{2}$/.test(str(s.date)) ? str(s.date) : '',
      status: STATUSES.has(s.status) ? s.status : '',
      effect: str(s.effect),
    },
  };
}

export function buildStoryLayer(doc, slide) {
  return slide.type === 'story-said' ? buildSaid(doc, slide) : buildDid(doc, slide);
}

function buildSaid(doc, slide) {
  const { story } = slide;
  const total = story.quotes.reduce((n, q) => n + [...q.text].length, 0);
  const size = total <= 120 ? 'story-len-s' : total <= 360 ? 'story-len-m' : 'story-len-l';
  const layer = el(doc, 'section', `layer layer--story layer--story-said ${size}`);
  layer.append(eyebrow(doc, 'You said', 'Ni sa'));
  const quotes = el(doc, 'div', 'story-quotes');
  for (const q of story.quotes) {
    const fig = el(doc, 'figure', 'story-quote');
    const text = textEl(doc, 'blockquote', 'story-quote-text', q.text);
    text.lang = q.lang;
    fig.append(text);
    if (q.attribution !== '') {
      fig.append(textEl(doc, 'figcaption', 'story-quote-attribution', q.attribution));
    }
    quotes.append(fig);
  }
  const footer = el(doc, 'p', 'story-footer');
  const count = el(doc, 'span', 'story-count');
  count.textContent = String(story.mentions);
  const about = textEl(doc, 'span', 'story-title', story.title);
  about.id = 'slide-text';
  footer.append(count, about);
  layer.append(quotes, footer);
  return layer;
}

function buildDid(doc, slide) {
  const { story } = slide;
  const layer = el(doc, 'section', 'layer layer--story layer--story-did');
  layer.append(eyebrow(doc, 'We did', 'Vi gjorde'));
  const title = textEl(doc, 'h1', 'story-did-title', story.title);
  title.id = 'slide-text';
  layer.append(title);
  if (story.action !== '') {
    const action = textEl(doc, 'p', 'story-action', story.action);
    if ([...story.action].length > 220) action.classList.add('is-long');
    layer.append(action);
  }
  if (story.effect !== '') {
    layer.append(textEl(doc, 'p', 'story-effect', story.effect));
  }
  const meta = textEl(doc, 'p', 'story-meta', [story.team, story.date].filter((v) => v !== '').join(' · '));
  meta.id = 'slide-attribution';
  layer.append(meta);
  return layer;
}

function eyebrow(doc, en, sv) {
  const p = el(doc, 'p', 'story-eyebrow');
  const a = el(doc, 'span', 'story-eyebrow-primary');
  a.lang = 'en';
  a.textContent = en;
  const b = el(doc, 'span', 'story-eyebrow-secondary');
  b.lang = 'sv';
  b.textContent = sv;
  p.append(a, b);
  return p;
}

/** Text from the server: set as text, laid out by its own direction (Arabic, Hebrew). */
function textEl(doc, tag, className, value) {
  const node = el(doc, tag, className);
  node.dir = 'auto';
  node.textContent = value;
  return node;
}

function el(doc, tag, className) {
  const node = doc.createElement(tag);
  node.className = className;
  return node;
}
