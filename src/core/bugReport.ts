/**
 * What the program says when something it did not expect goes wrong: one line with the error, and
 * a full report (the stack, the versions, the command line) written to a private folder of its own
 * under the temporary folder ($TMPDIR), never next to the corpus.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { programVersion } from './fingerprint.js';

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error === 'string' ? error : inspect(error);
}

/** The report's text: enough to find the bug without asking the user what they had. */
export function bugReportText(error: unknown, now = new Date()): string {
  const lines = [
    `crosscheck ${programVersion()} bug report, ${now.toISOString()}`,
    `node ${process.version} on ${process.platform} ${process.arch}`,
    `command line: ${process.argv.slice(2).join(' ')}`,
    '',
  ];
  for (let cause: unknown = error, depth = 0; cause !== undefined && depth < 5; depth++) {
    lines.push(depth === 0 ? 'error:' : 'caused by:', cause instanceof Error ? (cause.stack ?? describeError(cause)) : describeError(cause), '');
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return lines.join('\n');
}

/** Writes the report to a new folder under `tmp` (0700, the file 0600); its path, or null when nothing could be written. */
export function writeBugReport(error: unknown, tmp = os.tmpdir()): string | null {
  try {
    const file = path.join(mkdtempSync(path.join(tmp, 'crosscheck-bug-')), 'report.txt');
    writeFileSync(file, bugReportText(error), { mode: 0o600 });
    return file;
  } catch {
    return null;
  }
}

/** The lines for stderr: the error, and where its report is. */
export function bugMessage(error: unknown, report: string | null): string {
  const where = report ? `the full report is in ${report}` : 'no report could be written';
  return `crosscheck: unexpected error: ${describeError(error)}\ncrosscheck: this is a bug in crosscheck; ${where}\n`;
}
