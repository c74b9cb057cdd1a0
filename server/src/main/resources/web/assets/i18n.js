// UI text in English and Swedish. The choice is remembered per browser; customer text is
// never translated or touched.
const TEXT = {
  en: {
    'login.tagline': "The customer's voice, where you work.",
    'login.failed': 'Wrong e-mail or password.',
    'login.email': 'E-mail',
    'login.password': 'Password',
    'login.submit': 'Log in',
    'tab.pending': 'Pending',
    'tab.approved': 'On air',
    'tab.rejected': 'Rejected',
    'tab.archived': 'Unpublished',
    logout: 'Log out',
    empty: 'Nothing here right now.',
    more: 'Show more',
    'field.displayText': 'Text on screens',
    'field.attribution': 'Attribution',
    'action.approve': 'Approve',
    'action.reject': 'Reject',
    'action.unpublish': 'Unpublish',
    'action.reapprove': 'Approve again',
    'meta.original': 'Original comment',
    'status.approved': 'Approved — on screens now.',
    'status.rejected': 'Rejected.',
    'status.archived': 'Unpublished — taken off every screen.',
    'status.error': 'That did not work: ',
    'status.loading': 'Loading…',
    'decided.by': 'Decided by {who}, {when}',
  },
  sv: {
    'login.tagline': 'Kundens röst, där ni arbetar.',
    'login.failed': 'Fel e-postadress eller lösenord.',
    'login.email': 'E-post',
    'login.password': 'Lösenord',
    'login.submit': 'Logga in',
    'tab.pending': 'Väntar',
    'tab.approved': 'I sändning',
    'tab.rejected': 'Avvisade',
    'tab.archived': 'Avpublicerade',
    logout: 'Logga ut',
    empty: 'Inget här just nu.',
    more: 'Visa fler',
    'field.displayText': 'Text på skärmarna',
    'field.attribution': 'Avsändare',
    'action.approve': 'Godkänn',
    'action.reject': 'Avvisa',
    'action.unpublish': 'Avpublicera',
    'action.reapprove': 'Godkänn igen',
    'meta.original': 'Ursprunglig kommentar',
    'status.approved': 'Godkänd — visas på skärmarna nu.',
    'status.rejected': 'Avvisad.',
    'status.archived': 'Avpublicerad — borttagen från alla skärmar.',
    'status.error': 'Det gick inte: ',
    'status.loading': 'Laddar…',
    'decided.by': 'Beslut av {who}, {when}',
  },
};

// ---- issue 4: stories and the improvements board ----
Object.assign(TEXT.en, {
  'story.nav.queue': 'Moderation', 'story.nav.stories': 'Stories', 'story.nav.board': 'Board',
  'story.new': 'New story', 'story.state': 'State',
  'story.state.new': 'new, not saved', 'story.state.draft': 'Draft', 'story.state.published': 'Published', 'story.state.archived': 'Archived',
  'story.field.title': 'Title', 'story.field.problem': 'The problem', 'story.field.rootCause': 'Root cause',
  'story.field.action': 'What we did', 'story.field.effect': 'Effect (optional)', 'story.field.team': 'Team',
  'story.field.owner': 'Owner', 'story.field.touchpoint': 'Touchpoint', 'story.field.status': 'Status',
  'story.field.startedOn': 'Started', 'story.field.doneOn': 'Done',
  'story.status.planned': 'Planned', 'story.status.in_progress': 'In progress', 'story.status.done': 'Done',
  'story.save': 'Save', 'story.publish': 'Publish', 'story.archive': 'Archive',
  'story.saved': 'Saved.', 'story.published': 'Published — on screens and the board now.', 'story.archived': 'Archived — off screens and the board.',
  'story.image': 'Image', 'story.image.choose': 'PNG or JPEG, at most 2 MB', 'story.image.remove': 'Remove image', 'story.image.saved': 'Image saved.',
  'story.linked': 'What customers said', 'story.suggested': 'Suggested feedback to link', 'story.queue': 'From the moderation queue',
  'story.linkSelected': 'Link selected', 'story.link': 'Link', 'story.unlink': 'Unlink', 'story.linked.done': 'Linked {n}.',
  'story.quote.pending': 'pending', 'story.quote.approved': 'on air', 'story.quote.rejected': 'rejected', 'story.quote.archived': 'unpublished',
  'story.mentions': '{n} customers mentioned this', 'story.mentions.one': '1 customer mentioned this',
  'story.shares': 'Share of story slides per channel', 'story.share.saved': 'Share saved — screens follow now.',
  'story.boardOpen': 'Open the improvements board without login (trusted network only)',
  'story.board.opened': 'The board is open without login.', 'story.board.closed': 'The board needs a login again.',
  'board.title': 'You said, we did', 'board.feed': 'Atom feed', 'board.intro': 'What customers told us, and what we did about it.',
  'board.search': 'Search', 'board.any': 'Any', 'board.empty': 'No improvements match.', 'board.back': '← All improvements',
  'board.said': 'You said', 'board.did': 'We did', 'story.linkToStory': 'Link to a story…',
});
Object.assign(TEXT.sv, {
  'story.nav.queue': 'Moderering', 'story.nav.stories': 'Berättelser', 'story.nav.board': 'Tavlan',
  'story.new': 'Ny berättelse', 'story.state': 'Läge',
  'story.state.new': 'ny, inte sparad', 'story.state.draft': 'Utkast', 'story.state.published': 'Publicerad', 'story.state.archived': 'Arkiverad',
  'story.field.title': 'Rubrik', 'story.field.problem': 'Problemet', 'story.field.rootCause': 'Grundorsak',
  'story.field.action': 'Det här gjorde vi', 'story.field.effect': 'Effekt (valfritt)', 'story.field.team': 'Team',
  'story.field.owner': 'Ansvarig', 'story.field.touchpoint': 'Kontaktpunkt', 'story.field.status': 'Status',
  'story.field.startedOn': 'Påbörjad', 'story.field.doneOn': 'Klar',
  'story.status.planned': 'Planerad', 'story.status.in_progress': 'Pågår', 'story.status.done': 'Klar',
  'story.save': 'Spara', 'story.publish': 'Publicera', 'story.archive': 'Arkivera',
  'story.saved': 'Sparad.', 'story.published': 'Publicerad — på skärmarna och tavlan nu.', 'story.archived': 'Arkiverad — borta från skärmarna och tavlan.',
  'story.image': 'Bild', 'story.image.choose': 'PNG eller JPEG, högst 2 MB', 'story.image.remove': 'Ta bort bilden', 'story.image.saved': 'Bilden sparad.',
  'story.linked': 'Det här sa kunderna', 'story.suggested': 'Förslag på återkoppling att länka', 'story.queue': 'Från modereringskön',
  'story.linkSelected': 'Länka valda', 'story.link': 'Länka', 'story.unlink': 'Ta bort länk', 'story.linked.done': 'Länkade {n}.',
  'story.quote.pending': 'väntar', 'story.quote.approved': 'i sändning', 'story.quote.rejected': 'avvisad', 'story.quote.archived': 'avpublicerad',
  'story.mentions': '{n} kunder tog upp det här', 'story.mentions.one': '1 kund tog upp det här',
  'story.shares': 'Andel berättelser per kanal', 'story.share.saved': 'Andelen sparad — skärmarna följer nu.',
  'story.boardOpen': 'Öppna förbättringstavlan utan inloggning (bara på betrott nätverk)',
  'story.board.opened': 'Tavlan är öppen utan inloggning.', 'story.board.closed': 'Tavlan kräver inloggning igen.',
  'board.title': 'Ni sa, vi gjorde', 'board.feed': 'Atom-flöde', 'board.intro': 'Vad kunderna berättade, och vad vi gjorde åt det.',
  'board.search': 'Sök', 'board.any': 'Alla', 'board.empty': 'Inga förbättringar matchar.', 'board.back': '← Alla förbättringar',
  'board.said': 'Ni sa', 'board.did': 'Vi gjorde', 'story.linkToStory': 'Länka till en berättelse…',
});
// ---- end issue 4 ----

export function language() {
  const stored = localStorage.getItem('loopboard.lang');
  if (stored === 'en' || stored === 'sv') return stored;
  return (navigator.language || 'en').toLowerCase().startsWith('sv') ? 'sv' : 'en';
}

export function t(key, vars = {}) {
  const table = TEXT[language()] || TEXT.en;
  let s = table[key] ?? TEXT.en[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, v);
  return s;
}

/** Fills every [data-i18n] element below root with its text (as text, never as HTML). */
export function translate(root = document) {
  document.documentElement.lang = language();
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}

/** Wires the language buttons; onChange re-renders what the page drew itself. */
export function wireLanguageButtons(onChange = () => {}) {
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.addEventListener('click', () => {
      localStorage.setItem('loopboard.lang', b.dataset.lang);
      translate();
      onChange();
    });
  }
}
