// The announcement slide of a takeover: text, an optional image, until a time.
// The image may only come from this server or a data: URL (the page's CSP says so too).

const IMAGE = /^(\/[^/]|data:image\/(png|jpeg|gif|webp);base64,)/;

export function normalizeAnnouncement(raw) {
  if (typeof raw.text !== 'string' || raw.text.trim() === '') return null;
  const image = raw.data && typeof raw.data.image === 'string' && IMAGE.test(raw.data.image) ? raw.data.image : null;
  // keeps the wire shape ({type, text, data}) so it round-trips through storage
  return { type: 'announcement', text: raw.text.trim(), data: { image } };
}

export function buildAnnouncementLayer(doc, slide) {
  const layer = doc.createElement('section');
  layer.className = 'layer layer--announcement';
  if (slide.data.image) {
    const img = doc.createElement('img');
    img.className = 'announcement-image';
    img.alt = '';
    img.src = slide.data.image;
    layer.append(img);
  }
  const text = doc.createElement('p');
  text.className = 'announcement-text';
  text.id = 'announcement-text';
  text.dir = 'auto';
  text.textContent = slide.text;
  layer.append(text);
  return layer;
}
