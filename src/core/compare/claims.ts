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
import { findConflicts } from './conflicts.js';
import type { Claim, ClaimsMap, Conflict } from './types.js';

/** A passage with fewer content words ("Leave a Reply", "Twitter") states no claim. */
const MIN_STEMS = 4;
const SEED_STEMS = 6;
const MAX_SCORED = 60;
/** Passages (or claims) handled between two pauses of the map's construction. */
const PASSAGES_PER_PAUSE = 256;
/**
 * A carrier's facts are checked against at most this many other carriers of its claim (the
 * first, in corpus order): checking each against all the others was quadratic, and 40,000
 * near-identical files (one claim of 40,000 carriers) took 21 s and 1 GB, 200,000 over 10 minutes.
 * A conflict found is still true; one with a carrier past these is not reported. Stories of the
 * real corpora have at most 22 sources, so their maps are unchanged.
 */
export const MAX_COMPARED_CARRIERS = 32;

/** The work a claims map did, for tests that bound it. */
export interface ClaimsWork {
  /** Fact lists of other carriers a carrier was checked against, summed over carriers. */
  comparedCarriers: number;
}

/** Facts of the carriers `facts[index]` is checked against: the first others, at most MAX_COMPARED_CARRIERS. */
function othersOf<T>(facts: readonly T[], index: number): T[] {
  const others: T[] = [];
  for (let other = 0; other < facts.length && others.length < MAX_COMPARED_CARRIERS; other++) if (other !== index) others.push(facts[other]!);
  return others;
}

interface Cluster {
  anchor: Passage;
  /** The summed IDF weights of the anchor's stems (the denominator of weighted Dice, computed once). */
  anchorWeight: number;
  members: Passage[];
  sources: Set<string>;
}

export function buildClaimsMap(comparer: ClaimComparer, story: string | null, work?: ClaimsWork): ClaimsMap {
  return runAtOnce(claimsMapSteps(comparer, story, work));
}

/**
 * buildClaimsMap, pausing every few hundred passages (see slices.ts): a corpus of 150,000
 * passages without stories is one map, which takes seconds.
 */
export function* claimsMapSteps(comparer: ClaimComparer, story: string | null, work?: ClaimsWork): Steps<ClaimsMap> {
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
        const anchorStems = comparer.stemsOf(cluster.anchor.id);
        let shared = 0;
        for (const entry of weighted) if (anchorStems.has(entry.stem)) shared += entry.weight;
        const similarity = (2 * shared) / (ownWeight + cluster.anchorWeight);
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
    clusters.push({ anchor: passage, anchorWeight: ownWeight, members: [passage], sources: new Set([passage.source]) });
    for (const stem of stems) {
      const list = clustersByStem.get(stem);
      if (list) list.push(index);
      else clustersByStem.set(stem, [index]);
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
    const facts = cluster.members.map((member) => comparer.factsOf(member.text));
    const conflicts: Conflict[] = [];
    // Carriers past the first MAX_COMPARED_CARRIERS all face the same others: equal facts, equal conflicts.
    const conflictsOfLater = new Map<string, Conflict[]>();
    for (let index = 0; index < facts.length; index++) {
      // One claim can have every source of the corpus: pause within it too.
      if (++walked % PASSAGES_PER_PAUSE === 0) yield;
      const later = index >= MAX_COMPARED_CARRIERS;
      const key = later ? JSON.stringify(facts[index]) : '';
      let found = later ? conflictsOfLater.get(key) : undefined;
      if (!found) {
        const others = othersOf(facts, index);
        if (work) work.comparedCarriers += others.length;
        found = findConflicts(facts[index]!, others);
        if (later) conflictsOfLater.set(key, found);
      }
      for (const conflict of found) {
        conflicts.push({ ...conflict, source: cluster.members[index]!.source });
      }
    }
    claims.push({ id: claims.length + 1, summary: cluster.anchor.text, story, anchor: cluster.anchor, sources: lines, conflicts });
  }
  return { story, sources, claims };
}
