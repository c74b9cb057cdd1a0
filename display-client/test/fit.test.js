// Fitting a quote to its slide, with the layout stood in for by a model: the
// text is `lines` lines of its font size high, the slide has a fixed height.
// What is tested is the rule, not a browser's layout (the browser tests do that).
import test from 'node:test';
import assert from 'node:assert/strict';
import { fitText, shiftLayer } from '../src/fit.js';

const CSS_FONT_PX = 80;

function slide({ height = 320, padding = 10, lines = 5, widestRunEm = 0, textWidth = 1000, connected = true } = {}) {
  const style = {
    fontSize: '',
    removeProperty(name) {
      if (name === 'font-size') this.fontSize = '';
    },
  };
  const px = () => (style.fontSize === '' ? CSS_FONT_PX : parseFloat(style.fontSize));
  const text = {
    className: 'quote-text',
    style,
    computed: () => ({ fontSize: `${px()}px`, display: 'block', position: 'static', marginTop: '0px', marginBottom: '0px' }),
    get offsetHeight() {
      return px() * lines;
    },
    get scrollWidth() {
      return Math.max(textWidth, widestRunEm * px());
    },
    clientWidth: textWidth,
  };
  const mark = {
    computed: () => ({ display: 'block', position: 'absolute', marginTop: '0px', marginBottom: '0px' }),
    offsetHeight: 500,
  };
  const layer = {
    isConnected: connected,
    clientHeight: height,
    children: [mark, text],
    computed: () => ({ paddingTop: `${padding}px`, paddingBottom: `${padding}px` }),
    querySelector: (selector) => (selector === '.quote-text' ? text : null),
  };
  return { layer, text, px };
}

globalThis.getComputedStyle = (node) => node.computed();

test('a quote that fits keeps the type size the design gave it', () => {
  const { layer, text, px } = slide({ height: 1000 });
  text.style.fontSize = '20px'; // left over from a smaller panel
  fitText(layer);
  assert.equal(text.style.fontSize, '', 'the CSS size again, never larger');
  assert.equal(px(), CSS_FONT_PX);
});

test('a quote too tall for its slide shrinks to the largest whole size that fits', () => {
  const { layer, px } = slide({ height: 320, padding: 10, lines: 5 }); // 300 px for 5 lines: 60 px fits
  fitText(layer);
  assert.ok(px() <= 60 && px() >= 58, `fitted at ${px()} px`);
  assert.equal(px(), Math.floor(px()), 'a whole pixel size');
});

test('one unbreakable word wider than the text box shrinks it too', () => {
  const { layer, px } = slide({ height: 10_000, widestRunEm: 20, textWidth: 1000 }); // 20 em fits at 50 px
  fitText(layer);
  assert.ok(px() <= 50 && px() >= 48, `fitted at ${px()} px`);
});

test('nothing shrinks below the smallest readable size, and a layer not on the page is left alone', () => {
  const tiny = slide({ height: 30, lines: 50 });
  fitText(tiny.layer);
  assert.equal(tiny.px(), 12);
  const detached = slide({ height: 30, connected: false });
  fitText(detached.layer);
  assert.equal(detached.px(), CSS_FONT_PX);
});

test('a slide moves to the drift position of the hour and only that one', () => {
  const classes = new Set(['layer', 'shift-2']);
  const layer = {
    classList: {
      [Symbol.iterator]: () => [...classes][Symbol.iterator](),
      add: (c) => classes.add(c),
      remove: (c) => classes.delete(c),
    },
  };
  shiftLayer(layer, 3);
  assert.deepEqual([...classes].sort(), ['layer', 'shift-3']);
});
