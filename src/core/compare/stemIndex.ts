/**
 * The stem index the claim comparer and the claims maps read: each passage's content-word stems
 * (text/stems.ts: claimStems, in the same order) as small integers in one typed array, each
 * stem's passages, and how many passages hold it.
 *
 * Typed arrays instead of a Set and a Map of arrays per passage and stem: 150,000 passages make
 * two million entries, which as JavaScript objects cost most of the build in allocation and
 * garbage collection. Each distinct word is stemmed once per build, and the index is stored in
 * the corpus cache (cache.ts), so a second start reads it instead of building it.
 */
import type { Steps } from '../slices.js';
import { claimStemOfWord, claimWordsOf } from '../text/stems.js';
import type { Corpus } from '../types.js';
import { StemWeights } from './similarity.js';

/** What is stored: the stems' texts, and each passage's stems (passage p's from starts[p] to starts[p + 1]). */
export interface StemIndexParts {
  vocabulary: string[];
  starts: Uint32Array;
  stems: Uint32Array;
}

/** Passages read between two pauses of the build (see slices.ts). */
const PASSAGES_PER_PAUSE = 512;

/** Work done building stem indexes since the program started: tests bound it (a distinct word is stemmed once). */
export const stemIndexCounters = { wordsStemmed: 0, builds: 0 };

/** A growable array of 32-bit integers. */
class IntList {
  values = new Uint32Array(1 << 16);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  toArray(): Uint32Array {
    return this.values.slice(0, this.length);
  }
}

/** The stems found so far, and each distinct claim word's stem (found once). */
class StemVocabulary {
  readonly ids = new Map<string, number>();
  readonly texts: string[] = [];
  /** Each claim word's stem id, -1 when it stands for none. */
  private readonly wordStems = new Map<string, number>();
  /** The passage that last took each stem: a stem is kept once per passage (a set, in first-seen order). */
  lastPassage = new Int32Array(1 << 12).fill(-1);

  private idOf(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.push(text) - 1;
      this.ids.set(text, id);
      if (id === this.lastPassage.length) {
        const grown = new Int32Array(id * 2).fill(-1);
        grown.set(this.lastPassage);
        this.lastPassage = grown;
      }
    }
    return id;
  }

  stemOfWord(word: string): number {
    let id = this.wordStems.get(word);
    if (id === undefined) {
      const stem = claimStemOfWord(word);
      id = stem === null ? -1 : this.idOf(stem);
      this.wordStems.set(word, id);
      stemIndexCounters.wordsStemmed++;
    }
    return id;
  }
}

/**
 * Adds passage `passage`'s stems to `stems`, in claimStems's order. A plain function, not a step
 * of the generator: V8 optimizes it far better there.
 */
function addPassage(text: string, passage: number, vocabulary: StemVocabulary, stems: IntList): void {
  for (const word of claimWordsOf(text.toLowerCase())) {
    const id = vocabulary.stemOfWord(word);
    if (id < 0 || vocabulary.lastPassage[id] === passage) continue;
    vocabulary.lastPassage[id] = passage;
    stems.push(id);
  }
}

/** The parts of `corpus`'s stem index, pausing every few hundred passages. */
export function* stemIndexPartsSteps(corpus: Corpus): Steps<StemIndexParts> {
  const vocabulary = new StemVocabulary();
  const passages = corpus.passages;
  const starts = new Uint32Array(passages.length + 1);
  const stems = new IntList();
  for (let passage = 0; passage < passages.length; passage++) {
    if (passage % PASSAGES_PER_PAUSE === PASSAGES_PER_PAUSE - 1) yield;
    addPassage(passages[passage]!.text, passage, vocabulary, stems);
    starts[passage + 1] = stems.length;
  }
  stemIndexCounters.builds++;
  return { vocabulary: vocabulary.texts, starts, stems: stems.toArray() };
}

export class StemIndex {
  readonly vocabulary: readonly string[];
  /** Each passage's stems: passage p's from starts[p] to starts[p + 1] of `stems`. */
  readonly starts: Uint32Array;
  readonly stems: Uint32Array;
  /** Passages holding each stem. */
  readonly frequency: Uint32Array;
  /** Each stem's passages in corpus order: stem s's from postingStarts[s] to postingStarts[s + 1] of `postings`. */
  readonly postingStarts: Uint32Array;
  readonly postings: Uint32Array;
  /** Corpus-wide weights of the stems. */
  readonly weights: StemWeights;
  private readonly stemIds: Map<string, number>;

  /** Throws when `parts` do not fit `passageCount` passages (a damaged cache). */
  constructor(parts: StemIndexParts, passageCount: number) {
    const { vocabulary, starts, stems } = parts;
    if (starts.length !== passageCount + 1 || starts[0] !== 0 || starts[passageCount] !== stems.length) throw new Error('stem index does not fit this corpus');
    this.vocabulary = vocabulary;
    this.starts = starts;
    this.stems = stems;
    this.stemIds = new Map(vocabulary.map((stem, id) => [stem, id]));
    const frequency = new Uint32Array(vocabulary.length);
    for (let passage = 0; passage < passageCount; passage++) {
      if (starts[passage + 1]! < starts[passage]!) throw new Error('stem index does not fit this corpus');
    }
    for (const stem of stems) {
      if (stem >= vocabulary.length) throw new Error('stem index does not fit this corpus');
      frequency[stem]!++;
    }
    this.frequency = frequency;
    this.postingStarts = new Uint32Array(vocabulary.length + 1);
    for (let stem = 0; stem < vocabulary.length; stem++) this.postingStarts[stem + 1] = this.postingStarts[stem]! + frequency[stem]!;
    const fill = this.postingStarts.slice(0, vocabulary.length);
    this.postings = new Uint32Array(stems.length);
    for (let passage = 0; passage < passageCount; passage++) {
      for (let at = starts[passage]!; at < starts[passage + 1]!; at++) this.postings[fill[stems[at]!]!++] = passage;
    }
    this.weights = new StemWeights();
    this.weights.set(passageCount, new Map(vocabulary.map((stem, id) => [stem, frequency[id]!])));
  }

  static *build(corpus: Corpus): Steps<StemIndex> {
    const parts = yield* stemIndexPartsSteps(corpus);
    yield;
    return new StemIndex(parts, corpus.passages.length);
  }

  parts(): StemIndexParts {
    return { vocabulary: [...this.vocabulary], starts: this.starts, stems: this.stems };
  }

  /** The stem's id; undefined when no passage holds it. */
  idOf(stem: string): number | undefined {
    return this.stemIds.get(stem);
  }

  /** How many stems the passage has. */
  stemCount(passageId: number): number {
    return this.starts[passageId + 1]! - this.starts[passageId]!;
  }

  /** The passage's stems as texts, in the order claimStems gives them. */
  stemsOf(passageId: number): Set<string> {
    const found = new Set<string>();
    for (let at = this.starts[passageId]!; at < this.starts[passageId + 1]!; at++) found.add(this.vocabulary[this.stems[at]!]!);
    return found;
  }

  /** The passages holding `stem`, in corpus order (empty when none does). */
  passagesWith(stem: string): Uint32Array {
    const id = this.stemIds.get(stem);
    return id === undefined ? new Uint32Array(0) : this.postings.subarray(this.postingStarts[id], this.postingStarts[id + 1]);
  }
}
