// Thin, exception-proof wrappers around localStorage.
//
// Storage can throw (disabled by policy, quota exceeded, corrupted profile).
// A screen on a corridor wall must keep running on in-memory state when that
// happens, so every failure here degrades to "nothing stored".

export const TOKEN_KEY = 'loopboard.screenToken';
export const PLAYLIST_KEY = 'loopboard.playlist';

export function readItem(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeItem(key, value) {
  try {
    window.localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function removeItem(key) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing useful to do: the value simply stays.
  }
}

export function readJson(key) {
  const raw = readItem(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

export function writeJson(key, value) {
  return writeItem(key, JSON.stringify(value));
}
