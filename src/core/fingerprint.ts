/**
 * The cache key of a corpus: the corpus as the file system describes it (no file is read), like
 * git's index, plus the program version and the cache format. A changed corpus gets a new key.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_FORMAT } from './cache.js';
import { errorCode } from './fsErrors.js';
import { listCorpusFiles, type LoadOptions } from './load.js';

/** package.json's version: a new release never reads an older release's cache. */
export function programVersion(): string {
  // src/core/ and dist/core/ both sit two folders below the package root.
  const manifest = fileURLToPath(new URL('../../package.json', import.meta.url));
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** What the cache key is computed from, and what else the cache needs to know of the corpus. */
export interface CorpusKey {
  /** Hex SHA-256 over the root's identity and every file's path, device, inode, size, times and mode. */
  key: string;
  /** The cache file's name. */
  name: string;
  /** Bytes of the corpus files: bounds the size of a cache file that can be this corpus's. */
  corpusBytes: number;
  /**
   * A file changed within RACY_WINDOW_MS of the key being taken. A same-size change in the same
   * tick of the file system's clock would leave every number in the key as it was (git's "racy
   * clean" files), so such a corpus is loaded from its files but not cached this time.
   */
  racy: boolean;
}

/** Longer than any timestamp granularity of local and network file systems in use (FAT: 2 s). */
export const RACY_WINDOW_MS = 2000;

/**
 * The key of the corpus at `absoluteRoot` made of `files` (as the walk found them, in its order):
 * the root's own device and inode, then each file's path, device, inode, size, modification and
 * change times in nanoseconds, and mode. An edit, a restored mtime (touch -r, cp -p, rsync -a,
 * tar), a chmod or a folder recreated with the same names and sizes each change it.
 */
export function fingerprint(absoluteRoot: string, files: readonly Buffer[], version: string, racyWindowMs = RACY_WINDOW_MS, options: Pick<LoadOptions, 'fields'> = {}): CorpusKey {
  const takenNs = BigInt(Date.now() - racyWindowMs) * 1_000_000n;
  const rootInfo = statSync(absoluteRoot, { bigint: true });
  const hash = createHash('sha256').update(`crosscheck ${version} cache ${CACHE_FORMAT}\n${absoluteRoot}\t${rootInfo.dev}\t${rootInfo.ino}\n`);
  // Records read with other --fields are other documents.
  if (options.fields && Object.keys(options.fields).length > 0) hash.update(`fields ${JSON.stringify(Object.entries(options.fields).sort())}\n`);
  let corpusBytes = 0;
  let racy = false;
  for (const file of files) {
    try {
      const info = statSync(file, { bigint: true });
      hash.update(`${file.toString()}\t${info.dev}\t${info.ino}\t${info.size}\t${info.mtimeNs}\t${info.ctimeNs}\t${info.mode}\n`);
      corpusBytes += Number(info.size);
      if (racyWindowMs > 0 && info.ctimeNs >= takenNs) racy = true;
    } catch (error) {
      hash.update(`${file.toString()}\tunreadable ${errorCode(error)}\n`);
    }
  }
  const key = hash.digest('hex');
  return { key, name: `${key.slice(0, 32)}.bin`, corpusBytes, racy };
}

/** The key of the corpus under `root` as it is now (a walk of its own: openCorpus reuses its one walk instead). */
export async function corpusKey(root: string, version: string, racyWindowMs = RACY_WINDOW_MS, options: Pick<LoadOptions, 'fields'> = {}): Promise<CorpusKey> {
  const absoluteRoot = path.resolve(root);
  return fingerprint(absoluteRoot, await listCorpusFiles(absoluteRoot), version, racyWindowMs, options);
}
