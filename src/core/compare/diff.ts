/** Word-level differences of a source's version against the reference's (jsdiff's diffWords). */
import { diffWords } from 'diff';
import type { DiffPart } from './types.js';

export function wordDiff(reference: string, version: string): DiffPart[] {
  return diffWords(reference, version).map((change) => ({
    kind: change.added ? 'insert' : change.removed ? 'delete' : 'same',
    text: change.value,
  }));
}
