/**
 * The claim comparer of a workspace and the claims maps of its stories (core/workspace.ts), built
 * in slices the first time a pane needs them (on 20,000 articles: about 2 s for the comparer,
 * seconds more for a map of a corpus without stories), and shared by the Compare and Claims
 * panes. Keys keep working while they are built.
 */
import { useMemo } from 'react';
import type { PartialClaimsMap } from '../../core/compare/claims.js';
import type { ClaimComparer } from '../../core/compare/compare.js';
import type { ClaimsMap } from '../../core/compare/types.js';
import type { Workspace } from '../../core/workspace.js';
import { usePartialJob } from './usePartialJob.js';
import { useShared } from './useSlicedJob.js';

/** The workspace's claim comparer once built; building starts when `needed` first holds. */
export function useComparer(workspace: Workspace, needed: boolean): ClaimComparer | null {
  return useShared(workspace.comparer(), needed);
}

/** The claims map of `story` once built; null while the comparer or the map is being built. */
export function useClaimsMap(workspace: Workspace, story: string | null, needed: boolean): ClaimsMap | null {
  return useShared(workspace.claimsMap(story), needed);
}

/** A claims map to show: the finished one, or one still being made (`progress` then says how far). */
export interface ClaimsView {
  map: ClaimsMap;
  /** Null once the map is finished. */
  progress: Omit<PartialClaimsMap, 'map'> | null;
}

function viewOf(partial: PartialClaimsMap): ClaimsView {
  return { map: partial.map, progress: { passagesRead: partial.passagesRead, passagesTotal: partial.passagesTotal } };
}

/**
 * The claims map of `story` as the Claims pane shows it: finished, or unfinished while it is made
 * (null until the first unfinished map). Building starts when `needed` first holds.
 */
export function useClaimsView(workspace: Workspace, story: string | null, needed: boolean): ClaimsView | null {
  const watched = usePartialJob(workspace.claimsMap(story), needed);
  return useMemo(() => (watched === null ? null : watched.done !== null ? { map: watched.done, progress: null } : viewOf(watched.partial)), [watched]);
}
