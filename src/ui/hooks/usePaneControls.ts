/**
 * Hands a pane's controls to the App as each render is committed. The App calls the getter when a
 * key arrives, so the getter reads the latest state (refs), never the render's alone. An insertion
 * effect, so a pane just shown takes a key typed while Ink writes its first frame.
 */
import { useInsertionEffect } from 'react';
import type { PaneControls, PaneKey } from '../navigation.js';
import type { PaneProps } from '../panes/paneProps.js';

export function usePaneControls(pane: PaneKey, register: PaneProps['controls'], controls: () => PaneControls): void {
  useInsertionEffect(() => register(pane, controls));
}
