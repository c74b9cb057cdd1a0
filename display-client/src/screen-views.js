// Views of the screen beyond slides: the pairing code, the quiet
// daypart (dim clock or black), the identify overlay, and the channel's look.
// Text only via textContent; styles only through classes and CSS variables
// (the CSP forbids inline style attributes, not CSSOM custom properties).

/** "K7Q2MX" is shown as "K7Q 2MX": easier to read off a TV across a room. */
export function spacedCode(code) {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

export function buildPairingLayer(doc, code, address) {
  const layer = el(doc, 'div', 'layer layer--notice layer--pairing');
  const box = el(doc, 'div', 'notice pairing');
  const brand = el(doc, 'p', 'notice-brand');
  brand.textContent = 'Loopboard';
  const en = el(doc, 'p', 'notice-primary');
  en.lang = 'en';
  en.textContent = 'Pair this screen: enter the code in Loopboard → Screens';
  const sv = el(doc, 'p', 'notice-secondary');
  sv.lang = 'sv';
  sv.textContent = 'Parkoppla skärmen: skriv koden i Loopboard → Skärmar';
  const codeEl = el(doc, 'p', 'pairing-code');
  codeEl.id = 'pairing-code';
  codeEl.textContent = spacedCode(code);
  const where = el(doc, 'p', 'pairing-address');
  where.id = 'pairing-address';
  where.textContent = address;
  box.append(brand, codeEl, en, sv, where);
  layer.append(box);
  return layer;
}

export function buildQuietLayer(doc, mode, clockText, drift) {
  const layer = el(doc, 'div', `layer layer--quiet quiet-${mode}`);
  if (mode === 'clock') {
    const mover = el(doc, 'div', `drift drift-${drift}`);
    const clock = el(doc, 'time', 'idle-clock');
    clock.id = 'idle-clock';
    clock.textContent = clockText;
    mover.append(clock);
    layer.append(mover);
  }
  return layer;
}

let identifyTimer = null;

/** The screen's name, big, for a few seconds, over whatever is showing. */
export function showIdentifyOverlay(doc, name, seconds) {
  let overlay = doc.getElementById('identify');
  if (!overlay) {
    overlay = el(doc, 'div', 'identify');
    overlay.id = 'identify';
    overlay.setAttribute('role', 'status');
    doc.body.append(overlay);
  }
  overlay.dir = 'auto';
  overlay.textContent = name;
  overlay.hidden = false;
  clearTimeout(identifyTimer);
  const ms = Math.min(60, Math.max(1, Number.isFinite(seconds) ? seconds : 8)) * 1000;
  identifyTimer = setTimeout(() => { overlay.hidden = true; }, ms);
}

export function applyChannelLook(doc, channel) {
  const root = doc.documentElement;
  root.classList.toggle('orientation-portrait', channel.orientation === 'portrait');
  if (channel.brandColor) root.style.setProperty('--brand', channel.brandColor);
  else root.style.removeProperty('--brand');
  let logo = doc.getElementById('channel-logo');
  if (channel.logoUrl) {
    if (!logo) {
      logo = el(doc, 'img', 'channel-logo');
      logo.id = 'channel-logo';
      logo.alt = '';
      doc.body.append(logo);
    }
    if (logo.getAttribute('src') !== channel.logoUrl) logo.src = channel.logoUrl;
  } else if (logo) {
    logo.remove();
  }
}

function el(doc, tag, className) {
  const node = doc.createElement(tag);
  node.className = className;
  return node;
}
