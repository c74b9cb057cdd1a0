// Where the screen's pairing token comes from.
//
// Pairing opens the page once with ?token=...; after that the kiosk is often
// rebooted onto the bare /display/ URL, so the token is remembered in
// localStorage. It is removed from the visible URL so it does not linger in the
// address bar, screenshots, bookmarks or the history list.

import { TOKEN_KEY, readItem, writeItem } from './storage.js';

/**
 * @returns {{ token: string|null, changed: boolean }} `changed` is true when the
 *   URL carried a token different from the stored one (a re-pairing), so state
 *   that belonged to the previous pairing should be dropped.
 */
export function resolveToken() {
  const fromUrl = takeTokenFromUrl();
  const stored = clean(readItem(TOKEN_KEY));

  if (fromUrl) {
    if (fromUrl !== stored) {
      writeItem(TOKEN_KEY, fromUrl);
      return { token: fromUrl, changed: true };
    }
    return { token: fromUrl, changed: false };
  }
  return { token: stored, changed: false };
}

function takeTokenFromUrl() {
  try {
    const url = new URL(window.location.href);
    if (!url.searchParams.has('token')) return null;
    const raw = url.searchParams.get('token');
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return clean(raw);
  } catch {
    // A sandboxed or odd URL must not stop the screen from working.
    return null;
  }
}

function clean(value) {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
