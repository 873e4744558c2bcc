/**
 * Opening a corpus: one walk of its folder yields the file list that both fingerprints it for
 * the cache and is loaded on a miss. The corpus comes from the cache when the cache holds this
 * exact corpus; the search index is made only when asked for (buildIndex), and a corpus read
 * from its files is cached once its index exists (the cache file holds both).
 */
import path from 'node:path';
import { decodeCacheSteps, encodeCacheSteps, maxCacheBytes, type CachedCorpus } from './cache.js';
import { StemIndex, type StemIndexParts } from './compare/stemIndex.js';
import { cacheFolder, cacheSizeCap, checkFolder, ensureFolder } from './cacheFolder.js';
import { envelopeSteps, pruneEntries, readEntrySteps } from './cacheStore.js';
import { sweepStaleTemporaries, writeEntry, writeEntryInBackground } from './cacheWrite.js';
import { fingerprint, programVersion, type CorpusKey } from './fingerprint.js';
import { findCorpusFiles, loadFiles, type CorpusFiles, type LoadOptions } from './load.js';
import { PassageIndex, type IndexParts } from './searchIndex.js';
import { runAtOnce, runInSlices, SharedJob, type Steps } from './slices.js';
import type { Corpus } from './types.js';

/** Smaller corpora load faster than a cache file is read and checked: they are not cached. */
export const CACHE_MIN_PASSAGES = 5000;

export interface OpenOptions extends LoadOptions {
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

/** How the cache was used: read, written after a fresh load (or being written: see `written`), or not used. */
export type CacheUse = 'hit' | 'written' | 'writing' | 'skipped' | 'unavailable';

const heldNotes: string[][] = [];

/** The notes of loads made with holdNotes (a background write's included), once each. */
export function takeHeldCacheNotes(): string[] {
  const notes = heldNotes.flat();
  heldNotes.length = 0;
  return notes;
}

/** Where the cache stands for one opening: its folder, cap and key once known. */
interface CachePlace {
  folder: string;
  capBytes: number;
  version: string;
  writeInBackground: boolean;
  /** The corpus's key, once known. */
  key: CorpusKey | null;
  /** The corpus is to be cached once indexed (under `key`). */
  writeOnIndex: boolean;
}

/** What the cache holds about the corpus: its key, or why it is not consulted. In steps: reading a large cache is checked and decoded a piece at a time. */
function* lookUp(found: CorpusFiles, options: OpenOptions, place: CachePlace, notes: string[]): Steps<{ key: CorpusKey | null; hit: CachedCorpus | null }> {
  let key: CorpusKey;
  try {
    key = fingerprint(found.absoluteRoot, found.files.map((file) => file.bytes), place.version, options.racyWindowMs, options);
  } catch {
    // A corpus that cannot be described cannot be cached; loading it says why.
    return { key: null, hit: null };
  }
  const state = checkFolder(place.folder);
  if (!state.usable) {
    if (state.note) notes.push(state.note);
    return { key: state.note ? null : key, hit: null };
  }
  sweepStaleTemporaries(place.folder);
  const read = yield* readEntrySteps(place.folder, key.name, { key: key.key, maxBytes: maxCacheBytes(key.corpusBytes) });
  if (!read.ok) {
    if (read.note) notes.push(read.note);
    return { key, hit: null };
  }
  try {
    return { key, hit: yield* decodeCacheSteps(read.body) };
  } catch {
    // CacheCorruptError, or a header of the right shape with wrong contents: never fatal.
    notes.push(`cache file ${path.join(place.folder, key.name)} is damaged; rebuilt from the files`);
    return { key, hit: null };
  }
}

/** The cache file's pieces, header first, and whether they fit under the caps; null with a note when not. */
function* entrySteps(key: CorpusKey, root: string, version: string, corpus: Corpus, index: PassageIndex, stems: SharedJob<StemIndex>, cap: number, notes: string[]): Steps<Buffer[] | null> {
  const stemIndex = yield* stems.steps();
  const body = yield* encodeCacheSteps(corpus, index.parts(), stemIndex.parts());
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

/** A corpus opened: its documents and passages now, its search index when asked for. */
export class OpenedCorpus {
  /** Settled once a background write is (never rejects); undefined when none was started. */
  written?: Promise<'written' | 'unavailable'>;
  /**
   * The claim comparer's stem index: the cache's, else built once, by the claims panes or by the
   * cache write, whichever asks first (the cache stores it).
   */
  readonly stemIndex: SharedJob<StemIndex>;
  private index: PassageIndex | null = null;

  constructor(
    readonly corpus: Corpus,
    /** One line each, for the user: a cache file or folder not used and why, with the fix. */
    readonly notes: string[],
    /** So far: until the index is built, a corpus to be cached stands 'skipped'. */
    public cache: CacheUse,
    private readonly parts: IndexParts | null,
    private readonly place: CachePlace,
    stemParts: StemIndexParts | null = null,
  ) {
    this.stemIndex = new SharedJob(() => (stemParts ? this.stemIndexFromParts(stemParts) : StemIndex.build(corpus)));
  }

  private *stemIndexFromParts(parts: StemIndexParts): Steps<StemIndex> {
    try {
      return new StemIndex(parts, this.corpus.passages.length);
    } catch {
      this.notes.push(`cache file ${path.join(this.place.folder, this.place.key?.name ?? '')} is damaged; rebuilt from the files`);
      return yield* StemIndex.build(this.corpus);
    }
  }

  /** The search index, built once: from the cache's parts on a hit, else from the corpus, which is then cached. */
  buildIndex(): PassageIndex {
    return runAtOnce(this.indexSteps());
  }

  /** The same, made in steps that pause every few milliseconds (the workbench makes it in slices). */
  *indexSteps(): Steps<PassageIndex> {
    if (this.index) return this.index;
    const index = this.parts ? yield* this.indexFromParts(this.parts) : yield* PassageIndex.build(this.corpus);
    this.index = index;
    if (this.place.key && this.place.writeOnIndex) this.store(this.place.key, index);
    return index;
  }

  private *indexFromParts(parts: IndexParts): Steps<PassageIndex> {
    try {
      return yield* PassageIndex.build(this.corpus, parts);
    } catch {
      this.notes.push(`cache file ${path.join(this.place.folder, this.place.key?.name ?? '')} is damaged; rebuilt from the files`);
      return yield* PassageIndex.build(this.corpus);
    }
  }

  private store(target: CorpusKey, index: PassageIndex): void {
    const { folder, capBytes, version } = this.place;
    const state = ensureFolder(folder);
    if (!state.usable) {
      if (state.note) this.notes.push(state.note);
      this.cache = 'unavailable';
      return;
    }
    const steps = entrySteps(target, this.corpus.root, version, this.corpus, index, this.stemIndex, capBytes, this.notes);
    if (this.place.writeInBackground) {
      this.cache = 'writing';
      this.written = runInSlices(steps)
        .then(async (pieces) => {
          if (!pieces) return 'unavailable';
          await writeEntryInBackground(folder, target.name, pieces);
          prune(this.place, target);
          return 'written';
        })
        // A read-only or full disk costs the next start its speed, nothing else.
        .catch(() => 'unavailable' as const);
      return;
    }
    const pieces = runAtOnce(steps);
    try {
      if (pieces) writeEntry(folder, target.name, pieces);
    } catch {
      this.cache = 'unavailable';
      return;
    }
    if (pieces) prune(this.place, target);
    this.cache = pieces ? 'written' : 'unavailable';
  }
}

/** Keeps the cache folder under its cap, the entry just written kept. */
function prune(place: CachePlace, target: CorpusKey): void {
  try {
    pruneEntries(place.folder, place.capBytes, target.name);
  } catch {
    // The folder is pruned again after the next write.
  }
}

/** Whether a corpus read from its files is cached once indexed; 'skipped' or 'unavailable' (with notes) when not. */
function cachePlan(corpus: Corpus, key: CorpusKey | null, useCache: boolean, capNote: string | null, notes: string[]): CacheUse | 'pending' {
  if (corpus.passages.length < CACHE_MIN_PASSAGES) {
    // Never cached, so what the cache folder holds does not concern it.
    notes.length = 0;
    return 'skipped';
  }
  if (capNote) notes.push(capNote);
  if (!useCache) return 'skipped';
  // The folder is not to be trusted (a note says why), or the corpus cannot be described.
  if (key === null) return 'unavailable';
  // Changed too recently for its key to be sure to tell it from its next version: cached next time.
  return key.racy ? 'skipped' : 'pending';
}

/** The corpus under `root` (a folder, or one file), from the cache when it holds this exact corpus. */
export async function openCorpus(root: string, options: OpenOptions = {}): Promise<OpenedCorpus> {
  const env = options.env ?? process.env;
  const notes: string[] = [];
  if (options.holdNotes) heldNotes.push(notes);
  const cap = cacheSizeCap(env);
  const useCache = (options.useCache ?? true) && cap.bytes > 0;
  const place: CachePlace = { folder: cacheFolder(env), capBytes: cap.bytes, version: options.version ?? programVersion(), writeInBackground: options.writeInBackground === true, key: null, writeOnIndex: false };
  const found = await findCorpusFiles(root, options);
  if (useCache) {
    const looked = await runInSlices(lookUp(found, options, place, notes));
    place.key = looked.key;
    if (looked.hit) return new OpenedCorpus(looked.hit.corpus, notes, 'hit', looked.hit.parts, place, looked.hit.stems);
  }
  const corpus = await loadFiles(found, options);
  const plan = cachePlan(corpus, place.key, useCache, cap.note, notes);
  place.writeOnIndex = plan === 'pending';
  return new OpenedCorpus(corpus, notes, plan === 'pending' ? 'skipped' : plan, null, place);
}

export interface IndexedCorpus {
  corpus: Corpus;
  index: PassageIndex;
  cache: CacheUse;
  /** With writeInBackground, when the cache is being written: settles once it is (never rejects). */
  written?: Promise<'written' | 'unavailable'>;
  /**
   * One line each, for the user: a cache file or folder not used and why, with the fix. Only
   * for corpora large enough to be cached (a small one never reads the cache, so has nothing to say).
   */
  notes: string[];
}

/** The corpus under `root` and its index at once (the cache written, or being written, when it should be). */
export async function loadIndexedCorpus(root: string, options: OpenOptions = {}): Promise<IndexedCorpus> {
  const opened = await openCorpus(root, options);
  const index = opened.buildIndex();
  return { corpus: opened.corpus, index, cache: opened.cache, ...(opened.written ? { written: opened.written } : {}), notes: opened.notes };
}
