// The follow-up inbox (/admin/followups): a case for every critic and every customer who asked
// to be contacted, worked from the keyboard; contact details only on request (each look is
// audited); the key figure; the programme's settings and owner rules; telling customers about
// a published story. Customer text goes in with textContent or as a form value, never as HTML.
import { t, translate, wireLanguageButtons, language } from './i18n.js';
import { api, post, setCsrf, formatTime, ApiError } from './api.js';

const LIVE_MS = 4000;
const state = { cases: [], selected: null, version: null, owners: [], stories: [], me: null, dirty: false, tellStory: null };
const list = document.getElementById('cases');
const template = document.getElementById('case-template');
const filters = document.getElementById('fu-filters');
const form = document.getElementById('case-form');
const statusLine = document.getElementById('status-line');

function say(text, isError = false, where = statusLine) {
  where.textContent = text;
  where.classList.toggle('error', isError);
}

function errorText(e) {
  const field = e instanceof ApiError ? e.body?.errors?.[0]?.field : null;
  return t('status.error') + (field ? `${field}: ${e.body.errors[0].problem}` : (e.message || e));
}

function option(value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  return o;
}

// ------------------------------------------------------------------ the key figure

async function loadFigure() {
  const f = await api('/api/v1/followup/figure');
  const el = document.getElementById('figure');
  el.dataset.shown = String(f.shown);
  el.textContent = f.shown
    ? t('fu.figure', { hours: f.dueHours, days: f.days, percent: f.percent, n: f.n })
    : t('fu.figure.hidden', { hours: f.dueHours, days: f.days, n: f.n, min: f.minSample });
}

// ------------------------------------------------------------------ the inbox

function query() {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData(filters)) if (v) p.set(k, v);
  return `/api/v1/followup/cases?${p}`;
}

function scoreText(c) {
  return c.score == null ? '—' : `${c.scoreType} ${c.score}`;
}

function dueText(c) {
  if (c.status === 'resolved' || c.status === 'not_reached') return t(`fu.status.${c.status}`);
  if (c.status === 'contacted') return t('fu.status.contacted');
  if (c.overdue) return t('fu.overdue', { when: formatTime(c.dueAt, language()) });
  return t('fu.due', { when: formatTime(c.dueAt, language()) });
}

function renderItem(c) {
  const li = template.content.firstElementChild.cloneNode(true);
  li.dataset.id = c.id;
  li.dataset.status = c.status;
  li.classList.toggle('overdue', c.overdue);
  li.classList.toggle('strong', c.priority === 1);
  li.querySelector('.fu-score').textContent = scoreText(c);
  li.querySelector('.fu-text').textContent = c.comment ?? '';
  li.querySelector('.fu-due').textContent = dueText(c);
  li.querySelector('.fu-owner').textContent = c.ownerName ?? t('fu.noOwner');
  li.querySelector('.fu-open').addEventListener('click', () => select(c.id));
  if (state.selected === c.id) li.classList.add('selected');
  return li;
}

async function load(force = false) {
  const data = await api(query());
  if (!force && data.version === state.version && state.lastQuery === query()) return;
  state.version = data.version;
  state.lastQuery = query();
  state.cases = data.cases;
  list.replaceChildren(...data.cases.map(renderItem));
  document.getElementById('empty').hidden = data.cases.length > 0;
  const still = data.cases.find((c) => c.id === state.selected);
  if (still && !state.dirty) showCase(still);
  if (!still && data.cases.length && state.selected == null) select(data.cases[0].id, false);
  document.body.dataset.loaded = 'followups';
}

/** Others' changes and new cases without a reload: short polling of a cheap version marker. */
async function poll() {
  if (document.hidden) return;
  try {
    await load();
    await loadFigure();
  } catch (e) {
    say(errorText(e), true);
  }
}

function select(id, focus = true) {
  const c = state.cases.find((x) => x.id === id);
  if (!c) return;
  if (state.selected !== id) state.dirty = false;
  state.selected = id;
  for (const li of list.children) li.classList.toggle('selected', Number(li.dataset.id) === id);
  const li = list.querySelector(`[data-id="${id}"]`);
  if (li && focus) li.scrollIntoView({ block: 'nearest' });
  history.replaceState(null, '', `#case-${id}`);
  showCase(c);
}

function showCase(c) {
  document.getElementById('case').hidden = false;
  document.getElementById('case').dataset.id = c.id;
  document.getElementById('case-id').textContent = `#${c.id}`;
  const badges = document.getElementById('case-reasons');
  badges.replaceChildren(...c.reasons.map((r) => {
    const b = document.createElement('span');
    b.className = `badge reason-${r}`;
    b.textContent = t(`fu.reason.${r}`);
    return b;
  }));
  const meta = [scoreText(c), c.touchpoint, c.location, t('fu.answered', { when: formatTime(c.answeredAt, language()) }), dueText(c)];
  document.getElementById('case-meta').textContent = meta.filter(Boolean).join(' · ');
  const comment = document.getElementById('case-comment');
  comment.textContent = c.comment ?? t('fu.noComment');
  if (c.language) comment.lang = c.language; else comment.removeAttribute('lang');
  comment.dir = 'auto';
  document.getElementById('contact').hidden = true;
  document.getElementById('show-contact').hidden = !c.hasContact;
  form.ownerId.value = c.ownerId ?? '';
  form.contactWay.value = c.contactWay ?? '';
  form.status.value = c.status;
  form.cause.value = c.cause ?? '';
  form.outcome.value = c.outcome ?? '';
  form.improvementId.value = c.improvementId ?? '';
  state.dirty = false;
}

async function showContact() {
  if (state.selected == null) return;
  try {
    const c = await api(`/api/v1/followup/cases/${state.selected}/contact`);
    document.getElementById('contact-name').textContent = c.name ?? '—';
    const email = document.getElementById('contact-email');
    email.textContent = c.email ?? '—';
    if (c.email) email.href = `mailto:${encodeURIComponent(c.email).replace('%40', '@')}`; else email.removeAttribute('href');
    const phone = document.getElementById('contact-phone');
    phone.textContent = c.phone ?? '—';
    if (c.phone) phone.href = `tel:${c.phone.replace(/[^+\d]/g, '')}`; else phone.removeAttribute('href');
    document.getElementById('contact').hidden = false;
  } catch (e) {
    say(errorText(e), true);
  }
}

function changes() {
  const c = state.cases.find((x) => x.id === state.selected);
  const body = {};
  const owner = form.ownerId.value ? Number(form.ownerId.value) : null;
  if (owner !== (c.ownerId ?? null)) body.ownerId = owner;
  const way = form.contactWay.value || null;
  if (way !== (c.contactWay ?? null)) body.contactWay = way;
  if (form.status.value !== c.status) body.status = form.status.value;
  const cause = form.cause.value.trim() || null;
  if (cause !== (c.cause ?? null)) body.cause = cause;
  const outcome = form.outcome.value.trim() || null;
  if (outcome !== (c.outcome ?? null)) body.outcome = form.outcome.value || null;
  const story = form.improvementId.value ? Number(form.improvementId.value) : null;
  if (story !== (c.improvementId ?? null)) body.improvementId = story;
  return body;
}

async function save() {
  if (state.selected == null) return;
  const body = changes();
  if (!Object.keys(body).length) return;
  const saveButton = document.getElementById('save');
  saveButton.disabled = true;
  try {
    const updated = await api(`/api/v1/followup/cases/${state.selected}`, { method: 'PATCH', body: JSON.stringify(body) });
    state.dirty = false;
    say(t('fu.saved', { id: updated.id }));
    state.cases = state.cases.map((x) => (x.id === updated.id ? updated : x));
    await load(true);
    await loadFigure();
    const again = state.cases.find((x) => x.id === updated.id);
    if (again) showCase(again); else showCase(updated);
  } catch (e) {
    say(errorText(e), true);
  } finally {
    saveButton.disabled = false;
  }
}

function move(step) {
  const ids = state.cases.map((c) => c.id);
  if (!ids.length) return;
  const at = ids.indexOf(state.selected);
  const next = ids[Math.min(ids.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
  select(next);
}

function onKey(e) {
  const typing = ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName);
  if (typing) {
    if (e.key === 'Escape') e.target.blur();
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); save(); }
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const keys = {
    j: () => move(1),
    k: () => move(-1),
    c: () => showContact(),
    m: () => { if (state.meId != null) { form.ownerId.value = String(state.meId); state.dirty = true; } },
    1: () => { form.status.value = 'contacted'; state.dirty = true; },
    2: () => { form.status.value = 'resolved'; state.dirty = true; form.cause.focus(); },
    3: () => { form.status.value = 'not_reached'; state.dirty = true; },
    s: () => save(),
    o: () => { form.outcome.focus(); },
  };
  const action = keys[e.key];
  if (action && state.selected != null) {
    e.preventDefault();
    action();
  }
}

// ------------------------------------------------------------------ owners, stories, settings, rules

async function loadOwners() {
  const data = await api('/api/v1/followup/owners');
  state.owners = data.owners;
  state.meId = data.me;
  for (const select of [form.ownerId, document.querySelector('#rule-form [name=ownerId]')]) {
    const keep = select.value;
    select.replaceChildren(...(select === form.ownerId ? [option('', t('fu.noOwner'))] : []),
      ...data.owners.map((o) => option(String(o.id), o.name)));
    select.value = keep;
  }
  document.getElementById('causes').replaceChildren(...data.causes.map((c) => option(c, c)));
}

async function loadStories() {
  const data = await api('/api/v1/stories');
  state.stories = data.stories;
  const keep = form.improvementId.value;
  form.improvementId.replaceChildren(option('', t('fu.noStory')), ...data.stories.map((s) => option(String(s.id), s.title)));
  form.improvementId.value = keep;
  const published = data.stories.filter((s) => s.state === 'published');
  document.getElementById('tell-story').replaceChildren(...published.map((s) => option(String(s.id), s.title)));
}

async function loadSettings() {
  const s = await api('/api/v1/followup/settings');
  const f = document.getElementById('settings-form');
  for (const [k, v] of Object.entries(s)) if (f.elements[k]) f.elements[k].value = v ?? '';
}

async function saveSettings(e) {
  e.preventDefault();
  const f = e.target;
  const body = {};
  for (const el of f.elements) {
    if (!el.name) continue;
    if (el.type === 'number') body[el.name] = el.value === '' ? null : Number(el.value);
    else body[el.name] = el.value.trim() || null;
  }
  try {
    await api('/api/v1/followup/settings', { method: 'PUT', body: JSON.stringify(body) });
    say(t('fu.settingsSaved'));
    await loadFigure();
  } catch (err) {
    say(errorText(err), true);
  }
}

async function loadRules() {
  const data = await api('/api/v1/followup/rules');
  const body = document.querySelector('#rules tbody');
  body.replaceChildren(...data.rules.map((r) => {
    const tr = document.createElement('tr');
    for (const text of [r.touchpoint ?? t('fu.rule.any'), r.location ?? t('fu.rule.any'), r.ownerName]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    const td = document.createElement('td');
    const del = document.createElement('button');
    del.type = 'button';
    del.className = 'secondary';
    del.textContent = t('fu.rule.delete');
    del.addEventListener('click', async () => {
      try {
        await api(`/api/v1/followup/rules/${r.id}`, { method: 'DELETE' });
        await loadRules();
      } catch (err) {
        say(errorText(err), true);
      }
    });
    td.append(del);
    tr.append(td);
    return tr;
  }));
}

async function addRule(e) {
  e.preventDefault();
  const f = e.target;
  try {
    await post('/api/v1/followup/rules', { touchpoint: f.touchpoint.value, location: f.location.value, ownerId: Number(f.ownerId.value) });
    f.reset();
    await loadRules();
    say(t('fu.ruleAdded'));
  } catch (err) {
    say(errorText(err), true);
  }
}

// ------------------------------------------------------------------ tell the customers

async function listRecipients(e) {
  e?.preventDefault();
  const id = document.getElementById('tell-story').value;
  const where = document.getElementById('tell-status');
  if (!id) { say(t('fu.tell.noStory'), true, where); return; }
  try {
    const data = await api(`/api/v1/followup/stories/${id}/recipients`);
    state.tellStory = Number(id);
    const body = document.querySelector('#recipients tbody');
    body.replaceChildren(...data.recipients.map((r) => {
      const tr = document.createElement('tr');
      for (const text of [r.name ?? '—', r.email, r.toldAt ? formatTime(r.toldAt, language()) : '']) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }));
    document.getElementById('recipients').hidden = false;
    document.getElementById('tell-actions').hidden = data.recipients.length === 0;
    document.getElementById('tell-csv').href = `/api/v1/followup/stories/${id}/recipients.csv`;
    say(t('fu.tell.count', { n: data.recipients.length }), false, where);
  } catch (err) {
    say(errorText(err), true, where);
  }
}

async function sendNotices() {
  const where = document.getElementById('tell-status');
  if (!state.tellStory || !confirm(t('fu.tell.confirm'))) return;
  try {
    const r = await post(`/api/v1/followup/stories/${state.tellStory}/notify`, {});
    await listRecipients();
    say(t('fu.tell.sent', { told: r.told, before: r.alreadyTold, failed: r.failed }), r.failed > 0, where);
  } catch (err) {
    say(errorText(err), true, where);
  }
}

// ------------------------------------------------------------------ start

function translatePlaceholders() {
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
}

async function main() {
  translate();
  translatePlaceholders();
  const me = await api('/api/v1/me');
  state.me = me;
  setCsrf(me.csrfToken);
  document.getElementById('who').textContent = me.name;
  wireLanguageButtons(() => { translatePlaceholders(); load(true); loadFigure(); loadOwners(); loadStories(); });
  filters.addEventListener('change', () => { state.selected = null; load(true); });
  form.addEventListener('submit', (e) => { e.preventDefault(); save(); });
  form.addEventListener('input', () => { state.dirty = true; });
  document.getElementById('show-contact').addEventListener('click', showContact);
  document.getElementById('settings-form').addEventListener('submit', saveSettings);
  document.getElementById('rule-form').addEventListener('submit', addRule);
  document.getElementById('tell-form').addEventListener('submit', listRecipients);
  document.getElementById('tell-send').addEventListener('click', sendNotices);
  document.addEventListener('keydown', onKey);
  await Promise.all([loadOwners(), loadStories(), loadSettings(), loadRules(), loadFigure()]);
  const wanted = /^#case-(\d+)$/.exec(location.hash);
  if (wanted) state.selected = Number(wanted[1]);
  await load(true);
  if (wanted) select(Number(wanted[1]));
  setInterval(poll, LIVE_MS);
}

main().catch((e) => say(errorText(e), true));
