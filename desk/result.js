// The screening as the service gives it (docs/desk.md): outcome and score
// band, the questions to ask next in the service's order, every flag with
// why, action and source, each medication line as read, the warnings.
// Renders only; decides nothing. Test: tests/browser/desk_test.js.
import {$, el, fieldId, state, words} from './dom.js';
import {focusQuestion, markFields} from './form.js';

const OUTCOME_WORDS = {
  eligible: 'Eligible', eligible_with_precautions: 'Eligible with precautions', needs_review: 'Needs review',
  incomplete: 'Incomplete', ineligible: 'Ineligible',
};

export function render(screen, plan) {
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
