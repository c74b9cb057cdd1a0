// Wire format of /display/ws (JSON text frames, every message has a `type`).
//
// Everything the server sends passes through here before the rest of the
// client sees it, so the renderer and the rotation can trust their input.
// Invalid pieces are dropped rather than thrown on: a single malformed slide
// must never take the whole screen down.

import { slideKind } from './slides/index.js';

export const PROTOCOL_VERSION = 1;

// A floor on slide duration: a zero or tiny value from a misconfigured channel
// would otherwise make the screen strobe. Every screen applies the same floor,
// so they stay in step with each other.
export const MIN_SLIDE_MILLIS = 1000;

/** Parses one text frame; returns null for anything that is not a typed JSON object. */
export function parseMessage(data) {
  if (typeof data !== 'string') return null;
  let msg;
  try {
    msg = JSON.parse(data);
  } catch {
    return null;
  }
  if (!msg || typeof msg !== 'object' || Array.isArray(msg) || typeof msg.type !== 'string') return null;
  return msg;
}

/**
 * Validates a `playlist` message (or the copy kept in localStorage) and returns
 * a clean object of the same shape, or null if it is unusable as a whole.
 * The output is itself a valid input, which is what lets it round-trip
 * through storage.
 */
export function normalizePlaylist(msg) {
  if (!msg || typeof msg !== 'object') return null;
  const { version, epoch, slideMillis } = msg;
  if (!Number.isSafeInteger(version)) return null;
  if (!Number.isFinite(epoch)) return null;
  if (!Number.isFinite(slideMillis) || slideMillis <= 0) return null;
  if (!Array.isArray(msg.slides)) return null;

  const channel = msg.channel && typeof msg.channel === 'object' ? msg.channel : {};
  return {
    type: 'playlist',
    version,
    epoch,
    slideMillis: Math.max(MIN_SLIDE_MILLIS, slideMillis),
    channel: {
      id: channel.id ?? null,
      name: typeof channel.name === 'string' ? channel.name : '',
      theme: channel.theme === 'light' ? 'light' : 'dark',
      // brand, orientation, quiet mode
      brandColor: typeof channel.brandColor === 'string' && /^#[0-9a-fA-F]{6}$/.test(channel.brandColor) ? channel.brandColor : null,
      orientation: channel.orientation === 'portrait' ? 'portrait' : 'landscape',
      quietMode: channel.quietMode === 'black' ? 'black' : 'clock',
      logoUrl: typeof channel.logoUrl === 'string' && /^(\/[^/]|data:image\/(png|jpeg|gif|webp);base64,)/.test(channel.logoUrl) ? channel.logoUrl : null,
      // the discreet connection marker shows only when the channel asks for it.
      showConnectionState: channel.showConnectionState === true,
    },
    slides: msg.slides.map(normalizeSlide).filter((s) => s !== null),
    // an announcement shown instead of the slides until its `until`, and quiet dayparts
    takeover: msg.takeover ? normalizeSlide(msg.takeover) : null,
    quiet: Array.isArray(msg.quiet)
      ? msg.quiet.filter((w) => w && Number.isFinite(w.from) && Number.isFinite(w.until) && w.from < w.until)
        .map((w) => ({ from: w.from, until: w.until }))
      : [],
    quotesHidden: msg.quotesHidden === true,
  };
}

/**
 * One slide, clean, or null when it is left out: the fields every slide shares
 * are checked here, the kind's own by its module (slides/index.js).
 */
export function normalizeSlide(raw) {
  if (!raw || typeof raw !== 'object') return null;

  // Unknown types are skipped, not guessed at; every screen runs this same
  // client, so they all skip identically and stay in sync.
  const kind = slideKind(raw.type ?? 'quote');
  if (kind === null) return null;

  let id;
  if (typeof raw.id === 'string' && raw.id !== '') id = raw.id;
  else if (Number.isFinite(raw.id)) id = String(raw.id);
  else return null;

  // `until` is an expiry, i.e. a scheduled takedown. If it is present but not
  // a usable epoch-millis number we fail closed and leave the slide out,
  // rather than risk showing something past its end.
  let until = null;
  if (raw.until !== null && raw.until !== undefined) {
    if (!Number.isFinite(raw.until)) return null;
    until = raw.until;
  }

  const millis = Number.isFinite(raw.millis) && raw.millis > 0 ? Math.max(MIN_SLIDE_MILLIS, raw.millis) : null;
  const own = kind.normalize(raw);
  return own === null ? null : { id, until, millis, ...own };
}

/**
 * Identity of what is on screen. Two slides with the same id but edited text
 * are different keys, so an edit (often a correction or a redaction) replaces
 * the old wording instead of being ignored.
 */
export function slideKey(slide) {
  // story slides carry their content in `story`: an edit to it must show too
  return JSON.stringify([slide.id, slide.text, slide.attribution, slide.sentiment, slide.lang, slide.story ?? null]);
}

export function ackMessage(version, showing) {
  return { type: 'ack', version, showing };
}
