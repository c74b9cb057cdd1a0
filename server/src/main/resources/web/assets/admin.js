// The moderation workspace: the queue (filters, sort, keyset paging, live arrivals), the
// editor (personal-data highlights and redaction, attribution, sentiment, channels, schedule,
// pin), keyboard shortcuts, bulk decisions and undo. Every customer string is inserted with
// textContent or as a form value, never as HTML.
import { t, translate, wireLanguageButtons, language } from './i18n.js';
import { api, post, setCsrf, formatTime, actorName, ApiError } from './api.js';
import { wireSettings } from './admin-settings.js';

const PAGE = 50;
const LIVE_MS = 4000;
const state = { status: 'pending', cursor: null, newest: 0, history: [], channels: [], selected: null, liveCount: 0 };
const list = document.getElementById('quotes');
const template = document.getElementById('quote-template');
const statusLine = document.getElementById('status-line');
const filters = document.getElementById('filters');
const undoButton = document.getElementById('undo');
const liveButton = document.getElementById('live');

function say(text, isError = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', isError);
}

function errorText(e) {
  return t('status.error') + (e.message || e);
}

// ------------------------------------------------------------------ queue

function query(extra = {}) {
  const p = new URLSearchParams({ status: state.status, limit: String(PAGE) });
  for (const [k, v] of new FormData(filters)) {
    // the server answers text of 3 characters or more (its trigram index); shorter waits for more
    if (v && !(k === 'q' && shortText(v))) p.set(k, v);
  }
  for (const [k, v] of Object.entries(extra)) if (v != null) p.set(k, String(v));
  return `/api/v1/quotes?${p}`;
}

function shortText(v) {
  const n = [...v.trim()].length;
  return n > 0 && n < 3;
}

/**
 * Cards a redraw must not destroy: the one with the keyboard focus (its caret and what is being
 * typed) and any with an unsaved edit of its text.
 */
function keepers() {
  return [...list.querySelectorAll('li.quote')].filter((n) => n.contains(document.activeElement)
    || n.querySelector('.display-text').value !== n.quote.displayText);
}

async function load(reset = true) {
  for (const tab of document.querySelectorAll('.tab')) {
    tab.setAttribute('aria-current', tab.dataset.status === state.status ? 'page' : 'false');
  }
  const data = await api(query({ cursor: reset ? null : state.cursor }));
  let kept = new Set();
  if (reset) {
    // decided at the moment the list is swapped, when the focus has settled (a click from a
    // filter into a card changes the filter first and focuses the card after)
    const keep = keepers();
    kept = new Set(keep.map((n) => n.dataset.quoteId));
    state.liveCount = 0;
    liveButton.hidden = true;
    // everything else goes; a kept card stays in the page, so its focus and caret stay too
    for (const child of [...list.children]) if (!keep.includes(child)) child.remove();
    state.selected = keep.includes(state.selected) ? state.selected : null;
  }
  for (const q of data.quotes) {
    if (!kept.has(String(q.id))) list.append(render(q));
    state.newest = Math.max(state.newest, q.id);
  }
  state.cursor = data.nextCursor || null;
  document.getElementById('more').hidden = !state.cursor;
  document.getElementById('empty').hidden = list.children.length > 0;
  document.getElementById('select-all').checked = false;
  if (reset && !state.selected && list.firstElementChild) select(list.firstElementChild, false);
  document.body.dataset.loaded = state.status;
}

/** New feedback without a reload: short polling with a cursor (the highest id seen). */
async function poll() {
  if (document.hidden || state.status !== 'pending') return;
  try {
    const data = await api(query({ newerThan: state.newest, sort: 'newest' }));
    if (!data.quotes.length) return;
    for (const q of data.quotes) state.newest = Math.max(state.newest, q.id);
    const sortedByNewest = new FormData(filters).get('sort') !== 'quotability';
    if (sortedByNewest) {
      for (const q of [...data.quotes].reverse()) list.prepend(render(q, true));
      document.getElementById('empty').hidden = true;
      if (!state.selected && list.firstElementChild) select(list.firstElementChild, false);
    } else {
      state.liveCount += data.quotes.length;
      liveButton.textContent = t('live.new', { n: state.liveCount });
      liveButton.hidden = false;
    }
  } catch (e) {
    // the next poll tries again; a lost connection must not spam the status line
  }
}

// ------------------------------------------------------------------ one quote

function render(q, arrived = false) {
  const node = template.content.firstElementChild.cloneNode(true);
  translate(node);
  node.dataset.quoteId = q.id;
  node.dataset.status = q.status;
  if (arrived) node.classList.add('arrived');
  node.quote = q;
  node.querySelector('.meta').textContent = metaLine(q);
  const original = node.querySelector('.original');
  original.textContent = q.originalText;
  original.dir = 'auto';
  if (q.language) original.lang = q.language;
  original.title = t('meta.original');
  const text = node.querySelector('.display-text');
  text.value = q.displayText;
  if (q.language) text.lang = q.language;
  fillEditor(node, q);
  showAnalysis(node, q);
  const approve = node.querySelector('.approve');
  approve.hidden = q.status === 'approved';
  if (q.status !== 'pending') approve.textContent = t('action.reapprove');
  node.querySelector('.reject').hidden = q.status !== 'pending';
  node.querySelector('.unpublish').hidden = q.status !== 'approved';
  node.querySelector('.revert').hidden = !(q.status === 'approved' && q.autoRuleId != null);
  if (q.decidedBy) {
    node.querySelector('.decided').textContent = t('decided.by', { who: actorName(q.decidedBy), when: formatTime(q.decidedAt, language()) });
  }
  approve.addEventListener('click', () => decide(node, 'approve'));
  node.querySelector('.reject').addEventListener('click', () => decide(node, 'reject'));
  node.querySelector('.unpublish').addEventListener('click', () => decide(node, 'unpublish'));
  node.querySelector('.revert').addEventListener('click', () => decide(node, 'undo'));
  node.querySelector('.save').addEventListener('click', () => save(node));
  node.addEventListener('click', (e) => {
    if (!e.target.closest('button, input, select, textarea, summary')) select(node, false);
  });
  node.addEventListener('focusin', () => select(node, false));
  let timer = null;
  text.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => check(node), 250);
  });
  if (q.piiCount > 0) check(node);
  // link this feedback to an improvement story, on the stories page with it preselected
  const toStory = document.createElement('a');
  toStory.className = 'to-story';
  toStory.href = `/admin/stories?quote=${q.id}`;
  toStory.textContent = t('story.linkToStory');
  node.querySelector('.actions').append(toStory);
  return node;
}

function metaLine(q) {
  const parts = [`#${q.id}`];
  if (q.score != null) parts.push(`${q.scoreType} ${q.score}`);
  for (const v of [q.touchpoint, q.location, q.language]) if (v) parts.push(v);
  if (q.respondedAt) parts.push(formatTime(q.respondedAt, language()));
  return parts.join(' · ');
}

function fillEditor(node, q) {
  const style = node.querySelector('.attribution-style');
  style.value = q.attributionStyle || 'custom';
  style.querySelector('option[value="first_name"]').disabled = !q.canNameCustomer;
  node.querySelector('.attribution').value = q.attribution || '';
  const sentiment = node.querySelector('.sentiment');
  sentiment.value = q.sentiment || q.suggestedSentiment || 'mixed';
  if (q.suggestedSentiment) {
    const suggested = sentiment.querySelector(`option[value="${q.suggestedSentiment}"]`);
    if (suggested) suggested.textContent += ` (${t('sentiment.suggested')})`;
  }
  const box = node.querySelector('.channels');
  for (const c of state.channels) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.value = c.id;
    input.checked = q.channelIds.includes(c.id);
    label.append(input, ' ', c.name);
    box.append(label);
  }
  node.querySelector('.publish-from').value = toLocalInput(q.publishFrom);
  node.querySelector('.publish-until').value = toLocalInput(q.publishUntil);
  node.querySelector('.pinned').checked = q.pinned;
  style.addEventListener('change', () => {
    node.querySelector('.attribution').readOnly = style.value !== 'custom';
  });
  node.querySelector('.attribution').readOnly = style.value !== 'custom';
  node.querySelector('.attribution').addEventListener('input', () => { style.value = 'custom'; });
}

function toLocalInput(ms) {
  if (ms == null) return '';
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function fromLocalInput(value) {
  return value ? new Date(value).getTime() : null;
}

/** The analysis: badges, highlighted findings with redaction buttons, and why it scored as it did. */
function showAnalysis(node, q) {
  const score = node.querySelector('.badge.quotability');
  score.textContent = t('badge.quotability', { n: q.quotability });
  const pii = node.querySelector('.badge.pii');
  pii.hidden = !q.piiCount;
  pii.textContent = t('badge.pii', { n: q.piiCount });
  const flagged = node.querySelector('.badge.flagged');
  flagged.hidden = !q.flaggedWords.length;
  flagged.textContent = t('badge.flagged', { words: q.flaggedWords.join(', ') });
  const auto = node.querySelector('.badge.auto');
  auto.hidden = q.autoRuleId == null;
  auto.textContent = t('badge.auto', { rule: q.autoRuleId });
  node.querySelector('.badge.pin').hidden = !q.pinned;
  const reasons = node.querySelector('.reasons');
  reasons.replaceChildren(...q.reasons.map((r) => {
    const li = document.createElement('li');
    li.dataset.reason = r.code;
    li.classList.toggle('lost', r.points < r.max);
    li.textContent = `${r.points}/${r.max} · ${t(`reason.${r.code}`, { detail: r.detail })}`;
    return li;
  }));
  const findings = q.findings || [];
  const box = node.querySelector('.findings');
  const highlight = node.querySelector('.highlight');
  node.querySelector('.override').hidden = !(q.piiCount > 0);
  box.hidden = findings.length === 0;
  highlight.hidden = findings.length === 0;
  if (!q.findings) return;
  const text = q.displayText;
  const parts = [];
  let at = 0;
  for (const f of findings) {
    if (f.start > at) parts.push(document.createTextNode(text.slice(at, f.start)));
    const mark = document.createElement('mark');
    mark.dataset.kind = f.kind;
    mark.textContent = text.slice(f.start, f.end);
    parts.push(mark);
    at = f.end;
  }
  parts.push(document.createTextNode(text.slice(at)));
  highlight.replaceChildren(...parts);
  box.replaceChildren(...findings.map((f) => {
    const li = document.createElement('li');
    li.className = 'finding';
    li.dataset.kind = f.kind;
    li.append(`${t(`pii.${f.kind}`)}: `, f.text);
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'redact secondary';
    b.textContent = t('action.redact', { with: f.replacement });
    b.addEventListener('click', () => redact(node, [f]));
    li.append(b);
    return li;
  }));
  if (findings.length > 1) {
    const li = document.createElement('li');
    const all = document.createElement('button');
    all.type = 'button';
    all.className = 'redact-all secondary';
    all.textContent = t('action.redactAll');
    all.addEventListener('click', () => redact(node, findings));
    li.append(all);
    box.append(li);
  }
}

async function check(node) {
  const text = node.querySelector('.display-text').value;
  try {
    const q = await post(`/api/v1/quotes/${node.dataset.quoteId}/check`, { displayText: text });
    if (node.querySelector('.display-text').value !== text) return; // typed on meanwhile
    node.quote = { ...node.quote, ...q, displayText: node.quote.displayText };
    showAnalysis(node, { ...q, displayText: text });
    node.dataset.findings = String(q.piiCount);
  } catch (e) {
    say(errorText(e), true);
  }
}

function redact(node, findings) {
  const textarea = node.querySelector('.display-text');
  let text = textarea.value;
  for (const f of [...findings].sort((a, b) => b.start - a.start)) {
    if (text.slice(f.start, f.end) === f.text) text = text.slice(0, f.start) + f.replacement + text.slice(f.end);
  }
  textarea.value = text;
  return check(node);
}

function editBody(node) {
  const style = node.querySelector('.attribution-style').value;
  const body = {
    displayText: node.querySelector('.display-text').value,
    sentiment: node.querySelector('.sentiment').value,
    channelIds: [...node.querySelectorAll('.channels input:checked')].map((i) => Number(i.value)),
    publishFrom: fromLocalInput(node.querySelector('.publish-from').value),
    publishUntil: fromLocalInput(node.querySelector('.publish-until').value),
    pinned: node.querySelector('.pinned').checked,
  };
  if (style === 'custom') body.attribution = node.querySelector('.attribution').value;
  else body.attributionStyle = style;
  if (node.querySelector('.override-pii').checked) body.overridePii = true;
  return body;
}

async function save(node) {
  try {
    const q = await api(`/api/v1/quotes/${node.dataset.quoteId}`, { method: 'PUT', body: JSON.stringify(editBody(node)) });
    remember([q.id]);
    replace(node, q);
    say(t('status.saved'));
  } catch (e) {
    say(errorText(e), true);
  }
}

function replace(node, q) {
  const fresh = render(q);
  node.replaceWith(fresh);
  if (state.selected === node) select(fresh, false);
}

async function decide(node, action) {
  for (const b of node.querySelectorAll('button')) b.disabled = true;
  try {
    const body = action === 'approve' ? editBody(node) : {};
    const q = await post(`/api/v1/quotes/${node.dataset.quoteId}/${action}`, body);
    remember([q.id]);
    say(t(`status.${action === 'undo' ? 'undone' : q.status}`));
    if (action !== 'undo') toast(q);
    leave(node, q);
  } catch (e) {
    if (e instanceof ApiError && e.body?.error === 'personal_data') {
      say(t('status.pii'), true);
      node.querySelector('.override').hidden = false;
      check(node);
    } else {
      say(errorText(e), true);
    }
    for (const b of node.querySelectorAll('button')) b.disabled = false;
  }
}

/** A decided quote leaves the list when it no longer has the status shown; the next one is selected. */
function leave(node, q) {
  if (q.status === state.status) {
    replace(node, q);
    return;
  }
  const next = node.nextElementSibling || node.previousElementSibling;
  node.remove();
  if (state.selected === node) {
    state.selected = null;
    if (next) select(next, true);
  }
  document.getElementById('empty').hidden = list.children.length > 0;
}

/** Names the quote a decision was made on, with its own undo, for a few seconds. */
function toast(q) {
  const box = document.getElementById('decision-toast');
  const words = [...q.displayText];
  const name = words.length > 60 ? `${words.slice(0, 60).join('')}…` : q.displayText;
  const text = document.createElement('span');
  text.className = 'toast-text';
  text.dir = 'auto';
  text.textContent = t(`toast.${q.status}`, { id: q.id, text: name });
  const undoIt = document.createElement('button');
  undoIt.type = 'button';
  undoIt.className = 'secondary';
  undoIt.textContent = t('action.undo');
  undoIt.addEventListener('click', async () => {
    box.hidden = true;
    try {
      await post('/api/v1/quotes/bulk', { action: 'undo', ids: [q.id] });
      say(t('status.undone'));
      await load();
    } catch (e) {
      say(errorText(e), true);
    }
  });
  box.replaceChildren(text, undoIt);
  box.dataset.quoteId = q.id;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 10_000);
}

// ------------------------------------------------------------------ bulk and undo

function remember(ids) {
  state.history.push(ids);
  undoButton.disabled = false;
}

async function bulk(action) {
  const nodes = [...list.querySelectorAll('li.quote')].filter((n) => n.querySelector('.select').checked);
  if (!nodes.length) {
    say(t('bulk.none'), true);
    return;
  }
  try {
    const data = await post('/api/v1/quotes/bulk', { action, ids: nodes.map((n) => Number(n.dataset.quoteId)) });
    const done = data.results.filter((r) => r.ok);
    const failed = data.results.filter((r) => !r.ok);
    if (done.length) remember(done.map((r) => r.id));
    for (const r of done) {
      const node = list.querySelector(`li.quote[data-quote-id="${r.id}"]`);
      if (node && r.status !== state.status) node.remove();
    }
    document.getElementById('empty').hidden = list.children.length > 0;
    document.getElementById('select-all').checked = false;
    say(t('bulk.done', { n: done.length, failed: failed.length }), failed.length > 0);
    for (const r of failed) {
      const node = list.querySelector(`li.quote[data-quote-id="${r.id}"]`);
      if (node) node.querySelector('.decided').textContent = r.error;
    }
  } catch (e) {
    say(errorText(e), true);
  }
}

async function undo() {
  const ids = state.history.pop();
  undoButton.disabled = state.history.length === 0;
  if (!ids) return;
  try {
    await post('/api/v1/quotes/bulk', { action: 'undo', ids });
    say(t('status.undone'));
    await load();
  } catch (e) {
    say(errorText(e), true);
  }
}

// ------------------------------------------------------------------ keyboard

function select(node, focus) {
  if (state.selected && state.selected !== node) state.selected.classList.remove('selected');
  state.selected = node;
  node.classList.add('selected');
  document.body.dataset.selected = node.dataset.quoteId;
  if (focus) {
    node.focus({ preventScroll: true });
    node.scrollIntoView({ block: 'nearest' });
  }
}

function move(step) {
  const items = [...list.querySelectorAll('li.quote')];
  if (!items.length) return;
  const i = items.indexOf(state.selected);
  const next = items[Math.min(items.length - 1, Math.max(0, i < 0 ? 0 : i + step))];
  select(next, true);
}

function onKey(e) {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const typing = e.target.closest('input, textarea, select');
  if (typing) {
    if (e.key === 'Escape') {
      e.target.blur();
      if (state.selected) state.selected.focus({ preventScroll: true });
    }
    return;
  }
  if (document.getElementById('queue-view').hidden) return;
  const node = state.selected;
  // Moving is harmless from anywhere. Anything that decides or edits acts only on the card that
  // has the keyboard focus and is visibly selected: never on whatever is selected when the
  // letters land on the page because a redraw or a click took the focus from a form field.
  const onCard = node != null && e.target instanceof Element && e.target.closest('li.quote') === node;
  const actions = {
    j: () => move(1), ArrowDown: () => move(1), k: () => move(-1), ArrowUp: () => move(-1),
  };
  if (onCard) {
    Object.assign(actions, {
      a: () => !node.querySelector('.approve').hidden && decide(node, 'approve'),
      r: () => !node.querySelector('.reject').hidden && decide(node, 'reject'),
      e: () => node.querySelector('.display-text').focus(),
      x: () => { const c = node.querySelector('.select'); c.checked = !c.checked; },
      u: () => undo(),
    });
  }
  const action = actions[e.key];
  if (action) {
    e.preventDefault();
    action();
  }
}

// ------------------------------------------------------------------ start

function showView(name) {
  document.getElementById('queue-view').hidden = name !== 'queue';
  document.getElementById('settings-view').hidden = name !== 'settings';
  for (const v of document.querySelectorAll('button.view')) v.setAttribute('aria-current', v.dataset.view === name ? 'page' : 'false');
}

async function main() {
  translate();
  wireLanguageButtons(() => load());
  const me = await api('/api/v1/me');
  setCsrf(me.csrfToken);
  document.getElementById('who').textContent = me.name;
  state.channels = (await api('/api/v1/moderation/channels')).channels;
  for (const tab of document.querySelectorAll('.tab')) {
    tab.addEventListener('click', () => {
      state.status = tab.dataset.status;
      say('');
      load().catch((e) => say(errorText(e), true));
    });
  }
  let timer = null;
  const reload = () => load().catch((e) => say(errorText(e), true));
  filters.addEventListener('change', reload);
  filters.addEventListener('input', (e) => {
    if (e.target.name !== 'q') return;
    clearTimeout(timer);
    if (shortText(e.target.value)) {
      say(t('filter.textShort'));
      return;
    }
    say('');
    timer = setTimeout(reload, 300);
  });
  filters.addEventListener('submit', (e) => { e.preventDefault(); reload(); });
  document.getElementById('more').addEventListener('click', () => load(false));
  document.getElementById('select-all').addEventListener('change', (e) => {
    for (const c of list.querySelectorAll('.select')) c.checked = e.target.checked;
  });
  document.getElementById('bulk-approve').addEventListener('click', () => bulk('approve'));
  document.getElementById('bulk-reject').addEventListener('click', () => bulk('reject'));
  undoButton.addEventListener('click', undo);
  liveButton.addEventListener('click', reload);
  document.addEventListener('keydown', onKey);
  for (const v of document.querySelectorAll('button.view')) v.addEventListener('click', () => showView(v.dataset.view));
  wireSettings(state.channels, (text, isError) => {
    const s = document.getElementById('settings-status');
    s.textContent = text;
    s.classList.toggle('error', !!isError);
  });
  showView('queue');
  await load();
  setInterval(poll, LIVE_MS);
}

main().catch((e) => say(errorText(e), true));
