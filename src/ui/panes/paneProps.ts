/** What the workbench gives every pane. */
import type { ReactNode } from 'react';
import type { Workspace } from '../hooks/useWorkspace.js';
import type { NavigationTarget, PaneControls, PaneKey } from '../navigation.js';

export interface PaneProps {
  width: number;
  height: number;
  /** Only the visible pane takes keys. */
  active: boolean;
  workspace: Workspace;
  /** Called after every render; the App calls the getter when a key arrives, for the pane's latest keys and places. */
  controls: (pane: PaneKey, controls: () => PaneControls) => void;
  /** Opens another pane on a selection; Esc there comes back here. */
  navigate: (target: NavigationTarget) => void;
  /** What was typed while the corpus loaded: the query line the workbench opens on starts with it. */
  typedAhead?: string;
}

export interface PaneDefinition {
  key: PaneKey;
  label: string;
  Component: (props: PaneProps) => ReactNode;
}
