/** The workbench: numbered panes, the status line, help, and the screen-size guard. */
import { Box, Text, useApp, useStdout } from 'ink';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { CorpusError } from '../core/load.js';
import { neutralize } from '../core/sanitize.js';
import { HelpOverlay, helpLineCount } from './components/HelpOverlay.js';
import { StatusLine } from './components/StatusLine.js';
import { TabBar, type TabInfo } from './components/TabBar.js';
import { useImmediateState } from './hooks/useImmediateState.js';
import { useKeyboard } from './hooks/useKeyboard.js';
import { useLineEditor } from './hooks/useLineEditor.js';
import { useTerminalSize, type TerminalSize } from './hooks/useTerminalSize.js';
import { useWorkspace, type CorpusLoader, type Workspace } from './hooks/useWorkspace.js';
import { dispatchKey, helpHint, hintsOf, type Handlers, type KeyTarget } from './keys/dispatch.js';
import type { NavigationTarget, PaneControls, PaneKey } from './navigation.js';
import type { PaneDefinition } from './panes/paneProps.js';
import { ClaimsPane } from './panes/ClaimsPane.js';
import { ComparePane } from './panes/ComparePane.js';
import { QuotesPane } from './panes/QuotesPane.js';
import { SearchPane } from './panes/SearchPane.js';
import { fit } from './text.js';
import { useTheme } from './theme.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;

/** The panes, in the order of their number keys. */
const PANES: readonly PaneDefinition[] = [
  { key: 'search', label: 'Search', Component: SearchPane },
  { key: 'quotes', label: 'Quotes', Component: QuotesPane },
  { key: 'compare', label: 'Compare', Component: ComparePane },
  { key: 'claims', label: 'Claims', Component: ClaimsPane },
];

/** 1-4, Alt-1..4 and F2-F5 name panes 1-4. */
function paneNumber(key: string): number {
  const fKey = /^f(\d)$/.exec(key);
  if (fKey) return Number(fKey[1]) - 1;
  return Number(key.replace(/^alt-/, ''));
}

interface HistoryEntry {
  from: PaneKey;
  to: PaneKey;
  restore: () => void;
}
const TABS: readonly TabInfo[] = PANES.map(({ key, label }) => ({ key, label }));

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
}

export function App({ corpusPath, workspace: preloaded, size: fixedSize, load, suspend, inspect, exitOnFailure = false }: AppProps): ReactNode {
  const { exit } = useApp();
  const { write } = useStdout();
  const theme = useTheme();
  const size = useTerminalSize(fixedSize);
  const state = useWorkspace(corpusPath, preloaded, load);
  const [tab, tabRef, setTab] = useImmediateState<PaneKey>(PANES[0]!.key);
  const [helpOpen, helpOpenRef, setHelpOpen] = useImmediateState(false);
  const [helpScroll, helpScrollRef, setHelpScroll] = useImmediateState(0);
  const helpHeight = size.rows - 2;
  // Keys typed while the corpus loads go to the query line the workbench opens on (q included, as there).
  const typedAhead = useLineEditor();
  const statusRef = useRef(state.status);
  statusRef.current = state.status;
  // A corpus that cannot load ends the workbench: the message goes to stderr, the exit code is 2
  // (run.tsx), rather than vanishing with the alternate screen.
  const failure = state.status === 'failed' ? state.message : null;
  useEffect(() => {
    if (failure !== null && corpusPath !== undefined && !preloaded && exitOnFailure) exit(new CorpusError(failure));
  }, [failure, corpusPath, preloaded, exitOnFailure, exit]);

  // Each pane hands over its controls on every render; a key reads the visible pane's latest.
  const controlsRef = useRef(new Map<PaneKey, () => PaneControls>());
  const [status, setStatus] = useState<{ where: string; hints: string[]; help: string }>({ where: 'Search', hints: [], help: '? help' });
  // Where Esc goes back to: pushed when a selection opens another pane, popped by Esc there.
  const historyRef = useRef<HistoryEntry[]>([]);

  const targetOf = (controls: PaneControls | undefined): KeyTarget => {
    const history = historyRef.current.at(-1)?.to === tabRef.current;
    if (!controls) return { field: null, layers: [], conditions: { 'field-empty': true, history } };
    return {
      field: controls.field,
      layers: controls.layers,
      conditions: { 'field-empty': (controls.field?.editor.current() ?? '') === '', history, ...controls.conditions },
    };
  };

  const navigate = useCallback((target: NavigationTarget) => {
    const from = tabRef.current;
    const restore = controlsRef.current.get(from)?.().capture();
    if (restore) historyRef.current.push({ from, to: target.pane, restore });
    setTab(target.pane);
    controlsRef.current.get(target.pane)?.().open(target);
  }, [setTab, tabRef]);

  const global: Handlers = {
    quit: () => exit(),
    suspend: () => {
      if (!suspend) return false;
      suspend();
      // After fg: Ink's own write path erases its frame, writes the (empty) text and draws the whole frame again.
      write('');
      return true;
    },
    help: () => {
      setHelpScroll(0);
      setHelpOpen(true);
    },
    pane: (key) => {
      const next = PANES[paneNumber(key) - 1];
      if (!next) return false;
      setTab(next.key);
      return true;
    },
    'next-area': () => controlsRef.current.get(tabRef.current)?.().cycleArea(1),
    'previous-area': () => controlsRef.current.get(tabRef.current)?.().cycleArea(-1),
    back: () => {
      const top = historyRef.current.at(-1);
      if (!top || top.to !== tabRef.current) return false;
      historyRef.current.pop();
      setTab(top.from);
      top.restore();
      return true;
    },
  };
  // The help's scroll stays within its lines, so k after many j moves at once.
  const scrollHelp = (to: number): void => setHelpScroll(Math.max(0, Math.min(helpLineCount() - helpHeight, to)));
  const helpScrollHandlers: Handlers = {
    up: () => scrollHelp(helpScrollRef.current - 1),
    down: () => scrollHelp(helpScrollRef.current + 1),
    'page-up': () => scrollHelp(helpScrollRef.current - helpHeight),
    'page-down': () => scrollHelp(helpScrollRef.current + helpHeight),
    'half-page-up': () => scrollHelp(helpScrollRef.current - Math.floor(helpHeight / 2)),
    'half-page-down': () => scrollHelp(helpScrollRef.current + Math.floor(helpHeight / 2)),
    first: () => scrollHelp(0),
    last: () => scrollHelp(helpLineCount()),
  };

  const refreshStatus = (): void => {
    const controls = controlsRef.current.get(tabRef.current)?.();
    if (!controls) return;
    const target = targetOf(controls);
    const next = { where: controls.where, hints: controls.note ? [controls.note] : hintsOf(target, global), help: helpHint(target) };
    setStatus((previous) =>
      previous.where === next.where && previous.help === next.help && previous.hints.join('\n') === next.hints.join('\n') ? previous : next,
    );
  };
  const refreshRef = useRef(refreshStatus);
  refreshRef.current = refreshStatus;
  const controls = useCallback((pane: PaneKey, next: () => PaneControls) => {
    controlsRef.current.set(pane, next);
    inspect?.(pane, next);
    // After the render that produced them: the status line reads the hints of the latest controls.
    if (pane === tabRef.current) queueMicrotask(() => refreshRef.current());
  }, [tabRef, inspect]);

  useKeyboard((event) => {
    if (statusRef.current === 'loading') {
      if (event.kind === 'paste') typedAhead.insert(event.text);
      else if (event.name === 'ctrl-c') exit();
      else dispatchKey(event.name, { field: { editor: typedAhead, handlers: typedAhead.handlers }, layers: [], conditions: { 'field-empty': false, history: false } }, {});
      return;
    }
    if (statusRef.current === 'failed') {
      if (event.kind === 'key') dispatchKey(event.name, targetOf(undefined), global);
      return;
    }
    const pane = controlsRef.current.get(tabRef.current)?.();
    if (event.kind === 'paste') {
      // Nothing in a paste is ever a command.
      if (!helpOpenRef.current) pane?.paste(event.text);
      refreshStatus();
      return;
    }
    if (helpOpenRef.current) {
      if (event.name === 'ctrl-c' || event.name === 'ctrl-z') dispatchKey(event.name, targetOf(undefined), global);
      else if (dispatchKey(event.name, { field: null, layers: [{ scope: 'move', handlers: helpScrollHandlers }], conditions: { 'field-empty': true, history: false } }, {}) === null) {
        setHelpOpen(false);
      }
      return;
    }
    dispatchKey(event.name, targetOf(pane), global);
    refreshStatus();
  });

  const { columns, rows } = size;
  // The frame fills the terminal, status line on the last row. Ink then redraws the whole frame on
  // each update (clear and draw, in one synchronized write where the terminal supports it).
  const height = rows;
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return (
      <Box width={columns} height={height} flexDirection="column">
        {/* Wrapped, not cut: the whole message reads at any width. */}
        <Text wrap="wrap">{`Terminal too small: ${columns}x${rows}. crosscheck needs ${MIN_COLUMNS}x${MIN_ROWS}; enlarge the window. q quits.`}</Text>
      </Box>
    );
  }
  const paneHeight = height - 2;

  if (state.status !== 'ready') {
    const message =
      state.status === 'failed'
        ? `Could not load the corpus: ${neutralize(state.message, { ascii: theme.ascii })}`
        : state.progress
          ? `Loading ${state.progress.filesRead}/${state.progress.filesTotal} files${theme.glyphs.ellipsis}`
          : `Loading${theme.glyphs.ellipsis}`;
    const loading = state.status === 'loading';
    return (
      <Box width={columns} height={height} flexDirection="column">
        <TabBar tabs={TABS} active={tab} title="crosscheck" width={columns} />
        <Box height={paneHeight} width={columns} paddingX={1} flexDirection="column">
          <Text wrap="wrap" {...(!loading && theme.color ? { color: theme.colors.warning } : {})}>
            {message}
          </Text>
          {loading && typedAhead.text !== '' ? <Text>{fit(`${theme.glyphs.pointer} ${neutralize(typedAhead.text, { ascii: theme.ascii })}`, columns - 2, theme.glyphs.ellipsis)}</Text> : null}
        </Box>
        <StatusLine where={loading ? 'Loading' : 'Error'} facts="" hints={loading ? ['type to search', 'Ctrl-C quit'] : ['q quit']} help="" width={columns} />
      </Box>
    );
  }

  const { corpus } = state.workspace;
  const skipped = corpus.warnings.filter((warning) => warning.skipped).length;
  const repaired = corpus.warnings.length - skipped;
  const facts =
    `${corpus.documents.length} sources ${corpus.passages.length} passages` +
    (corpus.stories.length > 0 ? ` ${corpus.stories.length} stories` : '') +
    (skipped > 0 ? ` ${skipped} skipped` : '') +
    (repaired > 0 ? ` ${repaired} warnings` : '');
  return (
    <Box width={columns} height={height} flexDirection="column">
      <TabBar tabs={TABS} active={tab} title={neutralize(corpus.root, { ascii: theme.ascii })} width={columns} />
      <Box height={paneHeight} width={columns}>
        {helpOpen ? <HelpOverlay width={columns} height={paneHeight} scroll={helpScroll} pane={tab} /> : null}
        {/* Panes stay mounted while hidden, so a query or a selection survives a visit elsewhere. */}
        {PANES.map(({ key, Component }) => (
          <Box key={key} display={!helpOpen && tab === key ? 'flex' : 'none'}>
            <Component
              workspace={state.workspace}
              width={columns}
              height={paneHeight}
              active={!helpOpen && tab === key}
              controls={controls}
              navigate={navigate}
              typedAhead={typedAhead.text}
            />
          </Box>
        ))}
      </Box>
      <StatusLine where={helpOpen ? 'Help' : status.where} facts={facts} hints={helpOpen ? ['j/k scroll', 'any other key closes'] : status.hints} help={helpOpen ? '' : status.help} width={columns} />
    </Box>
  );
}
