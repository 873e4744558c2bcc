/**
 * The on-disk cache of a parsed corpus and its search index, so a large corpus opens in about a
 * second instead of being read, split and indexed again.
 *
 * Where: $XDG_CACHE_HOME/crosscheck (else ~/.cache/crosscheck), one file per corpus state, named
 * by a hash of every file's path, size and modification time, the program version and the cache
 * format. A changed corpus gets a new name. Written to a temporary file and renamed into place,
 * so a reader never sees half a file; anything unreadable or inconsistent is rebuilt, never fatal.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listCorpusFiles, loadCorpus, type LoadOptions } from './load.js';
import { PassageIndex, type IndexParts } from './searchIndex.js';
import type { FieldIndex } from './prefilter.js';
import type { Corpus } from './types.js';

/** Bump when the stored layout or anything derived into it changes. */
const CACHE_FORMAT = 1;
const MAGIC = Buffer.from('XCHECK01');
/** Smaller corpora load faster than a cache file is read and checked: they are not cached. */
export const CACHE_MIN_PASSAGES = 5000;

/** package.json's version: a new release never reads an older release's cache. */
export function programVersion(): string {
  // src/core/cache.ts and dist/core/cache.js both sit two folders below the package root.
  const manifest = fileURLToPath(new URL('../../package.json', import.meta.url));
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'crosscheck');
}

/** A hash of the corpus as the file system describes it (no file is read), plus what shapes the cache. */
export async function corpusFingerprint(root: string, version: string): Promise<string> {
  const hash = createHash('sha256').update(`crosscheck ${version} cache ${CACHE_FORMAT}\n${path.resolve(root)}\n`);
  for (const file of await listCorpusFiles(root)) {
    try {
      const info = statSync(file);
      hash.update(`${file}\t${info.size}\t${info.mtimeMs}\n`);
    } catch {
      hash.update(`${file}\tunreadable\n`);
    }
  }
  return hash.digest('hex').slice(0, 32);
}

interface StoredField {
  vocabulary: string[];
  size: number;
}

interface Header {
  corpus: Corpus;
  fields: { text: StoredField; titles: StoredField; sources: StoredField };
  /** Byte lengths of the binary sections, in the order written. */
  sections: number[];
}

function sectionsOf(parts: IndexParts): ArrayBufferView[] {
  return [parts.norms, parts.text.offsets, parts.text.ids, parts.titles.offsets, parts.titles.ids, parts.sources.offsets, parts.sources.ids];
}

/** Header length, header JSON, then the typed arrays, each starting on an 8-byte boundary. */
export function encodeCache(corpus: Corpus, parts: IndexParts): Buffer {
  const sections = sectionsOf(parts);
  const field = ({ vocabulary, size }: FieldIndex): StoredField => ({ vocabulary, size });
  const header: Header = {
    corpus,
    fields: { text: field(parts.text), titles: field(parts.titles), sources: field(parts.sources) },
    sections: sections.map((section) => section.byteLength),
  };
  const json = Buffer.from(JSON.stringify(header));
  const pad = (length: number): number => (8 - (length % 8)) % 8;
  const chunks: Buffer[] = [MAGIC, Buffer.alloc(8), json, Buffer.alloc(pad(json.length))];
  chunks[1]!.writeBigUInt64LE(BigInt(json.length));
  for (const section of sections) {
    chunks.push(Buffer.from(section.buffer, section.byteOffset, section.byteLength), Buffer.alloc(pad(section.byteLength)));
  }
  return Buffer.concat(chunks);
}

export class CacheCorruptError extends Error {
  override name = 'CacheCorruptError';
}

/** The corpus and index parts in a cache file; throws CacheCorruptError when it is not one. */
export function decodeCache(bytes: Buffer): { corpus: Corpus; parts: IndexParts } {
  if (bytes.length < 16 || !bytes.subarray(0, 8).equals(MAGIC)) throw new CacheCorruptError('not a crosscheck cache file');
  const jsonLength = Number(bytes.readBigUInt64LE(8));
  if (16 + jsonLength > bytes.length) throw new CacheCorruptError('truncated header');
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', 16, 16 + jsonLength)) as Header;
  } catch {
    throw new CacheCorruptError('unreadable header');
  }
  if (!header?.corpus?.passages || !Array.isArray(header.sections) || header.sections.length !== 7) {
    throw new CacheCorruptError('incomplete header');
  }
  let offset = 16 + jsonLength + ((8 - (jsonLength % 8)) % 8);
  const arrays: ArrayBuffer[] = [];
  for (const length of header.sections) {
    if (!Number.isInteger(length) || length < 0 || offset + length > bytes.length) throw new CacheCorruptError('truncated data');
    // Copied out so each typed array is aligned and owns its memory.
    const copy = new ArrayBuffer(length);
    new Uint8Array(copy).set(bytes.subarray(offset, offset + length));
    arrays.push(copy);
    offset += length + ((8 - (length % 8)) % 8);
  }
  const [norms, textOffsets, textIds, titleOffsets, titleIds, sourceOffsets, sourceIds] = arrays as [ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer];
  if (norms.byteLength % 8 !== 0 || [textOffsets, textIds, titleOffsets, titleIds, sourceOffsets, sourceIds].some((section) => section.byteLength % 4 !== 0)) {
    throw new CacheCorruptError('misaligned data');
  }
  const field = (stored: StoredField, offsets: ArrayBuffer, ids: ArrayBuffer): FieldIndex => ({
    vocabulary: stored.vocabulary,
    size: stored.size,
    offsets: new Uint32Array(offsets),
    ids: new Uint32Array(ids),
  });
  return {
    corpus: header.corpus,
    parts: {
      norms: new Float64Array(norms),
      text: field(header.fields.text, textOffsets, textIds),
      titles: field(header.fields.titles, titleOffsets, titleIds),
      sources: field(header.fields.sources, sourceOffsets, sourceIds),
    },
  };
}

/** Writes `bytes` to `file` so that readers see the old file or the whole new one. */
export function writeAtomically(file: string, bytes: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export interface IndexedCorpus {
  corpus: Corpus;
  index: PassageIndex;
  /** How the cache was used: read, written after a fresh load, or not used. */
  cache: 'hit' | 'written' | 'skipped' | 'unavailable';
}

export interface CachedLoadOptions extends LoadOptions {
  /** The program version in the cache key (default: package.json's). */
  version?: string;
  /** false: never read or write the cache. */
  useCache?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** The corpus under `root` and its index, from the cache when it holds this exact corpus. */
export async function loadIndexedCorpus(root: string, options: CachedLoadOptions): Promise<IndexedCorpus> {
  const useCache = options.useCache ?? true;
  let file: string | null = null;
  if (useCache) {
    try {
      file = path.join(cacheFolder(options.env), `${await corpusFingerprint(root, options.version ?? programVersion())}.bin`);
      const { corpus, parts } = decodeCache(readFileSync(file));
      return { corpus, index: new PassageIndex(corpus, parts), cache: 'hit' };
    } catch {
      // Missing, corrupt or from another corpus: load afresh below (and replace the file).
    }
  }
  const corpus = await loadCorpus(root, options);
  const index = new PassageIndex(corpus);
  if (file === null || corpus.passages.length < CACHE_MIN_PASSAGES) return { corpus, index, cache: file === null && useCache ? 'unavailable' : 'skipped' };
  try {
    writeAtomically(file, encodeCache(corpus, index.parts()));
    return { corpus, index, cache: 'written' };
  } catch {
    // A read-only or full disk costs the next start its speed, nothing else.
    return { corpus, index, cache: 'unavailable' };
  }
}
