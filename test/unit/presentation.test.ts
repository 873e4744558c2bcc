/** The wording the CLI and the workbench share (core/presentation.ts). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Conflict } from '../../src/core/compare/types.js';
import {
  ENTER_ALTERNATE_SCREEN,
  LEAVE_ALTERNATE_SCREEN,
  conflictSummary,
  describeConflict,
  notReported,
  plural,
  programVersion,
} from '../../src/core/presentation.js';

const weekday: Conflict = {
  kind: 'weekday',
  value: 'Friday',
  others: ['Thursday'],
  holders: [
    { value: 'Thursday', sources: ['000', '001'] },
    { value: 'Friday', sources: ['002'] },
  ],
  majority: 'Thursday',
};

test('a count with its noun, singular or plural, thousands separated', () => {
  assert.equal(plural(1, 'conflict'), '1 conflict');
  assert.equal(plural(0, 'conflict'), '0 conflicts');
  assert.equal(plural(2, 'story', 'stories'), '2 stories');
  assert.equal(plural(12000, 'quote'), '12,000 quotes');
});

test('a conflict: its value and the others, then who holds each value and the majority', () => {
  assert.equal(conflictSummary(weekday), 'weekday: Friday (others: Thursday)');
  assert.equal(describeConflict(weekday), 'weekday: Friday (others: Thursday) [Thursday: 000, 001 (majority); Friday: 002]');
  const { holders: _holders, majority: _majority, ...bare } = weekday;
  assert.equal(describeConflict(bare), conflictSummary(bare));
});

test('a source not carrying the claim: how near it came, or that nothing shares its key words', () => {
  assert.equal(notReported(0.243), 'not reported (closest passage 24%)');
  assert.equal(notReported(0), 'not reported (no passage shares its key words)');
});

test("the version is package.json's", () => {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(programVersion(), manifest.version);
});

test('the alternate screen is entered cleared, and left with the cursor shown', () => {
  assert.ok(ENTER_ALTERNATE_SCREEN.startsWith('\u001b[?1049h') && ENTER_ALTERNATE_SCREEN.includes('\u001b[2J'));
  assert.ok(LEAVE_ALTERNATE_SCREEN.includes('\u001b[?25h') && LEAVE_ALTERNATE_SCREEN.endsWith('\u001b[?1049l'));
});
