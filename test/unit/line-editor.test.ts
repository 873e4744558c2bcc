/** Editing a text field, and reading raw terminal input as keys and pastes, without a terminal. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdit, insertText, type EditAction, type LineState } from '../../src/ui/hooks/useLineEditor.js';
import { KeyReader, PASTE_END, PASTE_START } from '../../src/ui/keys/read.js';

function run(steps: Array<EditAction | { type: string }>, start: LineState = { text: '', cursor: 0 }): LineState {
  return steps.reduce((state, step) => (typeof step === 'string' ? applyEdit(state, step) : insertText(state, step.type)), start);
}

test('typed characters land at the cursor, in order', () => {
  assert.deepEqual(run([{ type: 'H' }, { type: 'u' }, { type: 'a' }]), { text: 'Hua', cursor: 3 });
  assert.deepEqual(run(['cursor-left', 'cursor-left', { type: 'X' }], { text: 'Hua', cursor: 3 }), { text: 'HXua', cursor: 2 });
});

test('Backspace removes the character before the cursor, Delete the one under it', () => {
  assert.deepEqual(run(['delete-back'], { text: 'Hua', cursor: 3 }), { text: 'Hu', cursor: 2 });
  assert.deepEqual(run(['delete-back'], { text: 'Hua', cursor: 0 }), { text: 'Hua', cursor: 0 });
  assert.deepEqual(run(['delete-forward'], { text: 'Hua', cursor: 0 }), { text: 'ua', cursor: 0 });
});

test('readline keys: start, end, delete to start, delete word', () => {
  const line = { text: 'biggest victim of', cursor: 17 };
  assert.equal(run(['line-start', { type: '!' }], line).text, '!biggest victim of');
  assert.equal(run(['delete-word'], line).text, 'biggest victim ');
  assert.deepEqual(run(['delete-to-start'], line), { text: '', cursor: 0 });
  assert.equal(run(['line-start', 'line-end', { type: 's' }], line).text, 'biggest victim ofs');
});

test('control characters never enter a field; line breaks in a paste become spaces', () => {
  assert.equal(run([{ type: 'a\u0007b\u001bc' }]).text, 'abc');
  assert.equal(run([{ type: 'Twitter accounts\r\nquestions\tabout it' }]).text, 'Twitter accounts questions about it');
});

test('raw input: a burst of keys is split into named keys, control bytes becoming Ctrl keys', () => {
  const reader = new KeyReader();
  assert.deepEqual(reader.read('m\u0003'), [{ kind: 'key', name: 'm' }, { kind: 'key', name: 'ctrl-c' }]);
  assert.deepEqual(reader.read('ab\r').map((event) => (event.kind === 'key' ? event.name : '')), ['a', 'b', 'enter']);
  assert.deepEqual(reader.read('\n'), [{ kind: 'key', name: 'ctrl-j' }], 'Ctrl-J is not Enter');
  assert.deepEqual(reader.read('\u001bOP'), [{ kind: 'key', name: 'f1' }]);
  assert.deepEqual(reader.read('\u001b2'), [{ kind: 'key', name: 'alt-2' }]);
  assert.deepEqual(reader.read('\u001b[1;5A'), [{ kind: 'key', name: 'up' }]);
});

test('raw input: a bracketed paste is text, even split over several reads; so is a burst with a line break and more text', () => {
  const reader = new KeyReader();
  assert.deepEqual(reader.read(PASTE_START), []);
  assert.deepEqual(reader.read('Twitter accounts\rq'), []);
  assert.deepEqual(reader.read(`uit${PASTE_END}`), [{ kind: 'paste', text: 'Twitter accounts\rquit' }]);
  assert.deepEqual(reader.read('j'), [{ kind: 'key', name: 'j' }], 'after the paste, keys are keys again');
  assert.deepEqual(reader.read('Twitter accounts\rquestions about it'), [{ kind: 'paste', text: 'Twitter accounts\rquestions about it' }]);
});

test('raw input: a short burst with a line break is keys typed fast (Enter and ? over SSH), not a paste', () => {
  const reader = new KeyReader();
  assert.deepEqual(reader.read('\r?'), [{ kind: 'key', name: 'enter' }, { kind: 'key', name: '?' }]);
});
