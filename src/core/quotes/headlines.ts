/**
 * Lines that are no running text: a headline set in title case, and a scraped page's dateline. Their
 * capitals do not make names.
 */
import { MONTH_ABBREVIATIONS, MONTHS } from '../text/calendar.js';
import type { Token } from './names.js';

/**
 * Whether a line is set in title case, every word of four letters or more capitalised (a headline:
 * "Obama Expresses Outrage Over Orlando Shooting"), where capitalised words in a row are not a name.
 */
function isHeadline(line: string): boolean {
  const words = line.match(/[\p{L}]{4,}/gu) ?? [];
  return (words.length >= 3 && words.every((word) => /^\p{Lu}/u.test(word))) || isDateline(line);
}

/**
 * A month and a day as a line's first or second word ("Posted Oct 26, 2011 8:57 AM CDT", "Published May 05,
 * 2010", "27 NOVEMBER, 2005"); a wrapped line of running text ("said on March 5 that") is not one.
 */
const MONTH_NAMES = [...MONTHS, ...MONTH_ABBREVIATIONS].join('|');
const DATE_IN_LINE = new RegExp(`^\\s*(?:\\S+\\s+)?(?:(?:${MONTH_NAMES})\\.?\\s+\\d{1,2}\\b|\\d{1,2}\\s+(?:${MONTHS.join('|')})\\b)`, 'i');

/**
 * A short line giving a date and nothing in lower case: a dateline a scraped page puts between the
 * headline and the text ("March 7, chairman Derrick Holden-Brown said in answer to" is wrapped text).
 */
function isDateline(line: string): boolean {
  const words = line.split(/\s+/).filter(Boolean);
  return words.length <= 10 && DATE_IN_LINE.test(line) && !words.some((word) => /^\p{Ll}/u.test(word));
}

/** Tokens outside headline lines (each line read once). */
export function outsideHeadlines(text: string, tokens: readonly Token[], headlines: Array<{ start: number; end: number }>): Token[] {
  const kept: Token[] = [];
  let lineEnd = -1;
  let headline = false;
  for (const token of tokens) {
    if (token.start > lineEnd) {
      const lineStart = text.lastIndexOf('\n', token.start) + 1;
      const next = text.indexOf('\n', token.start);
      lineEnd = next === -1 ? text.length : next;
      headline = isHeadline(text.slice(lineStart, lineEnd));
      if (headline) headlines.push({ start: lineStart, end: lineEnd });
    }
    if (!headline) kept.push(token);
  }
  return kept;
}

