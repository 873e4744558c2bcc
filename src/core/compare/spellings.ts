/**
 * When two spellings are one: names after normalising case, accents, apostrophes and possessives,
 * not a word and its derivation ("Russia"/"Russian"), and a word spelt a letter or two apart only
 * in a person's name; a quoted label's words in the singular or plural or spelt the British way.
 */
import { editDistance } from '../text/editDistance.js';
import { claimStems } from '../text/stems.js';

/** A word's stem as claims are compared. */
export function stemOf(word: string): string {
  return [...claimStems(word)][0] ?? word;
}

/** Names normalised since the program started: tests bound the work with it. */
export const conflictCounters = { namesNormalised: 0 };

/** Case, apostrophe style, possessives, hyphens between letters and the dots of initials do not make two spellings. */
export function normaliseName(name: string): string {
  conflictCounters.namesNormalised++;
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/'s\b|'(?=\s|$)/g, '')
    .replace(/\.(?=\p{L})|\.$/gu, '')
    // "Pin-Up" and "Pinup" are one spelling: a hyphen is house style.
    .replace(/(?<=\p{L})-(?=\p{L})/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const DERIVATION_SUFFIXES = new Set(['', 's', 'es', 'n', 'an', 'ian', 'ns', 'ans', 'ians', 'ic', 'ics', 'ese', 'ish', 'i', 'is']);

/** "Russia"/"Russian", "Democrats"/"Democratic", "America"/"Americas": one word, two forms. */
function isDerivation(a: string, b: string): boolean {
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return common >= 4 && DERIVATION_SUFFIXES.has(a.slice(common)) && DERIVATION_SUFFIXES.has(b.slice(common));
}

/** The one word two names of the same length differ in, or null when they differ in none or several. */
function differingWord(a: string, b: string): [string, string] | null {
  const wordsA = a.split(' ');
  const wordsB = b.split(' ');
  if (wordsA.length !== wordsB.length) return null;
  const differing = wordsA.map((word, index) => [word, wordsB[index]!] as [string, string]).filter(([x, y]) => x !== y);
  return differing.length === 1 ? differing[0]! : null;
}

/** Two person names, normalised, that name one person: the same, or one word spelt a letter or two apart. */
export function sameNamed(a: string, b: string): boolean {
  const words = differingWord(a, b);
  if (!words) return a === b;
  const [x, y] = words;
  if (x.length < 4 || y.length < 4 || isDerivation(x, y)) return false;
  const distance = editDistance(x, y, 2);
  // A name of one word is a first name as often as a surname: "Charlene" and "Charlie" are two people, two letters apart.
  const oneWord = !a.includes(' ');
  return distance <= (Math.max(x.length, y.length) >= 8 && !oneWord ? 2 : 1);
}

/** Whether two person names, as written, name one person (spelt alike or a letter or two apart). */
export function samePerson(a: string, b: string): boolean {
  return sameNamed(normaliseName(a), normaliseName(b));
}

/** A quoted label's words, their accents and apostrophe style aside. */
export function labelWords(label: string): string[] {
  return label.normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, "'").split(/[\s,.]+/).filter(Boolean);
}

/** One word of a label as two sources quote it: the same stem or singular, or a long word a letter apart (a British spelling). */
export function sameLabelWord(a: string, b: string): boolean {
  return a === b || stemOf(a) === stemOf(b) || fPlural(a) === fPlural(b) || (Math.min(a.length, b.length) >= 7 && editDistance(a, b, 1) <= 1);
}

/** A word with its plural in -ves folded ("wives" and "wife", "halves" and "half"): the stemmer keeps them apart. */
function fPlural(word: string): string {
  return word.replace(/ves$/, 'f').replace(/fe$/, 'f');
}
