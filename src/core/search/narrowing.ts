/**
 * A query typed on from an earlier one can often be answered from the earlier one's hits instead
 * of the whole corpus, but only where that is provably the same answer. A query matches when all
 * its terms do (each within one key, Fuse.js's extended search, or as a text filter), and a
 * passage's score depends on it and the query alone, so a query holding every term of an earlier
 * one (and more) matches a subset of what the earlier one matched: rescoring the earlier hits
 * gives its answer, when those hits were all the earlier query matched. A term typed longer is
 * not such a narrowing (a fuzzy "oi" does not match every passage "oil" matches within the
 * threshold; a longer `!not` excludes less), so it is searched afresh.
 */
import type { QueryAlternative, QueryTerm } from '../query.js';
import type { SearchHit } from './hits.js';

/** A finished search's answer: every passage its query matched (it stopped short of its limit). */
export interface CompleteAnswer {
  query: string;
  hits: readonly SearchHit[];
}

function sameAlternative(a: QueryAlternative, b: QueryAlternative): boolean {
  return a.pattern === b.pattern && a.literal === b.literal && a.inverse === b.inverse && a.kind === b.kind;
}

function sameTerm(a: QueryTerm, b: QueryTerm): boolean {
  return a.length === b.length && a.every((alternative, index) => sameAlternative(alternative, b[index]!));
}

/** Whether every term of `earlier` is a term of `later`: whatever `later` matches, `earlier` matched. */
export function narrows(earlier: readonly QueryTerm[], later: readonly QueryTerm[]): boolean {
  return earlier.length > 0 && earlier.every((term) => later.some((other) => sameTerm(term, other)));
}

/** How far past `limit` a search looks for hits whose own text matches before title-only ones fill the list. */
export const TITLE_ONLY_LOOKAHEAD = 16;
/** How many times longer a list is fetched at each step of looking further. */
export const LOOK_FURTHER_FACTOR = 4;

/**
 * Whether a list of `fetched` hits ranked in Fuse.js's order should be fetched longer: hits that
 * match only their document's title go after every hit whose own text matches, so while they
 * fill the list, look further down for text hits (a few times the limit at most).
 */
export function lookFurther(hits: readonly SearchHit[], fetched: number, limit: number): boolean {
  return Number.isFinite(limit) && hits.length === fetched && hits.filter((hit) => hit.titleOnly !== true).length < limit && fetched < limit * TITLE_ONLY_LOOKAHEAD;
}

/** The longest list lookFurther has a list of `limit` fetched. */
export function furthestFetch(limit: number): number {
  let fetched = limit;
  while (fetched < limit * TITLE_ONLY_LOOKAHEAD) fetched *= LOOK_FURTHER_FACTOR;
  return fetched;
}
