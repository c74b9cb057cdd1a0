// The admin pages' one way to call the API: JSON in and out, the CSRF token on every change,
// and a 401 sends the person back to the login page.
const state = { csrf: null };

export function setCsrf(token) {
  state.csrf = token;
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || String(status));
    this.status = status;
    this.body = body;
  }
}

export async function api(path, options = {}) {
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  if (options.method && options.method !== 'GET') {
    headers['X-CSRF-Token'] = state.csrf;
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, { ...options, headers, credentials: 'same-origin' });
  if (res.status === 401) {
    location.href = `/login?next=${encodeURIComponent(location.pathname)}`;
    throw new ApiError(401, { message: 'logged out' });
  }
  const body = res.headers.get('Content-Type')?.includes('json') ? await res.json() : null;
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

export function post(path, body) {
  return api(path, { method: 'POST', body: JSON.stringify(body ?? {}) });
}

export function formatTime(ms, lang) {
  if (ms == null) return '';
  return new Date(ms).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** "user:3:CX lead" → "CX lead"; "rule:2:auto-approve" stays as it is. */
export function actorName(actor) {
  if (!actor) return '';
  const parts = actor.split(':');
  return parts[0] === 'user' || parts[0] === 'apikey' ? parts.slice(2).join(':') || actor : actor;
}
