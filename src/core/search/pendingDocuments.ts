/** The documents a best-first search may reach through their title or source, in the order it reaches them. */
import type { Steps } from '../slices.js';
import type { PassageLayout } from './passageLayout.js';
import type { DocumentBounds } from './queryBounds.js';

export interface PendingDocuments {
  /** The documents, best bound first, then by first passage id (the queue's order). */
  order: Uint32Array;
  /** The bound of each document of `order`. */
  bounds: Float64Array;
  /** Each document's place in `order`. */
  rank: Uint32Array;
}

/**
 * Orders the documents of `documentBounds` (those with passages) by their bound times
 * `textBound(document)`, then by first passage id; `counted(1)` per document says when to pause.
 */
export function* pendingDocuments(
  layout: PassageLayout,
  documentBounds: DocumentBounds,
  textBound: (document: number) => number,
  counted: (steps: number) => boolean,
): Steps<PendingDocuments> {
  // Bounds take few distinct values (norms and edit counts are small numbers): group the documents by bound, then order the groups.
  const groups = new Map<number, number[]>();
  let count = 0;
  for (let document = 0; document < documentBounds.documentCount; document++) {
    const documentBound = documentBounds.get(document);
    if (documentBound === undefined || layout.documentPassages[document]!.length === 0) continue;
    if (counted(1)) yield;
    const bound = documentBound * textBound(document);
    const group = groups.get(bound);
    if (group) group.push(document);
    else groups.set(bound, [document]);
    count++;
  }
  const firstPassage = (document: number): number => layout.documentPassages[document]![0]!;
  // Each group holds its documents in ascending order, which is their first passages' order when the corpus lists them so.
  const inPassageOrder = layout.documentsInPassageOrder();
  const order = new Uint32Array(count);
  const bounds = new Float64Array(count);
  let at = 0;
  for (const bound of [...groups.keys()].sort((a, b) => a - b)) {
    const group = groups.get(bound)!;
    if (!inPassageOrder) group.sort((a, b) => firstPassage(a) - firstPassage(b));
    for (const document of group) {
      order[at] = document;
      bounds[at++] = bound;
    }
  }
  const rank = new Uint32Array(layout.documentPassages.length);
  for (let place = 0; place < count; place++) rank[order[place]!] = place;
  return { order, bounds, rank };
}
