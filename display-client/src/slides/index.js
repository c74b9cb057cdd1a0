// Every kind of slide a screen can show, by its `type` on the wire: how it is
// validated (`normalize`, from the server or from storage) and drawn (`build`).
// protocol.js and view.js only look kinds up here, so a new kind of slide is one
// module plus one line (docs/architecture.md, "Where to add a slide kind").
//
// `normalize(raw)` returns the kind's own fields, or null when the slide is
// unusable; protocol.js has checked the fields every slide shares (`id`,
// `until`, `millis`) already. `build(doc, slide)` returns a layer element and
// places server text with textContent only.

import { normalizeQuote, buildQuoteLayer } from './quote.js';
import { normalizeScore, buildScoreLayer } from './score.js';
import { normalizeAnnouncement, buildAnnouncementLayer } from './announcement.js';
import { normalizeFollowUp, buildFollowUpLayer } from './followup.js';
import { normalizeStorySlide, buildStoryLayer } from './story.js';

export const SLIDE_TYPES = Object.freeze({
  quote: { normalize: normalizeQuote, build: buildQuoteLayer },
  score: { normalize: normalizeScore, build: buildScoreLayer },
  announcement: { normalize: normalizeAnnouncement, build: buildAnnouncementLayer },
  followup: { normalize: normalizeFollowUp, build: buildFollowUpLayer },
  'story-said': { normalize: normalizeStorySlide, build: buildStoryLayer },
  'story-did': { normalize: normalizeStorySlide, build: buildStoryLayer },
});

/** The kind registered for `type`, or null for a type this screen does not know. */
export function slideKind(type) {
  return typeof type === 'string' && Object.hasOwn(SLIDE_TYPES, type) ? SLIDE_TYPES[type] : null;
}
