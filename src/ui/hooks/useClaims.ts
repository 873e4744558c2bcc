/**
 * The claim comparer of a workspace and the claims maps of its stories (core/workspace.ts), built
 * in slices the first time a pane needs them (on 20,000 articles: about 2 s for the comparer,
 * seconds more for a map of a corpus without stories), and shared by the Compare and Claims
 * panes. Keys keep working while they are built.
 */
import type { ClaimComparer } from '../../core/compare/compare.js';
import type { ClaimsMap } from '../../core/compare/types.js';
import type { Workspace } from '../../core/workspace.js';
import { useShared } from './useSlicedJob.js';

/** The workspace's claim comparer once built; building starts when `needed` first holds. */
export function useComparer(workspace: Workspace, needed: boolean): ClaimComparer | null {
  return useShared(workspace.comparer(), needed);
}

/** The claims map of `story` once built; null while the comparer or the map is being built. */
export function useClaimsMap(workspace: Workspace, story: string | null, needed: boolean): ClaimsMap | null {
  return useShared(workspace.claimsMap(story), needed);
}
