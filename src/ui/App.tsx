/** The workbench: numbered panes, the status line, help, and the screen-size guard. */
import { Box, Text, useApp } from 'ink';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { neutralize } from '../core/sanitize.js';
import { HelpOverlay, helpLineCount } from './components/HelpOverlay.js';
import { StatusLine } from './components/StatusLine.js';
import { TabBar, type TabInfo } from './components/TabBar.js';
import { useImmediateState } from './hooks/useImmediateState.js';
import { useKeys } from './hooks/useKeys.js';
import { useLineEditor } from './hooks/useLineEditor.js';
import { useTerminalSize, type TerminalSize } from './hooks/useTerminalSize.js';
import { useWorkspace, type CorpusLoader, type Workspace } from './hooks/useWorkspace.js';
import type { NavigationRequest, NavigationTarget, PaneKey } from './navigation.js';
import type { PaneDefinition, PaneStatus } from './panes/paneProps.js';
import { ClaimsPane } from './panes/ClaimsPane.js';
import { ComparePane } from './panes/ComparePane.js';
import { QuotesPane } from './panes/QuotesPane.js';
import { SearchPane } from './panes/SearchPane.js';
import { fit } from './text.js';
import { useTheme } from './theme.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;

/** The panes, in the order of their number keys; `typing`: the pane opens on its text field. */
const PANES: readonly (PaneDefinition & { typing: boolean })[] = [
  { key: 'search', label: 'Search', Component: SearchPane, typing: true },
  { key: 'quotes', label: 'Quotes', Component: QuotesPane, typing: true },
  { key: 'compare', label: 'Compare', Component: ComparePane, typing: false },
  { key: 'claims', label: 'Claims', Component: ClaimsPane, typing: false },
];
const TABS: readonly TabInfo[] = PANES.map(({ key, label }) => ({ key, label }));

export interface AppProps {
  /** Folder to load; ignored when `workspace` is given. */
  corpusPath?: string;
  workspace?: Workspace;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  size?: TerminalSize;
  /** How `corpusPath` is loaded (tests); otherwise from the index cache or the files. */
  load?: CorpusLoader;
}

export function App({ corpusPath, workspace: preloaded, size: fixedSize, load }: AppProps): ReactNode {
  const { exit } = useApp();
  const theme = useTheme();
  const size = useTerminalSize(fixedSize);
  const state = useWorkspace(corpusPath, preloaded, load);
  /** The visible pane's text field has the keys: q and digits are typed, not commands. */
  const typingRef = useRef(false);
  const [tab, setTabState] = useState<PaneKey>(PANES[0]!.key);
  // Whether each pane's field had the keys when it was last shown. A pane reports it a moment
  // after it is shown; keys arriving with the switch ("2q" in one packet) are judged by this
  // meanwhile, so a q meant for the Quotes filter does not quit.
  const tabRef = useRef<PaneKey>(PANES[0]!.key);
  const typingOfPane = useRef(new Map<PaneKey, boolean>(PANES.map((pane) => [pane.key, pane.typing])));
  const setTab = useCallback((next: PaneKey) => {
    tabRef.current = next;
    typingRef.current = typingOfPane.current.get(next) ?? false;
    setTabState(next);
  }, []);
  const [request, setRequest] = useState<NavigationRequest | null>(null);
  const navigate = useCallback((target: NavigationTarget) => {
    // A pane not built yet (Compare, while it is being written) is not a place to go.
    if (!PANES.some((pane) => pane.key === target.pane)) return;
    setTab(target.pane);
    setRequest((previous) => ({ target, serial: (previous?.serial ?? 0) + 1 }));
  }, []);
  const [helpOpen, helpOpenRef, setHelpOpen] = useImmediateState(false);
  const [helpScroll, setHelpScroll] = useState(0);
  const [status, setStatus] = useState<PaneStatus>({ where: 'Search', hints: '' });
  const onStatus = useCallback((next: PaneStatus) => setStatus(next), []);
  // Keys typed while the corpus loads go to the query line the workbench opens on (q included, as
  // there). So do keys that arrive after the first frame but before the pane has subscribed to
  // keys (its effects run a moment after the frame is drawn): the pane's first report ends that.
  const typedAhead = useLineEditor();
  const statusRef = useRef(state.status);
  statusRef.current = state.status;
  const paneHasKeysRef = useRef(false);
  const onTyping = useCallback((next: boolean) => {
    typingRef.current = next;
    typingOfPane.current.set(tabRef.current, next);
    paneHasKeysRef.current = true;
  }, []);

  useKeys((input, key) => {
    if (key.ctrl && input === 'c') {
      exit();
      return;
    }
    if (statusRef.current === 'loading' || (statusRef.current === 'ready' && !paneHasKeysRef.current)) {
      typedAhead.edit(input, key);
      return;
    }
    if (helpOpenRef.current) {
      const page = Math.max(1, size.rows - 5);
      const step = key.downArrow || input === 'j' ? 1 : key.upArrow || input === 'k' ? -1 : key.pageDown ? page : key.pageUp ? -page : 0;
      if (step !== 0) setHelpScroll((scroll) => Math.max(0, Math.min(helpLineCount() - 1, scroll + step)));
      else setHelpOpen(false);
      return;
    }
    if (typingRef.current) return;
    if (input === 'q') exit();
    else if (input === '?') {
      setHelpScroll(0);
      setHelpOpen(true);
    }
    else if (/^[1-9]$/.test(input)) {
      const next = PANES[Number(input) - 1];
      if (next) setTab(next.key);
    }
  });

  const { columns, rows } = size;
  // One row is left free: a frame as tall as the terminal makes Ink clear the whole screen on every update.
  const height = rows - 1;
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return (
      <Box width={columns} height={height} flexDirection="column">
        <Text>{fit(`Terminal too small: ${columns}x${rows}.`, columns, theme.glyphs.ellipsis)}</Text>
        <Text>{fit(`crosscheck needs ${MIN_COLUMNS}x${MIN_ROWS}; enlarge the window. q quits.`, columns, theme.glyphs.ellipsis)}</Text>
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
        <StatusLine where={loading ? 'Loading' : 'Error'} facts="" hints={loading ? 'type to search  Ctrl-C quit' : 'q quit'} width={columns} />
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
        {helpOpen ? <HelpOverlay width={columns} height={paneHeight} scroll={helpScroll} /> : null}
        {/* Panes stay mounted while hidden, so a query or a selection survives a visit elsewhere. */}
        {PANES.map(({ key, Component }) => (
          <Box key={key} display={!helpOpen && tab === key ? 'flex' : 'none'}>
            <Component
              workspace={state.workspace}
              width={columns}
              height={paneHeight}
              active={!helpOpen && tab === key}
              onStatus={onStatus}
              onTyping={onTyping}
              navigate={navigate}
              request={request?.target.pane === key ? request : null}
              typedAhead={typedAhead.text}
            />
          </Box>
        ))}
      </Box>
      <StatusLine where={helpOpen ? 'Help' : status.where} facts={facts} hints={helpOpen ? 'j/k scroll  any other key closes' : status.hints} width={columns} />
    </Box>
  );
}
