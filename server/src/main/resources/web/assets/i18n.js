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

// --- issue 8: the sources page (/admin/sources) ---
Object.assign(TEXT.en, {
  'sources.nav.moderation': 'Moderation',
  'sources.nav.sources': 'Sources',
  'sources.empty': 'No sources yet.',
  'sources.new': 'New source',
  'sources.name': 'Name (part of the webhook address)',
  'sources.kind': 'Kind',
  'sources.kind.csv': 'CSV files',
  'sources.kind.typeform': 'Typeform webhook',
  'sources.kind.delighted': 'Delighted webhook',
  'sources.kind.webhook': 'Generic JSON webhook',
  'sources.preset': 'Column mapping',
  'sources.secret': 'Webhook secret (empty: generate one)',
  'sources.create': 'Create source',
  'sources.created': 'Source created.',
  'sources.secretOnce': 'The webhook secret, shown only this once: {secret}',
  'sources.webhookAt': 'Webhook address:',
  'sources.mapping': 'Mapping',
  'sources.saveMapping': 'Save mapping',
  'sources.saved': 'Mapping saved.',
  'sources.badJson': 'The mapping is not valid JSON: ',
  'sources.file': 'CSV file (comma, semicolon or tab; UTF-8 or Windows-1252)',
  'sources.import': 'Import',
  'sources.pickFile': 'Choose a file first.',
  'sources.uploading': 'Uploading… {pct} %',
  'sources.network': 'the connection failed',
  'sources.done': 'Import finished.',
  'sources.imports': 'Recent imports',
  'sources.errors': 'Recent errors',
  'sources.none': 'None.',
  'sources.never': 'never',
  'sources.stats': 'Last received: {last} · {received} answers stored · {rejected} rejected',
  'sources.jobLine': '{file}: {status} — {rows} rows, {created} new, {updated} updated, {unchanged} unchanged, {rejected} rejected',
  'sources.downloadErrors': 'Download the rejected rows (CSV)',
  'sources.status.running': 'importing',
  'sources.status.done': 'done',
  'sources.status.failed': 'failed',
  'sources.status.interrupted': 'interrupted',
});
Object.assign(TEXT.sv, {
  'sources.nav.moderation': 'Moderering',
  'sources.nav.sources': 'Källor',
  'sources.empty': 'Inga källor ännu.',
  'sources.new': 'Ny källa',
  'sources.name': 'Namn (del av webhook-adressen)',
  'sources.kind': 'Typ',
  'sources.kind.csv': 'CSV-filer',
  'sources.kind.typeform': 'Typeform-webhook',
  'sources.kind.delighted': 'Delighted-webhook',
  'sources.kind.webhook': 'Allmän JSON-webhook',
  'sources.preset': 'Kolumnmappning',
  'sources.secret': 'Webhook-hemlighet (tom: skapa en)',
  'sources.create': 'Skapa källa',
  'sources.created': 'Källan är skapad.',
  'sources.secretOnce': 'Webhook-hemligheten, visas bara denna gång: {secret}',
  'sources.webhookAt': 'Webhook-adress:',
  'sources.mapping': 'Mappning',
  'sources.saveMapping': 'Spara mappning',
  'sources.saved': 'Mappningen är sparad.',
  'sources.badJson': 'Mappningen är inte giltig JSON: ',
  'sources.file': 'CSV-fil (komma, semikolon eller tabb; UTF-8 eller Windows-1252)',
  'sources.import': 'Importera',
  'sources.pickFile': 'Välj en fil först.',
  'sources.uploading': 'Laddar upp… {pct} %',
  'sources.network': 'anslutningen misslyckades',
  'sources.done': 'Importen är klar.',
  'sources.imports': 'Senaste importer',
  'sources.errors': 'Senaste fel',
  'sources.none': 'Inga.',
  'sources.never': 'aldrig',
  'sources.stats': 'Senast mottaget: {last} · {received} svar sparade · {rejected} avvisade',
  'sources.jobLine': '{file}: {status} — {rows} rader, {created} nya, {updated} ändrade, {unchanged} oförändrade, {rejected} avvisade',
  'sources.downloadErrors': 'Ladda ner de avvisade raderna (CSV)',
  'sources.status.running': 'importerar',
  'sources.status.done': 'klar',
  'sources.status.failed': 'misslyckades',
  'sources.status.interrupted': 'avbruten',
});
// --- end issue 8 ---
