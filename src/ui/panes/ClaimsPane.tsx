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
import type { Claim } from '../../core/compare/types.js';
import { PromptLine } from '../components/PromptLine.js';
import { SegmentLine } from '../components/SegmentLine.js';
import { useClaimsMap } from '../hooks/useClaims.js';
import { useImmediateState } from '../hooks/useImmediateState.js';
import { useLineEditor } from '../hooks/useLineEditor.js';
import { useListNavigation } from '../hooks/useListNavigation.js';
import type { KeyLayer } from '../keys/dispatch.js';
import { areaControls, filterFieldLayer, movingArea, onItem } from '../keys/paneKeys.js';
import { highlightSegments, plural, type Segment } from '../text.js';
import { useTheme } from '../theme.js';
import type { PaneProps } from './paneProps.js';

type Area = 'filter' | 'list' | 'sources';
const AREAS: readonly Area[] = ['filter', 'list'];
/** Claim text keeps at least this many columns (or half the width, if more). */
const MIN_TEXT_WIDTH = 36;

/** Column letters for the sources: A..Z, then AA.. */
export function columnLabel(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : columnLabel(Math.floor(index / 26) - 1) + String.fromCharCode(65 + (index % 26));
}

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

export function ClaimsPane({ workspace, width, height, active, controls, navigate }: PaneProps): ReactNode {
  const theme = useTheme();
  const corpus = workspace.corpus;
  const [area, areaRef, setArea] = useImmediateState<Area>('list');
  const [story, storyRef, setStory] = useImmediateState<string | null>(corpus.stories[0] ?? null);
  const [onlySource, onlySourceRef, setOnlySource] = useImmediateState<string | null>(null);
  const [conflictsOnly, conflictsOnlyRef, setConflictsOnly] = useImmediateState(false);
  const [columnOffset, setColumnOffset] = useState(0);
  const filter = useLineEditor('', () => navigation.select(0));
  // Built the first time the pane is shown, never per keystroke.
  const map = useClaimsMap(workspace, story, active);

  const claims = useMemo<Claim[]>(() => {
    if (!map) return [];
    const words = filter.text.toLocaleLowerCase().split(/\s+/).filter((word) => word !== '');
    return map.claims.filter((claim) => {
      if (conflictsOnly && claim.conflicts.length === 0) return false;
      if (onlySource !== null) {
        const carriers = Object.keys(claim.sources);
        if (carriers.length !== 1 || carriers[0] !== onlySource) return false;
      }
      return words.length === 0 || matchesFilter(claim, words);
    });
  }, [map, filter.text, conflictsOnly, onlySource]);
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

  const idWidth = String(Math.max(1, map?.claims.length ?? 1)).length;
  const textWidth = Math.max(MIN_TEXT_WIDTH, Math.floor(width / 2));
  const columnsShown = Math.max(1, Math.min(sources.length, Math.floor((width - idWidth - 1 - textWidth) / 2)));
  const firstColumn = Math.max(0, Math.min(columnOffset, sources.length - columnsShown));
  const shownSources = sources.slice(firstColumn, firstColumn + columnsShown);
  // The legend names every column shown, several to a row when they fit (ECB+ stories have 13).
  const legendLines = packLegend(shownSources.map((source, index) => `${columnLabel(firstColumn + index)} ${labelOf(workspace.documents, source)}`), width);
  const legendRows = Math.min(legendLines.length, Math.max(1, Math.floor((height - 5) / 3)));
  const listHeight = Math.max(1, height - 2 - legendRows);
  const navigation = useListNavigation(claims.length, listHeight - 1);
  const picker = useListNavigation(soleSources.length, listHeight - 1);

  /** h / l: a screenful of source columns left or right, when more than fit. */
  const scrollColumns = (step: 1 | -1): boolean => {
    if (sources.length <= columnsShown) return false;
    setColumnOffset(Math.max(0, Math.min(sources.length - columnsShown, firstColumn + step * columnsShown)));
    return true;
  };
  const paneLayer: KeyLayer = {
    scope: 'claims',
    handlers: {
      'conflicts-only': () => {
        setConflictsOnly(!conflictsOnlyRef.current);
        navigation.select(0);
      },
      'only-source': () => {
        if (onlySourceRef.current !== null) {
          setOnlySource(null);
          navigation.select(0);
        } else setArea('sources');
      },
      'next-story': () => {
        if (corpus.stories.length === 0) return false;
        setStory(corpus.stories[(corpus.stories.indexOf(storyRef.current ?? '') + 1) % corpus.stories.length]!);
        navigation.select(0);
        return true;
      },
      'focus-field': () => setArea('filter'),
    },
  };
  const layers: Record<Area, KeyLayer[]> = {
    filter: [filterFieldLayer('claims.filter', filter, () => setArea('list')), paneLayer],
    list: movingArea(
      'claims.list',
      {
        compare: onItem(() => claims[navigation.current()], (claim) => navigate({ pane: 'compare', claim: claim.summary, passageId: claim.anchor.id })),
        // Only when more sources carry claims than fit: the hint shows only then.
        ...(sources.length > columnsShown ? { 'columns-left': () => scrollColumns(-1), 'columns-right': () => scrollColumns(1) } : {}),
      },
      navigation.handlers,
      paneLayer,
    ),
    sources: [
      {
        scope: 'claims.sources',
        handlers: {
          submit: onItem(
            () => soleSources[picker.current()],
            (chosen) => {
              setOnlySource(chosen.source);
              navigation.select(0);
              setArea('list');
            },
          ),
          close: () => setArea('list'),
        },
      },
      { scope: 'move', handlers: picker.handlers },
    ],
  };
  // Read when a key arrives: the area is the latest (a key of the same burst may have changed it).
  controls('claims', () => ({
    ...areaControls({
      name: 'Claims',
      separator: theme.glyphs.separator,
      areaRef,
      setArea,
      cycle: AREAS,
      layers,
      fields: { filter: { editor: filter, moves: navigation.handlers } },
      pasteArea: 'filter',
    }),
    where: `Claims ${theme.glyphs.separator} ${storyRef.current ?? 'corpus'}`,
    capture: () => {
      const place = { area: areaRef.current, story: storyRef.current, filter: filter.current(), onlySource: onlySourceRef.current, conflictsOnly: conflictsOnlyRef.current, selected: claims[navigation.current()]?.id ?? null };
      return () => {
        setStory(place.story);
        filter.set(place.filter);
        setOnlySource(place.onlySource);
        setConflictsOnly(place.conflictsOnly);
        setArea(place.area);
        setPendingClaim(place.selected);
      };
    },
    open: () => setArea('list'),
  }));
  // The claim to select again after coming back, by its id in the map.
  const [pendingClaim, setPendingClaim] = useState<number | null>(null);
  if (pendingClaim !== null && map) {
    const at = claims.findIndex((claim) => claim.id === pendingClaim);
    setPendingClaim(null);
    if (at !== -1) navigation.select(at);
  }

  if (!map) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <SegmentLine segments={[{ text: `Finding the claims${theme.glyphs.ellipsis}`, style: 'muted' }]} width={width} />
      </Box>
    );
  }

  const marks = theme.ascii ? { carried: '*', conflict: '!', absent: '.' } : { carried: '●', conflict: '!', absent: '·' };
  const filters = [
    ...(conflictsOnly ? ['with conflicts'] : []),
    ...(onlySource !== null ? [`made by ${onlySource} alone`] : []),
    ...(story ? [`in ${story}`] : []),
  ];
  const header: Segment[] = [
    { text: `${plural(claims.length, 'claim')}${filters.length > 0 ? ` ${filters.join(', ')}` : ''}  `, style: 'focus' },
    { text: `${marks.carried} carries  ${marks.conflict} disagrees  ${marks.absent} absent`, style: 'muted' },
    ...(sources.length > columnsShown
      ? [{ text: `  sources ${firstColumn + 1}-${firstColumn + shownSources.length} of ${sources.length.toLocaleString('en-US')} (h/l)`, style: 'muted' as const }]
      : []),
  ];
  const filterLine = <PromptLine editor={filter} focused={active && area === 'filter'} placeholder="filter claims by their words (/)" width={width} />;

  if (area === 'sources') {
    const rows: ReactNode[] = [];
    for (let row = 0; row < listHeight - 1; row++) {
      const index = picker.offset + row;
      const entry = soleSources[index];
      if (!entry) break;
      rows.push(
        <SegmentLine key={entry.source} inverse={index === picker.selected} width={width} segments={[...highlightSegments(labelOf(workspace.documents, entry.source), [], theme.ascii, 'source'), { text: `  ${plural(entry.count, 'claim')} no other source makes`, style: 'muted' }]} />,
      );
    }
    return (
      <Box flexDirection="column" width={width} height={height}>
        {filterLine}
        <SegmentLine segments={[{ text: soleSources.length > 0 ? 'Only the claims one source alone makes: choose the source (Enter), Esc cancels' : 'No claim is made by one source alone.', style: 'focus' }]} width={width} />
        <Box flexDirection="column" height={height - 2} overflow="hidden">
          {rows}
        </Box>
      </Box>
    );
  }

  const columnsHeader: Segment[] = [
    { text: ' '.repeat(idWidth + 1), style: 'plain' },
    { text: shownSources.map((_, index) => columnLabel(firstColumn + index).padEnd(2)).join(''), style: 'source' },
  ];
  const rows: ReactNode[] = [];
  for (let row = 0; row < listHeight - 1; row++) {
    const index = navigation.offset + row;
    const claim = claims[index];
    if (!claim) break;
    const conflicted = new Set(claim.conflicts.map((conflict) => conflict.source));
    const cells: Segment[] = shownSources.map((source) => {
      const mark = !(source in claim.sources) ? marks.absent : conflicted.has(source) ? marks.conflict : marks.carried;
      return { text: `${mark} `, style: mark === marks.conflict ? 'warning' : mark === marks.carried ? 'source' : 'muted' };
    });
    const selected = index === navigation.selected;
    rows.push(
      <SegmentLine
        key={index}
        inverse={selected && active}
        width={width}
        segments={[{ text: `${String(claim.id).padStart(idWidth)} `, style: 'muted' }, ...cells, ...highlightSegments(claim.summary, [], theme.ascii, selected ? 'focus' : 'plain')]}
      />,
    );
  }
  if (rows.length === 0) rows.push(<SegmentLine key="none" width={width} segments={[{ text: 'No claim matches: / changes the filter, ! and o turn theirs off.', style: 'muted' }]} />);
  const legend = legendLines.slice(0, legendRows).map((line, row) => (
    <SegmentLine key={row} width={width} segments={highlightSegments(row === legendRows - 1 && legendLines.length > legendRows ? `${line}  ${theme.glyphs.ellipsis}` : line, [], theme.ascii, 'muted')} />
  ));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {filterLine}
      <SegmentLine segments={header} width={width} />
      <SegmentLine segments={columnsHeader} width={width} />
      <Box flexDirection="column" height={listHeight - 1} overflow="hidden">
        {rows}
      </Box>
      <Box flexDirection="column" height={legendRows} overflow="hidden">
        {legend}
      </Box>
    </Box>
  );
}
