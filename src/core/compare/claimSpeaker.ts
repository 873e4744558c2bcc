/**
 * The person a claim says spoke ("DeMint said Steele must apologize to the troops"): a source
 * carries such a claim only where it names that person. Without this check a sentence with the
 * reported words in someone else's mouth ("… our troops," Mr. Steele said) or in nobody's
 * carries the claim, and a fact-checker would read that the source attributes them to DeMint.
 */
import type { Passage } from '../types.js';
import { UNNAMED_HEADS } from '../quotes/mentions.js';
import { ORGANISATION_WORDS } from '../quotes/nameWords.js';
import { isRoleWord } from '../quotes/names.js';
import { editDistance } from '../text/editDistance.js';
import { DISCLOSING_VERBS, REPORTING_VERBS } from '../text/reportingVerbs.js';

/** Verbs of speech, and the verbs news gives a source's report with ("The Washington Post reported", "CNN confirmed"). */
const SPEECH_VERBS = new Set([...REPORTING_VERBS, ...DISCLOSING_VERBS, 'reports', 'confirms']);
/** Capitalised words that open a claim without naming anyone ("The", "A"). */
const NOT_NAME_WORDS = new Set(['the', 'a', 'an', 'this', 'that', 'it', 'he', 'she', 'they', 'we', 'i', 'of', 'and']);

/**
 * The words of the name of the person or body a claim opens with as the speaker, or null: the
 * capitalised words (or an acronym: "CNN", "HP", which sources also write "H-P") right before a
 * reporting verb among the claim's first words, without titles ("Governor Mehdi Irannejad") or
 * the generic words of an organisation's name but its head ("The Washington Post" is named by
 * "Washington" or a capitalised "Post"). Nobody for a group
 * ("Police said", "U.S. officials said") or a possessive ("Clinton's doctor said" names the doctor).
 */
export function claimSpeaker(claim: string): string[] | null {
  const words = claim.split(/\s+/).slice(0, 9);
  const verbAt = words.findIndex((word) => SPEECH_VERBS.has(word.toLowerCase()));
  if (verbAt < 1) return null;
  const last = words[verbAt - 1]!;
  if (!/^(?:\p{Lu}[\p{L}-]*\p{L}|\p{Lu}{2,})$/u.test(last) || UNNAMED_HEADS.has(last.toLowerCase())) return null;
  let runStart = verbAt - 1;
  while (runStart > 0 && /^(?:\p{Lu}|of$|and$)/u.test(words[runStart - 1]!)) runStart--;
  const name = words
    .slice(runStart, verbAt)
    .filter((word) => !isRoleWord(word) && !NOT_NAME_WORDS.has(word.toLowerCase()) && !ORGANISATION_WORDS.has(word.toLowerCase()) && word.length >= 2);
  if (name.length === 0) return null;
  // Its head names it too, capitalised: "the Post reported", "the Service announced".
  return ORGANISATION_WORDS.has(last.toLowerCase()) ? [...name, last] : name;
}

/** A name word as compared: lower case, without hyphens or a possessive ("iran-Nejad" is "Irannejad"). */
function nameKey(word: string): string {
  return word.toLowerCase().replace(/['’]s$/, '').replace(/-/g, '');
}

/** Is the name word spelt alike or a letter or two apart ("Chuning" for "Chunying")? */
function sameNameWord(written: string, wanted: string): boolean {
  const slack = wanted.length >= 8 ? 2 : wanted.length >= 5 ? 1 : 0;
  return written === wanted || (slack > 0 && Math.abs(written.length - wanted.length) <= slack && editDistance(written, wanted, slack) <= slack);
}

/**
 * Does a text name the speaker by any word of the name (`wanted`, as nameKey gives them): sources write "Hua" after "Hua
 * Chunying", and "Steele" after "Michael Steele".
 */
function mentions(text: string, wanted: readonly string[]): boolean {
  for (const [word] of text.matchAll(/\p{Lu}[\p{L}'’-]*|\p{Ll}+-\p{Lu}[\p{L}'’-]*/gu)) {
    const key = nameKey(word);
    if (wanted.some((part) => sameNameWord(key, part))) return true;
  }
  return false;
}

/**
 * Does a window name the speaker: in its own sentences, the sentences before it in its
 * paragraph, or the paragraph before (a paragraph of quotation closes with "he said" after the
 * paragraph that names him). `passages` are the corpus's, a document's consecutive.
 */
export function namesSpeaker(name: readonly string[], window: readonly Passage[], passages: readonly Passage[]): boolean {
  const first = window[0]!;
  const wanted = name.map(nameKey);
  if (window.some((passage) => mentions(passage.text, wanted))) return true;
  for (let id = first.id - 1; id >= 0; id--) {
    const passage = passages[id]!;
    if (passage.source !== first.source || passage.paragraph < first.paragraph - 1) break;
    if (mentions(passage.text, wanted)) return true;
  }
  return false;
}
