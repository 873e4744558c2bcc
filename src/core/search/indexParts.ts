/** What the passage index derives from a corpus, in the form the on-disk cache stores as-is. */
import { fieldIndexSteps, type FieldIndex } from '../prefilter.js';
import type { Steps } from '../slices.js';
import type { Corpus } from '../types.js';
import { KEY_COUNT } from './fuseAdapter.js';

export interface IndexParts {
  /** Fuse.js field-length norms of each passage's text, title and source, in that order (NaN: empty field). */
  norms: Float64Array;
  /** Words of each passage text (records = passages). */
  text: FieldIndex;
  /** Words of each document title and source id (records = documents). */
  titles: FieldIndex;
  sources: FieldIndex;
}

/** The word indexes of `corpus`, beside the norms Fuse.js measured, made a few milliseconds at a time. */
export function* derivePartsSteps(corpus: Corpus, norms: Float64Array): Steps<IndexParts> {
  return {
    norms,
    text: yield* fieldIndexSteps(corpus.passages.map((passage) => passage.text)),
    titles: yield* fieldIndexSteps(corpus.documents.map((document) => document.title)),
    sources: yield* fieldIndexSteps(corpus.documents.map((document) => document.source)),
  };
}

function fieldFits(field: FieldIndex, size: number): boolean {
  return field.size === size && field.offsets.length === field.vocabulary.length + 1 && field.offsets[field.vocabulary.length] === field.ids.length;
}

/** Throws when stored `parts` cannot belong to `corpus` (a cache written for other files). */
export function checkParts(parts: IndexParts, corpus: Corpus): void {
  const { documents, passages } = corpus;
  const consistent =
    parts.norms.length === passages.length * KEY_COUNT &&
    fieldFits(parts.text, passages.length) &&
    fieldFits(parts.titles, documents.length) &&
    fieldFits(parts.sources, documents.length);
  if (!consistent) throw new Error('index parts do not fit this corpus');
}
