// The wire format as the screen reads it: what is kept, what is refused, and
// that customer text passes through untouched.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage, normalizePlaylist, slideKey, ackMessage, MIN_SLIDE_MILLIS } from '../src/protocol.js';

const base = (slides, extra = {}) => ({ type: 'playlist', version: 7, epoch: 1_700_000_000_000, slideMillis: 10_000, slides, ...extra });

test('only typed JSON objects are messages', () => {
  assert.deepEqual(parseMessage('{"type":"hello","protocol":1}'), { type: 'hello', protocol: 1 });
  for (const bad of ['', 'not json', '[]', '"playlist"', '{"no":"type"}', '{"type":3}', null, 42]) {
    assert.equal(parseMessage(bad), null, String(bad));
  }
});

test('customer text, emoji and right-to-left text come through exactly as moderated', () => {
  const texts = ['Tack Åsa, bästa bemötandet! 😍', 'خدمة ممتازة، شكراً', '  spaces kept inside  ', 'Line one\nline two', '<b>not html</b>'];
  const p = normalizePlaylist(base(texts.map((text, i) => ({ id: `q${i}`, text, lang: i === 1 ? 'ar' : 'sv', sentiment: 'praise' }))));
  assert.deepEqual(p.slides.map((s) => s.text), texts);
  assert.equal(p.slides[1].lang, 'ar');
});

test('a playlist without a usable version, epoch, length or slides is refused whole', () => {
  assert.equal(normalizePlaylist(base([], { version: 1.5 })), null);
  assert.equal(normalizePlaylist(base([], { epoch: 'yesterday' })), null);
  assert.equal(normalizePlaylist(base([], { slideMillis: 0 })), null);
  assert.equal(normalizePlaylist({ ...base([]), slides: 'x' }), null);
  assert.equal(normalizePlaylist(null), null);
});

test('slides that cannot be shown safely are left out, the rest stay in order', () => {
  const p = normalizePlaylist(base([
    { id: 'a', text: 'Bra' },
    { id: 'b', text: '   ' }, // blank
    { text: 'no id' },
    { id: 'c', text: 'expiry unreadable', until: 'soon' }, // fails closed: a scheduled takedown must hold
    { id: 'd', type: 'hologram', text: 'unknown kind' },
    { id: 5, text: 'numeric id' },
  ]));
  assert.deepEqual(p.slides.map((s) => s.id), ['a', '5']);
});

test('lengths below the minimum are raised, unknown looks fall back to safe defaults', () => {
  const p = normalizePlaylist(base([{ id: 'a', text: 'x', millis: 10, sentiment: 'furious', lang: '<script>' }], {
    slideMillis: 5,
    channel: { name: 'Entré', theme: 'neon', brandColor: 'red', logoUrl: 'https://evil.example/logo.png', orientation: 'portrait' },
  }));
  assert.equal(p.slideMillis, MIN_SLIDE_MILLIS);
  assert.equal(p.slides[0].millis, MIN_SLIDE_MILLIS);
  assert.equal(p.slides[0].sentiment, 'neutral');
  assert.equal(p.slides[0].lang, '');
  assert.deepEqual([p.channel.name, p.channel.theme, p.channel.brandColor, p.channel.logoUrl, p.channel.orientation],
    ['Entré', 'dark', null, null, 'portrait']);
});

test('a normalized playlist is itself valid input, so it survives the round trip through storage', () => {
  const once = normalizePlaylist(base([{ id: 'a', text: 'Snabbt och vänligt 😊', attribution: 'Kund, Umeå', until: 1_700_000_500_000 }],
    { quiet: [{ from: 1, until: 2 }, { from: 5, until: 3 }], quotesHidden: true }));
  const twice = normalizePlaylist(JSON.parse(JSON.stringify(once)));
  assert.deepEqual(twice, once);
  assert.deepEqual(once.quiet, [{ from: 1, until: 2 }], 'a window that ends before it begins is dropped');
});

test('an edit to a slide changes its key, so the screen replaces the old wording', () => {
  const before = { id: 'q1', text: 'Personalen ringde mig på 070-123 45 67', attribution: '', sentiment: 'praise', lang: 'sv' };
  const after = { ...before, text: 'Personalen ringde mig [telefonnummer]' };
  assert.notEqual(slideKey(before), slideKey(after));
  assert.equal(slideKey(before), slideKey({ ...before }));
  assert.deepEqual(ackMessage(7, 'q1'), { type: 'ack', version: 7, showing: 'q1' });
});
