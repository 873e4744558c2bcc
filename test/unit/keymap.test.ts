/** The key map: the README agrees with it, and the dispatcher routes keys top-down as it says. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { activeBindings, dispatchKey, helpHint, hintsOf, type KeyTarget } from '../../src/ui/keys/dispatch.js';
import { BINDINGS, KEY_TABLE_END, KEY_TABLE_START, SCOPE_TITLES, keyLabel, keyTableMarkdown } from '../../src/ui/keys/keymap.js';
import { PROJECT_ROOT } from '../helpers/corpus.js';

test("the README's key table is the key map's (run `npm run keys-table` after changing a key)", () => {
  const readme = readFileSync(`${PROJECT_ROOT}/README.md`, 'utf8');
  const start = readme.indexOf(KEY_TABLE_START);
  const end = readme.indexOf(KEY_TABLE_END);
  assert.ok(start !== -1 && end > start, 'the README has the generated block');
  assert.equal(readme.slice(start + KEY_TABLE_START.length, end).trim(), keyTableMarkdown());
});

test('every binding has a titled scope, keys, and (unless folded into the line before) a help line', () => {
  const titled = new Set(SCOPE_TITLES.map(([scope]) => scope));
  assert.ok(BINDINGS.length > 0);
  for (const binding of BINDINGS) {
    assert.ok(titled.has(binding.scope), binding.scope);
    assert.ok(binding.keys.length > 0, binding.action);
    assert.ok(binding.label === '' || binding.help !== '', `${binding.scope} ${binding.action} has help`);
  }
  assert.equal(keyLabel('ctrl-n'), 'Ctrl-N');
  assert.equal(keyLabel('f1'), 'F1');
  assert.equal(keyLabel('pgdn'), 'PgDn');
});

function field(): { text: string; target: KeyTarget; calls: string[] } {
  const calls: string[] = [];
  const state = { text: '', calls, target: undefined as unknown as KeyTarget };
  state.target = {
    field: {
      editor: { current: () => state.text, insert: (text) => void (state.text += text) },
      handlers: { down: () => void calls.push('list down') },
    },
    layers: [{ scope: 'search.query', handlers: { submit: () => void calls.push('submit') } }, { scope: 'search', handlers: { compare: () => void calls.push('compare') } }],
    conditions: { 'field-empty': true, history: false },
  };
  return state;
}

test('a focused field takes printable keys first: q, digits and c are typed, not commands', () => {
  const state = field();
  const global = { quit: () => void state.calls.push('quit'), pane: () => void state.calls.push('pane') };
  for (const key of ['q', '2', 'c']) {
    state.target.conditions['field-empty'] = state.text === '';
    assert.equal(dispatchKey(key, state.target, global), 'typed');
  }
  assert.equal(state.text, 'q2c');
  assert.deepEqual(state.calls, []);
  assert.notEqual(dispatchKey('alt-2', state.target, global), null, 'Alt-2 switches pane while typing');
  assert.notEqual(dispatchKey('ctrl-n', state.target, global), null, 'Ctrl-N moves the list while typing');
  assert.notEqual(dispatchKey('enter', state.target, global), null);
  assert.deepEqual(state.calls, ['pane', 'list down', 'submit']);
});

test('? opens the help from an empty field, and is typed into a field that has text; F1 always opens it', () => {
  const state = field();
  const opened: string[] = [];
  const global = { help: () => void opened.push('help') };
  assert.notEqual(dispatchKey('?', state.target, global), 'typed');
  assert.deepEqual(opened, ['help']);
  assert.equal(helpHint(state.target), '? help');
  state.text = 'why';
  state.target.conditions['field-empty'] = false;
  assert.equal(dispatchKey('?', state.target, global), 'typed');
  assert.equal(state.text, 'why?');
  assert.equal(helpHint(state.target), 'F1 help');
  dispatchKey('f1', state.target, global);
  assert.deepEqual(opened, ['help', 'help']);
});

test('a handler that declines passes the key to the next binding; a condition that fails skips one', () => {
  const calls: string[] = [];
  const target: KeyTarget = {
    field: null,
    layers: [{ scope: 'search.results', handlers: { back: () => void calls.push('back'), 'focus-field': () => void calls.push('query') } }],
    conditions: { 'field-empty': true, history: false },
  };
  dispatchKey('esc', target, {});
  assert.deepEqual(calls, ['query'], 'without history, Esc in the results goes to the query');
  target.conditions.history = true;
  dispatchKey('esc', target, {});
  assert.deepEqual(calls, ['query', 'back']);
  target.layers[0]!.handlers.back = () => false;
  dispatchKey('esc', target, {});
  assert.deepEqual(calls, ['query', 'back', 'query']);
});

test('hints list only keys that reach their binding: no "q quit" while a field has the focus', () => {
  const state = field();
  const global = { quit: () => undefined, help: () => undefined };
  const typing = hintsOf(state.target, global);
  assert.ok(typing.length > 0);
  assert.ok(!typing.includes('q quit'));
  assert.ok(!typing.includes('c compare'), 'c is typed');
  const list: KeyTarget = { field: null, layers: [{ scope: 'move', handlers: { down: () => undefined, up: () => undefined, last: () => undefined } }, { scope: 'search', handlers: { compare: () => undefined } }], conditions: { 'field-empty': true, history: false } };
  assert.deepEqual(hintsOf(list, global), ['j/k move', 'c compare', 'q quit']);
  assert.ok(activeBindings(list, global).some(({ binding }) => binding.keys.includes('G')), 'G is live wherever a list moves');
});

test('the status line keeps whole hints that fit and always ends with the help; a long note is cut, not dropped', async () => {
  const { fitHints } = await import('../../src/ui/components/StatusLine.js');
  assert.equal(fitHints(['j/k move', 'Enter read', 'c compare'], '? help', 30), 'j/k move  Enter read  ? help');
  assert.equal(fitHints(['query cut: terms past 32 dropped, 40 characters matched exactly'], '? help', 30), 'query cut: terms past…  ? help');
});
