/** Word diffs drawn as one version's own sentence (Compare and Quotes). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffSegments } from '../../src/ui/diffText.js';
import { themeFor } from '../../src/ui/theme.js';

const text = (segments: ReturnType<typeof diffSegments>): string => segments.map((segment) => segment.text).join('');

test("a version reads as its own sentence: its words, added ones marked, the reference's missing ones as a short note", () => {
  const changes = [
    { kind: 'same' as const, text: 'The company ' },
    { kind: 'delete' as const, text: 'suspended' },
    { kind: 'insert' as const, text: 'said it suspended' },
    { kind: 'same' as const, text: ' a core network' },
  ];
  assert.equal(text(diffSegments(changes, false, false)), 'The company [-suspended-] said it suspended a core network');
  assert.equal(text(diffSegments(changes, false, true)), 'The company [-suspended-] {+said it suspended+} a core network');
});

test('no glued words where a deletion meets an insertion without spaces ("It holdsThere is")', () => {
  const changes = [
    { kind: 'delete' as const, text: 'It holds' },
    { kind: 'insert' as const, text: 'There is' },
    { kind: 'same' as const, text: 'no water' },
  ];
  assert.equal(text(diffSegments(changes, false, false)), '[-It holds-] There is no water');
});

test('a long deletion is counted, not spelled out, so the sentence stays readable', () => {
  const changes = [
    { kind: 'same' as const, text: 'The move came ' },
    { kind: 'delete' as const, text: 'a day after Twitter Thursday said that' },
    { kind: 'same' as const, text: ' it' },
  ];
  assert.equal(text(diffSegments(changes, false, false)), 'The move came [-7 words-] it');
});

test('[-…-]{+…+} markers without colour and on terminals that do not draw strike-through', () => {
  assert.equal(themeFor({ NO_COLOR: '1' }).diffMarkers, true);
  assert.equal(themeFor({ TERM: 'screen-256color' }).diffMarkers, true);
  assert.equal(themeFor({ TERM: 'linux' }).diffMarkers, true);
  assert.equal(themeFor({ TERM: 'xterm-256color' }).diffMarkers, false);
});

test('no space is put after an opening bracket or quote', () => {
  const changes = [
    { kind: 'same' as const, text: 'accounts (' },
    { kind: 'insert' as const, text: '23,750' },
    { kind: 'same' as const, text: ' accounts)' },
  ];
  assert.equal(text(diffSegments(changes, false, false)), 'accounts (23,750 accounts)');
});

test('no space is put before added closing punctuation: network,” as well (not network, ” as well)', () => {
  const changes = [
    { kind: 'insert' as const, text: 'highly engaged core network' },
    { kind: 'same' as const, text: ',' },
    { kind: 'insert' as const, text: '”' },
    { kind: 'same' as const, text: ' as well as' },
  ];
  assert.equal(text(diffSegments(changes, false, false)), 'highly engaged core network,” as well as');
  assert.equal(text(diffSegments(changes, false, true)), '{+highly engaged core network+},{+”+} as well as');
});
