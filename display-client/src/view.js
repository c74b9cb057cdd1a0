// Everything that touches the DOM.
//
// The screen is a stack of "layers" in #stage. Exactly one layer is current
// and carries the test hooks (#slide, #slide-text, #slide-attribution); a
// layer on its way out loses its ids immediately, so the hooks always describe
// what is being shown now, even during the 600 ms cross-fade.
//
// Data from the server is only ever placed with textContent. Nothing here
// parses HTML.

import { slideKey } from './protocol.js';
import { slideKind } from './slides/index.js';
import { buildPairingLayer, buildQuietLayer, showIdentifyOverlay, applyChannelLook } from './screen-views.js';
// ---- fitting, burn-in shift, stale fallback ----
import { fitText, shiftLayer } from './fit.js';
import { buildFallbackLayer } from './fallback.js';

const FADE_MS = 600;
// A little longer than the CSS animation, so removal never cuts a fade short.
const LEAVE_MS = FADE_MS + 150;

const KEY_IDLE = 'idle';
const KEY_UNPAIRED = 'unpaired';
const KEY_FALLBACK = 'fallback';

export class View {
  /**
   * @param {Document} doc
   * @param {() => number} serverNow  for the clock text of newly built idle/notice layers
   */
  constructor(doc, serverNow) {
    this.doc = doc;
    this.serverNow = serverNow;
    this.stage = doc.getElementById('stage');
    this.current = doc.getElementById('slide');
    this.currentKey = null;
    this.currentSlideId = null;
    this.pending = null; // { key, layer }: the next slide, built and fitted ahead of its boundary
    this.clockText = '';
    this.drift = 0;
    // ---- a resized or rotated panel re-fits the quote on screen ----
    doc.defaultView?.addEventListener('resize', () => this.refit());
    doc.fonts?.ready.then(() => this.refit(), () => {});
  }

  /** Id of the quote on screen, or null when idle or unpaired. */
  get showingId() {
    return this.currentSlideId;
  }

  /** True when `key` (see slideKey) is what is currently on screen. */
  isShowing(key) {
    return this.currentKey === key;
  }

  get showingQuote() {
    return this.currentSlideId !== null;
  }

  setTheme(theme) {
    this.doc.documentElement.classList.toggle('theme-light', theme === 'light');
  }

  setConnection(state) {
    this.doc.body.dataset.connection = state;
  }

  setPlaylistVersion(version) {
    this.doc.body.dataset.playlistVersion = version === null ? '' : String(version);
  }

  setScreen(screen) {
    if (screen && typeof screen.name === 'string' && screen.name !== '') {
      this.doc.title = `Loopboard · ${screen.name}`;
    }
    if (screen && screen.id !== undefined && screen.id !== null) {
      this.doc.body.dataset.screenId = String(screen.id);
    }
  }

  /**
   * Shows a quote. `instant` removes the previous layer at once instead of
   * fading it out: used when that content was taken down.
   * @returns {boolean} whether what is on screen changed
   */
  showSlide(slide, { instant = false } = {}) {
    const key = slideKey(slide);
    if (this.pending && this.pending.key === key && key !== this.currentKey) {
      // built and fitted ahead of the boundary: putting it up is a class and an id
      const { layer } = this.pending;
      this.pending = null;
      return this.swap(key, slide.id, () => revealLayer(layer), instant);
    }
    const changed = this.swap(key, slide.id, () => buildSlideLayer(this.doc, slide), instant);
    if (changed) {
      shiftLayer(this.current, this.drift);
      fitText(this.current);
    }
    return changed;
  }

  /**
   * Builds and fits the slide that goes up next, hidden, so that at the slot
   * boundary only a class and an id change: what varies with the machine's load
   * (building, layout, fitting) happens before the boundary, not at it, and
   * screens of one channel change together.
   */
  prepare(slide) {
    const key = slideKey(slide);
    if (key === this.currentKey || (this.pending && this.pending.key === key)) return;
    this.discardPending();
    const layer = buildSlideLayer(this.doc, slide);
    // the test and accessibility hooks belong to what is on screen; park them until then
    for (const node of [layer, ...layer.querySelectorAll('[id]')]) {
      if (node.id) {
        node.dataset.pendingId = node.id;
        node.removeAttribute('id');
      }
    }
    layer.classList.add('layer--pending');
    layer.setAttribute('aria-hidden', 'true');
    this.stage.append(layer);
    shiftLayer(layer, this.drift);
    fitText(layer);
    this.pending = { key, layer };
  }

  discardPending() {
    if (this.pending) this.pending.layer.remove();
    this.pending = null;
  }

  // ---- pairing code, quiet dayparts, identify, channel look (see screen-views.js) ----

  /** The pairing view: a short code to type into /admin and this server's address. */
  showPairing(code, address) {
    this.doc.body.dataset.state = 'unpaired';
    this.doc.body.dataset.pairingCode = code;
    return this.swap(`pairing:${code}`, null, () => buildPairingLayer(this.doc, code, address), true);
  }

  /** Quiet daypart: a dim clock, or black. */
  showQuiet(mode, { instant = false } = {}) {
    return this.swap(`quiet:${mode}`, null, () => buildQuietLayer(this.doc, mode, this.clockText, this.drift), instant);
  }

  showIdentify(name, seconds) {
    showIdentifyOverlay(this.doc, name, seconds);
  }

  setChannelLook(channel) {
    applyChannelLook(this.doc, channel);
  }

  // ---- stale fallback and re-fitting ----
  /** The neutral clock-and-logo screen shown when the cached playlist is too old. */
  showFallback({ instant = false } = {}) {
    return this.swap(KEY_FALLBACK, null, () => buildFallbackLayer(this.doc, this.clockText, this.drift), instant);
  }

  refit() {
    if (this.current && this.currentSlideId !== null) fitText(this.current);
  }

  /** Whether the channel wants the discreet connection marker (off by default). */
  setConnectionMarker(wanted) {
    this.doc.body.dataset.showConnection = wanted ? 'true' : 'false';
  }

  showIdle({ instant = false } = {}) {
    return this.swap(KEY_IDLE, null, () => this.buildIdleLayer(), instant);
  }

  showUnpaired() {
    this.doc.body.dataset.state = 'unpaired';
    return this.swap(KEY_UNPAIRED, null, () => this.buildUnpairedLayer(), true);
  }

  leaveUnpaired() {
    delete this.doc.body.dataset.state;
    delete this.doc.body.dataset.pairingCode;
  }

  /** Minute tick: update the clock text and the anti-burn-in position. */
  updateClock(text, drift) {
    this.clockText = text;
    this.drift = drift;
    const clock = this.doc.getElementById('idle-clock');
    if (clock) clock.textContent = text;
    const mover = this.current && this.current.querySelector('.drift');
    if (mover) setDrift(mover, drift);
    if (this.current && this.currentSlideId !== null) shiftLayer(this.current, drift);
  }

  swap(key, slideId, build, instant) {
    if (key === this.currentKey) return false;
    this.discardPending();

    const next = build();
    next.id = 'slide';
    next.dataset.slideId = slideId ?? '';

    const prev = this.current;
    if (prev) {
      // Hand the hooks over right away; the old layer is only decoration now.
      prev.removeAttribute('id');
      for (const el of prev.querySelectorAll('[id]')) el.removeAttribute('id');
      prev.setAttribute('aria-hidden', 'true');
      if (instant || this.currentKey === null) {
        prev.remove();
      } else {
        prev.classList.add('is-leaving');
        setTimeout(() => prev.remove(), LEAVE_MS);
      }
    }
    // Rapid successive updates must not pile up layers: anything older than
    // the one just sent on its way goes now.
    for (const el of this.stage.querySelectorAll('.layer.is-leaving')) {
      if (el !== prev || instant) el.remove();
    }

    // a prepared layer is in place already; moving it would lay it out again
    if (next.parentNode !== this.stage) this.stage.append(next);
    this.current = next;
    this.currentKey = key;
    this.currentSlideId = slideId;
    return true;
  }

  buildIdleLayer() {
    const layer = el(this.doc, 'div', 'layer layer--idle');
    const mover = el(this.doc, 'div', 'drift');
    setDrift(mover, this.drift);
    const clock = el(this.doc, 'time', 'idle-clock');
    clock.id = 'idle-clock';
    clock.textContent = this.clockText;
    mover.append(clock);
    layer.append(mover);
    return layer;
  }

  buildUnpairedLayer() {
    const layer = el(this.doc, 'div', 'layer layer--notice');
    const mover = el(this.doc, 'div', 'drift notice');
    setDrift(mover, this.drift);

    const brand = el(this.doc, 'p', 'notice-brand');
    brand.textContent = 'Loopboard';
    const en = el(this.doc, 'p', 'notice-primary');
    en.lang = 'en';
    en.textContent = 'This screen is not paired yet';
    const sv = el(this.doc, 'p', 'notice-secondary');
    sv.lang = 'sv';
    sv.textContent = 'Den här skärmen är inte parkopplad än';

    mover.append(brand, en, sv);
    layer.append(mover);
    return layer;
  }
}

/** The slide's layer, drawn by its kind's module; a kind this screen does not know shows nothing. */
function buildSlideLayer(doc, slide) {
  const kind = slideKind(slide.type);
  return kind === null ? el(doc, 'div', 'layer layer--idle') : kind.build(doc, slide);
}

/** A prepared layer goes up: its hooks back, visible, and its fade-in starts now. */
function revealLayer(layer) {
  for (const node of [layer, ...layer.querySelectorAll('[data-pending-id]')]) {
    if (node.dataset.pendingId) {
      node.id = node.dataset.pendingId;
      delete node.dataset.pendingId;
    }
  }
  layer.classList.remove('layer--pending');
  layer.removeAttribute('aria-hidden');
  return layer;
}

function setDrift(node, index) {
  for (const cls of [...node.classList]) if (cls.startsWith('drift-')) node.classList.remove(cls);
  node.classList.add(`drift-${index}`);
}

function el(doc, tag, className) {
  const node = doc.createElement(tag);
  node.className = className;
  return node;
}
