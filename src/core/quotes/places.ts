/** Names of places next to a speech verb: "…, in Columbus, Ohio, called" names a place, not who speaks. */
import { isNameWord, joinsName, type Token } from './names.js';
import { US_STATES, WORDLIKE_STATE_CODES } from './nameWords.js';

/** Prepositions of place: the name after one is a place ("in Southern Iran", "near Porto Velho"). */
export const LOCATIVE_PREPOSITIONS = new Set('in at near across outside inside into throughout around'.split(' '));

/**
 * The preposition that makes the name run starting at token `start` a place, or -1: the one right
 * before it ("in Ohio"), or the one before the city a state follows ("in Columbus, Ohio", "Bishop X,
 * of Peoria, Ill.,").
 */
export function placePreposition(tokens: readonly Token[], start: number): number {
  const before = tokens[start - 1];
  if (before && LOCATIVE_PREPOSITIONS.has(before.lower) && /^\s+$/.test(tokens[start]!.gap)) return start - 1;
  if (!before || !/^,\s*$/.test(tokens[start]!.gap) || !isNameWord(before) || !isState(tokens.slice(start))) return -1;
  let at = start - 1;
  while (at > 0 && isNameWord(tokens[at - 1]!) && joinsName(tokens[at - 1], tokens[at]!)) at--;
  return at > 0 && (LOCATIVE_PREPOSITIONS.has(tokens[at - 1]!.lower) || tokens[at - 1]!.lower === 'of') ? at - 1 : -1;
}

/** A US state's name or abbreviation ("Ohio", "New York", "Ill.", "N.Y."); a code that is also a name or word only in capitals ("AL", not "Al"). */
function isState(run: readonly Token[]): boolean {
  const name = run.map((token) => token.lower.replace(/\./g, '')).join(' ');
  return US_STATES.has(name) && !(WORDLIKE_STATE_CODES.has(name) && run[0]!.text !== run[0]!.text.toUpperCase());
}
