/**
 * Everything crosscheck knows about Fuse.js: the options passages are scored with, the layout of
 * Fuse.js's index records (rebuilt from stored field norms), its score formula (which the
 * best-first search bounds), and its match ranges. The rest of the search treats Fuse.js as a
 * function from passage ids to scored hits.
 */
import Fuse, { type FuseIndex, type FuseResult, type IFuseOptions } from 'fuse.js';
import { mergeRanges, occurrenceRanges, type Range } from '../ranges.js';
import type { Steps } from '../slices.js';
import type { Passage } from '../types.js';
import type { Scoring, SearchHit } from './hits.js';

/** What Fuse.js sees of a passage. */
export interface PassageRecord {
  text: string;
  title: string;
  source: string;
}

const KEY_WEIGHTS = { text: 3, title: 1, source: 0.5 } as const;

const FUSE_OPTIONS: IFuseOptions<PassageRecord> = {
  keys: [
    { name: 'text', weight: KEY_WEIGHTS.text },
    { name: 'title', weight: KEY_WEIGHTS.title },
    { name: 'source', weight: KEY_WEIGHTS.source },
  ],
  includeScore: true,
  includeMatches: true,
  // Passages are sentences: where in the sentence a word appears says nothing about relevance.
  ignoreLocation: true,
  // Strict enough that three-letter terms do not match everything, loose enough for a typo or two.
  threshold: 0.3,
  // Single scattered characters are noise in highlights.
  minMatchCharLength: 2,
  useExtendedSearch: true,
};

/** Scores alone: Fuse.js's scores do not depend on includeMatches. */
const SCORE_ONLY_OPTIONS: IFuseOptions<PassageRecord> = { ...FUSE_OPTIONS, includeMatches: false };

export const THRESHOLD = FUSE_OPTIONS.threshold ?? 0.6;

/** Positions of the keys in Fuse.js's records, and in the stored norms of each passage. */
export const TEXT_KEY = 0;
export const TITLE_KEY = 1;
export const SOURCE_KEY = 2;
export const KEY_COUNT = 3;

/** Fuse.js normalises key weights to sum to 1; a key's share is the exponent of its score. */
const KEY_WEIGHT_SUM = KEY_WEIGHTS.text + KEY_WEIGHTS.title + KEY_WEIGHTS.source;
export const TEXT_WEIGHT = KEY_WEIGHTS.text / KEY_WEIGHT_SUM;
export const TITLE_WEIGHT = KEY_WEIGHTS.title / KEY_WEIGHT_SUM;
export const SOURCE_WEIGHT = KEY_WEIGHTS.source / KEY_WEIGHT_SUM;
/** Fuse.js's own floor for a perfect key score (it raises 0 to this before weighting). */
const PERFECT_SCORE = Number.EPSILON;
/** Bounds are computed the way Fuse.js computes scores, but not in the same order: keep a margin. */
export const BOUND_MARGIN = 1 - 1e-9;

/**
 * Fuse.js's factor for one key of a record: the key's own score raised to the key's weight times
 * the field's length norm. A record's score is the product of its keys' factors.
 */
export function keyFactor(keyScore: number, weight: number, norm: number): number {
  return Math.pow(keyScore === 0 ? PERFECT_SCORE : keyScore, weight * norm);
}

/** Fuse.js rounds field norms to three decimals: norm n is slot n * (NORM_SLOTS - 1) of a table by norm. */
export const NORM_SLOTS = 1001;

/** Factors of one key score by norm slot, with the exact norm each was computed for (NaN: none yet). */
interface FactorTable {
  norms: Float64Array;
  factors: Float64Array;
}

/**
 * keyFactor for one key weight, remembered per key score and norm: a search asks for it once per
 * candidate and document, Math.pow is slow, and the scores and norms it meets are few.
 */
export class KeyFactors {
  private readonly tables = new Map<number, FactorTable>();
  private lastScore = Number.NaN;
  private lastTable: FactorTable = { norms: new Float64Array(0), factors: new Float64Array(0) };

  constructor(private readonly weight: number) {}

  of(keyScore: number, norm: number): number {
    if (keyScore !== this.lastScore) {
      let table = this.tables.get(keyScore);
      if (!table) {
        table = { norms: new Float64Array(NORM_SLOTS).fill(Number.NaN), factors: new Float64Array(NORM_SLOTS) };
        this.tables.set(keyScore, table);
      }
      this.lastScore = keyScore;
      this.lastTable = table;
    }
    const slot = Math.round(norm * (NORM_SLOTS - 1));
    // The slot remembers the exact norm it was computed for: any other value is computed afresh.
    if (this.lastTable.norms[slot] === norm) return this.lastTable.factors[slot]!;
    const factor = keyFactor(keyScore, this.weight, norm);
    if (slot >= 0 && slot < NORM_SLOTS) {
      this.lastTable.norms[slot] = norm;
      this.lastTable.factors[slot] = factor;
    }
    return factor;
  }
}

/** The text norm of passage `id` in norms laid out as IndexParts.norms. */
export function textNorm(norms: Float64Array, id: number): number {
  return norms[id * KEY_COUNT + TEXT_KEY]!;
}

/**
 * Fuse.js hands a field's match ranges on with one spread call (push(...indices)), which
 * overflows the stack past about 100,000 ranges: `'a` in a 1 MB unpunctuated passage did. A
 * passage whose text or title is longer than this is scored without Fuse.js's ranges, and
 * highlighted where the query's words occur as typed, at most HUGE_PASSAGE_RANGES times.
 */
const HUGE_FIELD_LENGTH = 16_384;
const HUGE_PASSAGE_RANGES = 1000;

type IndexRecord = FuseIndex<PassageRecord>['records'][number];
type IndexKeys = FuseIndex<PassageRecord>['keys'];

export function recordOf(passage: Passage, title: string): PassageRecord {
  return { text: passage.text, title, source: passage.source };
}

/** Fuse.js gives inclusive [start, end] pairs; we sort, merge and make them half-open. */
function matchRanges(result: FuseResult<PassageRecord>): Range[] {
  const ranges: Range[] = [];
  for (const match of result.matches ?? []) {
    if (match.key !== 'text') continue;
    for (const [start, end] of match.indices) ranges.push([start, end + 1]);
  }
  return mergeRanges(ranges);
}

function hitOf(passage: Passage, result: FuseResult<PassageRecord>): SearchHit {
  const matches = matchRanges(result);
  return { passage, score: result.score ?? 0, matches, titleOnly: !(result.matches ?? []).some((match) => match.key === 'text') };
}

/** Passage `id`'s Fuse.js index record rebuilt from stored norms (Fuse.parseIndex takes records as they are). */
function recordFromNorms(record: PassageRecord, id: number, norms: Float64Array): IndexRecord {
  const entry: Record<number, { v: string; n: number }> = {};
  const values = [record.text, record.title, record.source];
  for (let key = 0; key < KEY_COUNT; key++) {
    const norm = norms[id * KEY_COUNT + key]!;
    if (!Number.isNaN(norm)) entry[key] = { v: values[key]!, n: norm };
  }
  return { i: id, $: entry };
}

/** Records handed to Fuse.js's index builder between two pauses (a few milliseconds of work). */
const INDEX_CHUNK = 500;

/**
 * Fuse.js's index records of `records`, a chunk at a time with a pause after each: the same
 * records one createIndex call makes, since a field's norm depends on its own value alone.
 */
function* indexRecordsSteps(records: readonly PassageRecord[]): Steps<IndexRecord[]> {
  const indexed: IndexRecord[] = [];
  for (let start = 0; start < records.length; start += INDEX_CHUNK) {
    for (const record of Fuse.createIndex(FUSE_OPTIONS.keys ?? [], records.slice(start, start + INDEX_CHUNK)).records) {
      indexed.push({ ...record, i: record.i + start });
    }
    yield;
  }
  return indexed;
}

/** What FuseScorer.build prepares in steps. */
interface ScorerParts {
  /** Every passage's index record (built from the corpus), or null: rebuilt from `norms` as each is first scored. */
  passageIndexRecords: IndexRecord[] | null;
  norms: Float64Array;
  documentIndexRecords: IndexRecord[];
  huge: ReadonlySet<number>;
}

/** Each record's field norms, KEY_COUNT a record (NaN: an empty field Fuse.js left out). */
function normsOf(records: readonly IndexRecord[], count: number): Float64Array {
  const norms = new Float64Array(count * KEY_COUNT).fill(Number.NaN);
  for (const record of records) {
    for (let key = 0; key < KEY_COUNT; key++) {
      const sub = record.$?.[key];
      if (sub && !Array.isArray(sub)) norms[record.i * KEY_COUNT + key] = sub.n;
    }
  }
  return norms;
}

/**
 * Fuse.js over a corpus's passages, and over its documents' titles and source ids alone (the
 * score of a passage that matches only there). Any subset of records can be scored: the index a
 * Fuse.js instance searches is swapped per call.
 */
export class FuseScorer {
  /** Every passage in one index, made on first use (searchAll). */
  private fuse: Fuse<PassageRecord> | null = null;
  /** The same records, scored through an index swapped per batch of candidates. */
  private readonly batchFuse: Fuse<PassageRecord>;
  /** The same again without match ranges, for huge passages (see HUGE_FIELD_LENGTH). */
  private readonly scoreOnlyFuse: Fuse<PassageRecord>;
  /** Passages whose text or title is longer than HUGE_FIELD_LENGTH. */
  private readonly huge: ReadonlySet<number>;
  /** Each passage's index record; from stored norms, one is made the first time it is scored. */
  private readonly fullRecords: Array<IndexRecord | undefined>;
  private readonly keys: IndexKeys = Fuse.createIndex(FUSE_OPTIONS.keys ?? [], []).keys;
  private readonly documentBatchFuse: Fuse<PassageRecord>;
  private readonly documentIndexRecords: IndexRecord[];
  /** The documents' field norms, laid out as `norms` (read for every document a short term may match). */
  private readonly documentNorms: Float64Array;
  /** Field norms of every passage, as IndexParts stores them. */
  readonly norms: Float64Array;

  /**
   * The scorer, made in steps that pause every few milliseconds (Fuse.js's indexes a chunk of
   * records at a time). `norms` (from the cache) spares Fuse.js measuring every passage again:
   * a passage's record is then rebuilt from them when it is first scored.
   */
  static *build(passages: readonly Passage[], records: readonly PassageRecord[], documentRecords: readonly PassageRecord[], norms?: Float64Array): Steps<FuseScorer> {
    const huge = new Set<number>();
    for (let id = 0; id < records.length; id++) {
      const record = records[id]!;
      if (record.text.length > HUGE_FIELD_LENGTH || record.title.length > HUGE_FIELD_LENGTH) huge.add(id);
      if (id % (INDEX_CHUNK * 16) === 0) yield;
    }
    const documentIndexRecords = yield* indexRecordsSteps(documentRecords);
    const passageIndexRecords = norms ? null : yield* indexRecordsSteps(records);
    return new FuseScorer(passages, records, documentRecords, {
      passageIndexRecords,
      norms: norms ?? normsOf(passageIndexRecords ?? [], records.length),
      documentIndexRecords,
      huge,
    });
  }

  private constructor(
    private readonly passages: readonly Passage[],
    private readonly records: readonly PassageRecord[],
    private readonly documentRecords: readonly PassageRecord[],
    parts: ScorerParts,
  ) {
    this.fullRecords = parts.passageIndexRecords ?? new Array<IndexRecord | undefined>(records.length);
    this.norms = parts.norms;
    this.huge = parts.huge;
    this.documentIndexRecords = parts.documentIndexRecords;
    this.documentNorms = normsOf(parts.documentIndexRecords, documentRecords.length);
    this.batchFuse = this.emptyFuse(records, FUSE_OPTIONS);
    this.scoreOnlyFuse = this.emptyFuse(records, SCORE_ONLY_OPTIONS);
    // Only the documents' scores are used: without ranges, a huge title cannot overflow the stack.
    this.documentBatchFuse = this.emptyFuse(documentRecords, SCORE_ONLY_OPTIONS);
  }

  /** Passage `id`'s index record. */
  private recordOf(id: number): IndexRecord {
    let record = this.fullRecords[id];
    if (!record) {
      record = recordFromNorms(this.records[id]!, id, this.norms);
      this.fullRecords[id] = record;
    }
    return record;
  }

  private wholeFuse(): Fuse<PassageRecord> {
    this.fuse ??= new Fuse(this.records, FUSE_OPTIONS, Fuse.parseIndex<PassageRecord>({ keys: this.keys, records: this.records.map((_, id) => this.recordOf(id)) }));
    return this.fuse;
  }

  /**
   * Every passage through one Fuse.js call, best first: what a plain Fuse.js index does (the
   * benchmark's baseline). Fuse.js cuts its list at `limit` itself unless `filtered` (then `accept` may drop some).
   */
  searchAll(fuseQuery: string, accept: (passage: Passage) => boolean, limit: number, filtered: boolean): SearchHit[] {
    const hits: SearchHit[] = [];
    const results = this.wholeFuse().search(fuseQuery, filtered || !Number.isFinite(limit) ? undefined : { limit });
    for (const result of results) {
      if (hits.length >= limit) break;
      const passage = this.passages[result.refIndex]!;
      if (accept(passage)) hits.push(hitOf(passage, result));
    }
    return hits;
  }

  /** The passages `ids` that match, scored (in no particular order). */
  scoreSlice(scoring: Scoring, ids: readonly number[]): SearchHit[] {
    const hits: SearchHit[] = [];
    const records = ids.filter((id) => !this.huge.has(id)).map((id) => this.recordOf(id));
    for (const result of this.searchRecords(this.batchFuse, this.records, records, scoring.fuseQuery)) {
      hits.push(hitOf(this.passages[result.refIndex]!, result));
    }
    const huge = ids.filter((id) => this.huge.has(id)).map((id) => this.recordOf(id));
    if (huge.length === 0) return hits;
    for (const result of this.searchRecords(this.scoreOnlyFuse, this.records, huge, scoring.fuseQuery)) {
      const passage = this.passages[result.refIndex]!;
      hits.push({ passage, score: result.score ?? 0, matches: occurrenceRanges(passage.text, scoring.highlights, HUGE_PASSAGE_RANGES) });
    }
    return hits;
  }

  /** Fuse.js's scores of documents' titles and sources alone; documents where neither matches are left out. */
  documentScores(fuseQuery: string, documents: readonly number[]): Map<number, number> {
    const records = documents.map((document) => this.documentIndexRecords[document]!);
    return new Map(this.searchRecords(this.documentBatchFuse, this.documentRecords, records, fuseQuery).map((result) => [result.refIndex, result.score ?? 0]));
  }

  /** The norm of document `document`'s title (TITLE_KEY) or source id (SOURCE_KEY); NaN when empty. */
  documentNorm(document: number, key: number): number {
    return this.documentNorms[document * KEY_COUNT + key] ?? Number.NaN;
  }

  /** Document `document`'s title (TITLE_KEY) or source id (SOURCE_KEY), as Fuse.js indexed it. */
  documentValue(document: number, key: number): string {
    const record = this.documentRecords[document]!;
    return key === TITLE_KEY ? record.title : key === SOURCE_KEY ? record.source : record.text;
  }

  private emptyFuse(records: readonly PassageRecord[], options: IFuseOptions<PassageRecord>): Fuse<PassageRecord> {
    return new Fuse(records, options, Fuse.parseIndex<PassageRecord>({ keys: this.keys, records: [] }));
  }

  private searchRecords(fuse: Fuse<PassageRecord>, all: readonly PassageRecord[], records: IndexRecord[], fuseQuery: string): FuseResult<PassageRecord>[] {
    fuse.setCollection(all, Fuse.parseIndex<PassageRecord>({ keys: this.keys, records }));
    return fuse.search(fuseQuery);
  }
}

/**
 * Scores records that belong to no index (the archive's candidates, a page at a time) with the
 * same options as the index, so with the same scores and ranges: Fuse.js's field norms depend on
 * each value alone, not on the collection. `passages[i]` is the passage of `records[i]`.
 */
export function scoreLooseRecords(passages: readonly Passage[], records: readonly PassageRecord[], scoring: Scoring): Array<{ at: number; hit: SearchHit }> {
  const scored: Array<{ at: number; hit: SearchHit }> = [];
  const isHuge = (record: PassageRecord): boolean => record.text.length > HUGE_FIELD_LENGTH || record.title.length > HUGE_FIELD_LENGTH;
  const plain = records.map((record, at) => ({ record, at })).filter(({ record }) => !isHuge(record));
  for (const result of new Fuse(plain.map(({ record }) => record), FUSE_OPTIONS).search(scoring.fuseQuery)) {
    const at = plain[result.refIndex]!.at;
    scored.push({ at, hit: hitOf(passages[at]!, result) });
  }
  const huge = records.map((record, at) => ({ record, at })).filter(({ record }) => isHuge(record));
  if (huge.length === 0) return scored;
  for (const result of new Fuse(huge.map(({ record }) => record), SCORE_ONLY_OPTIONS).search(scoring.fuseQuery)) {
    const at = huge[result.refIndex]!.at;
    const passage = passages[at]!;
    scored.push({ at, hit: { passage, score: result.score ?? 0, matches: occurrenceRanges(passage.text, scoring.highlights, HUGE_PASSAGE_RANGES) } });
  }
  return scored;
}
