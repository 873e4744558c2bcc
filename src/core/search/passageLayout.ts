/** Which document each passage belongs to, and the passages in the orders the search walks them. */
import { runAtOnce, type Steps } from '../slices.js';
import type { Corpus } from '../types.js';
import { NORM_SLOTS, textNorm } from './fuseAdapter.js';

export interface PassageDocuments {
  /** Passage ids of each document, ascending. */
  documentPassages: number[][];
  /** The document of each passage (matched by source id; 0 when none is). */
  passageDocument: Uint32Array;
}

/** Passages looked at between two pauses of passageDocumentsSteps and PassageLayout.prepare. */
const WALK_CHUNK = 4096;

/** Which document each passage belongs to, found in steps that pause every WALK_CHUNK passages. */
export function* passageDocumentsSteps(corpus: Corpus): Steps<PassageDocuments> {
  const { documents, passages } = corpus;
  const documentOf = new Map(documents.map((document, index) => [document.source, index]));
  const documentPassages: number[][] = documents.map(() => []);
  const passageDocument = new Uint32Array(passages.length);
  // A document's passages follow one another: its source id is looked up once per run.
  let lastSource: string | null = null;
  let lastDocument = 0;
  for (let id = 0; id < passages.length; id++) {
    const { source } = passages[id]!;
    if (source !== lastSource) {
      lastSource = source;
      lastDocument = documentOf.get(source) ?? 0;
    }
    passageDocument[id] = lastDocument;
    documentPassages[lastDocument]!.push(id);
    if (id % WALK_CHUNK === WALK_CHUNK - 1) yield;
  }
  return { documentPassages, passageDocument };
}

/** Passages grouped by document: document d's are passages[starts[d]] to passages[starts[d + 1] - 1]. */
export interface DocumentRuns {
  passages: Uint32Array;
  starts: Uint32Array;
}

export class PassageLayout implements PassageDocuments {
  readonly documentPassages: number[][];
  readonly passageDocument: Uint32Array;
  /** Passage ids, shortest text (largest Fuse.js norm) first; built on first use. */
  private shortestFirst: Uint32Array | null = null;
  /** Each document's passages shortest first, one run after another (run d from starts[d]). */
  private documentsShortestFirst: DocumentRuns | null = null;
  private inPassageOrder: boolean | null = null;

  /** `norms`: Fuse.js's field norms, as IndexParts stores them. */
  constructor(documents: PassageDocuments, private readonly norms: Float64Array) {
    this.documentPassages = documents.documentPassages;
    this.passageDocument = documents.passageDocument;
  }

  get passageCount(): number {
    return this.passageDocument.length;
  }

  textNorm(id: number): number {
    return textNorm(this.norms, id);
  }

  /** Whether each document's first passage comes after the one before's (as a corpus lists them); computed on first use. */
  documentsInPassageOrder(): boolean {
    if (this.inPassageOrder === null) {
      let last = -1;
      this.inPassageOrder = true;
      for (const run of this.documentPassages) {
        if (run.length === 0) continue;
        if (run[0]! <= last) {
          this.inPassageOrder = false;
          break;
        }
        last = run[0]!;
      }
    }
    return this.inPassageOrder;
  }

  /** The shortest passage (largest text norm: the best bound a uniform mean gives) of each document. */
  shortestPassageOf(document: number): number {
    const { passages, starts } = this.byDocumentShortestFirst();
    return starts[document]! < starts[document + 1]! ? passages[starts[document]!]! : 0;
  }

  /**
   * Every document's passages shortest first (equal lengths by id), one document after another:
   * document d's from starts[d] to starts[d + 1].
   */
  byDocumentShortestFirst(): DocumentRuns {
    if (!this.documentsShortestFirst) runAtOnce(this.prepare());
    return this.documentsShortestFirst!;
  }

  /** Passage ids, shortest text first (equal lengths by id; an empty text, which has no norm, last). */
  passagesShortestFirst(): Uint32Array {
    if (!this.shortestFirst) runAtOnce(this.prepare());
    return this.shortestFirst!;
  }

  /**
   * Makes the shortest-first orders, pausing every WALK_CHUNK passages: the index makes them
   * before its first search (on 600,000 passages they took the first short query 50 to 100 ms).
   */
  *prepare(): Steps<void> {
    this.shortestFirst ??= (yield* this.countingSortByNorm()) ?? this.sortByNorm();
    if (this.documentsShortestFirst) return;
    const starts = new Uint32Array(this.documentPassages.length + 1);
    for (let document = 0; document < this.documentPassages.length; document++) starts[document + 1] = starts[document]! + this.documentPassages[document]!.length;
    const next = starts.slice(0, this.documentPassages.length);
    const passages = new Uint32Array(this.passageCount);
    // The corpus-wide order, split by document (indexed: for-of over a typed array took 0.6 s unoptimised on 600,000 passages).
    const order = this.shortestFirst;
    for (let at = 0; at < order.length; at++) {
      passages[next[this.passageDocument[order[at]!]!]!++] = order[at]!;
      if (at % WALK_CHUNK === WALK_CHUNK - 1) yield;
    }
    this.documentsShortestFirst = { passages, starts };
  }

  /**
   * Fuse.js rounds norms to three decimals: count the passages per norm, then place them, in
   * ascending id within a norm. Null when a norm is not such a value.
   */
  private *countingSortByNorm(): Steps<Uint32Array | null> {
    const slots = new Uint16Array(this.passageCount);
    const counts = new Uint32Array(NORM_SLOTS + 1);
    for (let id = 0; id < this.passageCount; id++) {
      const norm = this.textNorm(id);
      const slot = Math.round(norm * (NORM_SLOTS - 1));
      if (!(slot >= 0 && slot < NORM_SLOTS && slot / (NORM_SLOTS - 1) === norm)) return null;
      // Largest norm first: slot 0 holds norm 1.
      slots[id] = NORM_SLOTS - 1 - slot;
      counts[slots[id]! + 1]!++;
      if (id % WALK_CHUNK === WALK_CHUNK - 1) yield;
    }
    for (let slot = 0; slot < NORM_SLOTS; slot++) counts[slot + 1]! += counts[slot]!;
    const order = new Uint32Array(this.passageCount);
    for (let id = 0; id < this.passageCount; id++) {
      order[counts[slots[id]!]!++] = id;
      if (id % WALK_CHUNK === WALK_CHUNK - 1) yield;
    }
    return order;
  }

  private sortByNorm(): Uint32Array {
    const norm = (id: number): number => (Number.isNaN(this.textNorm(id)) ? Number.NEGATIVE_INFINITY : this.textNorm(id));
    return Uint32Array.from({ length: this.passageCount }, (_, id) => id).sort((a, b) => norm(b) - norm(a) || a - b);
  }
}
