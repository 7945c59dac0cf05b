// The coordinator's desk (docs/desk.md). Holds no clinical logic: the form is
// built from the rulebook's FHIR Questionnaire (GET /questionnaire; form.js),
// every outcome, flag, medication and question to ask comes from the service
// (POST /screen, POST /questions; drawn by result.js), a saved file is read by
// the service (POST /answers), and the report is the service's (POST /report).
// This file: the calls to the service, the live-update loop, open, save,
// print, start. Test: tests/browser/desk_test.js.
import {$, el, state} from './dom.js';
import {applyVisibility, buildForm, currentDocument, fillFrom, questionnaireResponse} from './form.js';
import {render} from './result.js';

const DEBOUNCE_MS = 120;

window.deskTimings = {updates: []};

async function post(path, body, type) {
  const r = await fetch(path, {method: 'POST', headers: {'Content-Type': type || 'application/json'}, body, credentials: 'same-origin', cache: 'no-store'});
  let data = null;
  try { data = await r.json(); } catch (e) { data = null; }
  return {status: r.status, data};
}

function schedule() {
  document.body.dataset.pending = 'true';
  if (state.questions.length) applyVisibility();  // a question it enables shows at once
  clearTimeout(state.timer);
  state.scheduled = true;
  state.timer = setTimeout(update, DEBOUNCE_MS);
}

async function update() {
  state.scheduled = false;
  const seq = ++state.seq;
  const t0 = performance.now();
  const body = JSON.stringify(currentDocument());
  const [screen, plan] = await Promise.all([post('/screen', body), post('/questions', body)]);
  if (seq !== state.seq) return;  // a newer update is on its way
  render(screen, plan);
  applyVisibility();
  const ms = performance.now() - t0;
  window.deskTimings.updates.push(ms);
  performance.measure('desk-update', {start: t0, duration: ms});
  document.body.dataset.updates = String(window.deskTimings.updates.length);
  if (!state.scheduled) document.body.dataset.pending = 'false';
}

async function openFile(file) {
  const text = await file.text();
  const type = /\.ya?ml$/i.test(file.name) ? 'application/yaml' : 'application/json';
  const r = await post('/answers', text, type);
  const problems = $('problems');
  if (r.status !== 200) {
    problems.hidden = false;
    problems.textContent = '';
    problems.append(el('h3', {text: `${file.name} could not be opened`}));
    const ul = el('ul');
    for (const x of (r.data && r.data.diagnostics) || []) ul.append(el('li', {text: x.message}));
    problems.append(ul);
    return;
  }
  fillFrom(r.data);
  state.due = new Set();
  await update();
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const a = el('a', {href: url, download: name});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const fileStem = () => ($('q-id').value.trim() || 'questionnaire').replace(/[^A-Za-z0-9._-]/g, '-');

function printReport() {
  $('report-questionnaire').value = JSON.stringify(currentDocument());
  $('report-form').submit();
}

async function start() {
  const [qr, rb] = await Promise.all([fetch('/questionnaire', {cache: 'no-store'}), fetch('/rulebook', {cache: 'no-store'})]);
  const q = await qr.json();
  const info = await rb.json();
  state.questionnaire = q;
  $('rulebook').textContent = `${info.title} · rulebook ${info.id} ${info.version} · sha256 ${info.sha256.slice(0, 12)}…`;
  buildForm(q);
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  $('q-id').value = `intake-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  const form = $('intake');
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('submit', (e) => e.preventDefault());
  $('open-file').addEventListener('change', (e) => { if (e.target.files[0]) openFile(e.target.files[0]); e.target.value = ''; });
  $('save-json').addEventListener('click', () => download(fileStem() + '.json', JSON.stringify(currentDocument(), null, 2) + '\n', 'application/json'));
  $('save-fhir').addEventListener('click', () => download(fileStem() + '.fhir.json', JSON.stringify(questionnaireResponse(), null, 2) + '\n', 'application/fhir+json'));
  $('print-report').addEventListener('click', printReport);
  $('clear-form').addEventListener('click', () => { form.reset(); $('q-id').value = ''; state.due = new Set(); state.passed = new Set(); $('q-id').focus(); schedule(); });
  window.deskTimings.formReady = performance.now();
  await update();
  document.body.dataset.ready = 'true';
}

start().catch((e) => {
  $('questions').textContent = 'The desk could not load the rulebook from the service: ' + e.message;
});
