// The form (docs/desk.md): built from the rulebook's FHIR Questionnaire
// (its groups, types, units, ranges, answer options, required, enableWhen),
// read back as a questionnaire document or a FHIR QuestionnaireResponse,
// filled from a saved file's answers, and marked where the reader refused an
// answer. Form work only: no clinical logic. Test: tests/browser/desk_test.js.
import {$, el, extension, fieldId, state} from './dom.js';

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

export function buildForm(q) {
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
export function applyVisibility() {
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

export function currentDocument() { return documentOf(applyVisibility()); }

export function focusQuestion(linkId) {
  const f = $(fieldId(linkId));
  if (!f) return;
  const target = f.tagName === 'FIELDSET' ? f.querySelector('input') : f;
  target.focus();
}

// The reader's diagnostics name the question first ("vitals.systolic_bp: 400
// is outside ..."): each is shown under its field, which is marked invalid.
export function markFields(diagnostics) {
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

export function fillFrom(answers) {
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

// A FHIR R4 QuestionnaireResponse of the shown answers, item for item from
// the Questionnaire (docs/fhir.md: valueQuantity with the unit's code,
// valueCoding with an answer option's code).
export function questionnaireResponse() {
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
