// Makes a quote fit its slide, and moves slides a little against burn-in.
//
// The CSS picks a type size from the quote's length and the screen's shape
// (display.css, "Length buckets"); that is the design. This is the safety net
// for what CSS cannot know: a long German compound, a narrow portrait panel, a
// fallback font with wider glyphs. If the slide's content is taller than the
// slide, the text shrinks (binary search, a handful of layouts) until it fits.
// It never grows text beyond the CSS size. Runs once per slide change and on
// resize, never per frame, so the layout reads cost nothing that matters.

const MIN_FONT_PX = 12;
const STEPS = 10;

/** Shrinks the quote text of `layer` until the slide's content fits inside it. */
export function fitText(layer) {
  const text = layer.querySelector('.quote-text');
  if (!text || !layer.isConnected) return;
  text.style.removeProperty('font-size');
  if (fits(layer, text)) return;

  let hi = parseFloat(getComputedStyle(text).fontSize);
  let lo = MIN_FONT_PX;
  if (!(hi > lo)) return;
  for (let i = 0; i < STEPS && hi - lo > 0.5; i++) {
    const mid = (lo + hi) / 2;
    text.style.fontSize = `${mid}px`;
    if (fits(layer, text)) lo = mid;
    else hi = mid;
  }
  text.style.fontSize = `${Math.floor(lo)}px`;
}

function fits(layer, text) {
  const style = getComputedStyle(layer);
  const available = layer.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  let used = 0;
  for (const child of layer.children) {
    const s = getComputedStyle(child);
    if (s.display === 'none' || s.position === 'absolute') continue;
    used += child.offsetHeight + parseFloat(s.marginTop) + parseFloat(s.marginBottom);
  }
  // scrollWidth catches a single unbreakable run wider than the text box.
  return used <= available && text.scrollWidth <= text.clientWidth + 1;
}

/**
 * Puts the layer at one of a few positions a fraction of the screen apart,
 * chosen by the slow drift index (clock.js), so the quote mark and the
 * attribution do not sit on the same pixels all day. Uses the CSS `translate`
 * property, which composes with the fade's `transform` instead of fighting it.
 */
export function shiftLayer(layer, drift) {
  for (const cls of [...layer.classList]) if (cls.startsWith('shift-')) layer.classList.remove(cls);
  layer.classList.add(`shift-${drift}`);
}
