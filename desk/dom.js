// The desk's small shared pieces (docs/desk.md): the state every part reads,
// element helpers, and reading a Questionnaire item's extensions.
// Test: tests/browser/desk_test.js.

export const state = {
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

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs, ...children) {
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

export const fieldId = (linkId) => 'q-' + linkId;

export const words = (s) => String(s).replace(/_/g, ' ');

export function extension(item, suffix) {
  return (item.extension || []).find((x) => x.url.endsWith(suffix));
}
