/** What the workbench gives every pane. */
import type { ReactNode } from 'react';
import type { Workspace } from '../hooks/useWorkspace.js';
import type { NavigationRequest, NavigationTarget, PaneKey } from '../navigation.js';

export interface PaneStatus {
  /** Where the user is, e.g. "Search | results". */
  where: string;
  /** The keys that matter here. */
  hints: string;
}

export interface PaneProps {
  width: number;
  height: number;
  /** Only the visible pane takes keys. */
  active: boolean;
  onStatus(status: PaneStatus): void;
  /** The pane's text field has the keys: q and digits are typed, not commands. */
  onTyping(typing: boolean): void;
  workspace: Workspace;
  /** Opens another pane on a selection. */
  navigate(target: NavigationTarget): void;
  /** The latest request addressed to this pane, if any. */
  request: NavigationRequest | null;
  /** What was typed while the corpus loaded: the query line the workbench opens on starts with it. */
  typedAhead?: string;
}

export interface PaneDefinition {
  key: PaneKey;
  label: string;
  Component: (props: PaneProps) => ReactNode;
}
