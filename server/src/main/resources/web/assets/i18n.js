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
    // users and API keys (issue 7)
    'users.title': 'Users and API keys',
    'users.heading': 'Users',
    'users.email': 'E-mail',
    'users.name': 'Name',
    'users.password': 'Password (12+ characters)',
    'users.role': 'Role',
    'users.state': 'State',
    'users.create': 'Add user',
    'users.created': 'User added.',
    'users.disable': 'Disable',
    'users.disabled': 'User disabled and logged out everywhere.',
    'users.enable': 'Enable',
    'users.enabled': 'User enabled.',
    'users.reset': 'Reset password',
    'users.newPassword': 'New password (at least 12 characters):',
    'users.passwordSet': 'Password changed; their sessions have ended.',
    'keys.heading': 'API keys',
    'keys.hint': 'A new key is shown once. Store it in your integration; only a hash is kept here.',
    'keys.name': 'Name',
    'keys.prefix': 'Starts with',
    'keys.lastUsed': 'Last used',
    'keys.create': 'Create key',
    'keys.created': 'Key created. Copy it now: it will not be shown again.',
    'keys.revoke': 'Revoke',
    'keys.revoked': 'Key revoked.',
    'role.admin': 'Administrator',
    'role.moderator': 'Moderator',
    'role.viewer': 'Viewer',
    'role.ingest': 'Ingest (push feedback)',
    'state.active': 'Active',
    'state.disabled': 'Disabled',
    'state.revoked': 'Revoked',
    'login.locked': 'Too many failed attempts. Try again in 15 minutes.',
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
    // users and API keys (issue 7)
    'users.title': 'Användare och API-nycklar',
    'users.heading': 'Användare',
    'users.email': 'E-post',
    'users.name': 'Namn',
    'users.password': 'Lösenord (minst 12 tecken)',
    'users.role': 'Roll',
    'users.state': 'Status',
    'users.create': 'Lägg till användare',
    'users.created': 'Användaren är tillagd.',
    'users.disable': 'Inaktivera',
    'users.disabled': 'Användaren är inaktiverad och utloggad överallt.',
    'users.enable': 'Aktivera',
    'users.enabled': 'Användaren är aktiverad.',
    'users.reset': 'Nytt lösenord',
    'users.newPassword': 'Nytt lösenord (minst 12 tecken):',
    'users.passwordSet': 'Lösenordet är bytt; användarens sessioner är avslutade.',
    'keys.heading': 'API-nycklar',
    'keys.hint': 'En ny nyckel visas en enda gång. Spara den i integrationen; här sparas bara en hash.',
    'keys.name': 'Namn',
    'keys.prefix': 'Börjar med',
    'keys.lastUsed': 'Senast använd',
    'keys.create': 'Skapa nyckel',
    'keys.created': 'Nyckeln är skapad. Kopiera den nu: den visas inte igen.',
    'keys.revoke': 'Återkalla',
    'keys.revoked': 'Nyckeln är återkallad.',
    'role.admin': 'Administratör',
    'role.moderator': 'Moderator',
    'role.viewer': 'Läsare',
    'role.ingest': 'Inläsning (skicka feedback)',
    'state.active': 'Aktiv',
    'state.disabled': 'Inaktiverad',
    'state.revoked': 'Återkallad',
    'login.locked': 'För många misslyckade försök. Försök igen om 15 minuter.',
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
