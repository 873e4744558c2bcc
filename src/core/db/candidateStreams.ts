/**
 * A search's candidate streams read into its best hits: each stream is a cursor over passages in
 * order of a lower bound of their score, read a page at a time; the client scores each page with
 * Fuse.js and keeps the best, and stops reading a stream once its next bound cannot enter them.
 */
import { filtersTest, type QueryTerm } from '../query.js';
import { BOUND_MARGIN, scoreLooseRecords, type PassageRecord } from '../search/fuseAdapter.js';
import type { Scoring, SearchHit } from '../search/hits.js';
import { scoringOf } from '../search/passageIndex.js';
import type { ArchiveSearchWork, SearchSession } from './archiveSearch.js';
import { passageOf, type PassageRow } from './rows.js';

/** One candidate passage as a stream returns it. */
export interface CandidateRow extends PassageRow {
  seq: number;
  title: string;
  walk_key: string;
  record: number | null;
  bound: number;
}

/** A hit with the corpus order of its passage, which breaks ties as passage ids do in memory. */
interface RankedHit {
  hit: SearchHit;
  walkKey: Buffer;
  record: number;
  seq: number;
}

function compareRanked(a: RankedHit, b: RankedHit): number {
  if (a.hit.score !== b.hit.score) return a.hit.score < b.hit.score ? -1 : 1;
  return Buffer.compare(a.walkKey, b.walkKey) || a.record - b.record || a.seq - b.seq;
}

/**
 * The best hits so far, in Fuse.js's order: the best `limit` decide which candidates are still
 * worth reading; up to `kept` are held, so that when every candidate was read the longer lists
 * lookFurther asks for are already here.
 */
class Ranked {
  readonly hits: RankedHit[] = [];
  constructor(
    public limit: number,
    readonly kept: number,
  ) {}
  get worst(): number | undefined {
    return this.hits.length >= this.limit ? this.hits[this.limit - 1]!.hit.score : undefined;
  }
  keep(ranked: RankedHit): void {
    let low = 0;
    let high = this.hits.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compareRanked(this.hits[middle]!, ranked) < 0) low = middle + 1;
      else high = middle;
    }
    if (low >= this.kept) return;
    this.hits.splice(low, 0, ranked);
    if (this.hits.length > this.kept) this.hits.pop();
  }
}

let cursorNumber = 0;

/** Candidates in order of their bound, a page at a time, from a cursor opened on first use. */
export class CandidateStream {
  /** No candidate still to come has a lower bound than this. */
  floor: number;
  done = false;
  /** Opened with a norm range that only the best list of that moment allowed: it cannot be read on for a longer list. */
  narrowed = false;
  private readonly cursor = `crosscheck_candidates_${++cursorNumber}`;
  private opened = false;
  private pageSize: number;

  constructor(
    private readonly session: SearchSession,
    private readonly work: ArchiveSearchWork,
    /** The statement, written when the stream is first asked, knowing the worst score the best list then holds. */
    private readonly statement: (worst: number | undefined) => { text: string; values: unknown[]; narrowed: boolean },
    floor: number,
    limit: number,
  ) {
    this.floor = floor;
    // A stream no candidate can reach (the fuzzy tier of a query without edits) is never asked.
    this.done = floor === Number.POSITIVE_INFINITY;
    this.pageSize = Number.isFinite(limit) ? Math.min(1024, Math.max(64, Math.ceil(limit * 1.25))) : 4096;
  }

  async page(worst: number | undefined): Promise<CandidateRow[]> {
    if (!this.opened) {
      this.work.statements++;
      const { text, values, narrowed } = this.statement(worst);
      this.narrowed = narrowed;
      await this.session.query(`DECLARE ${this.cursor} NO SCROLL CURSOR FOR ${text}`, values);
      this.opened = true;
    }
    this.work.statements++;
    const rows = await this.session.query<CandidateRow>(`FETCH ${this.pageSize} FROM ${this.cursor}`);
    this.work.rowsRead += rows.length;
    if (rows.length < this.pageSize) this.done = true;
    if (rows.length > 0) this.floor = Math.max(this.floor, rows[rows.length - 1]!.bound * BOUND_MARGIN);
    // Pages further down the bounds hold fewer hits that make the cut.
    this.pageSize = Math.min(this.pageSize * 2, 8192);
    return rows;
  }
}

export interface Plan {
  streams: CandidateStream[];
  /** Fuse.js's query, or null for a query of exclusions only (every surviving passage, in corpus order, scores 0). */
  fuseQuery: string | null;
  filters: readonly QueryTerm[];
  positive: readonly QueryTerm[];
}

/**
 * A search's streams read into its best hits, in Fuse.js's order (title-only hits mixed in), as
 * PassageIndex.rankedSearch gives them: `read(limit)` reads until no stream can improve the best
 * `limit`. Every hit read is kept up to `kept`, so reading on for a longer list gives what a
 * search for it would, as long as no stream was cut to the shorter list (`extendable`).
 */
export class Ranking {
  private readonly best: Ranked;
  private readonly scoring: Scoring | null;
  private readonly passes: (text: string) => boolean;
  private ids = 0;

  constructor(
    private readonly plan: Plan,
    private readonly work: ArchiveSearchWork,
    limit: number,
    kept: number,
  ) {
    this.best = new Ranked(limit, Math.max(limit, kept));
    this.scoring = plan.fuseQuery === null ? null : scoringOf(plan.positive, plan.fuseQuery);
    this.passes = filtersTest(plan.filters);
  }

  get extendable(): boolean {
    return this.plan.streams.every((stream) => !stream.narrowed);
  }

  async read(limit: number): Promise<SearchHit[]> {
    const { best, plan, scoring, passes } = this;
    best.limit = limit;
    for (;;) {
      const worst = best.worst;
      const open = plan.streams.filter((stream) => !stream.done && (worst === undefined || stream.floor <= worst));
      if (open.length === 0) break;
      const next = open.reduce((a, b) => (b.floor < a.floor ? b : a));
      const rows = (await next.page(worst)).filter((row) => passes(row.text));
      const passages = rows.map((row) => passageOf(row, this.ids++));
      const rank = (hit: SearchHit, row: CandidateRow): RankedHit => ({ hit, walkKey: Buffer.from(row.walk_key), record: row.record ?? -1, seq: row.seq });
      if (scoring === null) {
        rows.forEach((row, at) => best.keep(rank({ passage: passages[at]!, score: 0, matches: [], titleOnly: false }, row)));
        continue;
      }
      this.work.scored += rows.length;
      const records: PassageRecord[] = rows.map((row) => ({ text: row.text, title: row.title, source: row.source }));
      for (const { at, hit } of scoreLooseRecords(passages, records, scoring)) best.keep(rank(hit, rows[at]!));
    }
    return best.hits.slice(0, limit).map(({ hit }) => hit);
  }
}
