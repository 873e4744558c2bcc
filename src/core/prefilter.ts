/**
 * The candidate prefilter: an inverted index from words to the records (passages, titles, source
 * ids) that contain them, so Fuse.js scores a few hundred records instead of every passage.
 *
 * Fuse.js matches a fuzzy term anywhere in a field with at most `threshold * length` edits
 * (Bitap, ignoreLocation). Without spaces in the term, a match without edits lies inside one
 * whitespace-separated word, and a match with edits almost always does too. So the vocabulary
 * (every distinct lower-cased word, a few hundred thousand even for 20,000 articles) is scanned
 * with the same edit budget (Myers' bit-vector algorithm), and the records of the words that pass
 * are the candidates. The fewest edits found also bound the best score Fuse.js can give a record,
 * which lets the index score candidates best-first and stop early (see searchIndex.ts).
 * Known gap: a fuzzy match that spans two words ("newyork" for "new york") is not proposed.
 */
import type { Steps } from './slices.js';
import { eachWordHolding, partition, wordsHoldingAny, WORDS_PER_PAUSE } from './vocabularyScan.js';

/** Words and the records holding them, in compressed-sparse-row form (cacheable as-is). */
export interface FieldIndex {
  /** Distinct lower-cased whitespace-separated words. */
  vocabulary: string[];
  /** The records of word w are ids[offsets[w]] .. ids[offsets[w + 1] - 1], ascending. */
  offsets: Uint32Array;
  ids: Uint32Array;
  /** Number of records indexed. */
  size: number;
}

const WHITESPACE = /\s+/;
/** Postings candidatesOf walks between two pauses (see slices.ts): a few milliseconds. */
const POSTINGS_PER_PAUSE = 65536;

/** Records indexed, and postings placed, between two pauses of fieldIndexSteps: a few milliseconds. */
const RECORDS_PER_PAUSE = 4096;

/**
 * Indexes every value by its words; record ids are positions in `values`. In steps: on a first
 * start without a cache the passages' index took 70-100 ms in one block on Reuters.
 */
export function* fieldIndexSteps(values: readonly string[]): Steps<FieldIndex> {
  const wordIds = new Map<string, number>();
  const vocabulary: string[] = [];
  const lastRecord: number[] = [];
  const counts: number[] = [];
  // Each occurrence's word and record, side by side in a typed array: two number[] of them held
  // eight bytes a slot on V8's heap, and on XL (nine million occurrences) the heap grew by
  // hundreds of megabytes it then kept.
  let occurrences = new Uint32Array(1 << 16);
  let occurrenceSlots = 0;
  for (let record = 0; record < values.length; record++) {
    if (record % RECORDS_PER_PAUSE === RECORDS_PER_PAUSE - 1) yield;
    for (const word of values[record]!.toLowerCase().split(WHITESPACE)) {
      if (word === '') continue;
      let id = wordIds.get(word);
      if (id === undefined) {
        id = vocabulary.length;
        wordIds.set(word, id);
        vocabulary.push(word);
        lastRecord.push(-1);
        counts.push(0);
      }
      if (lastRecord[id] === record) continue;
      lastRecord[id] = record;
      counts[id]!++;
      if (occurrenceSlots === occurrences.length) {
        const grown = new Uint32Array(occurrences.length * 2);
        grown.set(occurrences);
        occurrences = grown;
      }
      occurrences[occurrenceSlots++] = id;
      occurrences[occurrenceSlots++] = record;
    }
  }
  const offsets = new Uint32Array(vocabulary.length + 1);
  for (let word = 0; word < vocabulary.length; word++) offsets[word + 1] = offsets[word]! + counts[word]!;
  yield;
  const cursor = offsets.slice(0, vocabulary.length);
  const ids = new Uint32Array(occurrenceSlots / 2);
  for (let slot = 0; slot < occurrenceSlots; slot += 2) {
    if (slot % (2 * POSTINGS_PER_PAUSE) === 2 * POSTINGS_PER_PAUSE - 2) yield;
    ids[cursor[occurrences[slot]!]!++] = occurrences[slot + 1]!;
  }
  return { vocabulary, offsets, ids, size: values.length };
}

/** Myers' algorithm works on one 32-bit word: patterns up to 32 characters, as Fuse.js's Bitap. */
export const MAX_PATTERN_LENGTH = 32;

/** The pattern's character masks for Myers' bit-vector algorithm. */
export class PatternMasks {
  readonly length: number;
  private readonly ascii = new Int32Array(128);
  private readonly other = new Map<number, number>();

  constructor(pattern: string) {
    if (pattern.length === 0 || pattern.length > MAX_PATTERN_LENGTH) {
      throw new RangeError(`pattern length ${pattern.length} outside 1..${MAX_PATTERN_LENGTH}`);
    }
    this.length = pattern.length;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      if (code < 128) this.ascii[code]! |= 1 << i;
      else this.other.set(code, (this.other.get(code) ?? 0) | (1 << i));
    }
  }

  maskOf(code: number): number {
    return code < 128 ? this.ascii[code]! : (this.other.get(code) ?? 0);
  }
}

/**
 * The fewest insertions, deletions and substitutions that turn the pattern into some substring of
 * `text` (Myers 1999, search variant: the match may start anywhere). Compares UTF-16 code units,
 * as Fuse.js does.
 */
export function substringDistance(pattern: PatternMasks, text: string): number {
  const m = pattern.length;
  // 1 << 32 is 1 in JavaScript: a 32-character pattern uses every bit (-1 is all ones).
  const full = m === 32 ? -1 : (1 << m) - 1;
  const high = 1 << (m - 1);
  let positive = full;
  let negative = 0;
  let score = m;
  let best = m;
  for (let i = 0; i < text.length; i++) {
    const equal = pattern.maskOf(text.charCodeAt(i));
    const verticalChange = equal | negative;
    const horizontalChange = ((((equal & positive) + positive) & full) ^ positive) | equal;
    let horizontalPositive = negative | ~(horizontalChange | positive);
    let horizontalNegative = positive & horizontalChange;
    if (horizontalPositive & high) score++;
    else if (horizontalNegative & high) score--;
    // Search mode: the top row is all zeros (a match may start anywhere), so nothing is carried in.
    horizontalPositive = (horizontalPositive << 1) & full;
    horizontalNegative = (horizontalNegative << 1) & full;
    positive = (horizontalNegative | ~(verticalChange | horizontalPositive)) & full;
    negative = horizontalPositive & verticalChange;
    if (score < best) {
      best = score;
      if (best === 0) return 0;
    }
  }
  return best;
}

/** The most edits Fuse.js allows a fuzzy term of `length` characters: errors / length <= threshold. */
export function maxErrors(length: number, threshold: number): number {
  let errors = 0;
  while ((errors + 1) / length <= threshold) errors++;
  return errors;
}

/** How one query alternative is looked up in the vocabulary. */
export interface WordQuery {
  /** The alternative's words, as typed (case is ignored). */
  literal: string;
  /** 'fuzzy' allows edits; every other kind needs the literal itself in the field. */
  fuzzy: boolean;
}

/** The vocabulary words an alternative can match, each with the fewest edits it needs. */
export interface WordMatches {
  words: Uint32Array;
  errors: Uint8Array;
  /** The alternative's length, which turns edits into Fuse.js's score (edits / length). */
  length: number;
  fuzzy: boolean;
}

/**
 * Whether the words `shorter` matched (the query one character shorter, as typed before) hold
 * every word `query` can match, so matchWords need look only among them. A word holding the
 * longer literal holds the shorter, and a match of a pattern with an added last character, cut
 * back, matches the shorter pattern with no more edits: a subset, when the edit budget is the
 * same. Not for a one-character term (only doubled letters match) nor a phrase.
 */
export function narrowsFrom(shorter: WordMatches, query: WordQuery, threshold: number): boolean {
  const literal = query.literal.toLowerCase();
  return (
    shorter.fuzzy === query.fuzzy &&
    shorter.length === literal.length - 1 &&
    shorter.length >= 2 &&
    !WHITESPACE.test(literal) &&
    (!query.fuzzy || maxErrors(shorter.length, threshold) === maxErrors(literal.length, threshold))
  );
}

/**
 * The words of `field` that may hold a match of `query`, or null when the prefilter cannot bound
 * it (a fuzzy term longer than Myers' machine word: Fuse.js splits those into chunks). `among`:
 * the only words to look at (ascending), when narrowsFrom says they hold every match.
 */
export function* matchWords(field: FieldIndex, query: WordQuery, threshold: number, among?: Uint32Array): Steps<WordMatches | null> {
  const literal = query.literal.toLowerCase();
  const pieces = literal.split(WHITESPACE).filter((piece) => piece !== '');
  if (pieces.length === 0) return null;
  // A phrase must hold each of its words; the longest is the most selective.
  const piece = pieces.reduce((longest, next) => (next.length > longest.length ? next : longest));
  const words: number[] = [];
  const errors: number[] = [];
  const { vocabulary } = field;
  const count = among ? among.length : vocabulary.length;
  const wordAt = among ? (at: number): number => among[at]! : (at: number): number => at;
  /** Every word (or every word of `among`) holding `needle`, ascending. */
  function* wordsHolding(needle: string): Steps<void> {
    if (!among) return yield* eachWordHolding(field, needle, (word) => words.push(word));
    for (let at = 0; at < count; at++) {
      const word = wordAt(at);
      if (vocabulary[word]!.includes(needle)) words.push(word);
      if (at % WORDS_PER_PAUSE === WORDS_PER_PAUSE - 1) yield;
    }
  }
  if (!query.fuzzy) {
    yield* wordsHolding(piece);
    return { words: Uint32Array.from(words), errors: new Uint8Array(words.length), length: literal.length, fuzzy: false };
  }
  if (literal.length > MAX_PATTERN_LENGTH) return null;
  if (literal.length === 1) {
    // Fuse.js marks each exact occurrence of a one-character term and keeps runs of at least
    // minMatchCharLength (2): only a doubled character ("ll") makes a match.
    yield* wordsHolding(literal + literal);
    return { words: Uint32Array.from(words), errors: new Uint8Array(words.length), length: 1, fuzzy: true };
  }
  const budget = maxErrors(literal.length, threshold);
  const phrase = pieces.length > 1;
  if (budget === 0 || phrase) {
    // No edits allowed (or a phrase, whose edits we do not place): the piece itself must appear.
    yield* wordsHolding(piece);
    return { words: Uint32Array.from(words), errors: new Uint8Array(words.length), length: literal.length, fuzzy: true };
  }
  const masks = new PatternMasks(literal);
  const shortest = literal.length - budget;
  const needed = characterClasses(literal);
  const classes = wordClasses(field);
  // Over the whole vocabulary, only the words holding one of the literal's pieces can match.
  const literalPieces = among ? null : partition(literal, budget);
  const holdsPiece = literalPieces ? yield* wordsHoldingAny(field, literalPieces) : null;
  for (let at = 0; at < count; at++) {
    if (at % WORDS_PER_PAUSE === WORDS_PER_PAUSE - 1) yield;
    const word = wordAt(at);
    if (holdsPiece && holdsPiece[word] === 0) continue;
    const text = vocabulary[word]!;
    if (text.length < shortest) continue;
    // Each character class of the pattern missing from the word costs at least one edit.
    if (bitCount(needed & ~classes[word]!) > budget) continue;
    const distance = text.includes(literal) ? 0 : substringDistance(masks, text);
    if (distance <= budget) {
      words.push(word);
      errors.push(distance);
    }
  }
  return { words: Uint32Array.from(words), errors: Uint8Array.from(errors), length: literal.length, fuzzy: true };
}

/** A 32-bit summary of which characters a string holds: a-z, 0-9 and everything else folded into the rest. */
function characterClasses(text: string): number {
  let classes = 0;
  for (let i = 0; i < text.length; i++) classes |= 1 << (text.charCodeAt(i) % 32);
  return classes;
}

function bitCount(value: number): number {
  let rest = value - ((value >>> 1) & 0x55555555);
  rest = (rest & 0x33333333) + ((rest >>> 2) & 0x33333333);
  return (((rest + (rest >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Character classes of every vocabulary word, computed once per field on first use. */
const classesByField = new WeakMap<FieldIndex, Uint32Array>();
function wordClasses(field: FieldIndex): Uint32Array {
  let classes = classesByField.get(field);
  if (!classes) {
    classes = new Uint32Array(field.vocabulary.length);
    for (let word = 0; word < field.vocabulary.length; word++) classes[word] = characterClasses(field.vocabulary[word]!);
    classesByField.set(field, classes);
  }
  return classes;
}

/** The lowest score Fuse.js can give one alternative matched with `errors` edits (it floors scores at 0.001). */
function lowestTermScore(match: WordMatches, errors: number): number {
  if (!match.fuzzy) return 0;
  return Math.max(0.001, errors / match.length);
}

/** Records that may match every term, with a lower bound of their Fuse.js score for this field. */
export interface Candidates {
  /** Ascending. */
  ids: Uint32Array;
  /** Lowest possible mean term score, per candidate, parallel to `ids`. */
  lowestScores: Float64Array;
}

/**
 * Records of `field` holding a match for every term (a term: any of its alternatives). Fuse.js
 * needs all terms in the same field, so this is a superset of the records matching in this field.
 */
export function* candidatesOf(field: FieldIndex, terms: readonly (readonly WordMatches[])[]): Steps<Candidates> {
  const postings = (match: WordMatches): number => {
    let total = 0;
    for (const word of match.words) total += field.offsets[word + 1]! - field.offsets[word]!;
    return total;
  };
  // The rarest term first: later terms only refine its (smaller) set.
  const ordered = [...terms].sort(
    (a, b) => a.reduce((sum, match) => sum + postings(match), 0) - b.reduce((sum, match) => sum + postings(match), 0),
  );
  const scoreSum = new Float64Array(field.size);
  const termBest = new Float64Array(field.size);
  let current: Uint32Array | null = null;
  let walked = 0;
  for (const term of ordered) {
    termBest.fill(Number.POSITIVE_INFINITY);
    const touched: number[] = [];
    for (const match of term) {
      for (let i = 0; i < match.words.length; i++) {
        const word = match.words[i]!;
        const score = lowestTermScore(match, match.errors[i]!);
        walked += field.offsets[word + 1]! - field.offsets[word]!;
        if (walked >= POSTINGS_PER_PAUSE) {
          walked = 0;
          yield;
        }
        for (let at = field.offsets[word]!, end = field.offsets[word + 1]!; at < end; at++) {
          const record = field.ids[at]!;
          const previous = termBest[record]!;
          if (previous === Number.POSITIVE_INFINITY) touched.push(record);
          if (score < previous) termBest[record] = score;
        }
      }
    }
    const next: number[] = [];
    const records = current ?? ascendingRecords(termBest, touched);
    for (let at = 0; at < records.length; at++) {
      const record = records[at]!;
      if (termBest[record] === Number.POSITIVE_INFINITY) continue;
      scoreSum[record]! += termBest[record]!;
      next.push(record);
    }
    current = Uint32Array.from(next);
    if (current.length === 0) break;
  }
  const ids = current ?? new Uint32Array(0);
  const lowestScores = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) lowestScores[i] = scoreSum[ids[i]!]! / terms.length;
  return { ids, lowestScores };
}

/**
 * The records of `touched` (those whose term score is set) in ascending order: by walking every
 * record when they are many (a short term's are most of the corpus), else by sorting them.
 */
function ascendingRecords(termBest: Float64Array, touched: readonly number[]): Uint32Array {
  if (touched.length < termBest.length / 8) return Uint32Array.from(touched).sort();
  const records = new Uint32Array(touched.length);
  let at = 0;
  for (let record = 0; record < termBest.length; record++) if (termBest[record] !== Number.POSITIVE_INFINITY) records[at++] = record;
  return records;
}
