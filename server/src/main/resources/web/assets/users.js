// Users and API keys for administrators. Every value is written as text, never as HTML.
import { t, translate, wireLanguageButtons, language } from './i18n.js';

let csrf = null;
const statusLine = document.getElementById('status-line');

async function api(path, options = {}) {
  const headers = { Accept: 'application/json' };
  if (options.method && options.method !== 'GET') {
    headers['X-CSRF-Token'] = csrf;
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, { ...options, headers, credentials: 'same-origin' });
  if (res.status === 401) {
    location.href = '/login?next=/admin/users';
    throw new Error('logged out');
  }
  const body = res.headers.get('Content-Type')?.includes('json') ? await res.json() : null;
  if (!res.ok) throw new Error(body?.message || res.statusText);
  return body;
}

function say(text, isError = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', isError);
}

function when(ms) {
  return ms == null ? '—' : new Date(ms).toLocaleString(language() === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  row.append(td);
  return td;
}

function button(label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'secondary';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

async function act(fn, done) {
  try {
    await fn();
    say(done);
    await load();
  } catch (e) {
    say(t('status.error') + e.message, true);
  }
}

async function load() {
  const [{ users }, { apiKeys }] = await Promise.all([api('/api/v1/users'), api('/api/v1/apikeys')]);
  const ub = document.querySelector('#users tbody');
  ub.replaceChildren();
  for (const u of users) {
    const row = document.createElement('tr');
    row.dataset.userId = u.id;
    cell(row, u.email);
    cell(row, u.displayName);
    cell(row, t(`role.${u.role}`));
    cell(row, u.disabled ? t('state.disabled') : t('state.active'));
    const actions = cell(row, '');
    actions.append(u.disabled
      ? button(t('users.enable'), () => act(() => api(`/api/v1/users/${u.id}/enable`, { method: 'POST' }), t('users.enabled')))
      : button(t('users.disable'), () => act(() => api(`/api/v1/users/${u.id}/disable`, { method: 'POST' }), t('users.disabled'))));
    actions.append(button(t('users.reset'), () => {
      const password = prompt(t('users.newPassword'));
      if (password) act(() => api(`/api/v1/users/${u.id}/password`, { method: 'POST', body: JSON.stringify({ password }) }), t('users.passwordSet'));
    }));
    ub.append(row);
  }
  const kb = document.querySelector('#keys tbody');
  kb.replaceChildren();
  for (const k of apiKeys) {
    const row = document.createElement('tr');
    row.dataset.keyId = k.id;
    cell(row, k.name);
    cell(row, `${k.prefix}…`);
    cell(row, t(`role.${k.role}`));
    cell(row, when(k.lastUsedAt));
    cell(row, k.revokedAt ? t('state.revoked') : t('state.active'));
    const actions = cell(row, '');
    if (!k.revokedAt) {
      actions.append(button(t('keys.revoke'), () => act(() => api(`/api/v1/apikeys/${k.id}/revoke`, { method: 'POST' }), t('keys.revoked'))));
    }
    kb.append(row);
  }
  document.body.dataset.loaded = 'users';
}

function formJson(form) {
  return JSON.stringify(Object.fromEntries(new FormData(form).entries()));
}

async function main() {
  translate();
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  wireLanguageButtons(() => load());
  const me = await api('/api/v1/me');
  csrf = me.csrfToken;
  document.getElementById('who').textContent = me.name;
  document.getElementById('new-user').addEventListener('submit', (e) => {
    e.preventDefault();
    act(() => api('/api/v1/users', { method: 'POST', body: formJson(e.target) }), t('users.created')).then(() => e.target.reset());
  });
  document.getElementById('new-key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    act(async () => {
      const created = await api('/api/v1/apikeys', { method: 'POST', body: formJson(e.target) });
      document.getElementById('new-key-value').textContent = created.key;
      document.getElementById('new-key').hidden = false;
    }, t('keys.created'));
    e.target.reset();
  });
  await load();
}

main().catch((e) => say(t('status.error') + e.message, true));
