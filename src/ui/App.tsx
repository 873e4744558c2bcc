/** The workbench: numbered panes, the status line, help, and the screen-size guard. */
import { Box, useApp, useStdout } from 'ink';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { CorpusError, type LoadOptions } from '../core/load.js';
import { neutralize } from '../core/sanitize.js';
import { corpusFacts, Loading, MIN_COLUMNS, MIN_ROWS, TooSmall } from './app/screens.js';
import { useHelp, type Help } from './app/useHelp.js';
import { storyCatalogOf, useStoryPicker, type StoryPicker } from './app/useStoryPicker.js';
import type { SourceDocument } from '../core/types.js';
import type { WorkbenchArchive } from '../core/workbenchArchive.js';
import { ArchiveContext } from './app/archiveContext.js';
import { archiveFacts } from './app/useArchiveStories.js';
import { useStoryNavigation } from './app/useStoryNavigation.js';
import { REAL_TIMERS, type Timers } from './hooks/useArchiveSearch.js';
import { ArchiveSearchPane } from './panes/archive/ArchiveSearchPane.js';
import { storyPane } from './panes/archive/NeedsStory.js';
import { StoryPickerView } from './components/StoryPickerView.js';
import { usePaneRegistry, useStatusLine, type PaneRegistry } from './app/usePaneRegistry.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { StatusLine } from './components/StatusLine.js';
import { TabBar, type TabInfo } from './components/TabBar.js';
import { useImmediateState } from './hooks/useImmediateState.js';
import { useKeyboard } from './hooks/useKeyboard.js';
import { useLatest } from './hooks/useLatest.js';
import { useLineEditor, type LineEditor } from './hooks/useLineEditor.js';
import { useWorkbenchSize, type TerminalSize } from './hooks/useTerminalSize.js';
import { useWorkspace, type CorpusLoader, type Workspace, type WorkspaceState } from './hooks/useWorkspace.js';
import { dispatchKey, helpHint, hintsOf, type Handlers } from './keys/dispatch.js';
import type { PaneControls, PaneKey } from './navigation.js';
import type { PaneDefinition } from './panes/paneProps.js';
import { ClaimsPane } from './panes/ClaimsPane.js';
import { ComparePane } from './panes/ComparePane.js';
import { QuotesPane } from './panes/QuotesPane.js';
import { SearchPane } from './panes/SearchPane.js';
import { useEvidence } from './evidence/useEvidence.js';
import { useTheme } from './theme.js';

export { MIN_COLUMNS, MIN_ROWS } from './app/screens.js';
const MINIMUM_SIZE: TerminalSize = { columns: MIN_COLUMNS, rows: MIN_ROWS };

/** The panes, in the order of their number keys. */
const PANES: readonly PaneDefinition[] = [
  { key: 'search', label: 'Search', Component: SearchPane },
  { key: 'quotes', label: 'Quotes', Component: QuotesPane },
  { key: 'compare', label: 'Compare', Component: ComparePane },
  { key: 'claims', label: 'Claims', Component: ClaimsPane },
];
/** On an archive: Search asks the database; the other panes work on the story chosen with `s`. */
const ARCHIVE_PANES: readonly PaneDefinition[] = [{ key: 'search', label: 'Search', Component: ArchiveSearchPane }, ...PANES.slice(1).map(storyPane)];
const TABS: readonly TabInfo[] = PANES.map(({ key, label }) => ({ key, label }));

/** 1-4, Alt-1..4 and F2-F5 name panes 1-4. */
function paneNumber(key: string): number {
  const fKey = /^f(\d)$/.exec(key);
  if (fKey) return Number(fKey[1]) - 1;
  return Number(key.replace(/^alt-/, ''));
}

export interface AppProps {
  /** Folder to load; ignored when `workspace` is given. */
  corpusPath?: string;
  workspace?: Workspace;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  size?: TerminalSize;
  /** How `corpusPath` is loaded (tests); otherwise from the index cache or the files. */
  load?: CorpusLoader;
  /** Ctrl-Z: hands the terminal back and stops the job (the real terminal only). */
  suspend?: () => void;
  /** A corpus that fails to load ends the App with a CorpusError (the real terminal). */
  exitOnFailure?: boolean;
  /** Tests: sees each pane's controls as the App gets them. */
  inspect?: (pane: PaneKey, controls: () => PaneControls) => void;
  /** Bytes for the terminal itself, outside the frame (y: the OSC 52 copy). */
  writeToTerminal?: (bytes: string) => void;
  /** e: runs the editor with the terminal handed over, and takes it back (the real terminal only). */
  runOutside?: (run: () => void) => void;
  env?: NodeJS.ProcessEnv;
  /** Where x writes the evidence report (tests); otherwise the working folder. */
  cwd?: string;
  /** --fields: record fields by name when not recognised. */
  fields?: LoadOptions['fields'];
  /** --db: the archive to read instead of a corpus folder. */
  archive?: WorkbenchArchive;
  /** The clock the archive's status waits on (tests). */
  timers?: Timers;
}

interface GlobalKeys {
  exit: () => void;
  suspend: (() => void) | undefined;
  /** Ink's write: after fg, it erases its frame, writes the (empty) text and draws the whole frame again. */
  write: (text: string) => void;
  help: Help;
  setTab: (pane: PaneKey) => void;
  panes: PaneRegistry;
  evidence: Handlers;
  stories: StoryPicker;
}

/** What the keys that work anywhere do. */
function globalHandlers({ exit, suspend, write, help, setTab, panes, evidence, stories }: GlobalKeys): Handlers {
  return {
    ...evidence,
    'pick-story': () => stories.show(),
    quit: () => exit(),
    suspend: () => {
      if (!suspend) return false;
      suspend();
      write('');
      return true;
    },
    help: () => help.show(),
    pane: (key) => {
      const next = PANES[paneNumber(key) - 1];
      if (!next) return false;
      stories.close();
      setTab(next.key);
      return true;
    },
    'next-area': () => panes.visible()?.cycleArea(1),
    'previous-area': () => panes.visible()?.cycleArea(-1),
    back: () => panes.back(),
  };
}

interface WorkbenchKeys {
  status: WorkspaceState['status'];
  /** Too small a terminal: the panes are hidden, so only quitting and Ctrl-Z work (as the screen says). */
  tooSmall: boolean;
  typedAhead: LineEditor;
  panes: PaneRegistry;
  global: Handlers;
  help: Help;
  stories: StoryPicker;
  refreshStatus: () => void;
  exit: () => void;
  /** Called before each key: what the last evidence key said lasts until the next key. */
  onKey: () => void;
}

/** Every key and paste: to the query typed while loading, the help, or the visible pane. */
function useWorkbenchKeys({ status, tooSmall, typedAhead, panes, global, help, stories, refreshStatus, exit, onKey }: WorkbenchKeys): void {
  const statusLatest = useLatest(status);
  const tooSmallLatest = useLatest(tooSmall);
  useKeyboard((event) => {
    if (tooSmallLatest.current) {
      if (event.kind === 'key' && ['q', 'ctrl-c', 'ctrl-z'].includes(event.name)) dispatchKey(event.name, panes.targetOf(undefined), global);
      return;
    }
    if (statusLatest.current === 'loading') {
      if (event.kind === 'paste') typedAhead.insert(event.text);
      else if (event.name === 'ctrl-c') exit();
      else dispatchKey(event.name, { field: { editor: typedAhead, handlers: typedAhead.handlers }, layers: [], conditions: { 'field-empty': false, history: false } }, {});
      return;
    }
    if (statusLatest.current === 'failed') {
      if (event.kind === 'key') dispatchKey(event.name, panes.targetOf(undefined), global);
      return;
    }
    const pane = panes.visible();
    if (event.kind === 'paste') {
      // Nothing in a paste is ever a command.
      if (stories.openLatest.current) stories.editor.insert(event.text);
      else if (!help.openLatest.current) pane?.paste(event.text);
      refreshStatus();
      return;
    }
    if (help.openLatest.current) {
      if (event.name === 'ctrl-c' || event.name === 'ctrl-z') dispatchKey(event.name, panes.targetOf(undefined), global);
      else if (dispatchKey(event.name, { field: null, layers: [{ scope: 'move', handlers: help.handlers }], conditions: { 'field-empty': true, history: false } }, {}) === null) help.close();
      return;
    }
    onKey();
    // The story picker, while open, takes the keys a pane would; those that work anywhere still do.
    dispatchKey(event.name, stories.openLatest.current ? stories.target() : panes.targetOf(pane), global);
    refreshStatus();
  });
}

export function App({ corpusPath, workspace: preloaded, size: fixedSize, load, suspend, inspect, exitOnFailure = false, writeToTerminal, runOutside, env, cwd, fields, archive, timers = REAL_TIMERS }: AppProps): ReactNode {
  const { exit } = useApp();
  const { write } = useStdout();
  const theme = useTheme();
  // Too small a terminal hides the panes without unmounting them (a query, a selection, a claims
  // map built survive a window dragged small and back), laid out at the last size they fitted.
  const { columns, rows, tooSmall, laidOut } = useWorkbenchSize(MINIMUM_SIZE, fixedSize);
  const [tab, tabLatest, setTab] = useImmediateState<PaneKey>(PANES[0]!.key);
  const panes = usePaneRegistry(tabLatest, setTab);
  const { stories: onArchive, navigate, choose } = useStoryNavigation(archive, timers, setTab, panes.navigate);
  const memory = useWorkspace(onArchive ? undefined : corpusPath, preloaded, load, fields);
  const state: WorkspaceState = onArchive ? { status: 'ready', workspace: onArchive.workspace } : memory;
  const story = onArchive?.story ?? null;
  const storyCount = onArchive?.catalog?.stories.length ?? null;
  const [seen] = useState(() => new Map<string, SourceDocument>());
  const setting = useMemo(() => (archive ? { archive, story, stories: storyCount, timers, seen } : null), [archive, story, storyCount, timers, seen]);
  const help = useHelp(laidOut.rows - 2);
  // Keys typed while the corpus loads go to the query line the workbench opens on (q included, as there).
  const typedAhead = useLineEditor();
  // A corpus that cannot load ends the workbench: the message goes to stderr, the exit code is 2
  // (run.tsx), rather than vanishing with the alternate screen.
  const failure = state.status === 'failed' ? state.message : null;
  useEffect(() => {
    if (failure !== null && corpusPath !== undefined && !preloaded && exitOnFailure) exit(new CorpusError(failure));
  }, [failure, corpusPath, preloaded, exitOnFailure, exit]);

  const stateLatest = useLatest(state);
  const evidence = useEvidence(() => {
    const current = stateLatest.current;
    if (current.status !== 'ready') return null;
    const { workspace } = current;
    // After the editor, Ink's own write path draws the whole frame again (as after fg).
    const outside =
      runOutside &&
      ((run: () => void): void => {
        runOutside(run);
        write('');
      });
    // On an archive, the documents of the search results taken as evidence too.
    return { documents: archive ? new Map([...seen, ...workspace.documents]) : workspace.documents, corpusRoot: workspace.corpus.root, selection: () => panes.visible()?.selection?.() ?? null, writeToTerminal, runOutside: outside, env, cwd };
  });
  const readyWorkspace = state.status === 'ready' ? state.workspace : null;
  const memoryStories = useMemo(() => (readyWorkspace ? storyCatalogOf(readyWorkspace) : null), [readyWorkspace]);
  const stories = useStoryPicker(onArchive ? onArchive.catalog : memoryStories, laidOut.rows - 4, (story) => (onArchive ? choose(story) : panes.navigate({ pane: 'claims', story })));
  const global = globalHandlers({ exit, suspend, write, help, setTab, panes, evidence: evidence.handlers, stories });
  const { status, refreshStatus, controls } = useStatusLine(panes, tabLatest, global, inspect);
  useWorkbenchKeys({ status: state.status, tooSmall, typedAhead, panes, global, help, stories, refreshStatus, exit, onKey: evidence.clearNotice });

  // The frame fills the terminal, status line on the last row (frameDiff.ts writes the rows that changed).
  const tooSmallScreen = tooSmall ? <TooSmall columns={columns} rows={rows} /> : null;
  if (state.status !== 'ready') return tooSmallScreen ?? <Loading state={state} tabs={TABS} active={tab} typedAhead={typedAhead.text} columns={columns} rows={rows} />;
  const [width, paneHeight] = [laidOut.columns, laidOut.rows - 2];
  return (
    <ArchiveContext.Provider value={setting}>
      {tooSmallScreen}
      <Box width={width} height={laidOut.rows} flexDirection="column" display={tooSmall ? 'none' : 'flex'}>
        <TabBar tabs={TABS} active={tab} title={neutralize(state.workspace.corpus.root, { ascii: theme.ascii })} width={width} />
        <Box height={paneHeight} width={width}>
          {help.open ? <HelpOverlay width={width} height={paneHeight} scroll={help.scroll} pane={tab} /> : null}
          {stories.open && !help.open ? <StoryPickerView picker={stories} width={width} height={paneHeight} /> : null}
          {/* Panes stay mounted while hidden, so a query or a selection survives a visit elsewhere. */}
          {(onArchive ? ARCHIVE_PANES : PANES).map(({ key, Component }) => (
            // On an archive, a newly chosen story's panes start afresh; Search keeps its query.
            <Box key={onArchive && key !== 'search' ? `${key}:${onArchive.story ?? ''}` : key} display={!help.open && !stories.open && tab === key ? 'flex' : 'none'}>
              <Component workspace={state.workspace} width={width} height={paneHeight} active={!tooSmall && !help.open && !stories.open && tab === key} controls={controls} navigate={navigate} typedAhead={typedAhead.text} />
            </Box>
          ))}
        </Box>
        <StatusLine
          where={help.open ? 'Help' : stories.open ? `Claims ${theme.glyphs.separator} stories` : status.where}
          // What an evidence key did takes the facts' room while it is shown.
          facts={[evidence.marked > 0 ? `${evidence.marked} marked` : '', evidence.notice === null ? (onArchive ? archiveFacts(onArchive, theme.ascii) : corpusFacts(state.workspace.corpus)) : ''].filter((part) => part !== '').join('  ')}
          hints={help.open ? ['j/k scroll', 'any other key closes'] : stories.open ? hintsOf(stories.target(), global) : evidence.notice !== null ? [evidence.notice] : status.hints}
          help={help.open ? '' : stories.open ? helpHint(stories.target()) : status.help}
          width={width}
        />
      </Box>
    </ArchiveContext.Provider>
  );
}
