/** Every key the workbench answers to: the help overlay and the status line read this table. */

export interface KeyBinding {
  keys: string;
  action: string;
}

export interface KeyGroup {
  title: string;
  bindings: KeyBinding[];
}

export const KEY_GROUPS: KeyGroup[] = [
  {
    title: 'Anywhere',
    bindings: [
      { keys: '?', action: 'this help (j/k scroll, any other key closes)' },
      { keys: 'q  Ctrl-C', action: 'quit (q types a q while the query is focused)' },
      { keys: 'Ctrl-Z', action: 'suspend to the shell; fg comes back' },
      { keys: '1-4', action: 'switch to pane 1..4 (from the list)' },
      { keys: 'Tab  Shift-Tab', action: 'next / previous area: query, results, preview' },
      { keys: 'Esc', action: 'back: leave the preview, clear the query, leave the query' },
    ],
  },
  {
    title: 'Lists and previews',
    bindings: [
      { keys: '/', action: 'focus the query' },
      { keys: 'Up Down  k j', action: 'move one line' },
      { keys: 'PgUp PgDn', action: 'move one page' },
      { keys: 'g  G  Home End', action: 'first / last' },
      { keys: 'Enter', action: 'drill in: read the selection in full' },
    ],
  },
  {
    title: 'Query',
    bindings: [
      { keys: 'words', action: 'all must match, fuzzy and typo tolerant' },
      { keys: "'exact  ^start  end$", action: 'exact substring, passage start, passage end' },
      { keys: '!not  a | b', action: 'exclude, either' },
      { keys: 'Left Right  Ctrl-A Ctrl-E', action: 'move the cursor; start / end of the line' },
      { keys: 'Ctrl-W  Ctrl-U', action: 'delete the word before / everything before the cursor' },
      { keys: 'Up Down', action: 'move in the results while typing' },
      { keys: 'Enter', action: 'go to the results' },
    ],
  },
  {
    title: 'Quotes (pane 2)',
    bindings: [
      { keys: 'words', action: 'filter quote groups by their words and speaker' },
      { keys: 't', action: 'show / hide terms and labels ("amplifier")' },
      { keys: 'c', action: 'compare the quotation across sources (from a group or one source)' },
      { keys: 'Enter', action: 'open a group: each source\'s version, differences marked' },
      { keys: 'j k  Enter', action: 'in a group: move between sources; read one in Search' },
    ],
  },
  {
    title: 'Search, Compare (pane 3), Claims (pane 4)',
    bindings: [
      { keys: 'c', action: 'in Search: compare the selected passage across sources' },
      { keys: '/', action: 'in Compare: type a claim, Enter compares it' },
      { keys: 'r', action: 'in Compare: next reference source for the diff' },
      { keys: 'n  p', action: 'in Compare: next / previous claim of the story' },
      { keys: 's', action: 'in Compare and Claims: next story (corpora with sub-folders)' },
      { keys: 'Esc', action: 'in Compare: back to the passage in Search' },
      { keys: 'Enter  o', action: 'in Claims: compare the claim; only claims of one source' },
    ],
  },
];
