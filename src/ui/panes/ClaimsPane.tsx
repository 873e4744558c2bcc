/**
 * Pane 4, Claims: the claims map of a story. Claims down, sources across, a mark where a source
 * carries the claim and another where its facts disagree with the others'; the most widely carried
 * first. Only sources carrying a listed claim get a column, and the columns scroll sideways when
 * more than fit beside readable claim text. `/` filters by words, `!` keeps the disputed claims,
 * `o` picks a source and keeps the claims it alone makes (its blind spots for the others).
 */
import { labelOf } from '../../core/labels.js';
import { Box } from 'ink';
import { useMemo, useState, type ReactNode } from 'react';
import type { Claim, ClaimsMap } from '../../core/compare/types.js';
import { PromptLine } from '../components/PromptLine.js';
import { SegmentLine } from '../components/SegmentLine.js';
import { useClaimsView } from '../hooks/useClaims.js';
import { useImmediateState } from '../hooks/useImmediateState.js';
import { useLineEditor } from '../hooks/useLineEditor.js';
import { useListNavigation, useSelection } from '../hooks/useListNavigation.js';
import { usePaneControls } from '../hooks/usePaneControls.js';
import type { Workspace } from '../hooks/useWorkspace.js';
import { useSelectPending } from '../hooks/useSelectPending.js';
import { useTheme } from '../theme.js';
import { claimsControls, type ClaimsArea } from './claims/claimsControls.js';
import { ClaimRows, ClaimsHeader, Legend, SourcePicker, UnfinishedNote, columnLabel, type ClaimColumns } from './claims/ClaimsTable.js';
import type { PaneProps } from './paneProps.js';

export { columnLabel } from './claims/ClaimsTable.js';

/** Claim text keeps at least this many columns (or half the width, if more). */
const MIN_TEXT_WIDTH = 36;

/** Legend entries ("A 000_067ac…") packed into rows of `width` columns, two spaces apart. */
export function packLegend(entries: readonly string[], width: number): string[] {
  const rows: string[] = [];
  for (const entry of entries) {
    const last = rows.at(-1);
    if (last !== undefined && last.length + 2 + entry.length <= width) rows[rows.length - 1] = `${last}  ${entry}`;
    else rows.push(entry);
  }
  return rows;
}

function matchesFilter(claim: Claim, words: readonly string[]): boolean {
  const text = claim.summary.toLocaleLowerCase();
  return words.every((word) => text.includes(word));
}

interface ClaimFilters {
  text: string;
  conflictsOnly: boolean;
  onlySource: string | null;
}

/** The claims the filters keep, the sources carrying them, and the sources that make a claim alone. */
function useListedClaims(map: ClaimsMap | null, { text, conflictsOnly, onlySource }: ClaimFilters) {
  const claims = useMemo<Claim[]>(() => {
    if (!map) return [];
    const words = text.toLocaleLowerCase().split(/\s+/).filter((word) => word !== '');
    return map.claims.filter((claim) => {
      if (conflictsOnly && claim.conflicts.length === 0) return false;
      if (onlySource !== null) {
        const carriers = Object.keys(claim.sources);
        if (carriers.length !== 1 || carriers[0] !== onlySource) return false;
      }
      return words.length === 0 || matchesFilter(claim, words);
    });
  }, [map, text, conflictsOnly, onlySource]);
  // Only sources that carry a listed claim get a column.
  const sources = useMemo(() => {
    if (!map) return [];
    const carrying = new Set<string>();
    for (const claim of claims) for (const source of Object.keys(claim.sources)) carrying.add(source);
    return map.sources.filter((source) => carrying.has(source));
  }, [map, claims]);
  // Sources a picker offers: those that make at least one claim alone.
  const soleSources = useMemo(() => {
    const counts = new Map<string, number>();
    for (const claim of map?.claims ?? []) {
      const carriers = Object.keys(claim.sources);
      if (carriers.length === 1) counts.set(carriers[0]!, (counts.get(carriers[0]!) ?? 0) + 1);
    }
    return (map?.sources ?? []).filter((source) => counts.has(source)).map((source) => ({ source, count: counts.get(source)! }));
  }, [map]);
  return { claims, sources, soleSources };
}

/** The source columns shown beside claim text that stays readable, from the scrolled-to one. */
function columnsOf(map: ClaimsMap | null, sources: readonly string[], columnOffset: number, width: number): ClaimColumns {
  const idWidth = String(Math.max(1, map?.claims.length ?? 1)).length;
  const textWidth = Math.max(MIN_TEXT_WIDTH, Math.floor(width / 2));
  const count = Math.max(1, Math.min(sources.length, Math.floor((width - idWidth - 1 - textWidth) / 2)));
  const first = Math.max(0, Math.min(columnOffset, sources.length - count));
  return { sources, shown: sources.slice(first, first + count), first, idWidth };
}

/** The legend names every column shown, several to a row when they fit (ECB+ stories have 13); the list takes the rest. */
function legendLayout(workspace: Workspace, columns: ClaimColumns, width: number, height: number) {
  const legendLines = packLegend(columns.shown.map((source, index) => `${columnLabel(columns.first + index)} ${labelOf(workspace.documents, source)}`), width);
  const legendRows = Math.min(legendLines.length, Math.max(1, Math.floor((height - 5) / 3)));
  return { legendLines, legendRows, listHeight: Math.max(1, height - 2 - legendRows) };
}

/** The filters in force, as the header names them. */
function filterNames(conflictsOnly: boolean, onlySource: string | null, story: string | null): string[] {
  return [...(conflictsOnly ? ['with conflicts'] : []), ...(onlySource !== null ? [`made by ${onlySource} alone`] : []), ...(story ? [`in ${story}`] : [])];
}

function useSetting<T>(initial: T) {
  const [value, latest, set] = useImmediateState(initial);
  return { value, latest, set };
}

export function ClaimsPane({ workspace, width, height, active, controls, navigate }: PaneProps): ReactNode {
  const theme = useTheme();
  const corpus = workspace.corpus;
  const area = useSetting<ClaimsArea>('list');
  const story = useSetting<string | null>(corpus.stories[0] ?? null);
  const onlySource = useSetting<string | null>(null);
  const conflictsOnly = useSetting(false);
  const [columnOffset, setColumnOffset] = useState(0);
  const selection = useSelection();
  const filter = useLineEditor('', () => selection.set(0));
  // Built the first time the pane is shown, never per keystroke; shown unfinished while it is made.
  const view = useClaimsView(workspace, story.value, active);
  const map = view?.map ?? null;
  const noteRows = view?.progress ? 1 : 0;
  const { claims, sources, soleSources } = useListedClaims(map, { text: filter.text, conflictsOnly: conflictsOnly.value, onlySource: onlySource.value });

  const columns = columnsOf(map, sources, columnOffset, width);
  const { legendLines, legendRows, listHeight } = legendLayout(workspace, columns, width, height - noteRows);
  const navigation = useListNavigation(claims.length, listHeight - 1, selection);
  const picker = useListNavigation(soleSources.length, listHeight - 1);
  // The claim to select again after coming back, by its id in the map.
  const [pendingClaim, , setPendingClaim] = useImmediateState<number | null>(null);
  useSelectPending(pendingClaim, setPendingClaim, map !== null, (id) => claims.findIndex((claim) => claim.id === id), navigation.select);

  /** h / l: a screenful of source columns left or right, when more than fit. */
  const scrollColumns = (step: 1 | -1): void =>
    setColumnOffset(Math.max(0, Math.min(sources.length - columns.shown.length, columns.first + step * columns.shown.length)));
  usePaneControls('claims', controls, () =>
    claimsControls({
      separator: theme.glyphs.separator,
      area,
      story,
      onlySource,
      conflictsOnly,
      filter,
      claims,
      navigation,
      soleSources,
      picker,
      scrollColumns: sources.length > columns.shown.length ? scrollColumns : undefined,
      setPendingClaim,
      navigate,
    }),
  );

  if (!map) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <SegmentLine segments={[{ text: `Finding the claims${theme.glyphs.ellipsis}`, style: 'muted' }]} width={width} />
      </Box>
    );
  }
  const filterLine = <PromptLine editor={filter} focused={active && area.value === 'filter'} placeholder="filter claims by their words (/)" width={width} />;
  if (area.value === 'sources') {
    return (
      <Box flexDirection="column" width={width} height={height}>
        {filterLine}
        <SourcePicker workspace={workspace} soleSources={soleSources} offset={picker.offset} selected={picker.selected} width={width} rows={listHeight - 1} height={height - 2} />
      </Box>
    );
  }
  const filters = filterNames(conflictsOnly.value, onlySource.value, story.value);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {filterLine}
      {view?.progress ? <UnfinishedNote progress={view.progress} width={width} /> : null}
      <ClaimsHeader count={claims.length} filters={filters} columns={columns} width={width} />
      <Box flexDirection="column" height={listHeight - 1} overflowY="hidden">
        <ClaimRows claims={claims} columns={columns} offset={navigation.offset} selected={navigation.selected} active={active} width={width} height={listHeight - 1} />
      </Box>
      <Box flexDirection="column" height={legendRows} overflowY="hidden">
        <Legend lines={legendLines} rows={legendRows} width={width} />
      </Box>
    </Box>
  );
}
