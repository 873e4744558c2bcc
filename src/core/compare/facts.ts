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
import { isRoleWord } from '../quotes/names.js';
import { claimStems } from '../text/stems.js';
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
/** "60-year-old", "61 years old", "age 61": the same slot, however written. */
const AGE = /\b(?:(\d{1,3})[-\s]years?[-\s]old\b|\b[Aa]ged?\s+(\d{1,3})\b)/g;
/** Clock times ("10:24 a.m.") and scores ("348-77") count nothing comparable. */
const CLOCK = /\b\d{1,2}:\d{2}\b/g;
/** Weekdays and months say when, not which event: they are left out of a fact's context. */
const CALENDAR_WORD = new RegExp(`^(${[...WEEKDAYS, ...MONTHS, ...MONTH_ABBREVIATIONS].join('|')})$`);
/**
 * Nor do the words of a time frame: "$38 billion per year" and "$54 billion in revenue last year"
 * share "year", not what they count.
 */
const TIME_WORD = /^(?:per|a|last|this|next|each|every|year|years|month|months|week|weeks|day|days|annual|annually|yearly|today|yesterday|tomorrow)$/i;
const WEEKDAY = new RegExp(`\\b(${WEEKDAYS.join('|')})\\b`, 'g');
const MONTH_NAME = `(?:${MONTHS.join('|')}|(?:${MONTH_ABBREVIATIONS.join('|')})\\.?)`;
const DATE = new RegExp(`\\b(?:(${MONTH_NAME})\\s+(\\d{1,2})(?:,?\\s+(\\d{4}))?|(\\d{1,2})\\s+(${MONTH_NAME})(?:\\s+(\\d{4}))?)(?!\\d)`, 'g');
const LABEL = /[“"‘]([^“”"‘’\n]{2,40}?)[”"’]/g;
const CAPITALISED = /\b[\p{Lu}][\p{L}’'-]*(?:\s+(?:of\s+the\s+|of\s+|de\s+|al-)?[\p{Lu}][\p{L}’'-]*)*/gu;
const NOT_NAMES = new Set([
  'The', 'A', 'An', 'It', 'In', 'On', 'At', 'But', 'And', 'However', 'This', 'That', 'These', 'Those', 'He', 'She', 'They', 'We',
  'I', 'If', 'As', 'After', 'Before', 'Then', 'There', 'Apart', 'Both', 'Since', 'While', 'Without', 'Later', 'Recently',
  'Originally', 'Previous', 'Next', 'Closer', 'Many', 'Some', 'Be', 'Just', 'Not', 'Nonetheless', 'According', 'Leave', 'Your',
  ...WEEKDAYS,
  ...MONTHS,
]);
/** Words before a single name that make it a person's ("wife Stacy", "Mr. Cowan", "strongman Muammar"). */
const PERSON_CUES = new Set(
  (
    'mr mrs ms dr sen senator rep representative gov governor president secretary judge justice minister spokesman ' +
    'spokeswoman spokesperson strongman leader chairman chairwoman director wife husband son daughter father mother brother ' +
    'sister attorney lawyer agent officer chief coach general gen lt col sgt'
  ).split(' '),
);
/** First words of place names: "Los Angeles" is a city, not a Mr. Angeles. */
const PLACE_PREFIXES = new Set(['Los', 'Las', 'San', 'Santa', 'New', 'St', 'Fort', 'Port', 'Mount', 'Lake', 'North', 'South', 'East', 'West']);
/** Words around a fact that say which slot it fills. */
const CONTEXT_WORDS = 6;
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

interface Token {
  start: number;
  end: number;
}

/** The first token ending after `offset` (tokens.length when none): tokens are in text order, so a binary search finds it. */
function firstTokenEndingAfter(tokens: readonly Token[], offset: number): number {
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
function contextOf(text: string, tokens: readonly Token[], start: number, end: number, before = CONTEXT_WORDS, after = CONTEXT_WORDS, commonWordsOnly = false): string[] {
  const first = firstTokenEndingAfter(tokens, start);
  let last = first;
  while (last < tokens.length && tokens[last]!.start < end) last++;
  const words: string[] = [];
  for (let at = Math.max(0, first - before); at < first; at++) words.push(text.slice(tokens[at]!.start, tokens[at]!.end));
  for (let at = last; at < Math.min(tokens.length, last + after); at++) words.push(text.slice(tokens[at]!.start, tokens[at]!.end));
  const kept = words.filter((word) => !CALENDAR_WORD.test(word) && !TIME_WORD.test(word) && !(commonWordsOnly && /^\p{Lu}/u.test(word)));
  return [...claimStems(kept.join(' '))].filter((stem) => !/^\d/.test(stem));
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
  if (previous === 'the' || PLACE_PREFIXES.has(words[0]!)) return false;
  if (PERSON_CUES.has(previous)) return true;
  const after = text.slice(end, end + 20);
  if (/^[’']?s?\s*,?\s+(said|says|told|added)\b/.test(after) || /\bsaid\s*,?\s*$/.test(before)) return true;
  // "Muammar) al-Qaddafi", "Hua Chunying": a first name and a surname.
  return words.length >= 2 && words.length <= 3 && words.every((word) => /^\p{Lu}\p{Ll}/u.test(word));
}

/** One passage being read: its word tokens, the facts found so far and the spans they took. */
interface Reading {
  text: string;
  tokens: Token[];
  facts: Fact[];
  taken: Array<[number, number]>;
}

function overlaps({ taken }: Reading, start: number, end: number): boolean {
  return taken.some(([from, to]) => start < to && end > from);
}

function contextAround(reading: Reading, start: number, end: number): string[] {
  return contextOf(reading.text, reading.tokens, start, end);
}

/** The years a passage names frame its figures: a rate "for 2014" or "last year" is not the rate "from 2007 through 2014". */
function framingYears(text: string): string[] {
  const written = [...new Set([...text.matchAll(/(?<![\d,.$-])(1[89]\d\d|20\d\d)(?!\d|[,.-]\d|\s*(?:%|percent|million|billion))/g)].map((match) => match[1]!))];
  const relative = [...text.matchAll(/\b(last|this|next) (year|month|week)\b/gi)].map((match) => match[0].toLowerCase());
  return [...written, ...relative].sort();
}

function readDates(reading: Reading): void {
  const { text, tokens } = reading;
  for (const match of text.matchAll(DATE)) {
    const month = monthName(match[1] ?? match[5] ?? '');
    const day = match[2] ?? match[4] ?? '';
    const year = match[3] ?? match[6];
    const end = match.index + match[0].length;
    reading.facts.push({ kind: 'date', text: match[0], value: `${month} ${Number(day)}${year ? ` ${year}` : ''}`, qualifier: '', context: contextAround(reading, match.index, end), actor: actorOf(text, tokens, match.index, end) });
    reading.taken.push([match.index, end]);
  }
  for (const match of text.matchAll(WEEKDAY)) {
    const end = match.index + match[0].length;
    reading.facts.push({ kind: 'weekday', text: match[0], value: match[0].toLowerCase(), qualifier: '', context: contextAround(reading, match.index, end), actor: actorOf(text, tokens, match.index, end) });
  }
}

/** Nouns for people after "a 60-year-old": a woman's age, not a case's. */
const PERSON_NOUNS = new Set(
  (
    'man woman men women boy girl child children kid baby teen teenager son daughter mother father wife husband brother sister ' +
    'grandmother grandfather suspect victim driver resident student worker employee patient defendant inmate prisoner soldier ' +
    'officer veteran nurse doctor teacher pilot farmer mayor senator governor president actor actress singer player star ' +
    'rider climber hiker fan friend neighbor neighbour owner gunman shooter killer widow widower retiree person people'
  ).split(' '),
);
/** Words right after "the 60-year-old" that make it a person standing alone ("the 60-year-old was charged"). */
const AFTER_PERSON = new Set(['was', 'is', 'had', 'has', 'said', 'says', 'died', 'who', 'will', 'would', 'faces', 'pleaded']);
/** Words read after a hyphenated age for the noun it describes ("a 60-year-old retired nurse"). */
const AGE_HEAD_WORDS = 3;

/**
 * Whether a hyphenated age ("41-year-old") is a person's: the noun it describes is a person, a
 * name, or it stands alone as the subject. "A 41-year-old double murder case" is not anyone's age.
 */
function agesPerson(text: string, end: number): boolean {
  const words = text.slice(end, end + 80).match(/[\p{L}']+|[,.;:]/gu) ?? [];
  const first = words[0];
  if (first === undefined || /^[,.;:]$/.test(first) || /^\p{Lu}/u.test(first) || AFTER_PERSON.has(first)) return true;
  return words.slice(0, AGE_HEAD_WORDS).some((word) => PERSON_NOUNS.has(word.toLowerCase()) || /^\p{Lu}/u.test(word));
}

/** "Smith, 60, was charged": a name, a number of years, a comma. */
const APPOSITIVE_AGE = /\b(\p{Lu}[\p{L}’'-]+),\s(\d{1,3}),/gu;
const OLDEST_AGE = 120;

/** A name's last word, lowercase and without a possessive, as an age's `of`; undefined for no name. */
function surnameKey(name: string | undefined): string | undefined {
  const last = name?.trim().split(/\s+/).pop();
  return last === undefined || NOT_NAMES.has(last) ? undefined : last.replace(/['’]s$/, '').toLowerCase();
}

/** The last word of the name right after `from` ("the 61-year-old John Smith"), lowercase, or undefined. */
function nameAfter(text: string, from: number): string | undefined {
  return surnameKey(/^\s+((?:\p{Lu}[\p{L}’'-]*\s?)+)/u.exec(text.slice(from, from + 60))?.[1]);
}

/** The last word of the name a sentence gives an age to right before `to` ("Jermayne Timmons is 16 years old"), lowercase, or undefined. */
function nameBefore(text: string, to: number): string | undefined {
  return surnameKey(/((?:\p{Lu}[\p{L}’'-]*\s)*\p{Lu}[\p{L}’'-]*)\s+(?:is|was|turned|turns)\s+$/u.exec(text.slice(Math.max(0, to - 60), to))?.[1]);
}

function readAges(reading: Reading, years: string[]): void {
  const { text } = reading;
  const push = (start: number, end: number, digits: string, of: string | undefined): void => {
    reading.facts.push({ kind: 'number', text: text.slice(start, end), value: String(Number(digits)), qualifier: '', context: contextAround(reading, start, end), unit: ['age'], precision: 1, years, ...(of ? { of } : {}) });
    reading.taken.push([start, end]);
  };
  for (const match of text.matchAll(AGE)) {
    const end = match.index + match[0].length;
    if (overlaps(reading, match.index, end)) continue;
    if (match[1] !== undefined && match[0].includes('-') && !agesPerson(text, end)) continue;
    const person = match[1] === undefined ? undefined : match[0].includes('-') ? nameAfter(text, end) : (nameBefore(text, match.index) ?? nameAfter(text, end));
    push(match.index, end, match[1] ?? match[2] ?? '', person);
  }
  for (const match of text.matchAll(APPOSITIVE_AGE)) {
    const [, name = '', digits = ''] = match;
    const start = match.index + name.length + 2;
    if (NOT_NAMES.has(name) || CALENDAR_WORD.test(name) || Number(digits) > OLDEST_AGE || overlaps(reading, start, start + digits.length)) continue;
    push(start, start + digits.length, digits, name.replace(/['’]s$/, '').toLowerCase());
  }
}

function readNumbers(reading: Reading, years: string[]): void {
  const { text, tokens } = reading;
  for (const match of text.matchAll(NUMBER)) {
    const [whole, dollarBefore, qualifier, dollarAfter, digits = '', scale, percent] = match;
    const digitsAt = match.index + whole.indexOf(digits, (dollarBefore?.length ?? 0) + (qualifier?.length ?? 0));
    const start = qualifier || dollarBefore || dollarAfter ? match.index : digitsAt;
    const end = match.index + whole.length;
    if (overlaps(reading, digitsAt, end)) continue;
    // A number glued to letters or a hyphen ("COVID-19", "20-episode", "348-77") names a thing; it counts nothing.
    const before = text[digitsAt - 1] ?? ' ';
    const after = text[end] ?? ' ';
    if (/[\p{L}-]/u.test(before) || /[\p{L}-]/u.test(after) || (after === ':' && /\d/.test(text[end + 1] ?? ''))) continue;
    if (isYear(digits) && !qualifier && !scale && !dollarBefore && !dollarAfter && !percent) {
      reading.facts.push({ kind: 'date', text: digits, value: digits, qualifier: '', context: contextAround(reading, digitsAt, end) });
      continue;
    }
    const { value, precision, rounded } = numberValue(digits, scale);
    // What the number counts: money, a percentage, or the words right after it ("170,000 accounts").
    const unit = dollarBefore || dollarAfter ? ['$'] : percent ? ['%'] : contextOf(text, tokens, digitsAt, end, 0, 3).slice(0, 2);
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
    const name = words.join(' ').replace(/['’]s?$/, '');
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
}

const TOKEN = /[\p{L}\p{N}]+(?:[.,'’-][\p{L}\p{N}]+)*/gu;

function readingOf(text: string): Reading {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) tokens.push({ start: match.index, end: match.index + match[0].length });
  return { text, tokens, facts: [], taken: [] };
}

/** Texts read for all their facts since the program started: tests bound the work with it. */
export const factCounters = { textsRead: 0 };

export function extractFacts(text: string, options: FactReading = {}): Fact[] {
  factCounters.textsRead++;
  const reading = readingOf(text);
  for (const match of text.matchAll(CLOCK)) reading.taken.push([match.index, match.index + match[0].length]);
  const years = framingYears(text);
  readDates(reading);
  readAges(reading, years);
  readNumbers(reading, years);
  readLabels(reading);
  if (!isHeadline(text)) readNames(reading, options.nameContexts ?? true);
  return reading.facts;
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
  const reading = readingOf(text);
  readDates(reading);
  return reading.facts;
}
