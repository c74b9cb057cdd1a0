// The screens page: the live fleet, pairing by code, channels and their rules, and takeover
// (announcements, "hide all quotes now"). The server pushes the fleet as it changes (Server-Sent
// Events); only while that stream is down does the page poll, slowly. Every server string is
// inserted with textContent or as a form value, never as HTML.
import { t, translate, wireLanguageButtons, language } from './i18n.js';

const FLEET_EVENTS = '/api/v1/screens/events';
// Only while the push channel is down; EventSource reconnects by itself meanwhile.
const FLEET_FALLBACK_MS = 30000;
const state = { csrf: null, channels: [], role: null };
const statusLine = document.getElementById('status-line');

async function api(path, options = {}) {
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  if (options.method && options.method !== 'GET') {
    headers['X-CSRF-Token'] = state.csrf;
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, { ...options, headers, credentials: 'same-origin' });
  if (res.status === 401) {
    location.href = '/login?next=/admin/screens';
    throw new Error('logged out');
  }
  const body = res.headers.get('Content-Type')?.includes('json') ? await res.json() : null;
  if (!res.ok) throw new Error(body?.message || res.statusText);
  return body;
}

const post = (path, body = {}) => api(path, { method: 'POST', body: JSON.stringify(body) });

function say(text, isError = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', isError);
}

async function attempt(fn, done) {
  try {
    await fn();
    if (done) say(done);
  } catch (e) {
    say(t('status.error') + e.message, true);
  }
}

function formatTime(ms) {
  if (ms == null) return '—';
  return new Date(ms).toLocaleString(language() === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' });
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function button(key, onClick, cls = 'secondary') {
  const b = el('button', cls, t(key));
  b.type = 'button';
  b.dataset.action = key.split('.').pop();
  b.addEventListener('click', onClick);
  return b;
}

// ---- channels -----------------------------------------------------------------------

function fillChannelSelects() {
  for (const select of document.querySelectorAll('select.channel-select')) {
    const keep = select.value;
    select.replaceChildren();
    if (select.dataset.all === 'true') select.append(new Option(t('takeover.all'), ''));
    for (const c of state.channels) select.append(new Option(c.name, String(c.id)));
    if (keep) select.value = keep;
  }
}

const LIST_FIELDS = ['touchpoints', 'locations', 'languages'];
const NUMBER_FIELDS = ['slideSeconds', 'minSlideSeconds', 'maxSlideSeconds', 'praisePercent', 'scorePercent', 'scoreDays', 'scoreMinSample'];
const NULLABLE_TEXT = ['quietStart', 'quietEnd', 'brandColor', 'logoUrl'];

function renderChannel(c) {
  const node = document.getElementById('channel-template').content.firstElementChild.cloneNode(true);
  translate(node);
  node.dataset.channelId = c.id;
  node.querySelector('.channel-name').textContent = `${c.name} (${c.slug})`;
  const form = node.querySelector('form');
  for (const input of form.elements) {
    if (!input.name) continue;
    const v = c[input.name];
    if (input.type === 'checkbox') input.checked = Boolean(v);
    else if (LIST_FIELDS.includes(input.name)) input.value = (v || []).join(', ');
    else input.value = v ?? '';
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const body = {};
    for (const input of form.elements) {
      if (!input.name) continue;
      if (input.type === 'checkbox') body[input.name] = input.checked;
      else if (LIST_FIELDS.includes(input.name)) body[input.name] = input.value.split(',').map((s) => s.trim()).filter(Boolean);
      else if (NUMBER_FIELDS.includes(input.name)) body[input.name] = input.value === '' ? null : Number(input.value);
      else if (NULLABLE_TEXT.includes(input.name)) body[input.name] = input.value === '' ? null : input.value;
      else body[input.name] = input.value;
    }
    if (body.praisePercent === null && c.praisePercent === null) delete body.praisePercent;
    attempt(async () => {
      await api(`/api/v1/channels/${c.id}`, { method: 'PATCH', body: JSON.stringify(body) });
      await loadChannels();
    }, t('ch.saved'));
  });
  if (state.role !== 'admin') for (const input of form.elements) input.disabled = true;
  return node;
}

async function loadChannels() {
  const data = await api('/api/v1/channels');
  state.channels = data.channels;
  document.getElementById('channels').replaceChildren(...state.channels.map(renderChannel));
  fillChannelSelects();
}

// ---- fleet --------------------------------------------------------------------------

function renderScreen(s) {
  const tr = el('tr');
  tr.dataset.screenId = s.id;
  tr.dataset.online = String(s.online);
  const name = el('td');
  name.append(el('strong', 'screen-name', s.name));
  if (s.location) name.append(el('div', 'small', s.location));
  name.dir = 'auto';
  const channel = el('td', 'channel', s.channelName ?? '—');
  const stateCell = el('td', 'state', s.online ? t('fleet.online') : t('fleet.offline'));
  stateCell.append(el('div', 'small last-seen', `${t('fleet.lastSeen')} ${s.online ? t('fleet.now') : formatTime(s.lastSeenAt)}`));
  const showing = el('td', 'showing', s.showingText ?? s.showing ?? '—');
  showing.dir = 'auto';
  if (s.ackedVersion != null) showing.append(el('div', 'small acked', `${t('fleet.version')} ${s.ackedVersion}`));
  const client = el('td', 'client', [s.clientVersion, s.resolution].filter(Boolean).join(' · ') || '—');
  if (s.userAgent) client.title = s.userAgent;
  const actions = el('td');
  const box = el('div', 'actions');
  box.append(
    button('fleet.identify', () => attempt(() => post(`/api/v1/screens/${s.id}/identify`), t('fleet.identified'))),
    button('fleet.reload', () => attempt(() => post(`/api/v1/screens/${s.id}/reload`), t('fleet.reloaded'))),
  );
  if (state.role === 'admin') {
    const move = el('select', 'move');
    move.setAttribute('aria-label', t('fleet.move'));
    for (const c of state.channels) move.append(new Option(c.name, String(c.id), false, c.id === s.channelId));
    move.addEventListener('change', () => attempt(async () => {
      await post(`/api/v1/screens/${s.id}/move`, { channelId: Number(move.value) });
      state.editing = false;
      await loadFleet();
    }, t('fleet.moved')));
    move.addEventListener('focus', () => { state.editing = true; });
    move.addEventListener('blur', () => {
      state.editing = false;
      if (state.heldFleet) showFleet(state.heldFleet);
    });
    box.append(move, button('fleet.revoke', () => {
      if (!window.confirm(t('fleet.revokeConfirm', { name: s.name }))) return;
      attempt(async () => {
        await post(`/api/v1/screens/${s.id}/revoke`);
        await loadFleet();
      }, t('fleet.revoked'));
    }, 'danger'));
  }
  actions.append(box);
  tr.append(name, channel, stateCell, showing, client, actions);
  return tr;
}

async function loadFleet() {
  const data = await api('/api/v1/screens');
  showFleet(data.screens);
}

function showFleet(screens) {
  if (state.editing) {
    // do not pull a select out from under the person using it; show this when they are done
    state.heldFleet = screens;
    return;
  }
  state.heldFleet = null;
  const json = JSON.stringify(screens);
  if (json === state.lastFleet) return; // nothing changed: keep the rows (and any focus) as they are
  state.lastFleet = json;
  document.getElementById('fleet').replaceChildren(...screens.map(renderScreen));
  document.getElementById('fleet-empty').hidden = screens.length > 0;
  document.body.dataset.fleetLoaded = String(Date.now());
}

/** The fleet, pushed by the server as it changes; a slow poll only while the stream is down. */
function followFleet() {
  const source = new EventSource(FLEET_EVENTS);
  state.fleetSource = source;
  source.addEventListener('open', () => showPushState(true));
  source.addEventListener('fleet', (ev) => {
    showPushState(true);
    try {
      showFleet(JSON.parse(ev.data).screens);
    } catch { /* a malformed event: the next one replaces it */ }
  });
  source.addEventListener('error', () => showPushState(false));
}

function showPushState(open) {
  document.body.dataset.fleetPush = open ? 'open' : 'down';
  document.getElementById('fleet-live').textContent = t(open ? 'fleet.live' : 'fleet.liveDown');
  if (open) {
    clearTimeout(state.fallbackTimer);
    state.fallbackTimer = null;
  } else if (!state.fallbackTimer) {
    pollWhileDown();
  }
}

function pollWhileDown() {
  state.fallbackTimer = setTimeout(async () => {
    try { await loadFleet(); } catch { /* the next round tries again */ }
    // a stream the browser gave up on (e.g. the server was away too long) is opened again
    if (state.fleetSource.readyState === EventSource.CLOSED) followFleet();
    pollWhileDown();
  }, FLEET_FALLBACK_MS);
}

// ---- takeover -----------------------------------------------------------------------

async function loadTakeover() {
  const hidden = await api('/api/v1/signage/quotes-hidden');
  document.getElementById('hide-quotes').hidden = hidden.hidden;
  document.getElementById('show-quotes').hidden = !hidden.hidden;
  document.getElementById('quotes-hidden-state').textContent = hidden.hidden
    ? t('takeover.hiddenSince', { when: formatTime(hidden.since) }) : t('takeover.visible');
  const data = await api('/api/v1/announcements');
  const names = new Map(state.channels.map((c) => [c.id, c.name]));
  document.getElementById('announcements').replaceChildren(...data.announcements.map((a) => {
    const li = el('li');
    li.dataset.announcementId = a.id;
    const text = el('span', 'announcement-text', a.text);
    text.dir = 'auto';
    li.append(text, el('span', 'small', `${a.channelId == null ? t('takeover.all') : names.get(a.channelId) ?? a.channelId} · ${t('takeover.until')} ${formatTime(a.endsAt)}`),
      button('takeover.end', () => attempt(async () => {
        await post(`/api/v1/announcements/${a.id}/end`);
        await loadTakeover();
      }, t('takeover.ended'))));
    return li;
  }));
}

function wireForms() {
  document.getElementById('hide-quotes').addEventListener('click', () => attempt(async () => {
    await post('/api/v1/signage/hide-quotes');
    await loadTakeover();
  }, t('takeover.hidden')));
  document.getElementById('show-quotes').addEventListener('click', () => attempt(async () => {
    await post('/api/v1/signage/show-quotes');
    await loadTakeover();
  }, t('takeover.shown')));
  const announce = document.getElementById('announce-form');
  announce.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = announce.elements;
    const body = { text: f.text.value, until: Date.now() + Number(f.minutes.value) * 60000 };
    if (f.imageUrl.value.trim()) body.imageUrl = f.imageUrl.value.trim();
    if (f.channelId.value) body.channelId = Number(f.channelId.value);
    attempt(async () => {
      await post('/api/v1/announcements', body);
      announce.reset();
      await loadTakeover();
    }, t('takeover.sent'));
  });
  const pair = document.getElementById('pair-form');
  pair.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = pair.elements;
    const body = { code: f.code.value, name: f.name.value, channelId: Number(f.channelId.value) };
    if (f.location.value.trim()) body.location = f.location.value;
    attempt(async () => {
      await post('/api/v1/screens/pair', body);
      pair.reset();
      fillChannelSelects();
      await loadFleet();
    }, t('pair.done'));
  });
  const create = document.getElementById('channel-new');
  create.addEventListener('submit', (ev) => {
    ev.preventDefault();
    attempt(async () => {
      await post('/api/v1/channels', { name: create.elements.name.value, slug: create.elements.slug.value });
      create.reset();
      await loadChannels();
    }, t('channels.created'));
  });
}

async function main() {
  translate();
  const me = await api('/api/v1/me');
  state.csrf = me.csrfToken;
  state.role = me.role;
  document.getElementById('who').textContent = me.name;
  if (state.role !== 'admin') {
    for (const id of ['pair-form', 'channel-new']) document.getElementById(id).hidden = true;
  }
  wireLanguageButtons(() => {
    fillChannelSelects(); loadChannels(); state.lastFleet = null; loadFleet(); loadTakeover();
    showPushState(document.body.dataset.fleetPush === 'open');
  });
  wireForms();
  await loadChannels();
  await Promise.all([loadFleet(), loadTakeover()]);
  document.body.dataset.loaded = 'true';
  followFleet();
}

main().catch((e) => say(t('status.error') + e.message, true));
