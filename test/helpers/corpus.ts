/** The bundled corpus and temporary corpora built inside a test. */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../src/core/load.js';
import type { Corpus } from '../../src/core/types.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLED_CORPUS = path.join(PROJECT_ROOT, 'corpus');
export const BIN = path.join(PROJECT_ROOT, 'bin', 'crosscheck.js');

let bundled: Promise<Corpus> | undefined;
export function bundledCorpus(): Promise<Corpus> {
  bundled ??= loadCorpus(BUNDLED_CORPUS);
  return bundled;
}

/** A folder under the system temp dir filled with `files` (path -> content); call cleanup() after. */
export function temporaryCorpus(files: Record<string, string | Uint8Array>): { root: string; cleanup(): void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-test-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
