// How long cached quotes may stay up without the server, across reboots and
// with clocks that jump.
import test from 'node:test';
import assert from 'node:assert/strict';

// the page's localStorage, as a screen's browser keeps it between boots
const stored = new Map();
globalThis.window = {
  localStorage: {
    getItem: (k) => (stored.has(k) ? stored.get(k) : null),
    setItem: (k, v) => stored.set(k, String(v)),
    removeItem: (k) => stored.delete(k),
  },
};
const { Staleness, DEFAULT_MAX_STALE_MS, CONFIRMED_KEY } = await import('../src/staleness.js');

const HOUR = 3_600_000;

test('a playlist confirmed by the server goes stale after the bound, and a reboot does not reset the age', () => {
  stored.clear();
  let now = 1_000 * HOUR;
  const first = new Staleness(() => now);
  first.setMaxStale(2 * HOUR);
  first.confirm({ persist: true });
  now += HOUR;
  assert.equal(first.isStale(), false);
  const afterReboot = new Staleness(() => now);
  now += HOUR + 1;
  assert.equal(afterReboot.isStale(), true, 'the age counts from the stored confirmation');
});

test('never confirmed, or a clock that jumped backwards, counts as stale', () => {
  stored.clear();
  let now = 500 * HOUR;
  const s = new Staleness(() => now);
  assert.equal(s.isStale(), true, 'nothing confirmed yet');
  s.confirm({ persist: true });
  now -= 2 * HOUR; // a dead RTC battery after a power cut
  assert.equal(s.isStale(), true);
});

test('the server bound is kept only when it is a positive number', () => {
  stored.clear();
  const s = new Staleness(() => 0);
  assert.equal(s.maxStale, DEFAULT_MAX_STALE_MS);
  for (const bad of [0, -5, NaN, 'soon', null]) s.setMaxStale(bad);
  assert.equal(s.maxStale, DEFAULT_MAX_STALE_MS);
  s.clear();
  assert.equal(stored.has(CONFIRMED_KEY), false);
});
