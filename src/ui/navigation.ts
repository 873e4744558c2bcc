/** Moving between panes with a selection: "show this passage in Search", "compare this claim". */

export type NavigationTarget =
  /** Show a passage (by Corpus.passages index) in Search's list and preview. */
  | { pane: 'search'; passageId: number }
  /** Compare a claim across sources, optionally anchored on the passage it came from. */
  | { pane: 'compare'; claim: string; passageId?: number }
  | { pane: 'quotes'; query?: string }
  | { pane: 'claims' };

export type PaneKey = NavigationTarget['pane'];

/** A request delivered to a pane; `serial` changes with every request, so a pane acts on each once. */
export interface NavigationRequest {
  target: NavigationTarget;
  serial: number;
}
