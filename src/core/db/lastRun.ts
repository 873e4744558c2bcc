/**
 * A re-run on a corpus untouched since its last complete ingest, told without reading a file.
 *
 * After a run completes, a small record in the cache folder ties the corpus's file-system key (every
 * file's path, inode, size, times and mode: the corpus cache's key, fingerprint.ts) to the content
 * fingerprint the archive was left at. The next run takes the key again; when it is the same (and
 * not racy) and the archive is still complete at that fingerprint, nothing can have changed on
 * either side, so the corpus is not loaded at all. Anything else (an edited file, another
 * program version, an archive written since by someone else, no record) goes the whole way:
 * loading the corpus and comparing content hashes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ClientBase } from 'pg';
import { cacheFolder, cacheSizeCap, checkFolder, ensureFolder } from '../cacheFolder.js';
import type { CorpusKey } from '../fingerprint.js';

/** What a run on an unchanged corpus reports without loading it. */
export interface UnchangedArchive {
  documents: number;
  passages: number;
  /** Files and records the loader skipped when the corpus was last loaded (said again on stderr). */
  skipped: number;
}

interface RunRecord {
  filesKey: string;
  fingerprint: string;
  skipped: number;
}

/** One record per corpus folder, beside the cache's entries (whose names it never takes). */
function recordFile(folder: string, absoluteRoot: string): string {
  return path.join(folder, `archive-run-${createHash('sha256').update(absoluteRoot).digest('hex').slice(0, 32)}.json`);
}

/** The cache folder when the cache is on and the folder may be trusted; null otherwise. */
function usableFolder(env: NodeJS.ProcessEnv, create: boolean): string | null {
  if (cacheSizeCap(env).bytes === 0) return null;
  const folder = cacheFolder(env);
  return (create ? ensureFolder(folder) : checkFolder(folder)).usable ? folder : null;
}

function readRecord(file: string): RunRecord | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { filesKey, fingerprint, skipped } = parsed as Record<string, unknown>;
    return typeof filesKey === 'string' && typeof fingerprint === 'string' && typeof skipped === 'number' ? { filesKey, fingerprint, skipped } : null;
  } catch {
    return null;
  }
}

/**
 * The archive's counts when the corpus at `root` is exactly as the last complete run recorded it
 * and the archive is still complete at that run's fingerprint; null whenever that is not sure.
 */
export async function unchangedArchive(client: ClientBase, absoluteRoot: string, key: CorpusKey, env: NodeJS.ProcessEnv = process.env): Promise<UnchangedArchive | null> {
  if (key.racy) return null;
  const folder = usableFolder(env, false);
  const record = folder === null ? null : readRecord(recordFile(folder, absoluteRoot));
  if (record?.filesKey !== key.key) return null;
  const state = await client.query<{ documents: number | null; passages: number | null }>(
    'SELECT documents, passages FROM ingest_state WHERE complete AND fingerprint = $1 AND corpus_root = $2',
    [record.fingerprint, absoluteRoot],
  );
  const row = state.rows[0];
  if (row?.documents == null || row.passages == null) return null;
  return { documents: row.documents, passages: row.passages, skipped: record.skipped };
}

/** Records a complete run (best effort: without a usable cache folder the next run just goes the whole way). */
export function rememberRun(absoluteRoot: string, key: CorpusKey, fingerprint: string, skipped: number, env: NodeJS.ProcessEnv = process.env): void {
  const folder = usableFolder(env, true);
  if (folder === null) return;
  const file = recordFile(folder, absoluteRoot);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    if (key.racy) {
      // Too fresh to be told from its next version by its key: no older record may outlive it.
      rmSync(file, { force: true });
      return;
    }
    writeFileSync(temporary, JSON.stringify({ filesKey: key.key, fingerprint, skipped } satisfies RunRecord), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}
