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

// ---- issue 3: the moderation workspace (queue, editor, rules, word lists, erasure, audit) ----
Object.assign(TEXT.en, {
  'view.queue': 'Queue', 'view.settings': 'Rules & word lists', 'view.audit': 'Audit log',
  'filter.band': 'Score', 'filter.any': 'Any', 'filter.touchpoint': 'Touchpoint', 'filter.location': 'Location',
  'filter.language': 'Language', 'filter.from': 'From', 'filter.to': 'To', 'filter.flagged': 'Flags',
  'filter.flaggedOnly': 'Flagged only', 'filter.cleanOnly': 'Clean only', 'filter.text': 'Text', 'filter.sort': 'Sort',
  'band.nps-critic': 'NPS critics 0–6', 'band.nps-passive': 'NPS passives 7–8', 'band.nps-promoter': 'NPS promoters 9–10',
  'band.csat-low': 'CSAT 1–2', 'band.csat-neutral': 'CSAT 3', 'band.csat-high': 'CSAT 4–5',
  'band.ces-low': 'CES 1–3', 'band.ces-neutral': 'CES 4–5', 'band.ces-high': 'CES 6–7',
  'sort.newest': 'Newest', 'sort.quotability': 'Most quotable',
  'bulk.all': 'Select all', 'bulk.approve': 'Approve selected', 'bulk.reject': 'Reject selected',
  'bulk.none': 'Select quotes first (x or the checkboxes).', 'bulk.done': '{n} done, {failed} refused.',
  keys: 'Keys: j/k next/previous · a approve · r reject · e edit · x select · u undo',
  'live.new': '{n} new — show',
  'action.undo': 'Undo', 'action.save': 'Save changes', 'action.revert': 'Revert automatic approval',
  'action.redact': 'Replace with {with}', 'action.redactAll': 'Redact all',
  'editor.more': 'Attribution, sentiment, channels, schedule',
  'field.attributionStyle': 'Attribution style', 'field.sentiment': 'Sentiment', 'field.channels': 'Channels (none ticked: all)',
  'field.publishFrom': 'Show from', 'field.publishUntil': 'Show until', 'field.pinned': 'Pin (shown first)',
  'field.override': 'Approve despite personal data (audited)',
  'style.customer': 'A customer', 'style.location': 'Customer, location', 'style.touchpoint': 'Touchpoint customer',
  'style.first_name': 'First name (consented)', 'style.custom': 'Custom text',
  'sentiment.praise': 'Praise', 'sentiment.critique': 'Critique', 'sentiment.mixed': 'Mixed', 'sentiment.suggested': 'suggested',
  'badge.pinned': 'Pinned', 'badge.quotability': 'Quotability {n}', 'badge.pii': 'Personal data: {n}',
  'badge.flagged': 'Blocked words: {words}', 'badge.auto': 'Auto-approved by rule {rule}',
  'reason.length.good': 'readable length ({detail} characters)', 'reason.length.short': 'a little short ({detail} characters)',
  'reason.length.long': 'a little long ({detail} characters)', 'reason.length.too_short': 'too short ({detail} characters)',
  'reason.length.too_long': 'too long ({detail} characters)', 'reason.specific.generic': 'generic, says little',
  'reason.specific.words': 'specific content ({detail} words)', 'reason.pii.none': 'no personal data',
  'reason.pii.found': 'personal data: {detail}', 'reason.words.clean': 'no blocked words',
  'reason.words.flagged': 'blocked words: {detail}', 'reason.duplicate.none': 'not like anything on air',
  'reason.duplicate.on_air': 'near-duplicate of quote #{detail} on air',
  'pii.customer_email': "Customer's e-mail", 'pii.email': 'E-mail address', 'pii.url': 'Link',
  'pii.personal_number': 'Personal identity number', 'pii.coordination_number': 'Coordination number',
  'pii.card': 'Card number', 'pii.phone': 'Phone number', 'pii.reference': 'Order/reference number',
  'pii.customer_name': "Customer's name",
  'status.saved': 'Saved.', 'status.undone': 'Undone.',
  'status.pii': 'Not approved: the text contains personal data. Redact it, or tick the override and approve again.',
  'rules.title': 'Auto-approve rules',
  'rules.hint': 'A new comment that meets every condition of a rule is approved onto its channel. Comments with personal data or blocked words are never auto-approved.',
  'rules.channel': 'Channel', 'rules.score': 'Score', 'rules.length': 'Length', 'rules.languages': 'Languages',
  'rules.minQuotability': 'Min. quotability', 'rules.scoreType': 'Score type', 'rules.minScore': 'Min. score',
  'rules.maxScore': 'Max. score', 'rules.minLength': 'Min. length', 'rules.maxLength': 'Max. length',
  'rules.add': 'Add rule', 'rules.delete': 'Delete', 'rules.added': 'Rule added.',
  'words.title': 'Blocked words and reference numbers',
  'words.extra': 'Your own blocked words (one per line; word* matches the start of a word). English and Swedish lists are built in.',
  'words.patterns': 'Order and reference number patterns (regular expressions, one per line; group 1 is what gets redacted)',
  'words.save': 'Save', 'words.saved': 'Saved.',
  'erase.title': 'Erase a customer (GDPR)', 'erase.email': 'Customer e-mail',
  'erase.confirm': 'I understand this deletes their feedback and quotes for good and takes them off every screen.',
  'erase.submit': 'Erase', 'erase.done': 'Erased {feedback} answers and {quotes} quotes.',
  'audit.action': 'Action', 'audit.actor': 'Who', 'audit.quote': 'Quote #', 'audit.when': 'When', 'audit.what': 'What',
  'audit.before': 'Before', 'audit.after': 'After', 'audit.quoteNo': 'quote',
});
Object.assign(TEXT.sv, {
  'view.queue': 'Kö', 'view.settings': 'Regler & ordlistor', 'view.audit': 'Logg',
  'filter.band': 'Betyg', 'filter.any': 'Alla', 'filter.touchpoint': 'Kontaktpunkt', 'filter.location': 'Ort',
  'filter.language': 'Språk', 'filter.from': 'Från', 'filter.to': 'Till', 'filter.flagged': 'Flaggor',
  'filter.flaggedOnly': 'Bara flaggade', 'filter.cleanOnly': 'Bara rena', 'filter.text': 'Text', 'filter.sort': 'Sortering',
  'band.nps-critic': 'NPS kritiker 0–6', 'band.nps-passive': 'NPS passiva 7–8', 'band.nps-promoter': 'NPS ambassadörer 9–10',
  'band.csat-low': 'CSAT 1–2', 'band.csat-neutral': 'CSAT 3', 'band.csat-high': 'CSAT 4–5',
  'band.ces-low': 'CES 1–3', 'band.ces-neutral': 'CES 4–5', 'band.ces-high': 'CES 6–7',
  'sort.newest': 'Nyast', 'sort.quotability': 'Mest citerbar',
  'bulk.all': 'Markera alla', 'bulk.approve': 'Godkänn markerade', 'bulk.reject': 'Avvisa markerade',
  'bulk.none': 'Markera citat först (x eller kryssrutorna).', 'bulk.done': '{n} klara, {failed} nekade.',
  keys: 'Tangenter: j/k nästa/föregående · a godkänn · r avvisa · e redigera · x markera · u ångra',
  'live.new': '{n} nya — visa',
  'action.undo': 'Ångra', 'action.save': 'Spara ändringar', 'action.revert': 'Ångra automatiskt godkännande',
  'action.redact': 'Ersätt med {with}', 'action.redactAll': 'Maskera allt',
  'editor.more': 'Avsändare, ton, kanaler, schema',
  'field.attributionStyle': 'Typ av avsändare', 'field.sentiment': 'Ton', 'field.channels': 'Kanaler (ingen vald: alla)',
  'field.publishFrom': 'Visa från', 'field.publishUntil': 'Visa till', 'field.pinned': 'Fäst (visas först)',
  'field.override': 'Godkänn trots personuppgifter (loggas)',
  'style.customer': 'En kund', 'style.location': 'Kund, ort', 'style.touchpoint': 'Kund, kontaktpunkt',
  'style.first_name': 'Förnamn (med samtycke)', 'style.custom': 'Egen text',
  'sentiment.praise': 'Beröm', 'sentiment.critique': 'Kritik', 'sentiment.mixed': 'Blandat', 'sentiment.suggested': 'förslag',
  'badge.pinned': 'Fäst', 'badge.quotability': 'Citerbarhet {n}', 'badge.pii': 'Personuppgifter: {n}',
  'badge.flagged': 'Spärrade ord: {words}', 'badge.auto': 'Automatiskt godkänd av regel {rule}',
  'reason.length.good': 'lagom lång ({detail} tecken)', 'reason.length.short': 'lite kort ({detail} tecken)',
  'reason.length.long': 'lite lång ({detail} tecken)', 'reason.length.too_short': 'för kort ({detail} tecken)',
  'reason.length.too_long': 'för lång ({detail} tecken)', 'reason.specific.generic': 'allmän, säger lite',
  'reason.specific.words': 'konkret innehåll ({detail} ord)', 'reason.pii.none': 'inga personuppgifter',
  'reason.pii.found': 'personuppgifter: {detail}', 'reason.words.clean': 'inga spärrade ord',
  'reason.words.flagged': 'spärrade ord: {detail}', 'reason.duplicate.none': 'liknar inget som visas',
  'reason.duplicate.on_air': 'nästan samma som citat #{detail} som visas',
  'pii.customer_email': 'Kundens e-post', 'pii.email': 'E-postadress', 'pii.url': 'Länk',
  'pii.personal_number': 'Personnummer', 'pii.coordination_number': 'Samordningsnummer',
  'pii.card': 'Kortnummer', 'pii.phone': 'Telefonnummer', 'pii.reference': 'Order-/referensnummer',
  'pii.customer_name': 'Kundens namn',
  'status.saved': 'Sparat.', 'status.undone': 'Ångrat.',
  'status.pii': 'Inte godkänd: texten innehåller personuppgifter. Maskera dem, eller kryssa i undantaget och godkänn igen.',
  'rules.title': 'Regler för automatiskt godkännande',
  'rules.hint': 'En ny kommentar som uppfyller alla villkor i en regel godkänns till regelns kanal. Kommentarer med personuppgifter eller spärrade ord godkänns aldrig automatiskt.',
  'rules.channel': 'Kanal', 'rules.score': 'Betyg', 'rules.length': 'Längd', 'rules.languages': 'Språk',
  'rules.minQuotability': 'Lägsta citerbarhet', 'rules.scoreType': 'Betygstyp', 'rules.minScore': 'Lägsta betyg',
  'rules.maxScore': 'Högsta betyg', 'rules.minLength': 'Minsta längd', 'rules.maxLength': 'Största längd',
  'rules.add': 'Lägg till regel', 'rules.delete': 'Ta bort', 'rules.added': 'Regeln är tillagd.',
  'words.title': 'Spärrade ord och referensnummer',
  'words.extra': 'Egna spärrade ord (ett per rad; ord* matchar början av ett ord). Engelska och svenska listor finns inbyggda.',
  'words.patterns': 'Mönster för order- och referensnummer (reguljära uttryck, ett per rad; grupp 1 maskeras)',
  'words.save': 'Spara', 'words.saved': 'Sparat.',
  'erase.title': 'Radera en kund (GDPR)', 'erase.email': 'Kundens e-post',
  'erase.confirm': 'Jag förstår att detta raderar kundens svar och citat för gott och tar bort dem från alla skärmar.',
  'erase.submit': 'Radera', 'erase.done': 'Raderade {feedback} svar och {quotes} citat.',
  'audit.action': 'Händelse', 'audit.actor': 'Vem', 'audit.quote': 'Citat nr', 'audit.when': 'När', 'audit.what': 'Vad',
  'audit.before': 'Före', 'audit.after': 'Efter', 'audit.quoteNo': 'citat',
});
