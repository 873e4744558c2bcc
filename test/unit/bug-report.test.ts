/** A bug's report (issue 14, item 6): written to a private folder of its own under $TMPDIR, never a corpus. */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { bugMessage, writeBugReport } from '../../src/core/bugReport.js';

describe('a bug report', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bug-test-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('holds the stack, its cause and the versions, readable by the user alone', () => {
    const error = new TypeError('planted_bug', { cause: new RangeError('the cause') });
    const report = writeBugReport(error, tmp);
    assert.ok(report !== null);
    assert.equal(path.dirname(path.dirname(report)), tmp);
    assert.deepEqual(readdirSync(path.dirname(report)), ['report.txt']);
    const text = readFileSync(report, 'utf8');
    assert.match(text, /^crosscheck \d+\.\d+\.\d+ bug report, \d{4}-/);
    assert.match(text, /node v\d+/);
    assert.match(text, /TypeError: planted_bug\n\s+at /);
    assert.match(text, /caused by:\nRangeError: the cause/);
    assert.equal(statSync(report).mode & 0o777, 0o600);
    assert.equal(statSync(path.dirname(report)).mode & 0o777, 0o700);
  });

  it('is announced with the error and its path; a report that cannot be written is said too', () => {
    const report = writeBugReport(new Error('x'), tmp);
    assert.ok(report !== null);
    assert.equal(
      bugMessage(new TypeError('planted_bug'), report),
      `crosscheck: unexpected error: TypeError: planted_bug\ncrosscheck: this is a bug in crosscheck; the full report is in ${report}\n`,
    );
    const nowhere = writeBugReport(new Error('x'), path.join(tmp, 'missing', 'folder'));
    assert.equal(nowhere, null);
    assert.match(bugMessage('a string thrown', nowhere), /unexpected error: a string thrown\n.*no report could be written/);
  });
});
