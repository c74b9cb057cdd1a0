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
