/**
 * `e`: the selection in the user's editor at its line (`$VISUAL`, else `$EDITOR`), else in their
 * pager (`$PAGER`). The command runs as `sh -c '$EDITOR "$@"' sh +LINE PATH`: the variable is
 * expanded by the shell as the user wrote it (`code -w`, `vim -R`), and the path is an argument,
 * never pasted into a shell string, so spaces, quotes or a newline in it are harmless. Records and
 * HTML pages open their extracted text, written to a private temporary file (never into the corpus).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SourceDocument } from '../../core/types.js';

export interface Opening {
  /** The environment variable that names the program. */
  variable: 'VISUAL' | 'EDITOR' | 'PAGER';
  file: 'sh';
  args: string[];
}

/** Which program opens `file` at `line`, or why none can. */
export function openingFor(env: NodeJS.ProcessEnv, file: string, line: number): Opening | { refused: string } {
  const variable = (['VISUAL', 'EDITOR', 'PAGER'] as const).find((name) => (env[name] ?? '').trim() !== '');
  if (!variable) return { refused: 'set EDITOR (or VISUAL, or PAGER) to open the source' };
  return { variable, file: 'sh', args: ['-c', `$${variable} "$@"`, 'sh', `+${Math.max(1, line)}`, file] };
}

/** The file to open for a passage of `document` and the line there: the file itself, or its extracted text. */
export function fileToOpen(document: SourceDocument, line: number): { file: string; line: number; cleanup: () => void } {
  if (document.format === 'text') return { file: document.path, line, cleanup: () => undefined };
  const folder = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-open-'));
  const name = `${document.label.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'article'}.txt`;
  const file = path.join(folder, name);
  writeFileSync(file, document.text, { mode: 0o600 });
  return { file, line, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * Opens the passage at `line` of `document`; `outside` runs the program with the terminal handed
 * over (main screen, cooked mode) and takes it back after. Returns what the status line says.
 */
export function openInEditor(document: SourceDocument, line: number, env: NodeJS.ProcessEnv, outside: (run: () => void) => void): string {
  const target = fileToOpen(document, line);
  try {
    const opening = openingFor(env, target.file, target.line);
    if ('refused' in opening) return opening.refused;
    const ended: { status: number | null; failure: string | null } = { status: null, failure: null };
    outside(() => {
      const result = spawnSync(opening.file, opening.args, { stdio: 'inherit', env });
      ended.status = result.status;
      ended.failure = result.error ? result.error.message : null;
    });
    if (ended.failure !== null) return `could not run $${opening.variable}: ${ended.failure}`;
    return ended.status === 0 ? `back from $${opening.variable}` : `$${opening.variable} ended with status ${String(ended.status)}`;
  } finally {
    target.cleanup();
  }
}
