/** Moving between panes with a selection: "read this passage", "compare this claim", and back. */
import type { Evidence } from '../core/evidence.js';
import type { Condition } from './keys/keymap.js';
import type { Handlers, KeyLayer, TextField } from './keys/dispatch.js';

export type NavigationTarget =
  /** Read a passage (by Corpus.passages index) in its whole article, in Search. */
  | { pane: 'search'; passageId: number }
  /**
   * Compare a claim across sources, optionally anchored on the passage it came from. On an archive
   * a passage of a story is named by its place (`inStory`): the App loads that story, then anchors.
   */
  | { pane: 'compare'; claim: string; passageId?: number; inStory?: StoryPassage }
  | { pane: 'quotes'; query?: string }
  /** Claims, on a story when one is named. */
  | { pane: 'claims'; story?: string };

/** A passage named by its story, source, line and text (its number is its own workspace's). */
export interface StoryPassage {
  story: string;
  source: string;
  line: number;
  text: string;
}

export type PaneKey = NavigationTarget['pane'];

/** What a pane tells the App, anew on every render: where the keys go, and how to come back. */
export interface PaneControls {
  /** Where the user is, e.g. "Search │ results". */
  where: string;
  /** A note the status line shows in place of the key hints (a query cut to bound its work); the help hint stays. */
  note?: string;
  /** The focused field (it takes printable keys first), if any, with its editing handlers. */
  field: { editor: TextField; handlers: Handlers } | null;
  /** The focused area's layers and the pane's, top first. */
  layers: KeyLayer[];
  conditions?: Partial<Record<Condition, boolean>>;
  /** Tab / Shift-Tab: the next area (+1) or the previous one (-1). */
  cycleArea(step: 1 | -1): void;
  /** A paste: into the pane's text field as text, never as keys. */
  paste(text: string): void;
  /** A restorer for exactly this place (area, query, selection by identity, scroll). */
  capture(): () => void;
  /** Opens a selection sent from another pane. */
  open(target: NavigationTarget): void;
  /** What is selected, for the evidence keys (y copy, e open, m mark); null when nothing is. */
  selection?(): Evidence | null;
}
