/** Reading publication dates as written by scrapers and archives, only where they are unambiguous. */
import { MONTHS } from '../text/calendar.js';

/** 'jan'..'dec': a month is known by its first three letters, written out or abbreviated. */
const MONTH_PREFIXES = MONTHS.map((month) => month.slice(0, 3).toLowerCase());

function day(year: string, month: number, date: string): string | null {
  const d = Number(date);
  if (month < 1 || month > 12 || d < 1 || d > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function monthNumber(name: string): number {
  return MONTH_PREFIXES.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/**
 * The calendar day (YYYY-MM-DD) a date string names, as written (no time-zone shift): ISO 8601
 * (`2017-11-10`, `2017-11-10T08:00:00Z`), `2017/11/10`, `26-FEB-1987 15:01`, RFC 2822
 * (`Fri, 10 Nov 2017 08:00:00 GMT`), `November 10, 2017`. null for anything else, such as
 * `10/11/2017`, which is the 10th of November or the 11th of October depending on who wrote it.
 */
export function dayOf(date: string | null): string | null {
  if (date === null) return null;
  const text = date.trim();
  let match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?![\d])/.exec(text);
  if (match) return day(match[1]!, Number(match[2]), match[3]!);
  match = /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})[-\s]([A-Za-z]{3,9})\.?[-\s,]+(\d{4})\b/.exec(text);
  if (match) return day(match[3]!, monthNumber(match[2]!), match[1]!);
  match = /^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b/.exec(text);
  if (match) return day(match[3]!, monthNumber(match[1]!), match[2]!);
  return null;
}
