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
import { REPORTING_VERBS } from '../text/reportingVerbs.js';

const SPEECH_VERBS = new Set(REPORTING_VERBS);
/** Capitalised words that open a claim without naming anyone ("The", "A"). */
const NOT_SURNAMES = new Set(['The', 'A', 'An', 'This', 'That', 'It', 'He', 'She', 'They', 'We', 'I']);

/**
 * The words of the name of the person a claim opens with as the speaker, or null: the run of
 * capitalised words right before a reporting verb among the claim's first words, when it reads as
 * a person's name (not an acronym such as "HP", whose sources also write "H-P", nor a possessive:
 * "Clinton's doctor said" names the doctor, not Clinton; nor an organisation after "the"). Titles
 * are left out ("Governor Mehdi Irannejad").
 */
export function claimSpeaker(claim: string): string[] | null {
  const words = claim.split(/\s+/).slice(0, 8);
  const verbAt = words.findIndex((word) => SPEECH_VERBS.has(word.toLowerCase()));
  if (verbAt < 1) return null;
  const surname = words[verbAt - 1]!;
  if (!/^\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)*$/u.test(surname) && !/^\p{Lu}\p{Ll}*\p{Lu}\p{Ll}+$/u.test(surname)) return null;
  // "Police said", "Officials said": nobody named; "Acme Corp said": no person.
  if (NOT_SURNAMES.has(surname) || UNNAMED_HEADS.has(surname.toLowerCase()) || ORGANISATION_WORDS.has(surname.toLowerCase())) return null;
  let runStart = verbAt - 1;
  while (runStart > 0 && /^\p{Lu}/u.test(words[runStart - 1]!)) runStart--;
  // "The Fish and Wildlife Service announced": an organisation, which sources call "the service".
  if (/^the$/i.test(words[runStart - 1] ?? words[runStart]!)) return null;
  const name = words.slice(runStart, verbAt).filter((word) => !isRoleWord(word) && word.length >= 3);
  return name.length > 0 ? name : null;
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
 * Does a text name the speaker by any word of the name: sources write "Hua" after "Hua
 * Chunying", and "Steele" after "Michael Steele".
 */
function mentions(text: string, name: readonly string[]): boolean {
  const wanted = name.map(nameKey);
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
  if (window.some((passage) => mentions(passage.text, name))) return true;
  for (let id = first.id - 1; id >= 0; id--) {
    const passage = passages[id]!;
    if (passage.source !== first.source || passage.paragraph < first.paragraph - 1) break;
    if (mentions(passage.text, name)) return true;
  }
  return false;
}
