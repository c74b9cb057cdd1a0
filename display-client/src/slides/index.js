// Slide types other than quotes: how each is validated and drawn. protocol.js and
// view.js look types up here, so a new kind of slide is one module plus one line.

import { normalizeScore, buildScoreLayer } from './score.js';
import { normalizeAnnouncement, buildAnnouncementLayer } from './announcement.js';
import { normalizeFollowUp, buildFollowUpLayer } from './followup.js';

export const SLIDE_TYPES = {
  score: { normalize: normalizeScore, build: buildScoreLayer },
  announcement: { normalize: normalizeAnnouncement, build: buildAnnouncementLayer },
  followup: { normalize: normalizeFollowUp, build: buildFollowUpLayer },
};
