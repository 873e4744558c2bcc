/** The App's screens before the panes: too small a terminal, and the corpus loading or failing to load. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Corpus } from '../../core/types.js';
import { neutralize } from '../../core/sanitize.js';
import { StatusLine } from '../components/StatusLine.js';
import { TabBar, type TabInfo } from '../components/TabBar.js';
import type { WorkspaceState } from '../hooks/useWorkspace.js';
import { fit } from '../text.js';
import { useTheme } from '../theme.js';
import { plural } from '../../core/presentation.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;

export function TooSmall({ columns, rows }: { columns: number; rows: number }): ReactNode {
  return (
    <Box width={columns} height={rows} flexDirection="column">
      {/* Wrapped, not cut: the whole message reads at any width. */}
      <Text wrap="wrap">{`Terminal too small: ${columns}x${rows}. crosscheck needs ${MIN_COLUMNS}x${MIN_ROWS}; enlarge the window. q quits.`}</Text>
    </Box>
  );
}

export interface LoadingProps {
  state: Exclude<WorkspaceState, { status: 'ready' }>;
  tabs: readonly TabInfo[];
  active: string;
  /** What was typed meanwhile: the query the workbench opens on. */
  typedAhead: string;
  columns: number;
  rows: number;
}

export function Loading({ state, tabs, active, typedAhead, columns, rows }: LoadingProps): ReactNode {
  const theme = useTheme();
  const message =
    state.status === 'failed'
      ? `Could not load the corpus: ${neutralize(state.message, { ascii: theme.ascii })}`
      : state.progress
        ? `Loading ${state.progress.filesRead}/${state.progress.filesTotal} files${theme.glyphs.ellipsis}`
        : `Loading${theme.glyphs.ellipsis}`;
  const loading = state.status === 'loading';
  return (
    <Box width={columns} height={rows} flexDirection="column">
      <TabBar tabs={tabs} active={active} title="crosscheck" width={columns} />
      <Box height={rows - 2} width={columns} paddingX={1} flexDirection="column">
        <Text wrap="wrap" {...(!loading && theme.color ? { color: theme.colors.warning } : {})}>
          {message}
        </Text>
        {loading && typedAhead !== '' ? <Text>{fit(`${theme.glyphs.pointer} ${neutralize(typedAhead, { ascii: theme.ascii })}`, columns - 2, theme.glyphs.ellipsis)}</Text> : null}
      </Box>
      <StatusLine where={loading ? 'Loading' : 'Error'} facts="" hints={loading ? ['type to search', 'Ctrl-C quit'] : ['q quit']} help="" width={columns} />
    </Box>
  );
}

/** What the corpus holds, for the status line. */
export function corpusFacts(corpus: Corpus): string {
  const skipped = corpus.warnings.filter((warning) => warning.skipped).length;
  const repaired = corpus.warnings.length - skipped;
  return (
    `${plural(corpus.documents.length, 'source')} ${plural(corpus.passages.length, 'passage')}` +
    (corpus.stories.length > 0 ? ` ${plural(corpus.stories.length, 'story', 'stories')}` : '') +
    (skipped > 0 ? ` ${skipped} skipped` : '') +
    (repaired > 0 ? ` ${repaired} warnings` : '')
  );
}
