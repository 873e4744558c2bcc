/**
 * The claims map: every passage of a story clustered into claims, and which sources carry each.
 *
 * One pass over the story's passages in corpus order: a passage joins the most similar claim
 * already found (when similar enough and its source is not in it yet), or starts a new one.
 * Claims are found through the stems they share with the passage, rarest first, and only a bounded
 * number are scored, so the map grows with the story's size, never with its square.
 */
import { runAtOnce, type Steps } from '../slices.js';
import type { Passage } from '../types.js';
import type { ClaimComparer } from './compare.js';
import { CARRIED_THRESHOLD } from './compare.js';
import { conflictsBySource } from './conflicts.js';
import type { Claim, ClaimsMap, Conflict } from './types.js';

/** A passage with fewer content words ("Leave a Reply", "Twitter") states no claim. */
const MIN_STEMS = 4;
const SEED_STEMS = 6;
const MAX_SCORED = 60;
/**
 * A passage is scored against this many members of a claim, not only its first: a third outlet
 * often words a claim like the second one rather than like the first.
 */
const MEMBERS_SCORED = 8;
/** Passages (or claims) handled between two pauses of the map's construction. */
const PASSAGES_PER_PAUSE = 256;

interface Cluster {
  anchor: Passage;
  members: Passage[];
  /** The summed IDF weights of each member's stems (the denominator of weighted Dice, computed once). */
  memberWeights: number[];
  sources: Set<string>;
}

export function buildClaimsMap(comparer: ClaimComparer, story: string | null): ClaimsMap {
  return runAtOnce(claimsMapSteps(comparer, story));
}

/**
 * buildClaimsMap, pausing every few hundred passages (see slices.ts): a corpus of 150,000
 * passages without stories is one map, which takes seconds.
 */
export function* claimsMapSteps(comparer: ClaimComparer, story: string | null): Steps<ClaimsMap> {
  const sources = comparer.sourcesOf(story);
  const inStory = new Set(sources);
  const clusters: Cluster[] = [];
  const clustersByStem = new Map<string, number[]>();

  const weight = (stem: string): number => comparer.weights.weight(stem);
  let walked = 0;
  for (const passage of comparer.corpus.passages) {
    if (++walked % PASSAGES_PER_PAUSE === 0) yield;
    if (!inStory.has(passage.source)) continue;
    const stems = comparer.stemsOf(passage.id);
    if (stems.size < MIN_STEMS) continue;
    // Weighted Dice against each candidate anchor, with this passage's weights looked up once.
    const weighted = [...stems].map((stem) => ({ stem, weight: weight(stem) }));
    const ownWeight = weighted.reduce((sum, entry) => sum + entry.weight, 0);
    const seeds = [...stems].sort((a, b) => comparer.weights.documentFrequency(a) - comparer.weights.documentFrequency(b)).slice(0, SEED_STEMS);
    const seen = new Set<number>();
    let best: { index: number; similarity: number } | null = null;
    scoring: for (const stem of seeds) {
      for (const index of clustersByStem.get(stem) ?? []) {
        // A common stem lists most claims: stop at the bound instead of walking the rest of the list.
        if (seen.size >= MAX_SCORED) break scoring;
        if (seen.has(index)) continue;
        seen.add(index);
        const cluster = clusters[index]!;
        if (cluster.sources.has(passage.source)) continue;
        const scored = Math.min(cluster.members.length, MEMBERS_SCORED);
        for (let member = 0; member < scored; member++) {
          const memberStems = comparer.stemsOf(cluster.members[member]!.id);
          let shared = 0;
          for (const entry of weighted) if (memberStems.has(entry.stem)) shared += entry.weight;
          const similarity = (2 * shared) / (ownWeight + cluster.memberWeights[member]!);
          if (similarity >= CARRIED_THRESHOLD && (!best || similarity > best.similarity)) best = { index, similarity };
        }
      }
    }
    if (best) {
      const cluster = clusters[best.index]!;
      cluster.members.push(passage);
      cluster.memberWeights.push(ownWeight);
      cluster.sources.add(passage.source);
      // Later passages find the claim through this member's rare stems too.
      if (cluster.members.length <= MEMBERS_SCORED) index(best.index, seeds);
      continue;
    }
    const clusterIndex = clusters.length;
    clusters.push({ anchor: passage, members: [passage], memberWeights: [ownWeight], sources: new Set([passage.source]) });
    index(clusterIndex, stems);
  }

  function index(clusterIndex: number, stems: Iterable<string>): void {
    for (const stem of stems) {
      const list = clustersByStem.get(stem);
      if (list) {
        if (list[list.length - 1] !== clusterIndex) list.push(clusterIndex);
      } else clustersByStem.set(stem, [clusterIndex]);
    }
  }

  const ordered = clusters
    .map((cluster, order) => ({ cluster, order }))
    .sort((a, b) => b.cluster.sources.size - a.cluster.sources.size || a.order - b.order);
  const claims: Claim[] = [];
  for (const { cluster } of ordered) {
    if (claims.length % PASSAGES_PER_PAUSE === PASSAGES_PER_PAUSE - 1) yield;
    const lines: Record<string, number[]> = {};
    for (const member of cluster.members) (lines[member.source] ??= []).push(member.line);
    const conflicts: Conflict[] = [];
    const bySource = conflictsBySource(cluster.members.map((member) => ({ source: member.source, facts: comparer.factsOf(member.text) })));
    for (const member of cluster.members) {
      for (const conflict of bySource.get(member.source) ?? []) conflicts.push({ ...conflict, source: member.source });
    }
    claims.push({ id: claims.length + 1, summary: cluster.anchor.text, story, anchor: cluster.anchor, sources: lines, conflicts });
  }
  return { story, sources, claims };
}
