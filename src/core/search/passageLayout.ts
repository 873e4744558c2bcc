/** Which document each passage belongs to, and the passages in the orders the search walks them. */
import type { Steps } from '../slices.js';
import type { Corpus } from '../types.js';
import { KEY_COUNT, textNorm } from './fuseAdapter.js';

export interface PassageDocuments {
  /** Passage ids of each document, ascending. */
  documentPassages: number[][];
  /** The document of each passage (matched by source id; 0 when none is). */
  passageDocument: Uint32Array;
}

/** Passages looked at between two pauses of passageDocumentsSteps. */
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

export class PassageLayout implements PassageDocuments {
  readonly documentPassages: number[][];
  readonly passageDocument: Uint32Array;
  /** Passage ids, shortest text (largest Fuse.js norm) first; built on first use. */
  private shortestFirst: Uint32Array | null = null;
  private shortestOfDocument: Uint32Array | null = null;

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

  /** The shortest passage (largest text norm: the best bound a uniform mean gives) of each document; built on first use. */
  shortestPassageOf(document: number): number {
    if (!this.shortestOfDocument) {
      const norms = this.norms;
      this.shortestOfDocument = Uint32Array.from(this.documentPassages, (run) => {
        let best = run[0] ?? 0;
        for (const id of run) if (norms[id * KEY_COUNT]! > norms[best * KEY_COUNT]!) best = id;
        return best;
      });
    }
    return this.shortestOfDocument[document]!;
  }

  passagesShortestFirst(): Uint32Array {
    if (!this.shortestFirst) {
      // Norms take few distinct values (one per word count): bucket by norm instead of sorting.
      const buckets = new Map<number, number[]>();
      for (let id = 0; id < this.passageCount; id++) {
        const norm = this.textNorm(id);
        const bucket = buckets.get(norm);
        if (bucket) bucket.push(id);
        else buckets.set(norm, [id]);
      }
      const order = new Uint32Array(this.passageCount);
      let at = 0;
      for (const norm of [...buckets.keys()].sort((a, b) => b - a)) {
        for (const id of buckets.get(norm)!) order[at++] = id;
      }
      this.shortestFirst = order;
    }
    return this.shortestFirst;
  }
}
