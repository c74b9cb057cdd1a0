// The story authoring page: create, edit, publish and archive stories, link feedback from the
// moderation queue in one step, and set the share of story slides per channel.
// Every customer string is inserted with textContent or as a form value, never as HTML.
import { t, translate, wireLanguageButtons } from './i18n.js';
import { api as call, el, mentions, statusText } from './story-common.js';

const state = { csrf: null, role: null, stories: [], current: null, queueStatus: 'pending' };
const form = document.getElementById('story-form');
const statusLine = document.getElementById('status-line');
const miniTemplate = document.getElementById('mini-template');

const api = (path, options = {}) => call(path, { ...options, csrf: state.csrf, loginNext: '/admin/stories' });

function say(text, isError = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', isError);
}

function fail(e) {
  say(t('status.error') + e.message, true);
}

function mini(text, meta, actionText, onAction) {
  const node = miniTemplate.content.firstElementChild.cloneNode(true);
  node.querySelector('.mini-text').textContent = text;
  node.querySelector('.mini-meta').textContent = meta || '';
  const action = node.querySelector('.mini-action');
  if (actionText) {
    action.textContent = actionText;
    action.addEventListener('click', onAction);
  }
  return node;
}

async function loadList() {
  const data = await api('/api/v1/stories');
  state.stories = data.stories;
  const list = document.getElementById('story-list');
  list.replaceChildren(...data.stories.map((s) => {
    const li = el('li');
    const b = el('button', 'story-item');
    b.type = 'button';
    b.dataset.storyId = s.id;
    b.setAttribute('aria-current', String(state.current?.id === s.id));
    const title = el('span', 'story-item-title', s.title);
    title.dir = 'auto';
    b.append(title, el('span', 'badge', `${t(`story.state.${s.state}`)} · ${statusText(s.status)}`));
    b.addEventListener('click', () => open(s.id).catch(fail));
    li.append(b);
    return li;
  }));
}

function fill(story) {
  state.current = story;
  document.getElementById('editor').hidden = false;
  document.body.dataset.storyId = story ? story.id : '';
  document.body.dataset.storyState = story ? story.state : 'new';
  for (const input of form.elements) {
    if (input.name) input.value = story ? (story[input.name] ?? '') : (input.name === 'status' ? 'planned' : '');
  }
  document.getElementById('story-state').textContent = story ? t(`story.state.${story.state}`) : t('story.state.new');
  document.getElementById('story-mentions').textContent = mentions(story ? story.mentions : 0);
  for (const id of ['publish-story', 'archive-story']) document.getElementById(id).disabled = !story;
  const img = document.getElementById('story-image');
  img.hidden = !story?.image;
  if (story?.image) img.src = `/api/v1/stories/${story.id}/image?v=${story.updatedAt}`;
  else img.removeAttribute('src');
  document.getElementById('remove-image').hidden = !story?.image;
  document.getElementById('image-file').disabled = !story;
  renderLinked(story);
}

function renderLinked(story) {
  const list = document.getElementById('linked');
  list.replaceChildren(...(story ? story.links : []).map((l) => {
    const meta = [l.quoteStatus ? t(`story.quote.${l.quoteStatus}`) : '', l.touchpoint || ''].filter(Boolean).join(' · ');
    const node = mini(l.text || `#${l.feedbackId}`, meta, t('story.unlink'), () =>
      api(`/api/v1/stories/${story.id}/unlink`, { method: 'POST', body: JSON.stringify({ feedbackIds: [l.feedbackId] }) }).then(show).catch(fail));
    node.dataset.feedbackId = l.feedbackId;
    return node;
  }));
}

async function show(story) {
  fill(story);
  await Promise.all([loadList(), loadSuggestions(), loadQueue()]);
}

async function open(id) {
  say('');
  await show(await api(`/api/v1/stories/${id}`));
}

async function loadSuggestions() {
  const list = document.getElementById('suggestions');
  if (!state.current) {
    list.replaceChildren();
    return;
  }
  const data = await api(`/api/v1/stories/${state.current.id}/suggestions`);
  list.replaceChildren(...data.suggestions.map((s) => {
    const node = mini(s.text, [t(`story.quote.${s.quoteStatus}`), s.touchpoint].filter(Boolean).join(' · '), t('story.link'),
      () => link([s.quoteId]));
    node.dataset.quoteId = s.quoteId;
    return node;
  }));
}

async function loadQueue() {
  for (const tab of document.querySelectorAll('.queue-tab')) {
    tab.setAttribute('aria-current', tab.dataset.status === state.queueStatus ? 'page' : 'false');
  }
  const linked = new Set((state.current?.links || []).map((l) => l.quoteId));
  const data = await api(`/api/v1/quotes?status=${state.queueStatus}&limit=100`);
  const list = document.getElementById('queue');
  list.replaceChildren(...data.quotes.filter((q) => !linked.has(q.id)).map((q) => {
    const node = mini(q.displayText, [q.touchpoint, q.location].filter(Boolean).join(' · '));
    node.dataset.quoteId = q.id;
    const pick = node.querySelector('.pick');
    pick.hidden = false;
    pick.value = q.id;
    return node;
  }));
  document.body.dataset.queueLoaded = state.queueStatus;
}

async function link(quoteIds) {
  if (!state.current || quoteIds.length === 0) return;
  const story = await api(`/api/v1/stories/${state.current.id}/links`, { method: 'POST', body: JSON.stringify({ quoteIds }) });
  say(t('story.linked.done', { n: quoteIds.length }));
  await show(story);
}

function formFields() {
  const body = {};
  for (const input of form.elements) if (input.name) body[input.name] = input.value.trim() === '' ? null : input.value;
  return body;
}

async function save() {
  const body = JSON.stringify(formFields());
  const story = state.current
    ? await api(`/api/v1/stories/${state.current.id}`, { method: 'PUT', body })
    : await api('/api/v1/stories', { method: 'POST', body });
  say(t('story.saved'));
  await show(story);
}

async function transition(action) {
  const story = await api(`/api/v1/stories/${state.current.id}/${action}`, { method: 'POST', body: '{}' });
  say(t(action === 'publish' ? 'story.published' : 'story.archived'));
  await show(story);
}

async function uploadImage(file) {
  const story = await api(`/api/v1/stories/${state.current.id}/image`, {
    method: 'PUT', body: file, contentType: file.type || 'application/octet-stream' });
  say(t('story.image.saved'));
  await show(story);
}

async function loadSettings() {
  const data = await api('/api/v1/story-shares');
  const list = document.getElementById('shares');
  list.replaceChildren(...data.channels.map((c) => {
    const node = mini(c.name, '%', t('story.save'), () => {
      const value = Number(input.value);
      api(`/api/v1/story-shares/${c.id}`, { method: 'PUT', body: JSON.stringify({ storyShare: value }) })
        .then(() => say(t('story.share.saved'))).catch(fail);
    });
    const input = el('input', 'share-input');
    input.type = 'number';
    input.min = 0;
    input.max = 100;
    input.value = c.storyShare;
    input.setAttribute('aria-label', t('story.shares'));
    node.querySelector('.mini-meta').prepend(input);
    node.dataset.channelId = c.id;
    return node;
  }));
  if (state.role === 'admin') {
    const open = document.getElementById('board-open');
    document.getElementById('board-open-row').hidden = false;
    open.checked = (await api('/api/v1/improvements/settings')).boardOpen;
    open.addEventListener('change', () =>
      api('/api/v1/improvements/settings', { method: 'PUT', body: JSON.stringify({ boardOpen: open.checked }) })
        .then((s) => say(t(s.boardOpen ? 'story.board.opened' : 'story.board.closed'))).catch(fail));
  }
}

async function main() {
  translate();
  const me = await api('/api/v1/me');
  state.csrf = me.csrfToken;
  state.role = me.role;
  document.getElementById('who').textContent = me.name;
  wireLanguageButtons(() => { if (state.current) fill(state.current); loadList().catch(fail); });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save().catch(fail);
  });
  document.getElementById('new-story').addEventListener('click', () => {
    say('');
    fill(null);
    loadQueue().catch(fail);
    loadSuggestions().catch(fail);
    document.getElementById('f-title').focus();
  });
  document.getElementById('publish-story').addEventListener('click', () => transition('publish').catch(fail));
  document.getElementById('archive-story').addEventListener('click', () => transition('archive').catch(fail));
  document.getElementById('link-selected').addEventListener('click', async () => {
    const ids = [...document.querySelectorAll('#queue .pick:checked')].map((c) => Number(c.value));
    try {
      if (!state.current) await save(); // a new story is saved first, so linking stays one step
      await link(ids);
    } catch (e) {
      fail(e);
    }
  });
  for (const tab of document.querySelectorAll('.queue-tab')) {
    tab.addEventListener('click', () => {
      state.queueStatus = tab.dataset.status;
      loadQueue().catch(fail);
    });
  }
  document.getElementById('image-file').addEventListener('change', (e) => {
    const file = e.target.files[0];
    if (file) uploadImage(file).catch(fail).finally(() => { e.target.value = ''; });
  });
  document.getElementById('remove-image').addEventListener('click', () =>
    api(`/api/v1/stories/${state.current.id}/image`, { method: 'DELETE' }).then(show).catch(fail));
  await loadList();
  await loadSettings();
  const fromQueue = new URLSearchParams(location.search).get('quote');
  fill(null);
  if (fromQueue) {
    // open the queue tab the quote is in, so it can be preselected
    const q = await api(`/api/v1/quotes/${encodeURIComponent(fromQueue)}`).catch(() => null);
    if (q && (q.status === 'pending' || q.status === 'approved')) state.queueStatus = q.status;
  }
  await loadQueue();
  if (fromQueue) {
    const pick = document.querySelector(`#queue li[data-quote-id="${CSS.escape(fromQueue)}"] .pick`);
    if (pick) pick.checked = true;
  }
  document.body.dataset.loaded = 'stories';
}

main().catch(fail);
