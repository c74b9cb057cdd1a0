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
    node.querySelector('.file').addEventListener('change', () => preview(s, node));
    node.querySelector('.dry-run').addEventListener('click', () => dryRun(s, node));
    node.querySelector('.start-import').addEventListener('click', () => saveThenUpload(s, node));
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

/** The head of a file is enough to propose its mapping and show its first rows. */
const PREVIEW_BYTES = 1 << 20;

/** Sends the chosen file's head; shows its first rows as read and the mapping as a form, each choice with its reason. */
async function preview(s, node) {
  const file = node.querySelector('.file').files[0];
  const box = node.querySelector('.preview');
  box.hidden = true;
  node.querySelector('.dry-run-result').replaceChildren();
  if (!file) return;
  let body;
  try {
    const res = await fetch(`/api/v1/sources/${s.id}/preview?filename=${encodeURIComponent(file.name)}`, {
      method: 'POST', body: file.slice(0, PREVIEW_BYTES), credentials: 'same-origin',
      headers: { 'X-CSRF-Token': state.csrf, 'Content-Type': 'text/csv', Accept: 'application/json' },
    });
    body = await res.json();
    if (!res.ok) throw new Error(body?.message || res.statusText);
  } catch (e) {
    say(t('status.error') + e.message, true);
    return;
  }
  node.querySelector('.preview-info').textContent = t('sources.previewInfo', {
    encoding: body.encoding, delimiter: t(`sources.delimiter.${body.delimiter}`), rows: body.rows.length,
  });
  const head = document.createElement('tr');
  for (const h of body.header) head.append(Object.assign(document.createElement('th'), { textContent: h }));
  node.querySelector('.preview-table thead').replaceChildren(head);
  node.querySelector('.preview-table tbody').replaceChildren(...body.rows.map((row) => {
    const tr = document.createElement('tr');
    for (const cell of row) tr.append(Object.assign(document.createElement('td'), { textContent: cell }));
    return tr;
  }));
  // the saved mapping when the file has its columns, else the one proposed for this file
  const saved = body.saved;
  const usesSaved = Boolean(saved?.columns?.externalId) && body.header.includes(saved.columns.externalId);
  const mapping = usesSaved ? saved : (body.mapping || saved);
  // a column's reason, and a setting's (score type, date format, language: no column)
  const reasons = Object.fromEntries(usesSaved ? [] : body.choices.filter((c) => c.column != null).map((c) => [c.field, c]));
  const settingReasons = Object.fromEntries(usesSaved ? [] : body.choices.filter((c) => c.column == null).map((c) => [c.field, c]));
  const rows = node.querySelector('.field-rows');
  rows.replaceChildren();
  for (const field of body.fields) {
    const label = Object.assign(document.createElement('label'), { textContent: t(`sources.field.${field}`) });
    const select = document.createElement('select');
    select.name = `column.${field}`;
    select.id = `map-${s.id}-${field}`;
    label.htmlFor = select.id;
    select.append(Object.assign(document.createElement('option'), { value: '', textContent: t('sources.notImported') }));
    for (const h of body.header) select.append(Object.assign(document.createElement('option'), { value: h, textContent: h }));
    const column = mapping.columns[field];
    select.value = column != null && body.header.includes(column) ? column : '';
    const why = Object.assign(document.createElement('span'), { className: 'why' });
    why.textContent = usesSaved ? (select.value ? t('sources.why.saved') : '') : reasonText(reasons[field]);
    select.addEventListener('change', () => { why.textContent = t('sources.why.yours'); });
    rows.append(label, select, why);
  }
  const form = node.querySelector('.mapping-form');
  form.elements.scoreType.value = mapping.scoreType || '';
  form.elements.timeZone.value = mapping.timeZone || '';
  form.elements.timeZone.placeholder = t('sources.setting.serverZone');
  form.elements.dateFormat.value = mapping.dateFormat || '';
  form.elements.dateFormat.placeholder = t('sources.setting.anyDate');
  form.elements.language.value = mapping.language || '';
  form.elements.headerRows.value = mapping.headerRows || 1;
  const notes = usesSaved ? [t('sources.why.savedMapping')]
    : ['scoreType', 'dateFormat', 'language'].filter((f) => settingReasons[f])
      .map((f) => `${t(`sources.setting.${f}`)}: ${reasonText(settingReasons[f])}`);
  for (const p of body.problems) notes.push(t(`sources.problem.${p}`));
  node.querySelector('.reasons').textContent = notes.join(' · ');
  if (state.role !== 'admin') {
    for (const el of form.elements) el.disabled = true;
    notes.push(t('sources.adminSavesMapping'));
    node.querySelector('.reasons').textContent = notes.join(' · ');
  }
  box.hidden = false;
}

function reasonText(choice) {
  if (!choice) return '';
  const detail = choice.reason === 'language.header' ? t(`sources.languageName.${choice.detail}`) : (choice.detail ?? '');
  return t(`sources.why.${choice.reason}`, { detail });
}

/** The form as a mapping: every field, an unmapped one as null. */
function mappingFromForm(node) {
  const form = node.querySelector('.mapping-form');
  const columns = {};
  for (const select of form.querySelectorAll('select[name^="column."]')) {
    columns[select.name.slice('column.'.length)] = select.value || null;
  }
  const v = (name) => form.elements[name].value.trim() || null;
  return {
    preset: 'generic', headerRows: Number(form.elements.headerRows.value) || 1, scoreType: v('scoreType'),
    timeZone: v('timeZone'), dateFormat: v('dateFormat'), language: v('language'), columns,
  };
}

/** Sends the whole file with the form's mapping: what would be stored and rejected, and why; nothing is written. */
async function dryRun(s, node) {
  const file = node.querySelector('.file').files[0];
  if (!file) {
    say(t('sources.pickFile'), true);
    return;
  }
  const out = node.querySelector('.dry-run-result');
  const button = node.querySelector('.dry-run');
  button.disabled = true;
  out.textContent = t('sources.dryRunning');
  try {
    const mapping = node.querySelector('.preview').hidden ? '' : JSON.stringify(mappingFromForm(node));
    const res = await fetch(`/api/v1/sources/${s.id}/dry-run?mapping=${encodeURIComponent(mapping)}`, {
      method: 'POST', body: file, credentials: 'same-origin',
      headers: { 'X-CSRF-Token': state.csrf, 'Content-Type': 'text/csv', Accept: 'application/json' },
    });
    const r = await res.json();
    if (!res.ok) throw new Error(r?.message || res.statusText);
    const summary = document.createElement('p');
    summary.className = 'dry-run-summary';
    summary.textContent = t('sources.dryRunResult', {
      rows: n(r.rows), stored: n(r.stored), created: n(r.created), existing: n(r.existing), rejected: n(r.rejected),
    }) + (r.message ? ` — ${r.message}` : '');
    const list = document.createElement('ul');
    for (const e of r.errors) {
      list.append(Object.assign(document.createElement('li'), {
        textContent: t('sources.rowProblem', { line: e.line, column: e.column ?? '—', problem: e.problem }),
      }));
    }
    out.replaceChildren(summary, list);
  } catch (e) {
    out.textContent = t('status.error') + e.message;
  } finally {
    button.disabled = false;
  }
}

/** An administrator's form is saved to the source first; then the file is imported with it. */
async function saveThenUpload(s, node) {
  if (state.role === 'admin' && !node.querySelector('.preview').hidden) {
    try {
      await api(`/api/v1/sources/${s.id}`, { method: 'PUT', body: JSON.stringify({ mapping: mappingFromForm(node) }) });
    } catch (e) {
      say(t('status.error') + e.message, true);
      return;
    }
  }
  upload(s, node);
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
