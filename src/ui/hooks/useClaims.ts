/**
 * The claim comparer of a corpus and the claims maps of its stories, built in slices the first
 * time a pane needs them (on 20,000 articles: about 2 s for the comparer, seconds more for a map
 * of a corpus without stories), and shared by the Compare and Claims panes. Keys keep working
 * while they are built.
 */
import { useEffect, useState } from 'react';
import { claimsMapSteps } from '../../core/compare/claims.js';
import { ClaimComparer } from '../../core/compare/compare.js';
import type { ClaimsMap } from '../../core/compare/types.js';
import { runInSlices } from '../../core/slices.js';
import type { Corpus } from '../../core/types.js';

const comparers = new WeakMap<Corpus, Promise<ClaimComparer>>();
const maps = new WeakMap<ClaimComparer, Map<string | null, Promise<ClaimsMap>>>();

function comparerOf(corpus: Corpus): Promise<ClaimComparer> {
  let comparer = comparers.get(corpus);
  if (!comparer) {
    comparer = runInSlices(ClaimComparer.build(corpus));
    comparers.set(corpus, comparer);
  }
  return comparer;
}

function claimsMapOf(comparer: ClaimComparer, story: string | null): Promise<ClaimsMap> {
  let byStory = maps.get(comparer);
  if (!byStory) {
    byStory = new Map();
    maps.set(comparer, byStory);
  }
  let map = byStory.get(story);
  if (!map) {
    map = runInSlices(claimsMapSteps(comparer, story));
    byStory.set(story, map);
  }
  return map;
}

/** The corpus's claim comparer once built; building starts when `needed` first holds. */
export function useComparer(corpus: Corpus, needed: boolean): ClaimComparer | null {
  const [built, setBuilt] = useState<ClaimComparer | null>(null);
  const current = built?.corpus === corpus;
  useEffect(() => {
    if (!needed || current) return;
    let wanted = true;
    void comparerOf(corpus).then((comparer) => {
      if (wanted) setBuilt(comparer);
    });
    return () => {
      wanted = false;
    };
  }, [corpus, needed, current]);
  return current ? built : null;
}

/** The claims map of `story` once built; null while the comparer or the map is being built. */
export function useClaimsMap(corpus: Corpus, story: string | null, needed: boolean): ClaimsMap | null {
  const comparer = useComparer(corpus, needed);
  const [built, setBuilt] = useState<{ comparer: ClaimComparer; map: ClaimsMap } | null>(null);
  const current = comparer !== null && built?.comparer === comparer && built.map.story === story;
  useEffect(() => {
    if (!needed || !comparer || current) return;
    let wanted = true;
    void claimsMapOf(comparer, story).then((map) => {
      if (wanted) setBuilt({ comparer, map });
    });
    return () => {
      wanted = false;
    };
  }, [comparer, story, needed, current]);
  return current ? built.map : null;
}
