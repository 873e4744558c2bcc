/**
 * Sources shown as people name them: the outlet ("Fox News"), with the day when one outlet has
 * several articles ("Fox News 2010-07-04"), and the shortest distinguishing part of the id only
 * when that is still not enough. Without an outlet, the id's last part ("fox" in
 * "2b95d2cf-.../fox"). Every label is unique in its corpus, so a label names one source.
 */
import type { SourceDocument } from './types.js';

const MIN_PREFIX = 4;

function lastSegment(id: string): string {
  const slash = id.lastIndexOf('/');
  return slash >= 0 && slash < id.length - 1 ? id.slice(slash + 1) : id;
}

/** The shortest part of `id` that no other id of `group` shares: its last segment, or a prefix. */
function distinguishingPart(id: string, group: readonly string[]): string {
  const others = group.filter((other) => other !== id);
  const segment = lastSegment(id);
  if (segment !== id && !others.some((other) => lastSegment(other) === segment)) return segment;
  for (let length = MIN_PREFIX; length < id.length; length++) {
    const prefix = id.slice(0, length);
    if (!others.some((other) => other.startsWith(prefix))) return prefix;
  }
  return id;
}

function duplicates(labels: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const label of labels) (seen.has(label) ? repeated : seen).add(label);
  return repeated;
}

/** Computes every document's `label` (see the top of this file); documents keep their order. */
export function assignLabels(documents: Array<Pick<SourceDocument, 'source' | 'outlet' | 'day' | 'label'>>): void {
  const bases = documents.map((document) => document.outlet ?? lastSegment(document.source));
  const labelAt = (index: number, level: number, group: readonly string[]): string => {
    const document = documents[index]!;
    const base = bases[index]!;
    const dated = document.day ? `${base} ${document.day}` : base;
    if (level === 0) return base;
    if (level === 1) return dated;
    if (level === 2) {
      const part = distinguishingPart(document.source, group);
      return part === base ? dated : `${dated} ${part}`;
    }
    return document.source;
  };
  let labels = documents.map((_, index) => labelAt(index, 0, []));
  for (let round = 1; round <= 3; round++) {
    const repeated = duplicates(labels);
    if (repeated.size === 0) break;
    const groups = new Map<string, string[]>();
    documents.forEach((document, index) => {
      const label = labels[index]!;
      if (!repeated.has(label)) return;
      const group = groups.get(label);
      if (group) group.push(document.source);
      else groups.set(label, [document.source]);
    });
    labels = labels.map((label, index) => {
      if (!repeated.has(label)) return label;
      return labelAt(index, round, groups.get(label)!);
    });
  }
  documents.forEach((document, index) => {
    document.label = labels[index]!;
  });
}

/** The label of `source`, or the source id itself when the corpus does not hold it. */
export function labelOf(documents: ReadonlyMap<string, SourceDocument>, source: string): string {
  return documents.get(source)?.label ?? source;
}
