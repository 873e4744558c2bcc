/**
 * Ages: "60-year-old", "61 years old", "age 61", "Smith, 60,": one slot however written, and
 * only as one person's.
 */
import type { Reading } from './reading.js';
import { CALENDAR_WORD, NOT_NAMES, contextAround, overlaps } from './reading.js';

/** "60-year-old", "61 years old", "age 61": the same slot, however written. */
const AGE = /\b(?:(\d{1,3})[-\s]years?[-\s]old\b|\b[Aa]ged?\s+(\d{1,3})\b)/g;
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

export function readAges(reading: Reading, years: string[]): void {
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
