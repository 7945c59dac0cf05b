// End to end: `candidacy lsp` driven by vscode-languageserver-protocol, the
// LSP client library VS Code's own clients are built on (npm, pinned by
// tests/lsp/package-lock.json; .ci/install-deps runs npm ci). On a copy of
// the shipped rulebook: open a rule file, type a typo, get the diagnostic at
// its range; fix it, and it goes; hover, definition, references, completion;
// shutdown and exit with status 0. Any difference fails the test (exit 1).
//   CANDIDACY=build/cli/candidacy SOURCE_DIR=. node tests/lsp/lsp_client_test.js
'use strict';
const assert = require('assert');
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const url = require('url');

let rpc, proto;
try {
  rpc = require('vscode-languageserver-protocol/node');
  proto = require('vscode-languageserver-protocol');
} catch (e) {
  console.error('lsp_client_test: the npm packages are missing; run .ci/install-deps (npm ci in tests/lsp)');
  process.exit(1);
}

const bin = process.env.CANDIDACY;
const source = process.env.SOURCE_DIR;
assert(bin && source, 'set CANDIDACY and SOURCE_DIR');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'candidacy-lsp-'));
const rb = path.join(tmp, 'rb');
fs.cpSync(path.join(source, 'rules/ketamine'), rb, {recursive: true});
const uri = (rel) => url.pathToFileURL(path.join(rb, rel)).href;

const child = cp.spawn(bin, ['lsp', '--rulebook', rb, '--today', '2026-12-07'], {stdio: ['pipe', 'pipe', 'inherit']});
const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
const published = new Map();  // uri -> [resolve] waiting for the next diagnostics
conn.onNotification(proto.PublishDiagnosticsNotification.type, (p) => {
  const waiting = published.get(p.uri) || [];
  published.set(p.uri, []);
  for (const resolve of waiting) resolve(p.diagnostics);
});
const nextDiagnostics = (u) => new Promise((resolve) => {
  if (!published.has(u)) published.set(u, []);
  published.get(u).push(resolve);
});
conn.listen();

let checks = 0;
function check(what, fn) {
  try {
    fn();
    checks++;
    console.log('ok   ' + what);
  } catch (e) {
    console.log('FAIL ' + what + '\n' + e.message);
    process.exitCode = 1;
  }
}

async function main() {
  const timer = setTimeout(() => { console.log('FAIL timed out'); process.exit(1); }, 60000);
  const init = await conn.sendRequest(proto.InitializeRequest.type,
      {processId: process.pid, rootUri: url.pathToFileURL(rb).href, capabilities: {}, workspaceFolders: null});
  check('initialize: full sync, hover, definition, references, completion', () => {
    assert.strictEqual(init.capabilities.textDocumentSync.change, proto.TextDocumentSyncKind.Full);
    assert(init.capabilities.hoverProvider && init.capabilities.definitionProvider && init.capabilities.referencesProvider);
    assert(init.capabilities.completionProvider);
  });
  await conn.sendNotification(proto.InitializedNotification.type, {});

  const file = 'rules/exclusions.yaml', u = uri(file);
  const good = fs.readFileSync(path.join(rb, file), 'utf8');
  const lines = good.split('\n');
  const when = lines.findIndex((l) => l.includes('when: patient.age < 18'));
  let got = nextDiagnostics(u);
  await conn.sendNotification(proto.DidOpenTextDocumentNotification.type, {textDocument: {uri: u, languageId: 'yaml', version: 1, text: good}});
  const opened = await got;
  check('no diagnostics on the shipped file', () => assert.deepStrictEqual(opened, []));

  got = nextDiagnostics(u);
  const typo = good.replace('when: patient.age < 18', 'when: patient.agee < 18');
  await conn.sendNotification(proto.DidChangeTextDocumentNotification.type, {textDocument: {uri: u, version: 2}, contentChanges: [{text: typo}]});
  const typed = await got;
  check('a typo gets an unknown-reference error at the name', () => {
    assert.strictEqual(typed.length, 1, JSON.stringify(typed));
    assert.strictEqual(typed[0].code, 'unknown-reference');
    assert.strictEqual(typed[0].severity, proto.DiagnosticSeverity.Error);
    assert.deepStrictEqual(typed[0].range, {start: {line: when, character: 10}, end: {line: when, character: 22}});
    assert.match(typed[0].message, /unknown question or derived value 'patient\.agee'.*patient\.age/);
  });
  check('the same diagnostic as candidacy lint --format json', () => {
    const copy = path.join(tmp, 'rb2');
    fs.cpSync(rb, copy, {recursive: true});
    fs.writeFileSync(path.join(copy, file), typo);
    const r = cp.spawnSync(bin, ['lint', copy, '--format', 'json', '--today', '2026-12-07'], {encoding: 'utf8'});
    const lint = JSON.parse(r.stdout);
    assert.strictEqual(lint.length, 1);
    assert.strictEqual(lint[0].code, typed[0].code);
    assert.strictEqual(lint[0].line - 1, typed[0].range.start.line);
    assert.strictEqual(lint[0].column - 1, typed[0].range.start.character);
    assert.strictEqual(lint[0].message, typed[0].message);
  });

  got = nextDiagnostics(u);
  await conn.sendNotification(proto.DidChangeTextDocumentNotification.type, {textDocument: {uri: u, version: 3}, contentChanges: [{text: good}]});
  const fixed = await got;
  check('fixing it clears the diagnostic', () => assert.deepStrictEqual(fixed, []));

  const at = (line, character) => ({textDocument: {uri: u}, position: {line, character}});
  const hover = await conn.sendRequest(proto.HoverRequest.type, at(when, 13));
  check('hover on a question id shows its prompt in plain words', () => {
    assert.strictEqual(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /\*\*patient\.age\*\*.*question/);
    assert.match(hover.contents.value, /How old is the patient/);
  });
  const ruleHover = await conn.sendRequest(proto.HoverRequest.type, at(lines.findIndex((l) => l.includes('- id: EX-01')), 9));
  check('hover on a rule id shows when it fires', () => assert.match(ruleHover.contents.value, /EX-01 Age under 18[\s\S]*Fires when: /));

  const def = await conn.sendRequest(proto.DefinitionRequest.type, at(when, 13));
  const qlines = fs.readFileSync(path.join(rb, 'questions.yaml'), 'utf8').split('\n');
  check('definition goes to the question in questions.yaml', () => {
    assert.strictEqual(def.uri, uri('questions.yaml'));
    assert.deepStrictEqual(def.range.start, {line: qlines.indexOf('  - id: patient.age'), character: 8});
  });
  const refs = await conn.sendRequest(proto.ReferencesRequest.type, {...at(when, 13), context: {includeDeclaration: false}});
  check('references include this use and uses in other files', () => {
    assert(refs.some((r) => r.uri === u && r.range.start.line === when && r.range.start.character === 10));
    assert(refs.some((r) => r.uri !== u));
  });

  const completion = await conn.sendRequest(proto.CompletionRequest.type, at(when, 12));
  check('completion in a condition offers question ids', () => {
    const labels = completion.items.map((i) => i.label);
    assert(labels.includes('patient.age') && labels.includes('patient.sex'));
  });
  const sexTyped = good.replace('when: patient.age < 18', "when: patient.sex == 'ma");
  await conn.sendNotification(proto.DidChangeTextDocumentNotification.type, {textDocument: {uri: u, version: 4}, contentChanges: [{text: sexTyped}]});
  const values = await conn.sendRequest(proto.CompletionRequest.type, at(when, 28));
  check('completion inside quotes offers the enum values', () =>
    assert.deepStrictEqual(values.items.map((i) => i.label).sort(), ['female', 'intersex', 'male', 'unknown']));
  const none = await conn.sendRequest(proto.CompletionRequest.type, at(when - 3, 12));
  check('no completion outside conditions', () => assert.deepStrictEqual(none.items, []));

  await conn.sendRequest(proto.ShutdownRequest.type);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await conn.sendNotification(proto.ExitNotification.type);
  const status = await exited;
  check('shutdown then exit: status 0', () => assert.strictEqual(status, 0));
  clearTimeout(timer);
  conn.dispose();
  fs.rmSync(tmp, {recursive: true, force: true});
  console.log(`${checks} checks passed${process.exitCode ? ', some failed' : ''}`);
}

main().catch((e) => { console.log('FAIL ' + (e.stack || e)); process.exit(1); });
