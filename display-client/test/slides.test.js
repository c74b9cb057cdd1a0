// The screen's registry of slide kinds: every kind the server sends has a
// module that validates and draws it, and anything else is left out safely.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SLIDE_TYPES, slideKind } from '../src/slides/index.js';
import { normalizePlaylist } from '../src/protocol.js';
import { fakeDocument } from './fake-dom.js';

// One slide of every kind exactly as the server writes it (server SlideJsonTest checks the same file).
const serverSlides = JSON.parse(readFileSync(new URL('./fixtures/server-slides.json', import.meta.url), 'utf8'));
const playlist = (slides) => ({ type: 'playlist', version: 1, epoch: 0, slideMillis: 10_000, slides });

test('every kind the server sends has a module that validates and draws it', () => {
  for (const raw of serverSlides) {
    const kind = slideKind(raw.type);
    assert.ok(kind, `no module for ${raw.type}`);
    assert.equal(typeof kind.normalize, 'function');
    assert.equal(typeof kind.build, 'function');
  }
  assert.deepEqual(Object.keys(SLIDE_TYPES).sort(), [...new Set(serverSlides.map((s) => s.type))].sort(),
    'no kind without a server example and none missing');
});

test('the server\'s slides all survive validation, with ids, expiry and durations kept', () => {
  const p = normalizePlaylist(playlist(serverSlides));
  assert.deepEqual(p.slides.map((s) => s.id), serverSlides.map((s) => s.id));
  assert.deepEqual(p.slides.map((s) => s.type), serverSlides.map((s) => s.type));
  assert.equal(p.slides[0].until, 1_700_000_000_000);
  assert.equal(p.slides[1].millis, 7000);
  assert.equal(p.slides[2].millis, 12_000);
  // a story slide keeps the channel's slide length
  assert.equal(p.slides.find((s) => s.type === 'story-did').millis, null);
  // and what was validated validates again the same (it round-trips through storage)
  assert.deepEqual(normalizePlaylist(JSON.parse(JSON.stringify(p))).slides, p.slides);
});

test('each kind draws its layer with the server\'s text as text', () => {
  const p = normalizePlaylist(playlist(serverSlides));
  const text = (slide) => slideKind(slide.type).build(fakeDocument, slide).textContent;
  const [praise, rtl, score, followup, announcement, said, did] = p.slides;
  assert.ok(text(praise).includes('Tack Åsa, bästa bemötandet! 😍'));
  assert.ok(text(rtl).includes('خدمة ممتازة <b>not html</b>'), 'markup stays text');
  assert.ok(text(score).includes('81 %'));
  assert.ok(text(followup).includes('94 %') && text(followup).includes('n = 212'));
  assert.ok(text(announcement).includes('Välkomna'));
  assert.ok(text(said).includes('Leveransen tog två veckor') && text(said).includes('שירות איטי') && text(said).includes('You said'));
  assert.ok(text(did).includes('Two couriers more') && text(did).includes('We did'));
  const layer = slideKind('quote').build(fakeDocument, praise);
  assert.equal(layer.querySelector('#slide-text').lang, 'sv');
  assert.equal(layer.querySelector('#slide-text').dir, 'auto');
});

test('an unknown kind is left out, never guessed at, and cannot reach the registry\'s prototype', () => {
  for (const type of ['poll', 'QUOTE', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 7, null]) {
    assert.equal(slideKind(type), null, String(type));
  }
  const p = normalizePlaylist(playlist([
    { id: 'x', type: 'poll', text: 'Vote!' },
    { id: 'y', type: '__proto__', text: 'sneaky' },
    { id: 'q', type: 'quote', text: 'Kept' },
    { id: 'z', text: 'no type is a quote' },
  ]));
  assert.deepEqual(p.slides.map((s) => s.id), ['q', 'z']);
  assert.equal(p.slides[1].type, 'quote');
});

test('a slide of a known kind with broken fields is left out alone', () => {
  const p = normalizePlaylist(playlist([
    { id: 's', type: 'score', data: { metric: 'NPS', value: 'high', days: 30, sampleSize: 40 } },
    { id: 'f', type: 'followup', data: { percent: 140, n: 2, days: 30, hours: 48 } },
    { id: 'a', type: 'announcement', text: '   ' },
    { id: 'd', type: 'story-did', story: { title: '' } },
    { id: 'e', type: 'story-said', story: { title: 'T', quotes: [] } },
    { id: 'u', type: 'quote', text: 'expired?', until: 'tomorrow' },
    { id: 'ok', type: 'quote', text: 'Fine' },
  ]));
  assert.deepEqual(p.slides.map((s) => s.id), ['ok']);
});
