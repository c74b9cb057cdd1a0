// Helpers shared by the story authoring page and the improvements board.
import { t, language } from './i18n.js';

/** Calls the JSON API; state-changing calls carry the CSRF token. Throws with the server's message. */
export async function api(path, { method = 'GET', body, csrf, contentType = 'application/json', loginNext } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = csrf;
    headers['Content-Type'] = contentType;
  }
  const res = await fetch(path, { method, body, headers, credentials: 'same-origin' });
  if (res.status === 401 && loginNext) {
    location.href = `/login?next=${encodeURIComponent(loginNext)}`;
    throw new Error('logged out');
  }
  const json = res.headers.get('Content-Type')?.includes('json') ? await res.json() : null;
  if (!res.ok) throw new Error(json?.message || res.statusText);
  return json;
}

/** Builds an element with a class and, optionally, text (always as text, never HTML). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

export function formatDate(value) {
  if (value === null || value === undefined || value === '') return '';
  const date = typeof value === 'number' ? new Date(value) : new Date(`${value}T12:00:00Z`);
  return date.toLocaleDateString(language() === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium' });
}

/** "37 customers mentioned this" in the page's language. */
export function mentions(n) {
  return t(n === 1 ? 'story.mentions.one' : 'story.mentions', { n });
}

export function statusText(status) {
  return t(`story.status.${status}`);
}
