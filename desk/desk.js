// The coordinator's desk (docs/desk.md). Holds no clinical logic: the form is
// built from the rulebook's FHIR Questionnaire (GET /questionnaire), every
// outcome, flag, medication and question to ask comes from the service
// (POST /screen, POST /questions), a saved file is read by the service
// (POST /answers), and the report is the service's (POST /report). What is
// here is form building, FHIR enableWhen (a generic FHIR rule), and turning
// the fields into a questionnaire document. Test: tests/browser/desk_test.js.
'use strict';

(function () {
  const DEBOUNCE_MS = 120;
  const state = {
    questionnaire: null,  // the FHIR Questionnaire
    questions: [],        // its question items, in order
    byLink: new Map(),    // linkId -> item
    due: new Set(),       // linkIds the service says are due
    passed: new Set(),    // linkIds a file opened gave as null (asked, left unanswered): kept as null
    last: null,           // the last screening result
    lastPlan: null,
    seq: 0,
    timer: 0,
  };
  window.deskTimings = {updates: []};

  const $ = (id) => document.getElementById(id);
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v === null || v === undefined) continue;
      if (k === 'text') e.textContent = v;
      else if (k === 'className') e.className = v;
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  const fieldId = (linkId) => 'q-' + linkId;
  const words = (s) => String(s).replace(/_/g, ' ');

  function extension(item, suffix) {
    return (item.extension || []).find((x) => x.url.endsWith(suffix));
  }

  // --- the form, from the Questionnaire
  function hintFor(item) {
    const parts = [];
    const unit = extension(item, '/questionnaire-unit');
    if (unit) parts.push(unit.valueCoding.display || unit.valueCoding.code);
    const min = extension(item, '/minValue'), max = extension(item, '/maxValue');
    if (min && max) parts.push(`${min.valueInteger ?? min.valueDecimal} to ${max.valueInteger ?? max.valueDecimal}`);
    if (item.type === 'string' && item.repeats) parts.push('one per line');
    if (item.type === 'choice' && item.repeats) parts.push('choose every one that applies');
    return parts.join(' · ');
  }

  function labelText(item) {
    const frag = document.createDocumentFragment();
    frag.append(item.text || item.linkId);
    if (item.required) frag.append(' ', el('span', {className: 'req-mark', text: 'required'}));
    return frag;
  }

  function questionField(item) {
    const id = fieldId(item.linkId);
    const hint = hintFor(item);
    const hintId = id + '-hint';
    const wrap = el('div', {className: 'field', 'data-link': item.linkId});
    const described = hint ? hintId : null;
    const hintEl = hint ? el('p', {className: 'hint', id: hintId, text: hint}) : null;
    const required = item.required ? 'true' : null;
    if (item.type === 'choice' && item.repeats) {
      const set = el('fieldset', {className: 'choices', id, 'aria-describedby': described, 'aria-required': required});
      set.append(el('legend', {}, labelText(item)));
      if (hintEl) set.append(hintEl);
      for (const opt of item.answerOption || []) {
        const code = opt.valueCoding.code;
        const box = el('input', {type: 'checkbox', id: id + '=' + code, name: item.linkId, value: code});
        set.append(el('div', {className: 'choice'}, box, el('label', {for: box.id, text: opt.valueCoding.display || code})));
      }
      wrap.append(set);
      return wrap;
    }
    wrap.append(el('label', {for: id}, labelText(item)));
    if (hintEl) wrap.append(hintEl);
    if (item.type === 'boolean' || item.type === 'choice') {
      const sel = el('select', {id, name: item.linkId, 'aria-describedby': described, 'aria-required': required});
      sel.append(el('option', {value: '', text: '— not answered —'}));
      if (item.type === 'boolean') {
        sel.append(el('option', {value: 'true', text: 'yes'}), el('option', {value: 'false', text: 'no'}));
      } else {
        for (const opt of item.answerOption || [])
          sel.append(el('option', {value: opt.valueCoding.code, text: opt.valueCoding.display || opt.valueCoding.code}));
      }
      wrap.append(sel);
    } else if (item.type === 'string' && item.repeats) {
      wrap.append(el('textarea', {id, name: item.linkId, rows: '4', spellcheck: 'false', 'aria-describedby': described, 'aria-required': required}));
      const none = el('input', {type: 'checkbox', id: id + '-none', name: item.linkId + ':none'});
      wrap.append(el('div', {className: 'choice'}, none, el('label', {for: none.id, text: 'None (an empty list)'})));
    } else {
      const min = extension(item, '/minValue'), max = extension(item, '/maxValue');
      wrap.append(el('input', {
        id, name: item.linkId, type: 'text', inputmode: item.type === 'integer' ? 'numeric' : 'decimal',
        'aria-describedby': described, 'aria-required': required, spellcheck: 'false',
        'data-min': min ? String(min.valueInteger ?? min.valueDecimal) : null,
        'data-max': max ? String(max.valueInteger ?? max.valueDecimal) : null,
      }));
    }
    return wrap;
  }

  function buildForm(q) {
    const root = $('questions');
    root.textContent = '';
    const walk = (items, parent) => {
      for (const item of items || []) {
        if (item.type === 'group') {
          const set = el('fieldset', {className: 'group', 'data-link': item.linkId});
          set.append(el('legend', {text: item.text || item.linkId}));
          walk(item.item, set);
          parent.append(set);
        } else if (item.type !== 'display') {
          state.questions.push(item);
          state.byLink.set(item.linkId, item);
          parent.append(questionField(item));
        }
      }
    };
    walk(q.item, root);
  }

  // --- reading the fields
  function rawValue(item) {
    const id = fieldId(item.linkId);
    if (item.type === 'choice' && item.repeats) {
      const checked = [...document.querySelectorAll(`input[name="${CSS.escape(item.linkId)}"]:checked`)].map((b) => b.value);
      return checked.length ? checked : undefined;
    }
    const field = $(id);
    if (item.type === 'string' && item.repeats) {
      const lines = field.value.split('\n').map((s) => s.trim()).filter((s) => s !== '');
      if (lines.length) return lines;
      return $(id + '-none').checked ? [] : undefined;
    }
    const v = field.value.trim();
    return v === '' ? undefined : v;
  }

  function typedValue(item, v) {
    if (v === undefined) return undefined;
    if (item.type === 'boolean') return v === 'true';
    if ((item.type === 'integer' || item.type === 'decimal') && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
    return v;  // as typed: the service says what is wrong with it
  }

  // FHIR R4 enableWhen, as any FHIR form renderer applies it.
  function enabled(item, values) {
    const conds = item.enableWhen || [];
    if (!conds.length) return true;
    const test = (c) => {
      const src = state.byLink.get(c.question);
      let answers = src ? values.get(c.question) : undefined;
      if (c.operator === 'exists') return (answers !== undefined) === (c.answerBoolean !== false);
      if (answers === undefined) return c.operator === '!=';
      if (!Array.isArray(answers)) answers = [answers];
      const want = c.answerCoding ? c.answerCoding.code : (c.answerBoolean ?? c.answerInteger ?? c.answerDecimal ?? c.answerString);
      const cmp = (a) => {
        const x = typeof want === 'number' ? Number(a) : a;
        switch (c.operator) {
          case '=': return x === want;
          case '!=': return x !== want;
          case '<': return x < want;
          case '>': return x > want;
          case '<=': return x <= want;
          case '>=': return x >= want;
          default: return true;
        }
      };
      return c.operator === '!=' ? answers.every(cmp) : answers.some(cmp);
    };
    return item.enableBehavior === 'any' ? conds.some(test) : conds.every(test);
  }

  // Shows a question when FHIR enables it, when the service says it is due
  // (the engine asks what it cannot rule out), or when it holds an answer.
  // Returns the answers of the shown questions, by linkId (typed).
  function applyVisibility() {
    const raw = new Map();
    for (const item of state.questions) raw.set(item.linkId, typedValue(item, rawValue(item)));
    const shown = new Map();
    for (const item of state.questions) {
      const v = raw.get(item.linkId);
      const show = enabled(item, raw) || state.due.has(item.linkId) || v !== undefined;
      const box = document.querySelector(`.field[data-link="${CSS.escape(item.linkId)}"]`);
      box.hidden = !show;
      if (show && v !== undefined) shown.set(item.linkId, v);
    }
    for (const set of document.querySelectorAll('fieldset.group'))
      set.hidden = ![...set.querySelectorAll(':scope > .field')].some((f) => !f.hidden);
    return shown;
  }

  // The questionnaire document (JSON, ids nested by their dots).
  function documentOf(answers) {
    const doc = {id: $('q-id').value.trim()};
    const all = new Map();
    for (const item of state.questions) {
      if (answers.has(item.linkId)) all.set(item.linkId, answers.get(item.linkId));
      else if (state.passed.has(item.linkId)) all.set(item.linkId, null);
    }
    for (const [linkId, v] of all) {
      const parts = linkId.split('.');
      let at = doc;
      for (const p of parts.slice(0, -1)) at = (at[p] = at[p] || {});
      at[parts[parts.length - 1]] = v;
    }
    return doc;
  }
  function currentDocument() { return documentOf(applyVisibility()); }

  // --- the service
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

  // --- showing the screening
  const OUTCOME_WORDS = {
    eligible: 'Eligible', eligible_with_precautions: 'Eligible with precautions', needs_review: 'Needs review',
    incomplete: 'Incomplete', ineligible: 'Ineligible',
  };

  function focusQuestion(linkId) {
    const f = $(fieldId(linkId));
    if (!f) return;
    const target = f.tagName === 'FIELDSET' ? f.querySelector('input') : f;
    target.focus();
  }

  // The reader's diagnostics name the question first ("vitals.systolic_bp: 400
  // is outside ..."): each is shown under its field, which is marked invalid.
  function markFields(diagnostics) {
    for (const e of document.querySelectorAll('#questions .error')) e.remove();
    for (const f of document.querySelectorAll('#questions [aria-invalid]')) {
      f.removeAttribute('aria-invalid');
      const ids = (f.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && !x.endsWith('-error'));
      if (ids.length) f.setAttribute('aria-describedby', ids.join(' ')); else f.removeAttribute('aria-describedby');
    }
    for (const d of diagnostics) {
      const m = /^([A-Za-z0-9_.]+): /.exec(d.message || '');
      const field = m && state.byLink.has(m[1]) ? $(fieldId(m[1])) : null;
      if (!field) continue;
      const errId = fieldId(m[1]) + '-error';
      if (!$(errId)) field.closest('.field').append(el('p', {className: 'error', id: errId, text: d.message}));
      field.setAttribute('aria-invalid', 'true');
      field.setAttribute('aria-describedby', ((field.getAttribute('aria-describedby') || '') + ' ' + errId).trim());
    }
  }

  function render(screen, plan) {
    const problems = $('problems');
    problems.textContent = '';
    markFields(screen.status === 422 && screen.data ? screen.data.diagnostics || [] : []);
    if (screen.status !== 200 || !screen.data) {
      const d = screen.data || {};
      problems.hidden = false;
      problems.append(el('h3', {text: 'The answers cannot be screened yet'}));
      const ul = el('ul');
      for (const x of d.diagnostics || []) ul.append(el('li', {text: x.message}));
      if (!ul.childElementCount) ul.append(el('li', {text: d.message || `the service answered ${screen.status}`}));
      problems.append(ul);
      $('outcome').dataset.outcome = '';
      $('outcome').textContent = '';
      $('summary').dataset.outcome = 'invalid';
      $('summary').textContent = 'Not screened: ' + ((d.diagnostics || []).length || 1) + ' answer(s) to correct';
      state.last = null;
      return;
    }
    problems.hidden = true;
    const r = screen.data;
    state.last = r;
    const word = OUTCOME_WORDS[r.outcome] || words(r.outcome);
    const out = $('outcome');
    out.textContent = '';
    out.dataset.outcome = r.outcome;
    out.append(el('p', {className: 'outcome-word', text: word}),
               el('p', {className: 'score', text: `Score ${r.score}, band ${r.band}`}));
    if (r.urgent) {
      const ul = el('ul', {className: 'urgent'});
      for (const u of r.urgent_reasons || []) ul.append(el('li', {text: `${u.rule}: ${u.reason}`}));
      out.append(el('p', {className: 'urgent-word', text: 'Urgent'}), ul);
    }
    $('summary').dataset.outcome = r.outcome;
    $('summary').textContent = `${word} · score ${r.score} (${r.band}) · ${r.flags.length} flag${r.flags.length === 1 ? '' : 's'}`;

    // Ask next: the plan, those that could change the outcome first.
    const next = $('next');
    next.textContent = '';
    state.due = new Set();
    if (plan.status === 200 && plan.data) {
      const p = plan.data;
      for (const d of p.due) state.due.add(d.id);
      if (p.exclusions && p.exclusions.length)
        next.append(el('p', {className: 'note', text: `An exclusion is already certain (${p.exclusions.join(', ')}): no answer can change the outcome.`}));
      if (!p.due.length) {
        next.append(el('p', {className: 'note', text: 'No question is still due.'}));
      } else {
        const ol = el('ol', {className: 'due'});
        for (const d of p.due) {
          const b = el('a', {href: '#' + fieldId(d.id), 'data-question': d.id, text: d.prompt});
          b.addEventListener('click', (e) => { e.preventDefault(); focusQuestion(d.id); });
          const li = el('li', {'data-question': d.id, className: d.could_change_outcome ? 'first' : ''}, b);
          const tags = [d.id];
          if (d.required) tags.push('required');
          if (d.could_change_outcome) tags.push('ask first: could change the outcome (' + d.could_fire.join(', ') + ')');
          if (tags.length) li.append(el('span', {className: 'tag', text: tags.join(' · ')}));
          ol.append(li);
        }
        next.append(ol);
      }
    }

    // Flags, as the engine gives them.
    const flags = $('flags');
    flags.textContent = '';
    if (!r.flags.length) flags.append(el('p', {className: 'note', text: 'No flag fired.'}));
    for (const f of r.flags) {
      const art = el('article', {className: 'flag sev-' + f.severity, 'data-flag': f.id});
      art.append(el('h4', {}, el('span', {className: 'flag-id', text: f.id}), ' ', f.title,
                    el('span', {className: 'sev', text: ` ${f.severity}${f.points ? ', ' + f.points + ' point' + (f.points === 1 ? '' : 's') : ''}`})));
      const dl = el('dl');
      dl.append(el('dt', {text: 'Why'}), el('dd', {text: f.message}));
      dl.append(el('dt', {text: 'Action'}), el('dd', {text: f.action}));
      const src = el('dd');
      (f.sources || []).forEach((s, i) => {
        if (i) src.append(el('br'));
        src.append(`[${s.label}] `);
        if (s.url) src.append(el('a', {href: s.url, rel: 'noopener noreferrer', target: '_blank', text: s.citation}));
        else src.append(s.citation);
      });
      dl.append(el('dt', {text: 'Source'}), src);
      art.append(dl);
      flags.append(art);
    }
    if ((r.undecided || []).length) {
      const ul = el('ul', {className: 'undecided'});
      for (const u of r.undecided) ul.append(el('li', {'data-rule': u.id, text: `${u.id} ${u.title} (${u.severity}): needs ${u.missing.join(', ')}`}));
      flags.append(el('p', {className: 'note', text: 'Not decided until answered:'}), ul);
    }

    // Medications, line by line.
    const meds = $('medications');
    meds.textContent = '';
    if (!(r.medications || []).length) meds.append(el('p', {className: 'note', text: 'No medication listed.'}));
    else {
      const ul = el('ul', {className: 'meds'});
      for (const m of r.medications) {
        const li = el('li', {'data-recognized': String(m.recognized)}, el('span', {className: 'med-text', text: m.text}), ': ');
        if (m.recognized) li.append(el('span', {className: 'med-ok', text: `${m.generic.join(', ')} (${m.classes.map(words).join(', ') || 'no class'})`}));
        else li.append(el('span', {className: 'med-no', text: 'not recognised'}));
        if ((m.probable_names || []).length) li.append(el('span', {className: 'med-probable', text: ` — probably ${m.probable_names.join(', ')}: check the spelling`}));
        ul.append(li);
      }
      meds.append(ul);
    }
    const warn = $('warnings');
    warn.textContent = '';
    if ((r.warnings || []).length) {
      const ul = el('ul');
      for (const w of r.warnings) ul.append(el('li', {text: w.message || String(w)}));
      warn.append(el('h3', {text: 'Warnings'}), ul);
    }
  }

  // --- open, save, print
  function fillFrom(answers) {
    $('intake').reset();
    $('q-id').value = answers.id || '';
    state.passed = new Set();
    for (const a of answers.answers || []) {
      const item = state.byLink.get(a.question);
      if (item && a.passed) state.passed.add(item.linkId);
      if (!item || a.passed) continue;
      const id = fieldId(item.linkId);
      if (item.type === 'choice' && item.repeats) {
        for (const v of a.values) { const b = $(id + '=' + v); if (b) b.checked = true; }
      } else if (item.type === 'string' && item.repeats) {
        $(id).value = a.values.join('\n');
        $(id + '-none').checked = a.values.length === 0;
      } else {
        $(id).value = a.values[0] ?? '';
      }
    }
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

  // A FHIR R4 QuestionnaireResponse of the shown answers, item for item from
  // the Questionnaire (docs/fhir.md: valueQuantity with the unit's code,
  // valueCoding with an answer option's code).
  function questionnaireResponse() {
    const answers = applyVisibility();
    const q = state.questionnaire;
    const answerOf = (item, v) => {
      const values = Array.isArray(v) ? v : [v];
      const unit = extension(item, '/questionnaire-unit');
      return values.map((x) => {
        if (item.type === 'boolean') return {valueBoolean: x};
        if ((item.type === 'integer' || item.type === 'decimal') && typeof x === 'number') {
          if (unit) return {valueQuantity: {value: x, unit: unit.valueCoding.display, system: unit.valueCoding.system, code: unit.valueCoding.code}};
          return item.type === 'integer' ? {valueInteger: x} : {valueDecimal: x};
        }
        if (item.type === 'choice') {
          const opt = (item.answerOption || []).find((o) => o.valueCoding.code === x);
          return {valueCoding: opt ? {code: x, display: opt.valueCoding.display} : {code: String(x)}};
        }
        return {valueString: String(x)};
      });
    };
    const walk = (items) => {
      const out = [];
      for (const item of items || []) {
        if (item.type === 'group') {
          const sub = walk(item.item);
          if (sub.length) out.push({linkId: item.linkId, text: item.text, item: sub});
        } else if (answers.has(item.linkId)) {
          out.push({linkId: item.linkId, text: item.text, answer: answerOf(item, answers.get(item.linkId))});
        } else if (state.passed.has(item.linkId)) {
          out.push({linkId: item.linkId, text: item.text});  // asked, left unanswered
        }
      }
      return out;
    };
    return {
      resourceType: 'QuestionnaireResponse',
      id: $('q-id').value.trim(),
      questionnaire: `${q.url}|${q.version}`,
      status: state.last && state.last.outcome !== 'incomplete' ? 'completed' : 'in-progress',
      authored: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      item: walk(q.item),
    };
  }

  function printReport() {
    $('report-questionnaire').value = JSON.stringify(currentDocument());
    $('report-form').submit();
  }

  // --- start
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
})();
