/** Editing the query line, and splitting key bursts, without a terminal. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Key } from 'ink';
import { applyEdit, type LineState } from '../../src/ui/hooks/useLineEditor.js';
import { splitBurst } from '../../src/ui/hooks/useKeys.js';

const NONE: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

function run(keys: Array<[string, Partial<Key>]>, start: LineState = { text: '', cursor: 0 }): LineState {
  return keys.reduce((state, [input, key]) => applyEdit(state, input, { ...NONE, ...key }) ?? state, start);
}

test('typed characters land at the cursor, in order', () => {
  assert.deepEqual(run([['H', {}], ['u', {}], ['a', {}]]), { text: 'Hua', cursor: 3 });
  const moved = run([['', { leftArrow: true }], ['', { leftArrow: true }], ['X', {}]], { text: 'Hua', cursor: 3 });
  assert.deepEqual(moved, { text: 'HXua', cursor: 2 });
});

test('Backspace (DEL, reported as delete) removes the character before the cursor', () => {
  assert.deepEqual(run([['', { delete: true }]], { text: 'Hua', cursor: 3 }), { text: 'Hu', cursor: 2 });
  assert.deepEqual(run([['', { backspace: true }]], { text: 'Hua', cursor: 0 }), { text: 'Hua', cursor: 0 });
});

test('readline keys: Ctrl-A, Ctrl-E, Ctrl-U, Ctrl-W', () => {
  const line = { text: 'biggest victim of', cursor: 17 };
  assert.equal(run([['a', { ctrl: true }], ['!', {}]], line).text, '!biggest victim of');
  assert.equal(run([['w', { ctrl: true }]], line).text, 'biggest victim ');
  assert.deepEqual(run([['u', { ctrl: true }]], line), { text: '', cursor: 0 });
  assert.equal(run([['a', { ctrl: true }], ['e', { ctrl: true }], ['s', {}]], line).text, 'biggest victim ofs');
});

test('control characters in a paste never enter the query; commands are not edits', () => {
  assert.equal(run([['a\u0007b\u001bc', {}]]).text, 'abc');
  assert.equal(applyEdit({ text: 'x', cursor: 1 }, '', { ...NONE, return: true }), null);
  assert.equal(applyEdit({ text: 'x', cursor: 1 }, 'c', { ...NONE, ctrl: true }), null);
});

test('a burst is split into single keys, control bytes becoming Ctrl keys', () => {
  const keys = splitBurst('m\u0003', NONE);
  assert.deepEqual(keys.map(([input, key]) => [input, key.ctrl]), [['m', false], ['c', true]]);
  const enter = splitBurst('ab\r', NONE);
  assert.equal(enter[2]?.[1].return, true);
  assert.deepEqual(splitBurst('x', NONE), [['x', NONE]]);
});
