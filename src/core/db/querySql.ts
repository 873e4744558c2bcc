/**
 * The query language (query.ts) in SQL, for the archive: which passages may match (a superset,
 * found through the pg_trgm GIN index: ILIKE for text that must appear as typed, word similarity
 * `%>` for fuzzy terms that allow edits), and a lower bound of the Fuse.js score each can reach, so
 * the best can be fetched first and Fuse.js, on the client, has the last word. Every value the
 * user typed is a bound parameter; only column names and numbers the program computes are
 * written into the SQL text.
 */
import { maxErrors } from '../prefilter.js';
import type { QueryAlternative, QueryTerm } from '../query.js';
import { SOURCE_WEIGHT, TEXT_WEIGHT, THRESHOLD, TITLE_WEIGHT } from '../search/fuseAdapter.js';

/** The values of one statement, numbered as they are added. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The word similarity (pg_trgm) a fuzzy term needs for a word to be proposed. Word similarity is
 * shared trigrams over all trigrams of the term and the stretch of text it is matched against;
 * the term padded has L + 1 trigrams, and each of `budget` edits takes at most three from the
 * shared and adds at most three to the others: (L + 1 - 3 * budget) / (L + 1 + 3 * budget), at
 * least MIN_WORD_SIMILARITY. A match inside a longer word, with edits, can share fewer: Fuse.js
 * finds it in memory, the archive may not (the agreement bench measures how often that changes a
 * top 20).
 */
const MIN_WORD_SIMILARITY = 0.2;

function similarityNeeded(alternative: QueryAlternative): number {
  const padded = alternative.literal.length + 1;
  const edits = 3 * editBudget(alternative);
  return Math.max(MIN_WORD_SIMILARITY, Math.floor(((padded - edits) / (padded + edits)) * 100) / 100);
}

/** Up to this many edits, the ways to make them are spelled out as one regular expression (two edits: a few hundred). */
const MAX_SPELLED_EDITS = 2;

/** One character of a regular expression matching itself (null: any character; so is one outside ASCII, whose case folding is the locale's). */
function regexCharacter(char: string | null): string {
  if (char === null || char.charCodeAt(0) > 0x7f) return '.';
  return /[a-z0-9]/.test(char) ? char : `\\${char}`;
}

/**
 * A regular expression (PostgreSQL's ARE) matching every text holding a substring within
 * `budget` edits of `literal`: Fuse.js's fuzzy match (Bitap with ignoreLocation). Each edit
 * deletes a character, or puts any one character (null) in place of one or between two.
 */
export function editsPattern(literal: string, budget: number): string {
  let variants = new Set([JSON.stringify([...literal])]);
  for (let edit = 0; edit < budget; edit++) {
    const next = new Set(variants);
    for (const variant of variants) {
      const chars = JSON.parse(variant) as Array<string | null>;
      for (let at = 0; at <= chars.length; at++) {
        next.add(JSON.stringify([...chars.slice(0, at), null, ...chars.slice(at)]));
        if (at === chars.length) continue;
        next.add(JSON.stringify([...chars.slice(0, at), ...chars.slice(at + 1)]));
        next.add(JSON.stringify([...chars.slice(0, at), null, ...chars.slice(at + 1)]));
      }
    }
    variants = next;
  }
  const alternatives = [...variants].map((variant) => (JSON.parse(variant) as Array<string | null>).map(regexCharacter).join('')).filter((alternative) => alternative !== '');
  return `(?:${alternatives.join('|')})`;
}

/** pg_trgm.word_similarity_threshold for a query: the lowest its fuzzy terms need (1 when none has edits). */
export function similarityThreshold(positive: readonly QueryTerm[]): number {
  return Math.min(1, ...positive.flat().filter((alternative) => editBudget(alternative) > 0).map(similarityNeeded));
}

/** Fuse.js's own floor for a perfect key score (keyFactor). */
const PERFECT = Number.EPSILON;

/** One character (code point) outside ASCII: PostgreSQL's `_` matches a code point too. */
const BEYOND_ASCII = /[\u0080-\u{10FFFF}]/gu;

/** LIKE's special characters escaped; outside ASCII any one character, since ILIKE folds ASCII case only in some locales. */
function likeBody(literal: string): string {
  return literal.replace(/[\\%_]/g, (char) => `\\${char}`).replace(BEYOND_ASCII, '_');
}

const isAscii = (text: string): boolean => !new RegExp(BEYOND_ASCII.source, 'u').test(text);

/** What an alternative needs in a field without edits, as an ILIKE pattern (a superset where the literal is not ASCII). */
export function exactPattern({ kind, literal }: QueryAlternative): string {
  const lower = literal.toLowerCase();
  // One character matches only doubled (minMatchCharLength 2, see prefilter.matchWords).
  const body = likeBody(kind === 'fuzzy' && lower.length === 1 ? lower + lower : lower);
  return kind === 'prefix' ? `${body}%` : kind === 'suffix' ? `%${body}` : `%${body}%`;
}

/** Edits Fuse.js allows the alternative (0 for every kind but a fuzzy term of four characters or more). */
export function editBudget({ kind, literal }: QueryAlternative): number {
  return kind === 'fuzzy' && literal.length > 1 ? maxErrors(literal.length, THRESHOLD) : 0;
}

export type Column = 'p.text' | 'd.title' | 'd.source';
export type Tier = 'exact' | 'fuzzy';

/** A query's positive terms as SQL over one statement's parameters. */
export class QuerySql {
  constructor(
    private readonly params: SqlParams,
    private readonly positive: readonly QueryTerm[],
    /** The title words each alternative matches, where the vocabulary served it (vocabulary.ts): its titles are those holding one. */
    private readonly titleWords: ReadonlyMap<QueryAlternative, readonly string[]> = new Map(),
  ) {}

  /** The alternative may match in `column`: as typed ('exact' tier), or also with edits ('fuzzy'). */
  private alternativeMatches(alternative: QueryAlternative, column: Column, tier: Tier): string {
    // Every parameter added is used in the text (PostgreSQL cannot type one that is not).
    const exact = (): string => `${column} ILIKE ${this.params.add(exactPattern(alternative))}`;
    const words = column === 'd.title' ? this.titleWords.get(alternative) : undefined;
    // Exact for a term without spaces: it lies inside one word of the title, as typed or with its edits.
    if (words !== undefined) return `crosscheck_words(d.title) && ${this.params.add(words)}::text[]`;
    if (tier === 'exact' || editBudget(alternative) === 0) return exact();
    const pieces = alternative.literal.toLowerCase().split(/\s+/).filter((piece) => piece !== '');
    // A phrase must hold its longest word as typed, as the in-memory prefilter requires.
    if (pieces.length > 1) return `${column} ILIKE ${this.params.add(`%${likeBody(pieces.reduce((a, b) => (b.length > a.length ? b : a)))}%`)}`;
    const literal = this.params.add(alternative.literal.toLowerCase());
    // A word of letters and digits found as typed, even inside a longer word, shares its inner trigrams: word similarity at
    // least (L - 2) / (L + 1), more than its edits need. So `%>` holds for both ways of matching and stands alone in the
    // AND: the GIN index then intersects every term's trigrams in one scan, instead of the planner choosing one term's
    // candidates (often the most frequent) to check one by one.
    const wordAlone = /^[\p{L}\p{N}]+$/u.test(alternative.literal);
    // A passage's text is left to Fuse.js on the client, which scores every candidate anyway and rejects those that do
    // not match: a regular expression of every way to make two edits costs PostgreSQL hundreds of microseconds a row.
    if (column === 'p.text') return wordAlone ? `${column} %> ${literal}` : `(${exact()} OR ${column} %> ${literal})`;
    // A title or source decides which documents' passages come through the document stream: there each term needs its own
    // threshold, and where the edits are few, a regular expression of every way to make them says exactly which hold.
    // regexp_like, not `~*`: the operator has a planner support function that compiles the expression and runs it over the
    // column's statistics (tens of ms a statement), and the index would turn it into a trigram graph; `%>` already narrows.
    // On the text lowered, case-sensitive: about three times faster than matching case-insensitively (the pattern is
    // lower case and stands '.' for every character outside ASCII, so lowering changes nothing it could match).
    const precise = editBudget(alternative) <= MAX_SPELLED_EDITS ? `regexp_like(lower(${column}), ${this.params.add(editsPattern(alternative.literal.toLowerCase(), editBudget(alternative)))})` : `word_similarity(${literal}, ${column}) >= ${similarityNeeded(alternative)}`;
    return wordAlone ? `(${column} %> ${literal} AND (${exact()} OR ${precise}))` : `(${exact()} OR (${column} %> ${literal} AND ${precise}))`;
  }

  /** Every term may match in `column`. */
  matches(column: Column, tier: Tier): string {
    return this.positive.map((term) => `(${term.map((alternative) => this.alternativeMatches(alternative, column, tier)).join(' OR ')})`).join(' AND ');
  }

  /** The lowest score an alternative can have in `column`: Fuse.js floors a fuzzy match at 0.001; an edit costs 1/length. */
  private lowestScore(alternative: QueryAlternative, column: Column): string {
    const asTyped = alternative.kind === 'fuzzy' ? 0.001 : 0;
    const withEdits = editBudget(alternative) > 0 ? 1 / alternative.literal.length : 1;
    return `CASE WHEN ${column} ILIKE ${this.params.add(exactPattern(alternative))} THEN ${asTyped}::float8 ELSE ${withEdits}::float8 END`;
  }

  /** A lower bound of Fuse.js's factor for `column` when the query matches there (keyFactor in SQL). */
  factor(column: Column): string {
    const terms = this.positive.map((term) => (term.length === 1 ? this.lowestScore(term[0]!, column) : `LEAST(${term.map((alternative) => this.lowestScore(alternative, column)).join(', ')})`));
    const mean = `((${terms.join(' + ')}) / ${this.positive.length}::float8)`;
    const weight = column === 'p.text' ? TEXT_WEIGHT : column === 'd.title' ? TITLE_WEIGHT : SOURCE_WEIGHT;
    return `power(greatest(${mean}, ${PERFECT}::float8), ${weight}::float8 * ${column === 'p.text' ? PASSAGE_NORM : normOf(column)})`;
  }

  /** The document's title or source id may match the whole query (Fuse.js then scores its passages through it). */
  documentMayMatch(): string {
    return `((${this.matches('d.title', 'fuzzy')}) OR (${this.matches('d.source', 'fuzzy')}))`;
  }

  /** A lower bound of the title-and-source factor of a passage's document (1 where neither may match). */
  documentFactor(): string {
    return `(CASE WHEN ${this.matches('d.title', 'fuzzy')} THEN ${this.factor('d.title')} ELSE 1::float8 END) * (CASE WHEN ${this.matches('d.source', 'fuzzy')} THEN ${this.factor('d.source')} ELSE 1::float8 END)`;
  }

  /**
   * Whether every exact-tier passage's text bound depends on its norm alone: each term matches as
   * typed there, so its score is what its alternatives' kind gives (0.001 for a fuzzy word, 0 for
   * the others); where all alike, the shortest passages come first, in the order of the norm index.
   * (The fuzzy tier is not walked in that order: a passage's `%>` costs tens of microseconds, and
   * the planner, which prices it like a comparison, would walk the whole index to find a rare word.)
   */
  uniformExactBound(): boolean {
    const asTypedAlike = (term: QueryTerm): boolean => term.every((alternative) => (alternative.kind === 'fuzzy') === (term[0]!.kind === 'fuzzy'));
    // An edit costs 1 / length: above 1,000 characters that is below a match as typed (0.001).
    return this.positive.every((term) => asTypedAlike(term) && term.every((alternative) => alternative.literal.length <= 1000));
  }

  /** The lowest mean of term scores a passage of `tier` can have (in the exact tier each term matches as typed, in the fuzzy tier one needs an edit). */
  private lowestMean(tier: Tier): number {
    if (tier === 'fuzzy') return Math.min(...this.editCosts()) / this.positive.length;
    const asTyped = (alternative: QueryAlternative): number => Math.min(alternative.kind === 'fuzzy' ? 0.001 : 0, editBudget(alternative) > 0 ? 1 / alternative.literal.length : 1);
    return this.positive.reduce((sum, term) => sum + Math.min(...term.map(asTyped)), 0) / this.positive.length;
  }

  /**
   * Only passages of `tier` whose bound can reach `worst`: the bound is at least the lowest mean
   * raised to the text weight times the norm, so the norm must be at least ln(worst) / (weight *
   * ln(mean)). A range of the norm index, which a late stream (the best list already full) reads
   * instead of every fuzzy match.
   */
  normReaching(tier: Tier, worst: number): string[] {
    const mean = Math.max(this.lowestMean(tier), PERFECT);
    if (!(mean < 1) || !(worst < 1) || !(worst > 0)) return [];
    // Norms are thousandths: the small margin keeps a passage exactly at the edge.
    const least = (Math.log(worst) / (TEXT_WEIGHT * Math.log(mean))) * (1 - 1e-6) - 1e-6;
    return least > 0 ? [`${PASSAGE_NORM} >= ${this.params.add(least)}::float8`] : [];
  }

  private editCosts(): number[] {
    return this.positive.flatMap((term) => term.filter((alternative) => editBudget(alternative) > 0).map((alternative) => 1 / alternative.literal.length));
  }

  /** The best mean a passage can reach when some term needs an edit (the fuzzy tier's first bound, before it is asked). */
  fuzzyTierFloor(): number {
    const editCosts = this.editCosts();
    if (editCosts.length === 0) return Number.POSITIVE_INFINITY;
    // A norm is at most 1; the other terms can score 0.
    return Math.pow(Math.min(...editCosts) / this.positive.length, TEXT_WEIGHT);
  }
}

/** A passage's norm, stored (schema version 5: the generated column `norm`, normOf its text). */
export const PASSAGE_NORM = 'p.norm';

/**
 * Fuse.js's field-length norm (1 / sqrt(tokens between spaces), rounded to three decimals). Runs
 * between single spaces are what Fuse.js's /[^ ]+/g counts; string_to_array counts them several
 * times faster than regexp_count. The passages' generated column `norm` (schema version 5) is
 * this expression of their text.
 */
export function normOf(column: string): string {
  return `(round(1000.0 / sqrt(greatest(cardinality(array_remove(string_to_array(${column}, ' '), '')), 1)))::float8 / 1000)`;
}

/**
 * The text filters (`!not`, `^start`, `end$`; query.filtersTest) as SQL. A term with an
 * exclusion outside ASCII is left to the client, which checks every filter again anyway.
 */
export function filtersSql(params: SqlParams, filters: readonly QueryTerm[]): string[] {
  const conditions: string[] = [];
  for (const term of filters) {
    if (term.some((alternative) => alternative.inverse && !isAscii(alternative.literal))) continue;
    const holds = term.map((alternative) => {
      const body = likeBody(alternative.literal.toLowerCase());
      const pattern = alternative.kind === 'prefix' ? `${body}%` : alternative.kind === 'suffix' ? `%${body}` : `%${body}%`;
      return `${alternative.inverse ? 'NOT ' : ''}p.text ILIKE ${params.add(pattern)}`;
    });
    conditions.push(`(${holds.join(' OR ')})`);
  }
  return conditions;
}

/** Only passages of these sources or this story (search --source, --story). */
export interface ArchiveScope {
  sources?: readonly string[];
  story?: string | null;
}

export function scopeSql(params: SqlParams, scope: ArchiveScope, table: 'p' | 'd'): string[] {
  const conditions: string[] = [];
  if (scope.story !== undefined) conditions.push(`${table}.story = ${params.add(scope.story ?? '')}`);
  if (scope.sources && scope.sources.length > 0) conditions.push(`${table}.source = ANY(${params.add(scope.sources)}::text[])`);
  return conditions;
}

/** The passage columns every stream reads, and the corpus order ties are broken by (the folder walk's order: '/' sorts first). */
const WALK_KEY = "replace(d.path, '/', chr(1))";
export const PASSAGE_SELECT = `SELECT p.story, p.source, p.seq, p.line, p.paragraph, p.sentence, p.start_offset, p.end_offset, p.text, d.title,
  ${WALK_KEY} AS walk_key, d.record`;
/** Documents in corpus order. */
export const DOCUMENT_ORDER = `${WALK_KEY} COLLATE "C", d.record NULLS FIRST`;
export const PASSAGE_FROM = 'FROM passages p JOIN documents d ON d.story = p.story AND d.source = p.source';
export const CORPUS_ORDER = `${WALK_KEY} COLLATE "C", d.record NULLS FIRST, p.seq`;
