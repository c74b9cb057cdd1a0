// The sources page: every source with its mapping, last delivery, counts, recent errors and
// imports; a CSV upload with a live progress bar (upload, then the import's committed rows).
// Every value from the server is inserted with textContent or as a form value, never as HTML.
import { t, translate, wireLanguageButtons, language } from './i18n.js';

const state = { csrf: null, role: null, sources: [] };
const list = document.getElementById('sources');
const template = document.getElementById('source-template');
const statusLine = document.getElementById('status-line');
const newSource = document.getElementById('new-source');

async function api(path, options = {}) {
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  if (options.method && options.method !== 'GET') {
    headers['X-CSRF-Token'] = state.csrf;
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, { ...options, headers, credentials: 'same-origin' });
  if (res.status === 401) {
    location.href = '/login?next=/admin/sources';
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
  if (ms == null) return t('sources.never');
  return new Date(ms).toLocaleString(language() === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

function n(x) {
  return Number(x).toLocaleString(language() === 'sv' ? 'sv-SE' : 'en-GB');
}

function jobLine(job) {
  return t('sources.jobLine', {
    file: job.fileName, status: t(`sources.status.${job.status}`), rows: n(job.rowsRead), created: n(job.created),
    updated: n(job.updated), unchanged: n(job.unchanged), rejected: n(job.rejected),
  });
}

function renderJob(job) {
  const li = document.createElement('li');
  li.dataset.jobId = job.id;
  li.append(`${formatTime(job.startedAt)} · ${jobLine(job)}`);
  if (job.message) li.append(` — ${job.message}`);
  if (job.rejected > 0) {
    const a = document.createElement('a');
    a.href = `/api/v1/imports/${job.id}/errors.csv`;
    a.className = 'errors-link';
    a.textContent = t('sources.downloadErrors');
    li.append(' ', a);
  }
  return li;
}

function render(s) {
  const node = template.content.firstElementChild.cloneNode(true);
  translate(node);
  node.dataset.sourceId = s.id;
  node.dataset.name = s.name;
  node.querySelector('.name').textContent = s.name;
  node.querySelector('.kind').textContent = t(`sources.kind.${s.kind}`);
  node.querySelector('.stats').textContent = t('sources.stats', {
    last: formatTime(s.lastReceivedAt), stored: n(s.storedCount), rejected: n(s.rejectedCount),
  });
  if (s.webhookPath) {
    node.querySelector('.webhook').hidden = false;
    node.querySelector('.url').textContent = location.origin + s.webhookPath;
  }
  const mapping = node.querySelector('.mapping');
  mapping.value = JSON.stringify(s.mapping, null, 2);
  const save = node.querySelector('.save-mapping');
  if (state.role !== 'admin') {
    mapping.readOnly = true;
    save.hidden = true;
  }
  save.addEventListener('click', () => saveMapping(s, mapping, save));
  if (s.kind === 'csv') {
    node.querySelector('.upload').hidden = false;
    node.querySelector('.start-import').addEventListener('click', () => upload(s, node));
  }
  const imports = node.querySelector('.imports');
  for (const job of s.imports) imports.append(renderJob(job));
  if (!s.imports.length) imports.append(Object.assign(document.createElement('li'), { textContent: t('sources.none'), className: 'none' }));
  const errors = node.querySelector('.errors');
  for (const e of s.recentErrors) {
    errors.append(Object.assign(document.createElement('li'), { textContent: `${formatTime(e.at)} · ${e.problem}` }));
  }
  if (!s.recentErrors.length) errors.append(Object.assign(document.createElement('li'), { textContent: t('sources.none'), className: 'none' }));
  return node;
}

async function saveMapping(s, textarea, button) {
  let mapping;
  try {
    mapping = JSON.parse(textarea.value);
  } catch (e) {
    say(t('sources.badJson') + e.message, true);
    return;
  }
  button.disabled = true;
  try {
    await api(`/api/v1/sources/${s.id}`, { method: 'PUT', body: JSON.stringify({ mapping }) });
    say(t('sources.saved'));
    await load();
  } catch (e) {
    say(t('status.error') + e.message, true);
  } finally {
    button.disabled = false;
  }
}

/** Sends the file as the request body (streamed by the server to disk), then follows the job. */
function upload(s, node) {
  const file = node.querySelector('.file').files[0];
  if (!file) {
    say(t('sources.pickFile'), true);
    return;
  }
  const button = node.querySelector('.start-import');
  const row = node.querySelector('.progress-row');
  const bar = node.querySelector('.bar');
  const text = node.querySelector('.progress-text');
  button.disabled = true;
  row.hidden = false;
  bar.value = 0;
  const xhr = new XMLHttpRequest();
  xhr.open('POST', `/api/v1/sources/${s.id}/imports?filename=${encodeURIComponent(file.name)}`);
  xhr.setRequestHeader('X-CSRF-Token', state.csrf);
  xhr.setRequestHeader('Content-Type', 'text/csv');
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.upload.addEventListener('progress', (e) => {
    if (!e.lengthComputable) return;
    bar.value = Math.round((e.loaded / e.total) * 100);
    text.textContent = t('sources.uploading', { pct: bar.value });
  });
  xhr.addEventListener('load', () => {
    let body = null;
    try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
    if (xhr.status !== 202) {
      button.disabled = false;
      text.textContent = '';
      say(t('status.error') + (body?.message || xhr.statusText), true);
      return;
    }
    follow(body.id, bar, text, button);
  });
  xhr.addEventListener('error', () => {
    button.disabled = false;
    say(t('status.error') + t('sources.network'), true);
  });
  xhr.send(file);
}

async function follow(jobId, bar, text, button) {
  for (;;) {
    const job = await api(`/api/v1/imports/${jobId}`);
    bar.value = job.totalBytes > 0 ? Math.round((job.doneBytes / job.totalBytes) * 100) : 0;
    text.textContent = jobLine(job);
    if (job.status !== 'running') {
      button.disabled = false;
      say(job.status === 'done' ? t('sources.done') : t('status.error') + (job.message || job.status), job.status !== 'done');
      await load();
      return;
    }
    await new Promise((r) => setTimeout(r, 400));
  }
}

async function load() {
  const body = await api('/api/v1/sources');
  state.sources = body.sources;
  list.replaceChildren(...body.sources.map(render));
  document.getElementById('empty').hidden = body.sources.length > 0;
}

newSource.addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(newSource);
  const payload = { name: f.get('name'), kind: f.get('kind') };
  if (f.get('kind') === 'csv') payload.mapping = f.get('preset');
  if (f.get('secret')) payload.secret = f.get('secret');
  try {
    const created = await api('/api/v1/sources', { method: 'POST', body: JSON.stringify(payload) });
    const once = newSource.querySelector('.secret-once');
    once.hidden = !created.secret;
    once.textContent = created.secret ? t('sources.secretOnce', { secret: created.secret }) : '';
    newSource.reset();
    say(t('sources.created'));
    await load();
  } catch (err) {
    say(t('status.error') + err.message, true);
  }
});

async function start() {
  translate();
  wireLanguageButtons(() => load());
  const me = await api('/api/v1/me');
  state.csrf = me.csrfToken;
  state.role = me.role;
  document.getElementById('who').textContent = me.name;
  newSource.hidden = me.role !== 'admin';
  await load();
}

start().catch((e) => say(t('status.error') + e.message, true));
