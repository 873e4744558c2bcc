/**
 * The words around a number that say what it is: nothing comparable (a part, a rank, a span back
 * from the day of writing, a clock time, a model's name), a record, or a distance from a place.
 * Read by facts.ts for each number it finds.
 */
import { claimStems } from '../text/stems.js';
import { CALENDAR_WORD, NOT_NAMES } from './reading.js';

/**
 * A count of a part or an increment ("his first 17 passes", "the last 10 games", "another 5
 * people") is not the total another source gives ("completed 29 of 34 passes"), and a span back
 * from the day of writing in days or hours ("began 12 days ago") differs between reports written
 * a day apart: neither is read as a figure. Weeks ago ("wed about three weeks ago" / "about two
 * weeks ago") do not drift so.
 */
const PART_OR_RELATIVE_BEFORE = /\b(?:first|last|final|next|past|previous|another|other)\s+$/i;
const RELATIVE_AFTER = /^\s+(?:hours|days)\s+ago\b/i;
/** A rank ("the No. 2 job", "No. 3 position") and a clock time written in four digits ("until about 1630 GMT") count nothing. */
const RANK_BEFORE = /\bNo\.\s*$/;
const CLOCK_AFTER = /^\s*(?:GMT|UTC|hrs\b|hours\b|local time)/;

/** A record a figure is said to have broken or held ("broke Newton's record of 4,051", "the mark of 2,290"): not the new figure. */
const RECORD_BEFORE = /\b(?:record|mark)\s+(?:of|at|was|is|had been)\s+$/i;
/** Stems of compass directions (stems.ts folds "north-northeast" into its parts). */
const DIRECTIONS = new Set([...claimStems('north south east west northeast northwest southeast southwest northern southern eastern western')]);
/** The place a distance is measured from ("about 14 miles north-northeast of Healdsburg"), read within this many characters. */
const DISTANCE_REACH = 120;
const DISTANCE_FROM = /^\s*(?:miles?|kilomet(?:er|re)s?|km)\b[^.;\d]{0,40}?\b(?:of|from)\s+((?:the\s+)?\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*)/u;

/**
 * Whether the number at `start` is part of a name ("IE 7", "AK 47 rifles", "Route 94", "Boeing
 * 747"): right after a capitalised word, with nothing between, that is in capitals or does not
 * open its sentence ("Only 5 people" counts).
 */
function namesAModel(text: string, start: number): boolean {
  const word = /(\S+) $/u.exec(text.slice(Math.max(0, start - 40), start))?.[1];
  if (word === undefined || !/^\p{Lu}\p{L}*$/u.test(word) || NOT_NAMES.has(word) || CALENDAR_WORD.test(word)) return false;
  if (/^\p{Lu}{2,}$/u.test(word)) return true;
  const wordStart = start - 1 - word.length;
  const before = text.slice(Math.max(0, wordStart - 3), wordStart);
  const opensSentence = (wordStart <= 3 && before.trim() === '') || /[.!?:;"“(]\s*$/.test(before);
  return !opensSentence;
}

/**
 * Whether the number at [start, end) counts nothing another source's figure could dispute. `bare`:
 * written without "$", "%" or a scale (a sum or a share names nothing: "For Cutting $800 Billion").
 */
export function countsNothing(text: string, start: number, end: number, bare: boolean): boolean {
  if (PART_OR_RELATIVE_BEFORE.test(text.slice(Math.max(0, start - 12), start)) || RELATIVE_AFTER.test(text.slice(end, end + 16))) return true;
  if (RANK_BEFORE.test(text.slice(Math.max(0, start - 8), start)) || CLOCK_AFTER.test(text.slice(end, end + 12))) return true;
  return bare && namesAModel(text, start);
}

export function isRecord(text: string, start: number): boolean {
  return RECORD_BEFORE.test(text.slice(Math.max(0, start - 24), start));
}

export function isDirection(stem: string): boolean {
  return DIRECTIONS.has(stem);
}

/** The place, lowercase, the distance ending at `end` is measured from, if it names one. */
export function distanceFrom(text: string, end: number): string | undefined {
  return DISTANCE_FROM.exec(text.slice(end, end + DISTANCE_REACH))?.[1]?.trim().toLowerCase();
}
