// One story on the improvements board: what customers said (moderated quotes only) and what was done.
import { t, translate, wireLanguageButtons } from './i18n.js';
import { api, el, formatDate, mentions, statusText } from './story-common.js';

let story = null;

function field(list, key, value) {
  if (!value) return;
  const dd = el('dd', null, value);
  dd.dir = 'auto';
  list.append(el('dt', null, t(key)), dd);
}

function render() {
  if (!story) return;
  document.title = `Loopboard · ${story.title}`;
  document.getElementById('story-title').textContent = story.title;
  document.getElementById('story-meta').textContent = [statusText(story.status), story.team, story.touchpoint,
    formatDate(story.publishedAt)].filter(Boolean).join(' · ');
  document.getElementById('story-mentions').textContent = mentions(story.mentions);
  document.getElementById('story-quotes').replaceChildren(...story.quotes.map((q) => {
    const li = el('li');
    const fig = el('figure');
    const bq = el('blockquote', null, q.text);
    bq.dir = 'auto';
    if (q.lang) bq.lang = q.lang;
    const cap = el('figcaption', null, q.attribution || '');
    cap.dir = 'auto';
    fig.append(bq, cap);
    li.append(fig);
    return li;
  }));
  const fields = document.getElementById('story-fields');
  fields.replaceChildren();
  field(fields, 'story.field.problem', story.problem);
  field(fields, 'story.field.rootCause', story.rootCause);
  field(fields, 'story.field.action', story.action);
  field(fields, 'story.field.effect', story.effect);
  field(fields, 'story.field.team', story.team);
  field(fields, 'story.field.owner', story.owner);
  field(fields, 'story.field.startedOn', formatDate(story.startedOn));
  field(fields, 'story.field.doneOn', formatDate(story.doneOn));
  const img = document.getElementById('story-image');
  img.hidden = !story.hasImage;
  if (story.hasImage) img.src = `/improvements/${story.id}/image?v=${story.updatedAt}`;
  document.getElementById('story').hidden = false;
}

async function main() {
  translate();
  wireLanguageButtons(render);
  const id = location.pathname.split('/').filter(Boolean).pop();
  story = await api(`/api/v1/improvements/${encodeURIComponent(id)}`, { loginNext: location.pathname });
  render();
  document.body.dataset.loaded = 'story';
}

main().catch((e) => {
  const line = document.getElementById('status-line');
  line.textContent = t('status.error') + e.message;
  line.classList.add('error');
});
