/**
 * The claims map: every passage of a story clustered into claims, and which sources carry each.
 *
 * One pass over the story's passages in corpus order: a passage joins the most similar claim
 * already found (when similar enough and its source is not in it yet), or starts a new one.
 * Claims are found through the stems they share with the passage, rarest first, and only a bounded
 * number are scored, so the map grows with the story's size, never with its square.
 */
import type { Passage } from '../types.js';
import type { ClaimComparer } from './compare.js';
import { CARRIED_THRESHOLD } from './compare.js';
import { findConflicts } from './conflicts.js';
import { weightedDice } from './similarity.js';
import type { Claim, ClaimsMap, Conflict } from './types.js';

/** A passage with fewer content words ("Leave a Reply", "Twitter") states no claim. */
const MIN_STEMS = 4;
const SEED_STEMS = 6;
const MAX_SCORED = 60;

interface Cluster {
  anchor: Passage;
  members: Passage[];
  sources: Set<string>;
}

export function buildClaimsMap(comparer: ClaimComparer, story: string | null): ClaimsMap {
  const sources = comparer.sourcesOf(story);
  const inStory = new Set(sources);
  const clusters: Cluster[] = [];
  const clustersByStem = new Map<string, number[]>();

  for (const passage of comparer.corpus.passages) {
    if (!inStory.has(passage.source)) continue;
    const stems = comparer.stemsOf(passage.id);
    if (stems.size < MIN_STEMS) continue;
    const seeds = [...stems].sort((a, b) => comparer.weights.documentFrequency(a) - comparer.weights.documentFrequency(b)).slice(0, SEED_STEMS);
    const seen = new Set<number>();
    let best: { index: number; similarity: number } | null = null;
    for (const stem of seeds) {
      for (const index of clustersByStem.get(stem) ?? []) {
        if (seen.has(index) || seen.size >= MAX_SCORED) continue;
        seen.add(index);
        const cluster = clusters[index]!;
        if (cluster.sources.has(passage.source)) continue;
        const similarity = weightedDice(stems, comparer.stemsOf(cluster.anchor.id), comparer.weights);
        if (similarity >= CARRIED_THRESHOLD && (!best || similarity > best.similarity)) best = { index, similarity };
      }
    }
    if (best) {
      const cluster = clusters[best.index]!;
      cluster.members.push(passage);
      cluster.sources.add(passage.source);
      continue;
    }
    const index = clusters.length;
    clusters.push({ anchor: passage, members: [passage], sources: new Set([passage.source]) });
    for (const stem of stems) {
      const list = clustersByStem.get(stem);
      if (list) list.push(index);
      else clustersByStem.set(stem, [index]);
    }
  }

  const claims: Claim[] = clusters
    .map((cluster, order) => ({ cluster, order }))
    .sort((a, b) => b.cluster.sources.size - a.cluster.sources.size || a.order - b.order)
    .map(({ cluster }, position) => {
      const lines: Record<string, number[]> = {};
      for (const member of cluster.members) (lines[member.source] ??= []).push(member.line);
      const facts = cluster.members.map((member) => comparer.factsOf(member.text));
      const conflicts: Conflict[] = [];
      facts.forEach((own, index) => {
        for (const conflict of findConflicts(own, facts.filter((_, other) => other !== index))) {
          conflicts.push({ ...conflict, source: cluster.members[index]!.source });
        }
      });
      return { id: position + 1, summary: cluster.anchor.text, story, anchor: cluster.anchor, sources: lines, conflicts };
    });
  return { story, sources, claims };
}
