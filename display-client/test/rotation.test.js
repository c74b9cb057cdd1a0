// Screens agree on the slide because each computes it from the same playlist
// and the server's time; these are the rules of that computation.
import test from 'node:test';
import assert from 'node:assert/strict';
import { activeSlides, currentSlot, quietAt } from '../src/rotation.js';

const epoch = 1_700_000_000_000;
const playlist = (slides, slideMillis = 10_000) => ({ epoch, slideMillis, slides });
const s = (id, extra = {}) => ({ id, until: null, ...extra });

test('two screens with different clocks show the same slide within a slot', () => {
  const p = playlist([s('a'), s('b'), s('c')]);
  for (let t = epoch; t < epoch + 60_000; t += 1_000) {
    assert.equal(currentSlot(p, t).slide.id, currentSlot(p, t + 999 - ((t - epoch) % 1_000)).slide.id);
  }
  assert.deepEqual([0, 1, 2, 3].map((k) => currentSlot(p, epoch + k * 10_000 + 1).slide.id), ['a', 'b', 'c', 'a']);
  assert.equal(currentSlot(p, epoch + 5_000).nextChangeAt, epoch + 10_000);
});

test('an epoch in the future still picks a slide (proper modulo)', () => {
  const p = playlist([s('a'), s('b'), s('c')]);
  assert.equal(currentSlot(p, epoch - 1).slide.id, 'c');
});

test('an expired slide leaves at its expiry, not at the next boundary', () => {
  const p = playlist([s('a', { until: epoch + 4_000 }), s('b')]);
  const at = currentSlot(p, epoch + 1_000);
  assert.equal(at.slide.id, 'a');
  assert.equal(at.nextChangeAt, epoch + 4_000, 'the change comes at the takedown');
  assert.deepEqual(activeSlides(p, epoch + 4_000).map((x) => x.id), ['b']);
  assert.deepEqual(currentSlot(playlist([s('a', { until: epoch })]), epoch), { slide: null, nextChangeAt: null });
});

test('slides with their own reading times share one cycle on every screen', () => {
  const p = playlist([s('short', { millis: 4_000 }), s('long', { millis: 12_000 }), s('plain')], 6_000);
  const ids = [0, 3_999, 4_000, 15_999, 16_000, 21_999, 22_000].map((d) => currentSlot(p, epoch + d).slide.id);
  assert.deepEqual(ids, ['short', 'short', 'long', 'long', 'plain', 'plain', 'short']);
});

test('quiet windows: the one covering now, and when that answer next changes', () => {
  const p = { quiet: [{ from: epoch + 10_000, until: epoch + 20_000 }, { from: epoch + 50_000, until: epoch + 60_000 }] };
  assert.deepEqual(quietAt(p, epoch), { quiet: null, nextChangeAt: epoch + 10_000 });
  assert.deepEqual(quietAt(p, epoch + 10_000), { quiet: p.quiet[0], nextChangeAt: epoch + 20_000 });
  assert.deepEqual(quietAt(p, epoch + 20_000), { quiet: null, nextChangeAt: epoch + 50_000 });
  assert.deepEqual(quietAt({}, epoch), { quiet: null, nextChangeAt: null });
});
