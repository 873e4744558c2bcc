/**
 * A claim that something happened ("Brewer vetoed the bill") is not carried by a sentence that
 * only has it as a plan, an expectation or a wish ("Brewer to veto bill", "they hoped Brewer
 * would veto the bill"): the sentence shares the claim's words, not its fact.
 */
import { claimStemOfWord } from '../text/stems.js';

/** Words right before a verb that make it not (yet) happen. */
const MODALS = new Set(['would', 'will', 'could', 'may', 'might', 'should', 'can', 'shall', "'ll", '’ll']);
const ARTICLES = new Set(['a', 'an', 'the']);
/** Nouns and verbs of asking that "for a …" completes however far after them ("calls from business, politicians of all stripes … for a veto"). */
const CALL_WORDS = new Set('call calls calling called demand demands demanding pressure push pushing appeal appeals plea pleas'.split(' '));
const CALL_REACH = 15;
/**
 * Words before "to" that make the verb after it a plan, an expectation or a wish ("plans to
 * build", "is expected to announce"); not every "to" does ("prompted Kristol to call for").
 */
const PLAN_WORDS = new Set(
  (
    'plan plans planned planning expect expects expected set going intend intends intended want wants wanted hope hopes ' +
    'hoped likely poised ready seek seeks seeking aim aims aiming vow vows vowed promise promises promised threaten threatens threatened'
  ).split(' '),
);
/**
 * Words of asking shortly before "to" that make the verb after it a request ("urged the governor
 * to veto", "calls for Gov. Jan Brewer to veto", "faced pressure from many corners to veto").
 */
const REQUEST_WORDS = new Set(
  (
    'urge urges urged urging ask asks asked asking press presses pressed pressing pressure pressured push pushes pushed ' +
    'pushing implore implored beg begged encourage encourages encouraged lobby lobbied lobbying whether'
  ).split(' '),
);
/** Words read back from "to" for a request ("calls for Ariz. Gov. Jan Brewer to"). */
const REQUEST_REACH = 6;
/** Words before a claim's past participle that make it a state, not a deed ("is expected to"). */
const STATE_BEFORE = new Set(['is', 'are', 'am', 'be']);
const WORD = /[\p{L}’']+/gu;
/** A past-tense verb of the claim: a word of five letters or more ending in -ed. */
const PAST_TENSE = /^\p{Ll}{3,}ed$/u;

/**
 * Whether the word at `index` is not (yet) done: after a modal ("would veto"), or after "to"
 * that follows a word of planning ("plans to build") or comes shortly after a request ("urged
 * the governor to veto"), perhaps with an adverb between ("would quickly veto").
 */
function unrealisedAt(words: readonly string[], index: number): boolean {
  let before = index - 1;
  if (words[before]?.toLowerCase().endsWith('ly') === true) before--;
  const word = words[before]?.toLowerCase() ?? '';
  // "whether to sign or veto": the verb it is joined to says.
  if ((word === 'or' || word === 'and') && before > 0) return unrealisedAt(words, before - 1);
  if (MODALS.has(word)) return true;
  // "calling for a veto", "threatened a veto", "the growing calls from business ... for a veto":
  // the deed as a thing asked for or promised.
  if (ARTICLES.has(word)) {
    const previous = words[before - 1]?.toLowerCase() ?? '';
    if (PLAN_WORDS.has(previous) || asksFor(words, before)) return true;
    return previous === 'for' && words.slice(Math.max(0, before - CALL_REACH), before).some((candidate) => CALL_WORDS.has(candidate.toLowerCase()));
  }
  if (word !== 'to') return false;
  if (PLAN_WORDS.has(words[before - 1]?.toLowerCase() ?? '')) return true;
  return asksFor(words, before);
}

/** Whether a request stands in the few words before `before` ("urged the governor", "calls for Gov. Jan Brewer"). */
function asksFor(words: readonly string[], before: number): boolean {
  const asking = words.slice(Math.max(0, before - REQUEST_REACH), before).map((candidate) => candidate.toLowerCase());
  return asking.some((candidate, at) => REQUEST_WORDS.has(candidate) || (/^call(?:s|ed|ing)?$/.test(candidate) && asking[at + 1] === 'for'));
}

/** The stems of the verbs a claim states as done ("vetoed", "announced"), none when it states none. */
export function doneVerbs(claim: string): Set<string> {
  const stems = new Set<string>();
  const words = claim.match(WORD) ?? [];
  words.forEach((word, index) => {
    if (!PAST_TENSE.test(word) || unrealisedAt(words, index) || STATE_BEFORE.has(words[index - 1]?.toLowerCase() ?? '')) return;
    const stem = claimStemOfWord(word);
    if (stem !== null) stems.add(stem);
  });
  return stems;
}

/** Whether a text names the claim's done verbs only as things to come: some occur, and each is unrealised. */
export function statesOnlyUnrealised(verbs: ReadonlySet<string>, text: string): boolean {
  if (verbs.size === 0) return false;
  const words = text.match(WORD) ?? [];
  let unrealised = 0;
  for (let index = 0; index < words.length; index++) {
    const stem = claimStemOfWord(words[index]!.toLowerCase());
    if (stem === null || !verbs.has(stem)) continue;
    if (!unrealisedAt(words, index)) return false;
    unrealised++;
  }
  return unrealised > 0;
}
