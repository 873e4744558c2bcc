/**
 * The on-disk cache of a parsed corpus and its search index, so a large corpus opens in about a
 * second instead of being read, split and indexed again.
 *
 * Where: $XDG_CACHE_HOME/crosscheck (else ~/.cache/crosscheck), one file per corpus state, named
 * by its key (corpusKey: every file's identity, size and times, as git's index keys files), the
 * program version and the cache format. A changed corpus gets a new name. This file encodes and
 * decodes a corpus; cacheStore.ts keeps the files: private, checked and checksummed, written to a
 * temporary file and renamed into place, pruned. Anything unreadable or inconsistent is rebuilt,
 * never fatal.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorCode, listCorpusFiles, loadCorpus, type LoadOptions } from './load.js';
import { PassageIndex, type IndexParts } from './searchIndex.js';
import type { FieldIndex } from './prefilter.js';
import { runAtOnce, runInSlices, type Steps } from './slices.js';
import { cacheSizeCap, checkFolder, ensureFolder, envelopeSteps, pruneEntries, readEntry, sweepStaleTemporaries, writeEntry, writeEntryInBackground } from './cacheStore.js';
import type { Corpus, Passage, SourceDocument } from './types.js';

/** Bump when the stored layout or anything derived into it changes. */
const CACHE_FORMAT = 3;
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
 * The corpus as the file system describes it (no file is read), like git's index: the root's own
 * device and inode, then each file's path, device, inode, size, modification and change times in
 * nanoseconds, and mode. An edit, a restored mtime (touch -r, cp -p, rsync -a, tar), a chmod or a
 * folder recreated with the same names and sizes each change it.
 */
export async function corpusKey(root: string, version: string, racyWindowMs = RACY_WINDOW_MS, options: Pick<LoadOptions, 'fields'> = {}): Promise<CorpusKey> {
  const absoluteRoot = path.resolve(root);
  const takenNs = BigInt(Date.now() - racyWindowMs) * 1_000_000n;
  const rootInfo = statSync(absoluteRoot, { bigint: true });
  const hash = createHash('sha256').update(`crosscheck ${version} cache ${CACHE_FORMAT}\n${absoluteRoot}\t${rootInfo.dev}\t${rootInfo.ino}\n`);
  // Records read with other --fields are other documents.
  if (options.fields && Object.keys(options.fields).length > 0) hash.update(`fields ${JSON.stringify(Object.entries(options.fields).sort())}\n`);
  let corpusBytes = 0;
  let racy = false;
  for (const file of await listCorpusFiles(absoluteRoot)) {
    try {
      const info = statSync(file, { bigint: true });
      hash.update(`${file}\t${info.dev}\t${info.ino}\t${info.size}\t${info.mtimeNs}\t${info.ctimeNs}\t${info.mode}\n`);
      corpusBytes += Number(info.size);
      if (racyWindowMs > 0 && info.ctimeNs >= takenNs) racy = true;
    } catch (error) {
      hash.update(`${file}\tunreadable ${errorCode(error)}\n`);
    }
  }
  const key = hash.digest('hex');
  return { key, name: `${key.slice(0, 32)}.bin`, corpusBytes, racy };
}

/**
 * The largest cache file this corpus can produce, generously: the texts are stored twice (as
 * documents and as passages), JSON-escaped, with an index of a few bytes per word.
 */
export function maxCacheBytes(corpusBytes: number): number {
  return 32 * corpusBytes + 16 * 1024 * 1024;
}

interface StoredField {
  vocabulary: string[];
  size: number;
}

interface Header {
  /** The corpus but its documents and passages, which are sections of their own. */
  corpus: Omit<Corpus, 'documents' | 'passages'>;
  fields: { text: StoredField; titles: StoredField; sources: StoredField };
  /** Byte lengths of the sections, in the order written: documents and passages (JSON), then the typed arrays. */
  sections: number[];
}

const SECTION_COUNT = 9;
/** Documents or passages turned into JSON between two pauses of the encoding. */
const ITEMS_PER_PAUSE = 1024;

function typedSectionsOf(parts: IndexParts): ArrayBufferView[] {
  return [parts.norms, parts.text.offsets, parts.text.ids, parts.titles.offsets, parts.titles.ids, parts.sources.offsets, parts.sources.ids];
}

/** A JSON array as UTF-8 pieces, built a thousand items at a time. */
function* jsonArraySteps(items: readonly unknown[]): Steps<Buffer[]> {
  const pieces: Buffer[] = [Buffer.from('[')];
  for (let start = 0; start < items.length; start += ITEMS_PER_PAUSE) {
    const chunk = items.slice(start, start + ITEMS_PER_PAUSE).map((item) => JSON.stringify(item)).join(',');
    pieces.push(Buffer.from(start === 0 ? chunk : `,${chunk}`));
    yield;
  }
  pieces.push(Buffer.from(']'));
  return pieces;
}

/**
 * The cache file as pieces to write in order: magic, header length, header JSON, then each
 * section, each starting on an 8-byte boundary. Built pausing every thousand documents or
 * passages (see slices.ts), so the workbench can write the cache while it takes keys.
 */
export function* encodeCacheSteps(corpus: Corpus, parts: IndexParts): Steps<Buffer[]> {
  const { documents, passages, ...rest } = corpus;
  const jsonSections = [yield* jsonArraySteps(documents), yield* jsonArraySteps(passages)];
  const typedSections = typedSectionsOf(parts).map((section) => Buffer.from(section.buffer, section.byteOffset, section.byteLength));
  const field = ({ vocabulary, size }: FieldIndex): StoredField => ({ vocabulary, size });
  const lengthOf = (pieces: readonly Buffer[]): number => pieces.reduce((sum, piece) => sum + piece.length, 0);
  const header: Header = {
    corpus: rest,
    fields: { text: field(parts.text), titles: field(parts.titles), sources: field(parts.sources) },
    sections: [...jsonSections.map(lengthOf), ...typedSections.map((section) => section.length)],
  };
  const json = Buffer.from(JSON.stringify(header));
  yield;
  const pad = (length: number): Buffer => Buffer.alloc((8 - (length % 8)) % 8);
  const jsonLength = Buffer.alloc(8);
  jsonLength.writeBigUInt64LE(BigInt(json.length));
  const pieces: Buffer[] = [MAGIC, jsonLength, json, pad(json.length)];
  for (const section of jsonSections) pieces.push(...section, pad(lengthOf(section)));
  for (const section of typedSections) pieces.push(section, pad(section.length));
  return pieces;
}

export function encodeCache(corpus: Corpus, parts: IndexParts): Buffer {
  return Buffer.concat(runAtOnce(encodeCacheSteps(corpus, parts)));
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
  if (!header?.corpus || !Array.isArray(header.sections) || header.sections.length !== SECTION_COUNT) {
    throw new CacheCorruptError('incomplete header');
  }
  let offset = 16 + jsonLength + ((8 - (jsonLength % 8)) % 8);
  const sections: Buffer[] = [];
  for (const length of header.sections) {
    if (!Number.isInteger(length) || length < 0 || offset + length > bytes.length) throw new CacheCorruptError('truncated data');
    sections.push(bytes.subarray(offset, offset + length));
    offset += length + ((8 - (length % 8)) % 8);
  }
  const [documentsJson, passagesJson, ...typed] = sections as [Buffer, Buffer, ...Buffer[]];
  let documents: SourceDocument[];
  let passages: Passage[];
  try {
    documents = JSON.parse(documentsJson.toString('utf8')) as SourceDocument[];
    passages = JSON.parse(passagesJson.toString('utf8')) as Passage[];
  } catch {
    throw new CacheCorruptError('unreadable documents or passages');
  }
  if (!Array.isArray(documents) || !Array.isArray(passages)) throw new CacheCorruptError('incomplete documents or passages');
  // Copied out so each typed array is aligned and owns its memory.
  const arrays = typed.map((section) => {
    const copy = new ArrayBuffer(section.length);
    new Uint8Array(copy).set(section);
    return copy;
  });
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
    corpus: { ...header.corpus, documents, passages },
    parts: {
      norms: new Float64Array(norms),
      text: field(header.fields.text, textOffsets, textIds),
      titles: field(header.fields.titles, titleOffsets, titleIds),
      sources: field(header.fields.sources, sourceOffsets, sourceIds),
    },
  };
}

export interface IndexedCorpus {
  corpus: Corpus;
  index: PassageIndex;
  /** How the cache was used: read, written after a fresh load (or being written: see `written`), or not used. */
  cache: 'hit' | 'written' | 'writing' | 'skipped' | 'unavailable';
  /** With writeInBackground, when the cache is being written: settles once it is (never rejects). */
  written?: Promise<'written' | 'unavailable'>;
  /**
   * One line each, for the user: a cache file or folder not used and why, with the fix. Only
   * for corpora large enough to be cached (a small one never reads the cache, so has nothing to say).
   */
  notes: string[];
}

export interface CachedLoadOptions extends LoadOptions {
  /** The program version in the cache key (default: package.json's). */
  version?: string;
  /** false: never read or write the cache. */
  useCache?: boolean;
  /**
   * Return as soon as the corpus is searchable and write the cache meanwhile, in slices and
   * asynchronously (the workbench: encoding and writing 70 MB would otherwise hold the first
   * screen 0.6 s longer).
   */
  writeInBackground?: boolean;
  env?: NodeJS.ProcessEnv;
  /** See CorpusKey.racy (tests set 0 to cache a corpus they have just written). */
  racyWindowMs?: number;
  /** Keep the notes for takeHeldCacheNotes too: the workbench owns the screen until it ends. */
  holdNotes?: boolean;
}

const heldNotes: string[][] = [];

/** The notes of loads made with holdNotes (a background write's included), once each. */
export function takeHeldCacheNotes(): string[] {
  const notes = heldNotes.flat();
  heldNotes.length = 0;
  return notes;
}

/** What the cache holds about the corpus: its key, or why it is not consulted. */
async function lookUp(root: string, options: CachedLoadOptions, folder: string, notes: string[]): Promise<{ key: CorpusKey | null; hit: IndexedCorpus | null }> {
  let key: CorpusKey;
  try {
    key = await corpusKey(root, options.version ?? programVersion(), options.racyWindowMs, options);
  } catch {
    // A corpus that cannot be described cannot be cached; loading it says why.
    return { key: null, hit: null };
  }
  const state = checkFolder(folder);
  if (!state.usable) {
    if (state.note) notes.push(state.note);
    return { key: state.note ? null : key, hit: null };
  }
  sweepStaleTemporaries(folder);
  const read = readEntry(folder, key.name, { key: key.key, maxBytes: maxCacheBytes(key.corpusBytes) });
  if (!read.ok) {
    if (read.note) notes.push(read.note);
    return { key, hit: null };
  }
  try {
    const { corpus, parts } = decodeCache(read.body);
    return { key, hit: { corpus, index: new PassageIndex(corpus, parts), cache: 'hit', notes } };
  } catch {
    notes.push(`cache file ${path.join(folder, key.name)} is damaged; rebuilt from the files`);
    return { key, hit: null };
  }
}

/** The cache file's pieces, header first, and whether they fit under the caps; null with a note when not. */
function* entrySteps(key: CorpusKey, root: string, version: string, corpus: Corpus, index: PassageIndex, cap: number, notes: string[]): Steps<Buffer[] | null> {
  const body = yield* encodeCacheSteps(corpus, index.parts());
  const bodyBytes = body.reduce((sum, piece) => sum + piece.length, 0);
  if (bodyBytes > cap) {
    notes.push(`the cache of this corpus (${bodyBytes} bytes) would pass the cache's size cap of ${cap} bytes (CROSSCHECK_CACHE_MAX_BYTES); not written`);
    return null;
  }
  // It could never be read back (see readEntry): not worth writing.
  if (bodyBytes > maxCacheBytes(key.corpusBytes)) return null;
  const header = yield* envelopeSteps({ key: key.key, root: path.resolve(root), version, corpusBytes: key.corpusBytes }, body);
  return [header, ...body];
}

/** The corpus under `root` and its index, from the cache when it holds this exact corpus. */
export async function loadIndexedCorpus(root: string, options: CachedLoadOptions): Promise<IndexedCorpus> {
  const env = options.env ?? process.env;
  const notes: string[] = [];
  if (options.holdNotes) heldNotes.push(notes);
  const cap = cacheSizeCap(env);
  const useCache = (options.useCache ?? true) && cap.bytes > 0;
  const folder = cacheFolder(env);
  let key: CorpusKey | null = null;
  if (useCache) {
    const found = await lookUp(root, options, folder, notes);
    if (found.hit) return found.hit;
    key = found.key;
  }
  const corpus = await loadCorpus(root, options);
  const index = new PassageIndex(corpus);
  if (corpus.passages.length < CACHE_MIN_PASSAGES) {
    // Never cached, so what the cache folder holds does not concern it.
    notes.length = 0;
    return { corpus, index, cache: 'skipped', notes };
  }
  if (cap.note) notes.push(cap.note);
  if (!useCache) return { corpus, index, cache: 'skipped', notes };
  // The folder is not to be trusted (a note says why), or the corpus cannot be described.
  if (key === null) return { corpus, index, cache: 'unavailable', notes };
  // Changed too recently for its key to be sure to tell it from its next version: cached next time.
  if (key.racy) return { corpus, index, cache: 'skipped', notes };
  const state = ensureFolder(folder);
  if (!state.usable) {
    if (state.note) notes.push(state.note);
    return { corpus, index, cache: 'unavailable', notes };
  }
  const version = options.version ?? programVersion();
  const target = key;
  const store = async (pieces: Buffer[] | null, write: (pieces: Buffer[]) => Promise<void> | void): Promise<'written' | 'unavailable'> => {
    if (pieces === null) return 'unavailable';
    try {
      await write(pieces);
    } catch {
      // A read-only or full disk costs the next start its speed, nothing else.
      return 'unavailable';
    }
    try {
      pruneEntries(folder, cap.bytes, target.name);
    } catch {
      // The folder is pruned again after the next write.
    }
    return 'written';
  };
  if (options.writeInBackground) {
    const written = runInSlices(entrySteps(target, root, version, corpus, index, cap.bytes, notes)).then(
      (pieces) => store(pieces, (ready) => writeEntryInBackground(folder, target.name, ready)),
      () => 'unavailable' as const,
    );
    return { corpus, index, cache: 'writing', written, notes };
  }
  const outcome = await store(runAtOnce(entrySteps(target, root, version, corpus, index, cap.bytes, notes)), (ready) => writeEntry(folder, target.name, ready));
  return { corpus, index, cache: outcome, notes };
}
