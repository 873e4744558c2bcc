/**
 * Every key of the workbench, as data. Each binding belongs to a scope: a pane's area (Search's
 * results), a kind of area every pane shares (a text field, a list or a view that scrolls), a pane,
 * or anywhere. The dispatcher (dispatch.ts) reads this table top-down; the status line hints, the
 * `?` help and the README's key table are generated from it. A key is added with one line here
 * and one handler in the pane that performs the action.
 */

export type Scope =
  | 'field'
  | 'move'
  | 'search.query'
  | 'search.results'
  | 'search.reader'
  | 'search.find'
  | 'search'
  | 'quotes.query'
  | 'quotes.groups'
  | 'quotes.sources'
  | 'quotes'
  | 'compare.claim'
  | 'compare.view'
  | 'compare'
  | 'claims.filter'
  | 'claims.list'
  | 'claims.sources'
  | 'claims'
  | 'stories'
  | 'global';

export type Action =
  // Anywhere (the App handles these).
  | 'quit'
  | 'suspend'
  | 'help'
  | 'pane'
  | 'next-area'
  | 'previous-area'
  | 'back'
  | 'copy'
  | 'open-editor'
  | 'mark'
  | 'export'
  // Text fields (the field itself handles these).
  | 'cursor-left'
  | 'cursor-right'
  | 'line-start'
  | 'line-end'
  | 'delete-back'
  | 'delete-forward'
  | 'delete-word'
  | 'delete-to-start'
  // Lists and views.
  | 'up'
  | 'down'
  | 'page-up'
  | 'page-down'
  | 'half-page-up'
  | 'half-page-down'
  | 'first'
  | 'last'
  // The panes'.
  | 'submit'
  | 'leave-field'
  | 'focus-field'
  | 'open'
  | 'close'
  | 'compare'
  | 'read'
  | 'find'
  | 'next-match'
  | 'previous-match'
  | 'toggle-terms'
  | 'next-reference'
  | 'next-claim'
  | 'previous-claim'
  | 'next-story'
  | 'only-source'
  | 'conflicts-only'
  | 'pick-story'
  | 'columns-left'
  | 'columns-right';

/** Conditions a binding can require; the dispatcher evaluates them for the focused area. */
export type Condition = 'field-empty' | 'history';

export interface Binding {
  scope: Scope;
  /** Key names as KeyReader gives them: 'j', 'G', 'enter', 'ctrl-n', 'alt-1', 'f1', 'pgdn'. */
  keys: readonly string[];
  action: Action;
  /** One line in the `?` help and the README. */
  help: string;
  /** A few words for the status line; without it the binding is not hinted there. */
  hint?: string;
  /** How the help shows the keys, when listing them one by one would be long. */
  label?: string;
  when?: Condition;
}

const MOVE_UP = ['up', 'k', 'ctrl-p', 'ctrl-k'];
const MOVE_DOWN = ['down', 'j', 'ctrl-n', 'ctrl-j'];

export const BINDINGS: readonly Binding[] = [
  // Text fields: printable keys are typed; these edit. Up/Down and Ctrl-N/P/J/K move the list below.
  { scope: 'field', keys: ['?'], action: 'help', when: 'field-empty', help: 'help, while the field is empty (else types ?)' },
  { scope: 'field', keys: ['left'], action: 'cursor-left', label: 'Left Right', help: 'move the cursor' },
  { scope: 'field', keys: ['right'], action: 'cursor-right', label: '', help: '' },
  { scope: 'field', keys: ['ctrl-a', 'home'], action: 'line-start', label: 'Ctrl-A Ctrl-E', help: 'start / end of the line' },
  { scope: 'field', keys: ['ctrl-e', 'end'], action: 'line-end', label: '', help: '' },
  { scope: 'field', keys: ['backspace'], action: 'delete-back', help: 'delete the character before the cursor' },
  { scope: 'field', keys: ['delete'], action: 'delete-forward', label: '', help: '' },
  { scope: 'field', keys: ['ctrl-w'], action: 'delete-word', help: 'delete the word before the cursor' },
  { scope: 'field', keys: ['ctrl-u'], action: 'delete-to-start', help: 'delete everything before the cursor' },
  { scope: 'field', keys: ['up', 'ctrl-p', 'ctrl-k'], action: 'up', label: 'Up Down  Ctrl-P Ctrl-N', help: 'move in the list while typing (Ctrl-K Ctrl-J too)', hint: 'Up/Down move' },
  { scope: 'field', keys: ['down', 'ctrl-n', 'ctrl-j'], action: 'down', label: '', help: '' },
  { scope: 'field', keys: ['pgup'], action: 'page-up', label: 'PgUp PgDn', help: 'move a page in the list while typing' },
  { scope: 'field', keys: ['pgdn'], action: 'page-down', label: '', help: '' },

  // Lists and views that scroll (results, groups, claims, the reader, Compare, this help).
  { scope: 'move', keys: MOVE_UP, action: 'up', label: 'k j  Up Down', help: 'up / down one line (Ctrl-P Ctrl-N, Ctrl-K Ctrl-J too)', hint: 'j/k move' },
  { scope: 'move', keys: MOVE_DOWN, action: 'down', label: '', help: '' },
  { scope: 'move', keys: ['pgup'], action: 'page-up', label: 'PgUp PgDn', help: 'up / down one page (Space: down too)' },
  { scope: 'move', keys: ['pgdn', ' '], action: 'page-down', label: '', help: '' },
  { scope: 'move', keys: ['ctrl-u'], action: 'half-page-up', label: 'Ctrl-U Ctrl-D', help: 'up / down half a page' },
  { scope: 'move', keys: ['ctrl-d'], action: 'half-page-down', label: '', help: '' },
  { scope: 'move', keys: ['g', 'home'], action: 'first', label: 'g G  Home End', help: 'first / last' },
  { scope: 'move', keys: ['G', 'end'], action: 'last', label: '', help: '' },

  // Search.
  { scope: 'search.query', keys: ['enter'], action: 'submit', help: 'go to the results', hint: 'Enter results' },
  { scope: 'search.query', keys: ['esc'], action: 'leave-field', help: 'clear the query; when empty, go to the results', hint: 'Esc clear' },
  { scope: 'search.results', keys: ['enter'], action: 'read', help: 'read the passage in its whole article', hint: 'Enter read' },
  { scope: 'search.results', keys: ['esc'], action: 'back', when: 'history', help: 'back to where you came from; else to the query', hint: 'Esc back' },
  { scope: 'search.results', keys: ['esc'], action: 'focus-field', label: '', help: '' },
  { scope: 'search.reader', keys: ['/'], action: 'find', help: 'find in the article', hint: '/ find' },
  { scope: 'search.reader', keys: ['n'], action: 'next-match', label: 'n N', help: 'next / previous match of the find', hint: 'n/N next' },
  { scope: 'search.reader', keys: ['N'], action: 'previous-match', label: '', help: '' },
  { scope: 'search.reader', keys: ['esc', 'enter'], action: 'close', label: 'Esc', help: 'close the article (back where you came from)', hint: 'Esc back' },
  { scope: 'search.find', keys: ['enter'], action: 'submit', help: 'find the words in the article', hint: 'Enter find' },
  { scope: 'search.find', keys: ['esc'], action: 'leave-field', help: 'stop finding', hint: 'Esc cancel' },
  { scope: 'search', keys: ['c'], action: 'compare', help: 'compare the passage across every source of its story', hint: 'c compare' },
  { scope: 'search', keys: ['/'], action: 'focus-field', help: 'type the query', hint: '/ query' },

  // Quotes.
  { scope: 'quotes.query', keys: ['enter'], action: 'submit', help: 'go to the groups', hint: 'Enter groups' },
  { scope: 'quotes.query', keys: ['esc'], action: 'leave-field', help: 'clear the filter; when empty, go to the groups', hint: 'Esc clear' },
  { scope: 'quotes.groups', keys: ['enter'], action: 'open', help: "open the group: each source's version", hint: 'Enter sources' },
  { scope: 'quotes.groups', keys: ['t'], action: 'toggle-terms', help: 'show / hide terms and labels ("amplifier")', hint: 't terms' },
  { scope: 'quotes.groups', keys: ['esc'], action: 'back', when: 'history', help: 'back to where you came from; else to the filter', hint: 'Esc back' },
  { scope: 'quotes.groups', keys: ['esc'], action: 'focus-field', label: '', help: '' },
  { scope: 'quotes.sources', keys: ['enter'], action: 'read', help: 'read this version in its whole article (Search)', hint: 'Enter read' },
  { scope: 'quotes.sources', keys: ['esc'], action: 'close', help: 'back to the groups', hint: 'Esc groups' },
  { scope: 'quotes', keys: ['c'], action: 'compare', help: 'compare the quotation across sources', hint: 'c compare' },
  { scope: 'quotes', keys: ['/'], action: 'focus-field', help: 'type the filter (words, speaker, search syntax)', hint: '/ filter' },

  // Compare.
  { scope: 'compare.claim', keys: ['enter'], action: 'submit', help: 'compare the typed claim', hint: 'Enter compare' },
  { scope: 'compare.claim', keys: ['esc'], action: 'leave-field', help: 'leave the claim line', hint: 'Esc leave' },
  { scope: 'compare.view', keys: ['enter'], action: 'read', help: "read the reference's passage in its whole article", hint: 'Enter read' },
  { scope: 'compare.view', keys: ['r'], action: 'next-reference', help: 'the next carrying source becomes the reference', hint: 'r reference' },
  { scope: 'compare.view', keys: ['n'], action: 'next-claim', label: 'n p', help: "next / previous claim of the story's claims map", hint: 'n/p claim' },
  { scope: 'compare.view', keys: ['p'], action: 'previous-claim', label: '', help: '' },
  { scope: 'compare.view', keys: ['esc'], action: 'back', when: 'history', help: 'back to where you came from', hint: 'Esc back' },
  { scope: 'compare', keys: ['s'], action: 'next-story', help: 'the same claim in the next story (corpora with sub-folders)' },
  { scope: 'compare', keys: ['/'], action: 'focus-field', help: 'type a claim of your own', hint: '/ claim' },

  // Claims.
  { scope: 'claims.filter', keys: ['enter'], action: 'submit', help: 'go to the claims', hint: 'Enter claims' },
  { scope: 'claims.filter', keys: ['esc'], action: 'leave-field', help: 'clear the filter; when empty, go to the claims', hint: 'Esc clear' },
  { scope: 'claims.list', keys: ['enter'], action: 'compare', help: 'compare the claim across sources', hint: 'Enter compare' },
  { scope: 'claims.list', keys: ['left', 'h'], action: 'columns-left', label: 'Left Right  h l', help: 'scroll the source columns, when more than fit', hint: 'h/l columns' },
  { scope: 'claims.list', keys: ['right', 'l'], action: 'columns-right', label: '', help: '' },
  { scope: 'claims.list', keys: ['esc'], action: 'back', when: 'history', help: 'back to where you came from', hint: 'Esc back' },
  { scope: 'claims.sources', keys: ['enter'], action: 'submit', help: 'show only the claims this source alone makes', hint: 'Enter choose' },
  { scope: 'claims.sources', keys: ['esc'], action: 'close', help: 'close the list of sources', hint: 'Esc cancel' },
  { scope: 'claims', keys: ['!'], action: 'conflicts-only', help: 'only claims whose sources disagree (again: all)', hint: '! conflicts' },
  { scope: 'claims', keys: ['o'], action: 'only-source', help: 'pick a source: only the claims it alone makes (again: all)', hint: 'o one source' },
  { scope: 'claims', keys: ['s'], action: 'pick-story', help: 'pick a story by words of its name, a day or an outlet (corpora with stories)', hint: 's story' },
  { scope: 'stories', keys: ['enter'], action: 'submit', help: "show the chosen story's claims", hint: 'Enter choose' },
  { scope: 'stories', keys: ['esc'], action: 'close', help: 'close the list of stories', hint: 'Esc cancel' },
  { scope: 'claims', keys: ['/'], action: 'focus-field', help: 'filter the claims by their words', hint: '/ filter' },

  // Anywhere.
  { scope: 'global', keys: ['f1', '?'], action: 'help', label: '? F1', help: 'this help (any key but j/k/PgUp/PgDn closes it)', hint: '? help' },
  { scope: 'global', keys: ['1', '2', '3', '4', 'alt-1', 'alt-2', 'alt-3', 'alt-4', 'f2', 'f3', 'f4', 'f5'], action: 'pane', label: '1-4  Alt-1..4  F2-F5', help: 'switch pane (Alt and F keys work while typing too)' },
  { scope: 'global', keys: ['tab'], action: 'next-area', label: 'Tab Shift-Tab', help: "next / previous area of the pane (field, list, view)" },
  { scope: 'global', keys: ['shift-tab'], action: 'previous-area', label: '', help: '' },
  { scope: 'global', keys: ['esc'], action: 'back', when: 'history', help: 'back: the pane, query, selection and scroll you came from', hint: 'Esc back' },
  { scope: 'global', keys: ['y'], action: 'copy', help: 'copy the selection with its citation to the clipboard (OSC 52: over SSH and tmux too)', hint: 'y copy' },
  { scope: 'global', keys: ['e'], action: 'open-editor', help: "open the selection's source at its line in $VISUAL / $EDITOR (else $PAGER)" },
  { scope: 'global', keys: ['m'], action: 'mark', help: 'add the selection to the evidence list (again: remove it)' },
  { scope: 'global', keys: ['x'], action: 'export', help: 'write the evidence list as a Markdown report in the working folder' },
  { scope: 'global', keys: ['q', 'ctrl-c'], action: 'quit', label: 'q Ctrl-C', help: 'quit (q is typed while a text field has the focus)', hint: 'q quit' },
  { scope: 'global', keys: ['ctrl-z'], action: 'suspend', help: 'suspend to the shell; fg comes back' },
];

/** Headings for the help and the README, in the order they are shown. */
export const SCOPE_TITLES: ReadonlyArray<[Scope, string]> = [
  ['global', 'Anywhere'],
  ['move', 'Lists and views (results, groups, claims, the reader, Compare, help)'],
  ['field', 'Text fields (query, filter, claim, find)'],
  ['search.query', 'Search: the query'],
  ['search.results', 'Search: the results'],
  ['search.reader', 'Search: reading an article'],
  ['search.find', 'Search: find in the article'],
  ['search', 'Search'],
  ['quotes.query', 'Quotes: the filter'],
  ['quotes.groups', 'Quotes: the groups'],
  ['quotes.sources', "Quotes: one group's sources"],
  ['quotes', 'Quotes'],
  ['compare.claim', 'Compare: the claim line'],
  ['compare.view', 'Compare: the comparison'],
  ['compare', 'Compare'],
  ['claims.filter', 'Claims: the filter'],
  ['claims.list', 'Claims: the claims'],
  ['claims.sources', 'Claims: choosing a source'],
  ['claims', 'Claims'],
  ['stories', 'Claims: choosing a story'],
];

/** The query syntax: not keys, but the help and the README show it beside them. */
export const QUERY_SYNTAX: ReadonlyArray<[string, string]> = [
  ['words', 'all must match, fuzzy and typo tolerant'],
  ["'exact  ^start  end$", 'exact substring, passage start, passage end'],
  ['!not  a | b', 'exclude, either'],
];

/** The workbench on a PostgreSQL archive: what differs, and what its status line says. */
export const ON_AN_ARCHIVE: ReadonlyArray<[string, string]> = [
  ['Search', 'asked of the archive as you type; a newer key cancels the running query, only the newest answer is drawn'],
  ['s', 'Quotes, Compare and Claims work on one story at a time: s picks it, loaded from the archive and analysed as a corpus'],
  ['c', "in Search, compares the selected passage within its story: the story is loaded as with s, and Esc comes back"],
  ['status: slow', '"searching the archive… 2 s" while an answer takes longer than a second'],
  ['status: unreachable', '"archive unreachable: retrying…": the connection is lost, the query asked again every 2 s; keys keep working'],
];

const KEY_LABELS: Record<string, string> = {
  enter: 'Enter',
  esc: 'Esc',
  tab: 'Tab',
  'shift-tab': 'Shift-Tab',
  up: 'Up',
  down: 'Down',
  left: 'Left',
  right: 'Right',
  pgup: 'PgUp',
  pgdn: 'PgDn',
  home: 'Home',
  end: 'End',
  backspace: 'Backspace',
  delete: 'Delete',
  ' ': 'Space',
};

/** How a key name reads to a person: 'ctrl-n' -> 'Ctrl-N', 'f1' -> 'F1', 'pgdn' -> 'PgDn'. */
export function keyLabel(name: string): string {
  const known = KEY_LABELS[name];
  if (known) return known;
  const modified = /^(ctrl|alt)-(.+)$/.exec(name);
  if (modified) return `${modified[1] === 'ctrl' ? 'Ctrl' : 'Alt'}-${modified[2]!.toUpperCase()}`;
  if (/^f\d+$/.test(name)) return name.toUpperCase();
  return name;
}

/** The help's line for a binding, or null for a binding folded into the line before it (label ''). */
export function bindingLabel(binding: Binding): string | null {
  if (binding.label === '') return null;
  return binding.label ?? binding.keys.map(keyLabel).join(' ');
}

export function bindingsOf(scope: Scope): Binding[] {
  return BINDINGS.filter((binding) => binding.scope === scope);
}

/**
 * The help's sections: each scope's bindings as [keys, what] lines. With `first` (a pane's name),
 * that pane's sections come right after Anywhere: the keys of the pane in view are on the first screen.
 */
export function helpSections(first?: string): Array<{ title: string; lines: Array<[string, string]> }> {
  const ofFirst = ([scope]: [Scope, string]): boolean => first !== undefined && (scope === first || scope.startsWith(`${first}.`));
  const ordered = first === undefined ? SCOPE_TITLES : [SCOPE_TITLES[0]!, ...SCOPE_TITLES.filter(ofFirst), ...SCOPE_TITLES.slice(1).filter((entry) => !ofFirst(entry))];
  return ordered.map(([scope, title]) => ({
    title,
    lines: bindingsOf(scope).flatMap((binding): Array<[string, string]> => {
      const label = bindingLabel(binding);
      return label === null ? [] : [[label, binding.help]];
    }),
  })).concat([
    { title: 'Query syntax (Search and the Quotes filter)', lines: [...QUERY_SYNTAX] },
    { title: 'On an archive (crosscheck --db URL)', lines: [...ON_AN_ARCHIVE] },
  ]);
}

/** The README's key table, generated: `test/unit/keymap.test.ts` fails when the README differs. */
export function keyTableMarkdown(): string {
  const escape = (text: string): string => text.replace(/\|/g, '\\|');
  const code = (label: string): string =>
    label
      .split(/ {2,}/)
      .map((group) => group.split(' ').map((key) => `\`${escape(key)}\``).join(' '))
      .join(', ');
  const rows = ['| where | keys | what |', '|---|---|---|'];
  for (const section of helpSections()) {
    section.lines.forEach(([keys, what], index) => {
      const where = index === 0 ? section.title : '';
      const shownKeys = section.title.startsWith('Query syntax') ? `\`${escape(keys)}\`` : section.title.startsWith('On an archive') ? escape(keys) : code(keys);
      rows.push(`| ${escape(where)} | ${shownKeys} | ${escape(what)} |`);
    });
  }
  return rows.join('\n');
}

/** The README's generated block lies between these lines. */
export const KEY_TABLE_START = '<!-- keys: generated from src/ui/keys/keymap.ts by `npm run keys-table` -->';
export const KEY_TABLE_END = '<!-- /keys -->';
