// The audit log page: who approved, edited, rejected or unpublished what, when, and the text
// before and after. Customer text is inserted as text only.
import { t, translate, wireLanguageButtons, language } from './i18n.js';
import { api, formatTime, actorName } from './api.js';

const body = document.getElementById('audit');
const filters = document.getElementById('audit-filters');
const state = { before: null };

function cell(text, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  td.textContent = text ?? '';
  return td;
}

/** The fields that changed, one per line; the display text in full. */
function describe(state, other) {
  if (!state) return '';
  const lines = [];
  for (const [k, v] of Object.entries(state)) {
    if (other && JSON.stringify(other[k]) === JSON.stringify(v) && k !== 'displayText') continue;
    lines.push(`${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return lines.join('\n');
}

function row(e) {
  const tr = document.createElement('tr');
  tr.dataset.action = e.action;
  tr.dataset.entityId = e.entityId ?? '';
  const what = e.entityType === 'quote' ? `${t('audit.quoteNo')} ${e.entityId}` : `${e.entityType}${e.entityId ? ` ${e.entityId}` : ''}`;
  tr.append(cell(formatTime(e.at, language())), cell(actorName(e.actor)), cell(e.action), cell(what),
    cell(describe(e.before, e.after), 'text before'), cell(describe(e.after, e.before), 'text after'));
  return tr;
}

async function load(reset = true) {
  if (reset) {
    state.before = null;
    body.replaceChildren();
  }
  const p = new URLSearchParams({ limit: '100' });
  for (const [k, v] of new FormData(filters)) if (v) p.set(k, v);
  if (p.has('entityId')) p.set('entityType', 'quote');
  if (state.before) p.set('before', state.before);
  const data = await api(`/api/v1/audit?${p}`);
  for (const e of data.entries) body.append(row(e));
  state.before = data.nextBefore;
  document.getElementById('more').hidden = !data.nextBefore;
  document.body.dataset.loaded = 'audit';
}

async function main() {
  translate();
  wireLanguageButtons(() => load());
  const me = await api('/api/v1/me');
  document.getElementById('who').textContent = me.name;
  filters.addEventListener('change', () => load());
  filters.addEventListener('submit', (e) => { e.preventDefault(); load(); });
  document.getElementById('more').addEventListener('click', () => load(false));
  await load();
}

main().catch((e) => {
  const s = document.getElementById('status-line');
  s.textContent = t('status.error') + e.message;
  s.classList.add('error');
});
