// The moderation page: lists quotes by status and sends decisions to /api/v1/quotes.
// Every customer string is inserted with textContent or as a form value, never as HTML.
import { t, translate, wireLanguageButtons, language } from './i18n.js';

const PAGE = 50;
const state = { status: 'pending', offset: 0, csrf: null };
const list = document.getElementById('quotes');
const template = document.getElementById('quote-template');
const statusLine = document.getElementById('status-line');

async function api(path, options = {}) {
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  if (options.method && options.method !== 'GET') {
    headers['X-CSRF-Token'] = state.csrf;
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, { ...options, headers, credentials: 'same-origin' });
  if (res.status === 401) {
    location.href = '/login?next=/admin';
    throw new Error('logged out');
  }
  const body = res.headers.get('Content-Type')?.includes('json') ? await res.json() : null;
  if (!res.ok) throw new Error(body?.message || res.statusText);
  return body;
}

function say(text, isError = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', isError);
}

function formatTime(ms) {
  if (ms == null) return '';
  return new Date(ms).toLocaleString(language() === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

function metaLine(q) {
  const parts = [];
  if (q.score != null) parts.push(`${q.scoreType} ${q.score}`);
  for (const v of [q.sentiment, q.touchpoint, q.location, q.language]) if (v) parts.push(v);
  if (q.respondedAt) parts.push(formatTime(q.respondedAt));
  return parts.join(' · ');
}

function render(q) {
  const node = template.content.firstElementChild.cloneNode(true);
  translate(node);
  node.dataset.quoteId = q.id;
  node.dataset.status = q.status;
  node.querySelector('.meta').textContent = metaLine(q);
  const original = node.querySelector('.original');
  original.textContent = q.originalText;
  original.dir = 'auto';
  if (q.language) original.lang = q.language;
  original.title = t('meta.original');
  const text = node.querySelector('.display-text');
  text.value = q.displayText;
  const attribution = node.querySelector('.attribution');
  attribution.value = q.attribution || '';
  const editable = q.status !== 'approved';
  text.readOnly = !editable;
  attribution.readOnly = !editable;
  const approve = node.querySelector('.approve');
  const reject = node.querySelector('.reject');
  const unpublish = node.querySelector('.unpublish');
  approve.hidden = q.status === 'approved';
  if (q.status !== 'pending') approve.textContent = t('action.reapprove');
  reject.hidden = q.status !== 'pending';
  unpublish.hidden = q.status !== 'approved';
  if (q.decidedBy) {
    node.querySelector('.decided').textContent = t('decided.by', { who: q.decidedBy.split(':').slice(2).join(':') || q.decidedBy, when: formatTime(q.decidedAt) });
  }
  approve.addEventListener('click', () => decide(node, q, 'approve', {
    displayText: text.value,
    attribution: attribution.value,
  }));
  reject.addEventListener('click', () => decide(node, q, 'reject'));
  unpublish.addEventListener('click', () => decide(node, q, 'unpublish'));
  // issue 4: link this feedback to an improvement story, on the stories page with it preselected
  const toStory = document.createElement('a');
  toStory.className = 'to-story';
  toStory.href = `/admin/stories?quote=${q.id}`;
  toStory.textContent = t('story.linkToStory');
  node.querySelector('.actions').append(toStory);
  return node;
}

async function decide(node, q, action, body) {
  for (const b of node.querySelectorAll('button')) b.disabled = true;
  try {
    const updated = await api(`/api/v1/quotes/${q.id}/${action}`, {
      method: 'POST',
      body: body ? JSON.stringify(body) : '{}',
    });
    say(t(`status.${updated.status}`));
    node.remove();
    document.getElementById('empty').hidden = list.children.length > 0;
  } catch (e) {
    say(t('status.error') + e.message, true);
    for (const b of node.querySelectorAll('button')) b.disabled = false;
  }
}

async function load(reset = true) {
  if (reset) {
    state.offset = 0;
    list.replaceChildren();
  }
  for (const tab of document.querySelectorAll('.tab')) {
    tab.setAttribute('aria-current', tab.dataset.status === state.status ? 'page' : 'false');
  }
  const data = await api(`/api/v1/quotes?status=${state.status}&limit=${PAGE}&offset=${state.offset}`);
  for (const q of data.quotes) list.append(render(q));
  state.offset += data.quotes.length;
  document.getElementById('more').hidden = data.quotes.length < PAGE;
  document.getElementById('empty').hidden = list.children.length > 0;
  document.body.dataset.loaded = state.status;
}

async function main() {
  translate();
  wireLanguageButtons(() => load());
  const me = await api('/api/v1/me');
  state.csrf = me.csrfToken;
  document.getElementById('who').textContent = me.name;
  for (const tab of document.querySelectorAll('.tab')) {
    tab.addEventListener('click', () => {
      state.status = tab.dataset.status;
      say('');
      load();
    });
  }
  document.getElementById('more').addEventListener('click', () => load(false));
  await load();
}

main().catch((e) => say(t('status.error') + e.message, true));
