/**
 * Checkable facts in a passage: numbers with their qualifiers and what they count, ages,
 * weekdays, dates, names, and the short labels a source puts in quotation marks (“amplifier”).
 *
 * Each fact keeps the content words around it (its context): two facts are compared only when
 * they fill the same slot, and the words around them are what says so ("the House voted
 * Wednesday" and "passed the resolution on Tuesday" share "House"; "Obama said Wednesday" and
 * "the House passed it Tuesday" share nothing and are two events, not a disagreement).
 */
import { MONTHS, MONTH_ABBREVIATIONS, WEEKDAYS } from '../text/calendar.js';
import { isOrganisation, isRoleWord } from '../quotes/names.js';
import { DISCLOSING_VERBS, REPORTING_VERBS } from '../text/reportingVerbs.js';
import { claimStems } from '../text/stems.js';
import { readAges } from './ages.js';
import { isDateStamp } from './stamps.js';
import type { Reading, Token } from './reading.js';
import { countsNothing, distanceFrom, isDirection, isRecord } from './numberSurroundings.js';
import { CALENDAR_WORD, NOT_NAMES, contextAround, contextOf, firstTokenEndingAfter, overlaps, readingOf } from './reading.js';
import type { Fact } from './types.js';

const QUALIFIERS = [
  'more than', 'less than', 'fewer than', 'at least', 'up to', 'just over', 'just under', 'nearly', 'almost', 'about',
  'around', 'some', 'roughly', 'approximately', 'over', 'under', 'only',
];
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const NUMBER = new RegExp(
  `(\\$\\s?)?\\b(?:(${QUALIFIERS.join('|')})\\s+)?(\\$\\s?)?(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)(?:\\s+(thousand|million|billion|trillion))?(?:\\s*(%|percent|per cent))?`,
  'gi',
);
/** Counts below this, written in digits without a scale, are exact. */
const SMALL_COUNT = 100;
/** Clock times ("10:24 a.m.") and scores ("348-77") count nothing comparable. */
const CLOCK = /\b\d{1,2}:\d{2}\b/g;
const WEEKDAY = new RegExp(`\\b(${WEEKDAYS.join('|')})\\b`, 'g');
/** A month ends its word: "Sep" is not the start of "Sept.", nor "August" of "Augusta". */
const MONTH_NAME = `(?:${MONTHS.join('|')}|${MONTH_ABBREVIATIONS.join('|')})\\b\\.?`;
/** "Sept. 11" and "11 September 2001"; in "the 19 Sept. 11 hijackers" the day follows the month. */
const DATE = new RegExp(`\\b(?:(${MONTH_NAME})\\s+(\\d{1,2})(?:,?\\s+(\\d{4}))?|(\\d{1,2})\\s+(${MONTH_NAME})(?!\\.?\\s*\\d{1,2}\\b)(?:\\s+(\\d{4}))?)(?!\\d)`, 'g');
/**
 * A month without a day, after a preposition of time ("available in June", "later on in May",
 * "last March"): its value is the month alone, compared only as a typed claim's (claimDay.ts).
 * Not one a number follows ("May 2010"), nor "May" or "March" without a preposition (a name, a verb).
 */
const MONTH_ONLY = new RegExp(`\\b(?:in|by|until|from|since|during|next|last|this)\\s+(?:early\\s+|late\\s+|mid-?)?(${MONTHS.join('|')})\\b(?![\\s.,]*\\d)`, 'g');
const LABEL = /[“"‘]([^“”"‘’\n]{2,40}?)[”"’]/g;
const CAPITALISED = /\b[\p{Lu}][\p{L}’'-]*(?:\s+(?:of\s+the\s+|of\s+|de\s+|al-)?[\p{Lu}][\p{L}’'-]*)*/gu;
/** Words before a single name that make it a person's ("wife Stacy", "Mr. Cowan", "strongman Muammar"). */
const PERSON_CUES = new Set(
  (
    'mr mrs ms dr sen senator rep representative gov governor president secretary judge justice minister spokesman ' +
    'spokeswoman spokesperson strongman leader chairman chairwoman director wife husband son daughter father mother brother ' +
    'sister attorney lawyer agent officer chief coach general gen lt col sgt'
  ).split(' '),
);
/** Nouns a place's name stands in apposition to or after "of": "Gaza's second largest city, Khan Younis", "the town of Khan Yunis". */
const PLACE_NOUNS = new Set('city town village capital province region district county state suburb port camp island'.split(' '));
/** A dash written as a hyphen before a small word ("Deep Throat-a name borrowed from"): not part of the name. */
const DASHED_WORD = /-(?:a|an|the|and|or|but|who|which|that|as|in|of|to|is|was)$/;
/** First words of place names: "Los Angeles" is a city, not a Mr. Angeles. */
const PLACE_PREFIXES = new Set(['Los', 'Las', 'San', 'Santa', 'New', 'St', 'Fort', 'Port', 'Mount', 'Lake', 'North', 'South', 'East', 'West']);
/** Words before a quoted label that name its slot ("labeled two of President Donald Trump’s tweets “unsubstantiated”"). */
const LABEL_SLOT_WORDS = 8;
/** Of those, the common words nearest the label. */
const LABEL_SLOT_STEMS = 3;

/** The month of a date, spelled out ("Nov." and "November" are one month). */
function monthName(written: string): string {
  const short = written.replace(/\.$/, '').slice(0, 3).toLowerCase();
  return MONTHS.find((month) => month.slice(0, 3).toLowerCase() === short)!.toLowerCase();
}

/**
 * The value of a written number, the unit of its last written digit (its precision), and whether
 * it reads as a round figure ("$43 million", "700,000"), which may have been rounded or cut.
 */
function numberValue(digits: string, scale: string | undefined): { value: number; precision: number; rounded: boolean } {
  const multiplier = scale ? (SCALES[scale.toLowerCase()] ?? 1) : 1;
  const plain = digits.replace(/,/g, '');
  const decimals = plain.includes('.') ? plain.length - plain.indexOf('.') - 1 : 0;
  const trailingZeros = decimals > 0 ? 0 : (/0*$/.exec(plain)?.[0].length ?? 0);
  // "700,000" is written to the hundred thousand; "0" and "10" to the unit and the ten.
  const zeros = Math.min(trailingZeros, plain.replace(/^0+/, '').length - 1);
  return { value: Number(plain) * multiplier, precision: Math.pow(10, zeros - decimals) * multiplier, rounded: scale !== undefined || zeros > 0 };
}

/** The value to twelve significant digits (an integer of twelve digits or fewer is its own: no string round trip). */
function twelveDigits(value: number): number {
  return Number.isInteger(value) && Math.abs(value) < 1e12 ? value : Number(value.toPrecision(12));
}

function isYear(digits: string): boolean {
  return /^(1[89]|20)\d\d$/.test(digits);
}

/**
 * Who acts at a weekday or date: the capitalised words nearest before it (within six words),
 * else just after it (within four): "Twitter" in "On Friday, Twitter said", "Senate" in "the
 * Senate committee said Tuesday". Lowercase, '' when no name is near.
 */
function actorOf(text: string, tokens: readonly Token[], start: number, end: number): string {
  const isName = (token: Token): boolean => {
    const word = text.slice(token.start, token.end).replace(/['’]s$/, '');
    return /^\p{Lu}/u.test(word) && !NOT_NAMES.has(word) && !CALENDAR_WORD.test(word);
  };
  const at = firstTokenEndingAfter(tokens, start);
  let last = at;
  while (last < tokens.length && tokens[last]!.start < end) last++;
  const word = (index: number): string => text.slice(tokens[index]!.start, tokens[index]!.end).replace(/['’]s$/, '').toLowerCase();
  // The whole name ("Harbor Ferry Company"), its words joined by spaces.
  const nameAround = (from: number, step: number, limit: number): string => {
    for (let index = from, seen = 0; index >= 0 && index < tokens.length && seen < limit; index += step, seen++) {
      if (!isName(tokens[index]!)) continue;
      let first = index;
      let last = index;
      while (first > 0 && isName(tokens[first - 1]!)) first--;
      while (last + 1 < tokens.length && isName(tokens[last + 1]!)) last++;
      return Array.from({ length: last - first + 1 }, (_, offset) => word(first + offset)).join(' ');
    }
    return '';
  };
  return nameAround(at - 1, -1, 6) || nameAround(last, 1, 4);
}

/** Does the text read as a headline ("White House Used Bill Clinton to ...")? Its capitals are no names. */
function isHeadline(text: string): boolean {
  const words = text.match(/\b\p{L}{4,}\b/gu) ?? [];
  return words.length >= 4 && words.filter((word) => /^\p{Lu}/u.test(word)).length / words.length > 0.7;
}

/** Is the name at [start, end) a person's: a title or relation before it, "said" next to it, or a first-and-last name? */
function looksLikePerson(text: string, name: string, start: number, end: number): boolean {
  const words = name.split(/\s+/);
  const before = text.slice(Math.max(0, start - 40), start);
  const previous = /([\p{L}.]+)[\s,.]*$/u.exec(before)?.[1]?.replace(/\.$/, '').toLowerCase() ?? '';
  if (previous === 'the' || PLACE_PREFIXES.has(words[0]!) || isOrganisation(name)) return false;
  // "the city, Khan Younis", "the southern town of Khan Yunis".
  const placeNoun = /(\p{L}+)(?:,|\s+of)\s*$/u.exec(before)?.[1]?.toLowerCase();
  if (placeNoun !== undefined && PLACE_NOUNS.has(placeNoun)) return false;
  if (PERSON_CUES.has(previous)) return true;
  const after = text.slice(end, end + 20);
  if (/^[’']?s?\s*,?\s+(said|says|told|added)\b/.test(after) || /\bsaid\s*,?\s*$/.test(before)) return true;
  // "Muammar) al-Qaddafi", "Hua Chunying": a first name and a surname.
  return words.length >= 2 && words.length <= 3 && words.every((word) => /^\p{Lu}\p{Ll}/u.test(word));
}

/** The years a passage names frame its figures: a rate "for 2014" or "last year" is not the rate "from 2007 through 2014". */
function framingYears(text: string): string[] {
  const written = [...new Set([...text.matchAll(/(?<![\d,.$-])(1[89]\d\d|20\d\d)(?!\d|[,.-]\d|\s*(?:%|percent|million|billion))/g)].map((match) => match[1]!))];
  const relative = [...text.matchAll(/\b(last|this|next) (year|month|week)\b/gi)].map((match) => match[0].toLowerCase());
  return [...written, ...relative].sort();
}

/** Words read on each side of a day for what happened then. */
const NEAR_WORDS = 3;
/** Words that make a day the day of a report: "said Monday", "On Friday, the company announced", "in a statement Tuesday". */
const REPORT_WORDS = new Set([...REPORTING_VERBS, ...DISCLOSING_VERBS, 'statement', 'interview', 'announcement']);
/** Words read before a day, and after it within its clause, for a word of reporting. */
const REPORT_BEFORE = 3;
const REPORT_AFTER = 6;
const CLAUSE_BREAK = /[,;:.—–()]/;
/** Words that open another clause after a day, as a comma does. */
const CLAUSE_JOINERS = new Set(['and', 'but', 'while', 'whereas']);

/**
 * Whether the day at [start, end) is the day of a report: a word of reporting just before it, or
 * after it in the same clause ("Strzok was fired Friday, his lawyer said" is the day of the firing).
 * A comma right after a day that opens its sentence closes an opening phrase ("On Friday, Twitter said").
 */
function reportedOn(text: string, tokens: readonly Token[], start: number, end: number): boolean {
  const isReport = (token: Token): boolean => REPORT_WORDS.has(text.slice(token.start, token.end).toLowerCase());
  const at = firstTokenEndingAfter(tokens, start);
  if (tokens.slice(Math.max(0, at - REPORT_BEFORE), at).some(isReport)) return true;
  let next = at;
  while (next < tokens.length && tokens[next]!.start < end) next++;
  const opensSentence = /(?:^|[.!?]\s+)(?:\p{L}+\s+)?$/u.test(text.slice(Math.max(0, start - 40), start));
  for (let index = next, previousEnd = end; index < Math.min(tokens.length, next + REPORT_AFTER); previousEnd = tokens[index]!.end, index++) {
    if (!(index === next && opensSentence) && CLAUSE_BREAK.test(text.slice(previousEnd, tokens[index]!.start))) return false;
    if (isReport(tokens[index]!)) return true;
    // "tweaked his knee last Thursday and coach Sean Payton said": a clause of its own.
    if (CLAUSE_JOINERS.has(text.slice(tokens[index]!.start, tokens[index]!.end).toLowerCase())) return false;
  }
  return false;
}

function readDates(reading: Reading): void {
  const { text, tokens } = reading;
  const day = (kind: 'date' | 'weekday', written: string, value: string, start: number, end: number): Fact => ({
    kind,
    text: written,
    value,
    qualifier: '',
    context: contextAround(reading, start, end),
    actor: actorOf(text, tokens, start, end),
    near: contextOf(text, tokens, start, end, NEAR_WORDS, NEAR_WORDS, true),
    ...(reportedOn(text, tokens, start, end) ? { reported: true } : {}),
  });
  for (const match of text.matchAll(DATE)) {
    const month = monthName(match[1] ?? match[5] ?? '');
    const dayOfMonth = match[2] ?? match[4] ?? '';
    const year = match[3] ?? match[6];
    const end = match.index + match[0].length;
    reading.facts.push(day('date', match[0], `${month} ${Number(dayOfMonth)}${year ? ` ${year}` : ''}`, match.index, end));
    reading.taken.push([match.index, end]);
  }
  for (const match of text.matchAll(MONTH_ONLY)) {
    const month = match[1]!;
    const start = match.index + match[0].length - month.length;
    if (overlaps(reading, start, start + month.length)) continue;
    reading.facts.push(day('date', month, month.toLowerCase(), start, start + month.length));
  }
  for (const match of text.matchAll(WEEKDAY)) {
    const end = match.index + match[0].length;
    reading.facts.push(day('weekday', match[0], match[0].toLowerCase(), match.index, end));
  }
}

/** The measure after a hyphen ("-page indictment", "-member council"); not "-to-" of a score nor a name ("-Schmidt"). */
const HYPHENATED_MEASURE = /^-(?!to-|plus\b|and\b|or\b)(\p{Ll}{3,})\b(?!-\d)/u;

function readNumbers(reading: Reading, years: string[], exactCounts: boolean): void {
  const { text, tokens } = reading;
  for (const match of text.matchAll(NUMBER)) {
    const [whole, dollarBefore, qualifier, dollarAfter, digits = '', scale, percent] = match;
    const digitsAt = match.index + whole.indexOf(digits, (dollarBefore?.length ?? 0) + (qualifier?.length ?? 0));
    const start = qualifier || dollarBefore || dollarAfter ? match.index : digitsAt;
    const end = match.index + whole.length;
    if (overlaps(reading, digitsAt, end)) continue;
    // A number glued to letters or a hyphen ("COVID-19", "20-episode", "348-77"), or to a slash or a
    // colon ("03/14/2013", "06:37:46", "24/7"), names a thing, a date or a time; it counts nothing.
    const before = text[digitsAt - 1] ?? ' ';
    const after = text[end] ?? ' ';
    // A count of a measure written as one word ("a 48-page indictment") counts that measure.
    const measure = after === '-' && !scale && !percent ? HYPHENATED_MEASURE.exec(text.slice(end))?.[1] : undefined;
    if (/[\p{L}\-/:]/u.test(before) || (/[\p{L}-]/u.test(after) && measure === undefined) || (/[/:]/.test(after) && /\d/.test(text[end + 1] ?? ''))) continue;
    // Written without "$", "%" or a scale.
    const bare = !dollarBefore && !dollarAfter && !percent && !scale;
    if (countsNothing(text, start, end, bare)) continue;
    if (isYear(digits) && !qualifier && bare) {
      reading.facts.push({ kind: 'date', text: digits, value: digits, qualifier: '', context: contextAround(reading, digitsAt, end) });
      continue;
    }
    const written = numberValue(digits, scale);
    // What the number counts: money, a percentage, or the words right after it ("170,000 accounts").
    const after3 = contextOf(text, tokens, digitsAt, end, 0, 3);
    // A direction after a distance says where, not what is counted: "1,500 kilometers south" and "940 miles south" count different units.
    const counted = after3.filter((stem) => !isDirection(stem));
    const unit = dollarBefore || dollarAfter ? ['$'] : percent ? ['%'] : measure !== undefined ? [...claimStems(measure), ...counted].slice(0, 2) : counted.slice(0, 2);
    // A small count is exact ("20 monthly payments" is not 24 rounded), unlike a sum or a share ("$20", "20%").
    const smallCount = exactCounts && unit[0] !== '$' && unit[0] !== '%' && !scale && Number.isInteger(written.value) && written.value < SMALL_COUNT;
    const { value, precision, rounded } = smallCount ? { value: written.value, precision: 1, rounded: false } : written;
    const from = distanceFrom(text, end);
    const record = isRecord(text, start);
    reading.facts.push({
      kind: 'number',
      text: whole.trim(),
      value: `${twelveDigits(value)}${percent ? '%' : ''}`,
      qualifier: (qualifier ?? '').toLowerCase(),
      context: contextAround(reading, start, end),
      unit,
      precision,
      rounded,
      years,
      ...(from !== undefined ? { from } : {}),
      ...(record ? { record } : {}),
    });
  }
}

/** Counts spelled out ("five people", "two weeks", "three-hour"): "one" is left out, as often "one of" as a count. */
const SPELLED: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};
const CAPITALISED_OR_NOT = (word: string): string => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`;
/** A spelled count and the lowercase word it counts, right after it. */
const SPELLED_COUNT = new RegExp(
  `\\b(?:(${QUALIFIERS.map(CAPITALISED_OR_NOT).join('|')})\\s+)?(${Object.keys(SPELLED).map(CAPITALISED_OR_NOT).join('|')})[\\s-]+(\\p{Ll}{3,})\\b`,
  'gu',
);
/** Words after a spelled number that are not what it counts ("two of them", "three times", "five more"). */
const NOT_COUNTED = new Set(['the', 'and', 'but', 'for', 'who', 'had', 'have', 'has', 'was', 'were', 'are', 'more', 'other', 'others', 'time', 'times']);

function readSpelledCounts(reading: Reading, years: string[]): void {
  const { text, tokens } = reading;
  for (const match of text.matchAll(SPELLED_COUNT)) {
    const [whole, qualifier, word = '', noun = ''] = match;
    if (NOT_COUNTED.has(noun)) continue;
    const numberAt = match.index + whole.indexOf(word, qualifier?.length ?? 0);
    const end = numberAt + word.length;
    // A part, an increment, a span back from the day of writing ("eight days ago", "the past three weeks").
    if (overlaps(reading, match.index, end) || countsNothing(text, match.index, end, false)) continue;
    // What it counts: the word after it, then the words after that (as for "48-page").
    const unit = [...claimStems(noun), ...contextOf(text, tokens, numberAt, end + 1 + noun.length, 0, 3)].slice(0, 2);
    reading.facts.push({
      kind: 'number',
      text: text.slice(match.index, end),
      value: String(SPELLED[word.toLowerCase()]),
      qualifier: (qualifier ?? '').toLowerCase(),
      context: contextAround(reading, match.index, end),
      unit,
      precision: 1,
      rounded: false,
      years,
    });
  }
}

function readLabels(reading: Reading): void {
  const { text, tokens } = reading;
  for (const match of text.matchAll(LABEL)) {
    const words = match[1]!.trim().split(/\s+/);
    const value = match[1]!.trim().toLowerCase().replace(/[.,;:!?]+$/, '');
    // The slot a label fills is named by the words just before it ("labelled two of them as “misleading”").
    // Longer quotations are quotes, not labels; the slot is a common word ("labelled"), not a name.
    if (words.length <= 2) {
      const slot = contextOf(text, tokens, match.index, match.index + match[0].length, LABEL_SLOT_WORDS, 0, true).slice(-LABEL_SLOT_STEMS);
      reading.facts.push({ kind: 'label', text: match[0], value, qualifier: '', context: slot });
    }
  }
}

function readNames(reading: Reading, withContext: boolean): void {
  const { text, facts } = reading;
  const named = new Set<string>();
  for (const match of text.matchAll(CAPITALISED)) {
    const words = match[0].split(/\s+/).filter((word) => !NOT_NAMES.has(word));
    while (words.length > 0 && /^(of|the|de)$/.test(words[0]!)) words.shift();
    // A title opening a sentence is capitalised but not part of the name ("Spokeswoman Maria
    // Fernandez" is the Maria Fernandez another source names): it only says a person is named.
    let titled = false;
    while (words.length > 2 && isRoleWord(words[0]!)) {
      words.shift();
      titled = true;
    }
    const name = words.join(' ').replace(DASHED_WORD, '').replace(/['’]s?$/, '');
    if (name.length < 3 || named.has(name)) continue;
    named.add(name);
    const start = match.index + match[0].indexOf(words[0] ?? '');
    const end = start + name.length;
    facts.push({ kind: 'name', text: name, value: name, qualifier: '', context: withContext ? contextAround(reading, start, end) : [], person: titled || looksLikePerson(text, name, start, end) });
  }
}

/** What a reading of a text may leave out. */
export interface FactReading {
  /**
   * The words around each name (default: read). No conflict check reads them (two names are
   * compared by their spelling alone) and names are most of a passage's facts: the claims map,
   * which only checks conflicts, leaves them out; Compare shows them.
   */
  nameContexts?: boolean;
  /**
   * Counts as a typed claim's carriers are read (default: so): counts written as words ("five
   * people") and small counts in digits as exact ("20 payments" is not 24 rounded). The claims map
   * reads neither: its rows pair passages loosely, and on every BASIL and ECB+ map most of the
   * disagreements they made were two different counts (a box score's 14 points beside another's 16).
   */
  exactCounts?: boolean;
}

/** Texts read for all their facts since the program started: tests bound the work with it. */
export const factCounters = { textsRead: 0 };

export function extractFacts(text: string, options: FactReading = {}): Fact[] {
  factCounters.textsRead++;
  // A date stamp ("Published on Friday, 27 September 2013") gives the page's day, no event's.
  if (isDateStamp(text)) return [];
  const reading = readingOf(text);
  for (const match of text.matchAll(CLOCK)) reading.taken.push([match.index, match.index + match[0].length]);
  const years = framingYears(text);
  readDates(reading);
  readAges(reading, years);
  const exactCounts = options.exactCounts ?? true;
  readNumbers(reading, years, exactCounts);
  if (exactCounts) readSpelledCounts(reading, years);
  readLabels(reading);
  if (!isHeadline(text)) readNames(reading, options.nameContexts ?? true);
  return reading.facts;
}

/** A month without a day ("in June"): its value is the month's name alone. */
export function isMonthOnly(fact: Fact): boolean {
  return fact.kind === 'date' && /^\p{L}+$/u.test(fact.value);
}

/** A day fact: a weekday, or a date of a month (not a bare year). */
export function isDayFact(fact: Fact): boolean {
  return fact.kind === 'weekday' || (fact.kind === 'date' && /\s/.test(fact.value));
}

/**
 * The text's day facts, as extractFacts gives them (filtered with isDayFact), read alone: they
 * are read first and nothing else read affects them.
 */
export function extractDays(text: string): Fact[] {
  if (isDateStamp(text)) return [];
  const reading = readingOf(text);
  readDates(reading);
  return reading.facts;
}
