// The improvements board: published stories, newest first, with filters and search.
// Only what the server's board API gives is shown, always as text.
import { t, translate, wireLanguageButtons } from './i18n.js';
import { api, el, formatDate, mentions, statusText } from './story-common.js';

const form = document.getElementById('filters');
const board = document.getElementById('board');
let searchTimer = null;
let lastData = null;

function fillOptions(select, values) {
  const chosen = select.value;
  const any = select.querySelector('option[value=""]');
  select.replaceChildren(any, ...values.map((v) => {
    const o = el('option', null, v);
    o.value = v;
    return o;
  }));
  select.value = values.includes(chosen) ? chosen : '';
}

function card(s) {
  const li = el('li', 'board-story');
  li.dataset.storyId = s.id;
  const h = el('h2');
  const a = el('a', null, s.title);
  a.href = `/improvements/${s.id}`;
  a.dir = 'auto';
  h.append(a);
  const meta = el('p', 'story-meta');
  meta.append(el('span', 'story-status', statusText(s.status)),
    ` ${[s.team, s.touchpoint, formatDate(s.doneOn || s.publishedAt)].filter(Boolean).join(' · ')} · ${mentions(s.mentions)}`);
  li.append(h, meta);
  if (s.quotes.length > 0) {
    const said = el('blockquote', 'said', s.quotes[0].text);
    said.dir = 'auto';
    if (s.quotes[0].lang) said.lang = s.quotes[0].lang;
    li.append(said);
  }
  if (s.action) {
    const did = el('p', 'did', s.action);
    did.dir = 'auto';
    li.append(did);
  }
  return li;
}

function render() {
  if (!lastData) return;
  fillOptions(document.getElementById('team'), lastData.teams);
  fillOptions(document.getElementById('touchpoint'), lastData.touchpoints);
  board.replaceChildren(...lastData.stories.map(card));
  document.getElementById('empty').hidden = lastData.stories.length > 0;
}

async function load() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (v !== '') params.set(k, v);
  document.body.dataset.loaded = '';
  lastData = await api(`/api/v1/improvements?${params}`, { loginNext: '/improvements' });
  render();
  document.body.dataset.loaded = params.toString() || 'all';
}

function fail(e) {
  const line = document.getElementById('status-line');
  line.textContent = t('status.error') + e.message;
  line.classList.add('error');
}

translate();
wireLanguageButtons(render);
form.addEventListener('submit', (e) => e.preventDefault());
form.addEventListener('change', () => load().catch(fail));
document.getElementById('search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => load().catch(fail), 250);
});
load().catch(fail);
