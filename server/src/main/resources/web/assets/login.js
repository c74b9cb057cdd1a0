import { translate, wireLanguageButtons } from './i18n.js';

const params = new URLSearchParams(location.search);
if (params.get('failed')) document.getElementById('login-failed').hidden = false;
if (params.get('locked')) document.getElementById('login-locked').hidden = false;
const next = params.get('next');
if (next && next.startsWith('/') && !next.startsWith('//')) document.getElementById('next').value = next;
translate();
wireLanguageButtons();
