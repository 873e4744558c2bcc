/**
 * Content-word stems (Porter, via `stemmer`), so that "removed"/"removal" and "accounts"/"account"
 * meet. Two readings of a text, one per comparison:
 * - quotes: the stems in order (runs of wording survive re-translation), British spellings folded;
 * - claims: a set, numbers kept whole without separators ("170,000" meets "170000").
 */
import { stemmer } from 'stemmer';
import { CLAIM_STOPWORDS, QUOTE_STOPWORDS } from './stopwords.js';

/** Words stemmed so far: a corpus asks for the same words millions of times. */
const stems = new Map<string, string>();
const MAX_REMEMBERED_STEMS = 200_000;

export function stem(word: string): string {
  let found = stems.get(word);
  if (found === undefined) {
    found = stemmer(word);
    if (stems.size < MAX_REMEMBERED_STEMS) stems.set(word, found);
  }
  return found;
}

/** favourable -> favorable, organise -> organize: one spelling for both sides of the Atlantic. */
export function britishFolded(word: string): string {
  if (word.length < 6) return word;
  return word.replace(/([^aeiou])our(able|ably|ite|ites|ed|ing|s|ful|less)?$/, '$1or$2').replace(/([^aeiou])is(e|ed|es|ing|ation|ations)$/, '$1iz$2');
}

const QUOTE_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** A quote's content-word stems, in order (repeats kept). */
export function quoteStems(text: string): string[] {
  const words = text.toLowerCase().match(QUOTE_WORD) ?? [];
  return words
    .filter((word) => !QUOTE_STOPWORDS.has(word.replace(/’/g, "'")) && word.length > 1)
    .map((word) => stem(britishFolded(word.replace(/['’]s$/, ''))));
}

const CLAIM_WORD = /[\p{L}\p{N}]+(?:[.,'’][\p{L}\p{N}]+)*/gu;

/** What each word found so far stands for in a claim's stem set (null: nothing), so a corpus stems each word once. */
const claimWords = new Map<string, string | null>();

function claimWordStem(match: string): string | null {
  const word = match.replace(/['’]s$/, '');
  if (/^\d[\d,.]*$/.test(word)) return word.replace(/,/g, '').replace(/\.$/, '');
  const bare = word.replace(/['’.,]/g, '');
  return bare.length < 2 || CLAIM_STOPWORDS.has(bare) ? null : stem(bare);
}

function claimedStem(match: string): string | null {
  let claimed = claimWords.get(match);
  if (claimed === undefined) {
    claimed = claimWordStem(match);
    if (claimWords.size < MAX_REMEMBERED_STEMS) claimWords.set(match, claimed);
  }
  return claimed;
}

/** The stemmed content words of a claim or a passage, as a set; numbers written without separators. */
export function claimStems(text: string): Set<string> {
  const found = new Set<string>();
  for (const [match] of text.toLowerCase().matchAll(CLAIM_WORD)) {
    const claimed = claimedStem(match);
    if (claimed !== null) found.add(claimed);
  }
  return found;
}

/** The claim words of a lower-cased text, in order, repeats kept: claimStemOfWord gives each its stem. */
export function claimWordsOf(lowerCaseText: string): string[] {
  return lowerCaseText.match(CLAIM_WORD) ?? [];
}

/** What one claim word stands for in a claim's stem set (null: nothing), as claimStems takes it. */
export function claimStemOfWord(word: string): string | null {
  return claimedStem(word);
}
