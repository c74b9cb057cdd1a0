// The "Rules & word lists" view: auto-approve rules per channel, the moderators' own blocked
// words and reference-number patterns, and GDPR erasure by customer e-mail.
import { t } from './i18n.js';
import { api, post } from './api.js';

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

async function loadRules(say) {
  const { rules } = await api('/api/v1/auto-approve-rules');
  const body = document.getElementById('rules');
  body.replaceChildren(...rules.map((r) => {
    const tr = document.createElement('tr');
    tr.dataset.ruleId = r.id;
    const score = r.scoreType ? `${r.scoreType} ${r.minScore ?? ''}–${r.maxScore ?? ''}` : t('filter.any');
    tr.append(cell(r.channelName), cell(score), cell(`${r.minLength}–${r.maxLength}`),
      cell(r.languages.length ? r.languages.join(', ') : t('filter.any')), cell(String(r.minQuotability)));
    const state = cell(t(r.enabled ? 'rules.on' : 'rules.off'));
    state.className = 'rule-state';
    tr.append(state);
    const td = document.createElement('td');
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'secondary toggle-rule';
    toggle.textContent = t(r.enabled ? 'rules.switchOff' : 'rules.switchOn');
    toggle.addEventListener('click', async () => {
      try {
        await api(`/api/v1/auto-approve-rules/${r.id}/enabled`, { method: 'PUT', body: JSON.stringify({ enabled: !r.enabled }) });
        say(t(r.enabled ? 'rules.switchedOff' : 'rules.switchedOn'));
        await loadRules(say);
      } catch (e) {
        say(t('status.error') + e.message, true);
      }
    });
    const del = document.createElement('button');
    del.type = 'button';
    del.className = 'secondary delete-rule';
    del.textContent = t('rules.delete');
    del.addEventListener('click', async () => {
      try {
        await api(`/api/v1/auto-approve-rules/${r.id}`, { method: 'DELETE' });
        await loadRules(say);
      } catch (e) {
        say(t('status.error') + e.message, true);
      }
    });
    td.append(toggle, ' ', del);
    tr.append(td);
    return tr;
  }));
}

async function loadSettings() {
  const { settings } = await api('/api/v1/moderation/settings');
  const form = document.getElementById('settings-form');
  form.elements.blockedWords.value = settings.blockedWords.join('\n');
  form.elements.referencePatterns.value = settings.referencePatterns.join('\n');
}

function lines(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

function number(form, name) {
  const v = form.elements[name].value;
  return v === '' ? null : Number(v);
}

export function wireSettings(channels, say) {
  const ruleForm = document.getElementById('rule-form');
  const select = ruleForm.elements.channelId;
  for (const c of channels) {
    const o = document.createElement('option');
    o.value = c.id;
    o.textContent = c.name;
    select.append(o);
  }
  ruleForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await post('/api/v1/auto-approve-rules', {
        channelId: Number(select.value),
        scoreType: ruleForm.elements.scoreType.value || null,
        minScore: number(ruleForm, 'minScore'),
        maxScore: number(ruleForm, 'maxScore'),
        minLength: number(ruleForm, 'minLength'),
        maxLength: number(ruleForm, 'maxLength'),
        languages: ruleForm.elements.languages.value.split(',').map((l) => l.trim()).filter(Boolean),
        minQuotability: number(ruleForm, 'minQuotability'),
      });
      say(t('rules.added'));
      await loadRules(say);
    } catch (err) {
      say(t('status.error') + err.message, true);
    }
  });
  const settingsForm = document.getElementById('settings-form');
  settingsForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api('/api/v1/moderation/settings', {
        method: 'PUT',
        body: JSON.stringify({
          blockedWords: lines(settingsForm.elements.blockedWords.value),
          referencePatterns: lines(settingsForm.elements.referencePatterns.value),
        }),
      });
      say(t('words.saved'));
    } catch (err) {
      say(t('status.error') + err.message, true);
    }
  });
  const eraseForm = document.getElementById('erase-form');
  eraseForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await post('/api/v1/erasure', { email: eraseForm.elements.email.value });
      say(t('erase.done', { feedback: r.feedback, quotes: r.quotes }));
      eraseForm.reset();
    } catch (err) {
      say(t('status.error') + err.message, true);
    }
  });
  loadRules(say).catch((e) => say(t('status.error') + e.message, true));
  loadSettings().catch((e) => say(t('status.error') + e.message, true));
}
