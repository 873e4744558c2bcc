/** Word-level differences of one version of a text against a reference (jsdiff's diffWords). */
import { diffWords } from 'diff';

/** insert = only in the version, delete = only in the reference. */
export interface DiffPart {
  kind: 'same' | 'insert' | 'delete';
  text: string;
}

export function wordDiff(reference: string, version: string): DiffPart[] {
  return diffWords(reference, version).map((change) => ({
    kind: change.added ? 'insert' : change.removed ? 'delete' : 'same',
    text: change.value,
  }));
}
