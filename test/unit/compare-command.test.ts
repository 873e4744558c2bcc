import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';

// 003's line 14 holds both sentences of this claim: one passage pair, one line.
const TWO_SENTENCES_OF_ONE_LINE = 'If Twitter wants to make a difference, it should be closed. That was organized and coordinated to attack';

test('a version made of two sentences of one line is cited once (not 14,14), and counts are in words', () => {
  const result = runCli(['compare', TWO_SENTENCES_OF_ONE_LINE]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /003_6631a8e0a366c5c7\.txt:14: /);
  assert.doesNotMatch(result.stdout, /:(\d+),\1\b/);
  assert.doesNotMatch(result.stdout, /conflict\(s\)/);
  assert.match(result.stdout, /\b1 conflict\b/);
  const json = JSON.parse(runCli(['compare', TWO_SENTENCES_OF_ONE_LINE, '--format', 'jsonl']).stdout.split('\n')[0]!) as { lines: string };
  assert.equal(json.lines, '14');
});
