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
import { mkdir, open, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listCorpusFiles, loadCorpus, type LoadOptions } from './load.js';
import { PassageIndex, type IndexParts } from './searchIndex.js';
import type { FieldIndex } from './prefilter.js';
import { runAtOnce, runInSlices, type Steps } from './slices.js';
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

/** A hash of the corpus as the file system describes it (no file is read), plus what shapes the cache. */
export async function corpusFingerprint(root: string, version: string, options: Pick<LoadOptions, 'fields'> = {}): Promise<string> {
  const hash = createHash('sha256').update(`crosscheck ${version} cache ${CACHE_FORMAT}\n${path.resolve(root)}\n`);
  // Records read with other --fields are other documents.
  if (options.fields && Object.keys(options.fields).length > 0) hash.update(`fields ${JSON.stringify(Object.entries(options.fields).sort())}\n`);
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

/**
 * writeAtomically without blocking: the pieces are written by the file system's threads while the
 * program goes on. A program that ends mid-write removes its temporary file on the way out.
 */
export async function writeAtomicallyInBackground(file: string, pieces: readonly Buffer[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const removeTemporary = (): void => rmSync(temporary, { force: true });
  process.once('exit', removeTemporary);
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writev(pieces);
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    process.removeListener('exit', removeTemporary);
  }
}

export interface IndexedCorpus {
  corpus: Corpus;
  index: PassageIndex;
  /** How the cache was used: read, written after a fresh load (or being written: see `written`), or not used. */
  cache: 'hit' | 'written' | 'writing' | 'skipped' | 'unavailable';
  /** With writeInBackground, when the cache is being written: settles once it is (never rejects). */
  written?: Promise<'written' | 'unavailable'>;
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
}

/** The corpus under `root` and its index, from the cache when it holds this exact corpus. */
export async function loadIndexedCorpus(root: string, options: CachedLoadOptions): Promise<IndexedCorpus> {
  const useCache = options.useCache ?? true;
  let file: string | null = null;
  if (useCache) {
    try {
      file = path.join(cacheFolder(options.env), `${await corpusFingerprint(root, options.version ?? programVersion(), options)}.bin`);
      const { corpus, parts } = decodeCache(readFileSync(file));
      return { corpus, index: new PassageIndex(corpus, parts), cache: 'hit' };
    } catch {
      // Missing, corrupt or from another corpus: load afresh below (and replace the file).
    }
  }
  const corpus = await loadCorpus(root, options);
  const index = new PassageIndex(corpus);
  if (file === null || corpus.passages.length < CACHE_MIN_PASSAGES) return { corpus, index, cache: file === null && useCache ? 'unavailable' : 'skipped' };
  if (options.writeInBackground) {
    const target = file;
    const written = runInSlices(encodeCacheSteps(corpus, index.parts()))
      .then((pieces) => writeAtomicallyInBackground(target, pieces))
      .then(
        () => 'written' as const,
        // A read-only or full disk costs the next start its speed, nothing else.
        () => 'unavailable' as const,
      );
    return { corpus, index, cache: 'writing', written };
  }
  try {
    writeAtomically(file, encodeCache(corpus, index.parts()));
    return { corpus, index, cache: 'written' };
  } catch {
    // A read-only or full disk costs the next start its speed, nothing else.
    return { corpus, index, cache: 'unavailable' };
  }
}
