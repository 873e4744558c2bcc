/**
 * Date stamps: the lines a page puts around an article ("Published on Friday, 27 September 2013",
 * "Mar. 8 5:46 PM EST", "11 November 2011 Last updated at 12:41 GMT", "Posted by Jane Roe on
 * May 3, 2013"). They say when a page was written or changed, not when anything happened: their
 * days are no event's, and the line states no claim. Sources stamped on different days do not
 * disagree.
 */
import { MONTHS, MONTH_ABBREVIATIONS, WEEKDAYS, WEEKDAY_ABBREVIATIONS } from '../text/calendar.js';

/** A stamp is short: a sentence this long says something. */
const LONGEST_STAMP = 90;
/** Words a stamp is made of besides its date: what happened to the page, and the time's parts and zones. */
const STAMP_WORDS = new Set(
  (
    'published posted updated update last modified created first on at by am pm a.m p.m a.m. p.m. ' +
    'gmt utc est edt cst cdt mst mdt pst pdt et ct mt pt ist cest cet bst aest aedt hkt jst'
  ).split(' '),
);
/** Words that make the rest of a stamp its author's name ("Posted by Jane Roe on ..."). */
const BYLINE_WORDS = new Set(['posted', 'published', 'by']);
const CALENDAR = new Set(
  [...MONTHS, ...MONTH_ABBREVIATIONS, ...WEEKDAYS, ...WEEKDAY_ABBREVIATIONS].map((word) => word.toLowerCase()),
);
/** The words of a byline's name: at most three. */
const NAME_WORDS = 3;

/** Whether a passage is a date stamp: a date or a time, and besides it only a stamp's words (and a byline's name). */
export function isDateStamp(text: string): boolean {
  if (text.length > LONGEST_STAMP || !/\d/.test(text)) return false;
  const words = text.match(/[\p{L}][\p{L}.'’-]*/gu) ?? [];
  const rest = words.filter((word) => {
    const bare = word.toLowerCase().replace(/\.$/, '');
    return !STAMP_WORDS.has(bare) && !STAMP_WORDS.has(word.toLowerCase()) && !CALENDAR.has(bare) && !/^(?:st|nd|rd|th)$/.test(bare);
  });
  if (rest.length === 0) return true;
  const byline = words.some((word) => BYLINE_WORDS.has(word.toLowerCase()));
  return byline && rest.length <= NAME_WORDS && rest.every((word) => /^\p{Lu}/u.test(word));
}
