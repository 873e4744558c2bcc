/**
 * A passage as the fact readers see it: its word tokens, the facts found so far and the spans
 * they took, and the content words around a span (a fact's context: which slot it fills).
 */
import { MONTHS, MONTH_ABBREVIATIONS, WEEKDAYS } from '../text/calendar.js';
import { claimStems } from '../text/stems.js';
import type { Fact } from './types.js';

/** Weekdays and months say when, not which event: they are left out of a fact's context. */
export const CALENDAR_WORD = new RegExp(`^(${[...WEEKDAYS, ...MONTHS, ...MONTH_ABBREVIATIONS].join('|')})$`);
/**
 * Nor do the words of a time frame: "$38 billion per year" and "$54 billion in revenue last year"
 * share "year", not what they count.
 */
const TIME_WORD = /^(?:per|a|last|this|next|each|every|year|years|month|months|week|weeks|day|days|annual|annually|yearly|today|yesterday|tomorrow)$/i;
/** Capitalised words that open sentences or name days and months: no one's name. */
export const NOT_NAMES = new Set([
  'The', 'A', 'An', 'It', 'In', 'On', 'At', 'But', 'And', 'However', 'This', 'That', 'These', 'Those', 'He', 'She', 'They', 'We',
  'I', 'If', 'As', 'After', 'Before', 'Then', 'There', 'Apart', 'Both', 'Since', 'While', 'Without', 'Later', 'Recently',
  'Originally', 'Previous', 'Next', 'Closer', 'Many', 'Some', 'Be', 'Just', 'Not', 'Nonetheless', 'According', 'Leave', 'Your',
  ...WEEKDAYS,
  ...MONTHS,
]);
/** Words around a fact that say which slot it fills. */
const CONTEXT_WORDS = 6;

export interface Token {
  start: number;
  end: number;
}

/** The first token ending after `offset` (tokens.length when none): tokens are in text order, so a binary search finds it. */
export function firstTokenEndingAfter(tokens: readonly Token[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (tokens[middle]!.end > offset) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The content stems of the words around [start, end), the words of the fact itself left out. */
export function contextOf(text: string, tokens: readonly Token[], start: number, end: number, before = CONTEXT_WORDS, after = CONTEXT_WORDS, commonWordsOnly = false): string[] {
  const first = firstTokenEndingAfter(tokens, start);
  let last = first;
  while (last < tokens.length && tokens[last]!.start < end) last++;
  const words: string[] = [];
  for (let at = Math.max(0, first - before); at < first; at++) words.push(text.slice(tokens[at]!.start, tokens[at]!.end));
  for (let at = last; at < Math.min(tokens.length, last + after); at++) words.push(text.slice(tokens[at]!.start, tokens[at]!.end));
  const kept = words.filter((word) => !CALENDAR_WORD.test(word) && !TIME_WORD.test(word) && !(commonWordsOnly && /^\p{Lu}/u.test(word)));
  return [...claimStems(kept.join(' '))].filter((stem) => !/^\d/.test(stem));
}

/** One passage being read: its word tokens, the facts found so far and the spans they took. */
export interface Reading {
  text: string;
  tokens: Token[];
  facts: Fact[];
  taken: Array<[number, number]>;
}

export function overlaps({ taken }: Reading, start: number, end: number): boolean {
  return taken.some(([from, to]) => start < to && end > from);
}

export function contextAround(reading: Reading, start: number, end: number): string[] {
  return contextOf(reading.text, reading.tokens, start, end);
}

const TOKEN = /[\p{L}\p{N}]+(?:[.,'’-][\p{L}\p{N}]+)*/gu;

export function readingOf(text: string): Reading {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) tokens.push({ start: match.index, end: match.index + match[0].length });
  return { text, tokens, facts: [], taken: [] };
}
