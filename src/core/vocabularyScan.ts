/**
 * Finding the words of a field's vocabulary that hold a substring (the prefilter, prefilter.ts)
 * by one native search of the joined vocabulary instead of a test of every word.
 */
import type { FieldIndex } from './prefilter.js';
import { lastStartAtOrBefore } from './ranges.js';
import type { Steps } from './slices.js';

/** Words looked at or found between two pauses (see slices.ts); the prefilter's scans pause as often. */
export const WORDS_PER_PAUSE = 16384;

/**
 * A field's vocabulary joined by newlines (no word holds whitespace) and where each word starts:
 * the words holding a substring are then found by the engine's native search of one string, not
 * a test of every word. A rare substring is found in a fraction of a millisecond where testing
 * each of XL's 79,116 source ids took 1 to 2.5 ms.
 */
interface JoinedVocabulary {
  text: string;
  /** Where word w starts in `text`; one more entry, past the end. */
  starts: Uint32Array;
}

const joinedByField = new WeakMap<FieldIndex, JoinedVocabulary>();
function joinedVocabulary(field: FieldIndex): JoinedVocabulary {
  let joined = joinedByField.get(field);
  if (!joined) {
    const { vocabulary } = field;
    const starts = new Uint32Array(vocabulary.length + 1);
    let at = 0;
    for (let word = 0; word < vocabulary.length; word++) {
      starts[word] = at;
      at += vocabulary[word]!.length + 1;
    }
    starts[vocabulary.length] = at;
    joined = { text: vocabulary.join('\n'), starts };
    joinedByField.set(field, joined);
  }
  return joined;
}

/** Calls `found` with each word holding `piece` (which holds no newline), in ascending order, once. */
export function* eachWordHolding(field: FieldIndex, piece: string, found: (word: number) => void): Steps<void> {
  const joined = joinedVocabulary(field);
  let seen = 0;
  for (let from = 0; ; ) {
    const at = joined.text.indexOf(piece, from);
    if (at < 0) return;
    // The word the hit falls in (the starts' last entry is past the end).
    const word = lastStartAtOrBefore(joined.starts, joined.starts.length - 1, at);
    found(word);
    from = joined.starts[word + 1]!;
    if (++seen % WORDS_PER_PAUSE === 0) yield;
  }
}

/** A byte per word of `field`, 1 for the words holding at least one of `pieces` (none holding a newline). */
export function* wordsHoldingAny(field: FieldIndex, pieces: readonly string[]): Steps<Uint8Array> {
  const marks = new Uint8Array(field.vocabulary.length);
  for (const piece of pieces) yield* eachWordHolding(field, piece, (word) => (marks[word] = 1));
  return marks;
}

/**
 * `literal` cut into `budget + 1` pieces of nearly equal length, or null when one would be shorter
 * than two characters (held by most words: no help). A substring within `budget` edits of the
 * literal holds at least one piece exactly (each edit touches one piece at most).
 */
export function partition(literal: string, budget: number): string[] | null {
  const count = budget + 1;
  if (literal.length < 2 * count) return null;
  const pieces: string[] = [];
  for (let piece = 0; piece < count; piece++) pieces.push(literal.slice(Math.floor((piece * literal.length) / count), Math.floor(((piece + 1) * literal.length) / count)));
  return pieces;
}
