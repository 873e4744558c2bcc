/**
 * Pane 3, Compare: one claim across every source of its story. Each carrying source's version
 * with its word differences against the reference and its conflicting facts; a line for each
 * source that does not report it. Columns side by side on a wide terminal, stacked blocks otherwise.
 */
import { Box } from 'ink';
import { labelOf } from '../../core/labels.js';
import { chronology } from '../../core/stories.js';
import type { SourceDocument } from '../../core/types.js';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Comparison, Conflict, SourceVersion } from '../../core/compare/types.js';
import { PromptLine } from '../components/PromptLine.js';
import { SegmentLine } from '../components/SegmentLine.js';
import { useClaimsMap, useComparer } from '../hooks/useClaims.js';
import { diffSegments } from '../diffText.js';
import { useImmediateState } from '../hooks/useImmediateState.js';
import { useLineEditor } from '../hooks/useLineEditor.js';
import { useScrollView } from '../hooks/useListNavigation.js';
import type { KeyLayer } from '../keys/dispatch.js';
import { areaControls } from '../keys/paneKeys.js';
import { highlightSegments, plural, wrapSegments, type Segment } from '../text.js';
import { useTheme } from '../theme.js';
import type { PaneProps } from './paneProps.js';

type Area = 'claim' | 'view';
const AREAS: readonly Area[] = ['claim', 'view'];

/** Each column needs this many cells to read; fewer, and the sources are stacked. */
const MIN_COLUMN_WIDTH = 50;

interface Target {
  claim: string;
  passageId?: number;
  story?: string | null;
}

export function conflictText(conflict: Conflict): string {
  return `${conflict.kind}: ${conflict.value} (others: ${conflict.others.join(', ')})`;
}

/** The lines of one source's block, wrapped to `width`. */
function versionLines(version: SourceVersion, comparison: Comparison, width: number, ascii: boolean, markers: boolean, label: string, earliest: boolean): Segment[][] {
  const isReference = version.source === comparison.reference;
  const lines = [...new Set(version.passages.map((passage) => passage.line))].join(',');
  const role = isReference ? 'reference' : version.conflicts.length > 0 ? plural(version.conflicts.length, 'conflict') : 'agrees';
  const header: Segment[] = [
    ...highlightSegments(`${label}:${lines}`, [], ascii, 'source'),
    { text: `  ${Math.round(version.similarity * 100)}%  `, style: 'muted' },
    { text: role, style: version.conflicts.length > 0 ? 'warning' : isReference ? 'focus' : 'muted' },
    ...(earliest ? [{ text: '  earliest', style: 'muted' as const }] : []),
  ];
  const body: Segment[] = isReference || version.diff.length === 0 ? highlightSegments(version.text, [], ascii) : diffSegments(version.diff, ascii, markers);
  const out: Segment[][] = [header, ...wrapSegments(body, Math.max(1, width - 2)).map((line) => [{ text: '  ', style: 'plain' as const }, ...line])];
  for (const conflict of version.conflicts) {
    out.push(...wrapSegments(highlightSegments(`  ! ${conflictText(conflict)}`, [], ascii, 'warning'), width));
  }
  return out;
}

/** How near the source came: its closest passage, or that none shares the claim's rarest words. */
export function closest(version: SourceVersion): string {
  return version.similarity > 0 ? `(closest passage ${Math.round(version.similarity * 100)}%)` : '(no passage shares its key words)';
}

function absentLine(version: SourceVersion, ascii: boolean, label: string): Segment[] {
  return [
    ...highlightSegments(label, [], ascii, 'source'),
    { text: `  not reported ${closest(version)}`, style: 'muted' },
  ];
}

interface Layout {
  sideBySide: boolean;
  columnWidth: number;
  columnLines: Segment[][][];
  absentRows: Segment[][];
  /** Stacked: every line; side by side: the tallest column's. */
  lines: Segment[][];
}

function layoutOf(comparison: Comparison, documents: ReadonlyMap<string, SourceDocument>, width: number, ascii: boolean, markers: boolean): Layout {
  // Carriers by date when their dates are known (the earliest marked), as in `crosscheck compare`.
  const chronicle = chronology(comparison.sources, (source) => documents.get(source)?.day ?? null);
  const label = (version: SourceVersion): string => labelOf(documents, version.source);
  const carriers = chronicle.ordered.filter((version) => version.carried);
  const absentRows = chronicle.ordered.filter((version) => !version.carried).map((version) => absentLine(version, ascii, label(version)));
  const columns = Math.min(carriers.length, Math.floor(width / MIN_COLUMN_WIDTH));
  if (columns >= 2 && carriers.length <= columns) {
    const columnWidth = Math.floor((width - (columns - 1)) / columns);
    const columnLines = carriers.map((version) => versionLines(version, comparison, columnWidth, ascii, markers, label(version), chronicle.earliest.has(version.source)));
    const tallest = columnLines.reduce((longest, lines) => (lines.length > longest.length ? lines : longest), [] as Segment[][]);
    return { sideBySide: true, columnWidth, columnLines, absentRows, lines: tallest };
  }
  const lines = carriers.flatMap((version) => versionLines(version, comparison, width, ascii, markers, label(version), chronicle.earliest.has(version.source)));
  return { sideBySide: false, columnWidth: width, columnLines: [], absentRows, lines: [...lines, ...absentRows] };
}

export function ComparePane({ workspace, width, height, active, controls, navigate }: PaneProps): ReactNode {
  const theme = useTheme();
  const editor = useLineEditor();
  // Not typing at first: digits switch panes until the user asks for the claim line with /.
  const [area, areaRef, setArea] = useImmediateState<Area>('view');
  const [target, targetRef, setTarget] = useImmediateState<Target | null>(null);
  const [reference, referenceRef, setReference] = useImmediateState<string | undefined>(undefined);
  // The stem index is built once per workspace (in slices), the first time a comparison is asked for.
  const comparer = useComparer(workspace, target !== null);

  const comparison = useMemo<Comparison | null>(() => {
    if (!target || !comparer) return null;
    const options = {
      ...(target.passageId !== undefined ? { passageId: target.passageId } : {}),
      ...(target.story !== undefined ? { story: target.story } : {}),
      ...(reference !== undefined ? { reference } : {}),
    };
    return comparer.compare(target.claim, options);
  }, [target, reference, comparer]);
  const comparisonRef = useRef(comparison);
  comparisonRef.current = comparison;

  const bodyHeight = height - 2;
  const layout = useMemo(() => (comparison ? layoutOf(comparison, workspace.documents, width, theme.ascii, theme.diffMarkers) : null), [comparison, workspace, width, theme]);
  const viewHeight = layout ? (layout.sideBySide ? Math.max(1, bodyHeight - 1 - layout.absentRows.length) : bodyHeight - 1) : 1;
  const scroll = useScrollView(layout?.lines.length ?? 0, viewHeight);

  const open = useCallback(
    (next: Target) => {
      setTarget(next);
      setReference(undefined);
      scroll.set(0);
      setArea('view');
    },
    [setArea, setTarget, setReference, scroll.set],
  );

  // n/p: the next or previous claim of the story's claims map, from the one shown. The map is
  // built (in slices) on the first n or p, and the step is taken when it is ready.
  const [pendingStep, setPendingStep] = useState<number | null>(null);
  const claimsMap = useClaimsMap(workspace, comparison?.story ?? null, pendingStep !== null);
  useEffect(() => {
    if (pendingStep === null || !claimsMap || !comparison || claimsMap.story !== comparison.story) return;
    setPendingStep(null);
    if (claimsMap.claims.length === 0) return;
    const anchor = target?.passageId !== undefined ? workspace.corpus.passages[target.passageId] : undefined;
    const at = claimsMap.claims.findIndex((claim) => anchor !== undefined && claim.sources[anchor.source]?.includes(anchor.line) === true);
    const next = claimsMap.claims[(Math.max(at, pendingStep > 0 ? -1 : 0) + pendingStep + claimsMap.claims.length) % claimsMap.claims.length]!;
    editor.set(next.summary);
    open({ claim: next.summary, passageId: next.anchor.id, story: comparison.story });
  }, [pendingStep, claimsMap, comparison, target, workspace, editor, open]);

  const withComparison = (act: (current: Comparison) => boolean | void): (() => boolean) => () => {
    const current = comparisonRef.current;
    return current ? act(current) !== false : false;
  };
  const paneLayer: KeyLayer = {
    scope: 'compare',
    handlers: {
      'focus-field': () => setArea('claim'),
      'next-story': withComparison((current) => {
        const stories = workspace.corpus.stories;
        if (stories.length === 0 || !targetRef.current) return false;
        open({ claim: targetRef.current.claim, story: stories[(stories.indexOf(current.story ?? '') + 1) % stories.length]! });
      }),
    },
  };
  const layers: Record<Area, KeyLayer[]> = {
    claim: [
      {
        scope: 'compare.claim',
        handlers: {
          submit: () => {
            const claim = editor.current().trim();
            if (claim === '') return false;
            open({ claim });
            return true;
          },
          'leave-field': () => {
            if (comparisonRef.current) setArea('view');
            else if (editor.current() !== '') editor.set('');
            else return false;
            return true;
          },
        },
      },
      paneLayer,
    ],
    view: [
      {
        scope: 'compare.view',
        handlers: {
          read: withComparison((current) => {
            const passage = current.sources.find((version) => version.source === current.reference)?.passages[0];
            if (!passage) return false;
            navigate({ pane: 'search', passageId: passage.id });
          }),
          'next-reference': withComparison((current) => {
            const carriers = current.sources.filter((version) => version.carried).map((version) => version.source);
            if (carriers.length < 2) return false;
            setReference(carriers[(carriers.indexOf(current.reference ?? '') + 1) % carriers.length]);
          }),
          'next-claim': withComparison(() => setPendingStep(1)),
          'previous-claim': withComparison(() => setPendingStep(-1)),
        },
      },
      { scope: 'move', handlers: scroll.handlers },
      paneLayer,
    ],
  };
  // Read when a key arrives: the area is the latest (a key of the same burst may have changed it).
  controls('compare', () => ({
    ...areaControls({
      name: 'Compare',
      separator: theme.glyphs.separator,
      areaRef,
      setArea,
      cycle: AREAS,
      layers,
      fields: { claim: { editor, moves: scroll.handlers } },
      pasteArea: 'claim',
    }),
    capture: () => {
      const place = { claim: editor.current(), area: areaRef.current, target: targetRef.current, reference: referenceRef.current, scroll: scroll.current() };
      return () => {
        editor.set(place.claim);
        setTarget(place.target);
        setReference(place.reference);
        setArea(place.area);
        queueMicrotask(() => scroll.set(place.scroll));
      };
    },
    open: (next) => {
      if (next.pane !== 'compare') return;
      editor.set(next.claim);
      open({ claim: next.claim, ...(next.passageId !== undefined ? { passageId: next.passageId } : {}) });
    },
  }));

  const claimLine = (
    <PromptLine editor={editor} focused={active && area === 'claim'} placeholder="type a claim and press Enter, or press c on a passage in Search or Quotes" width={width} />
  );
  if (!comparison || !layout) {
    const message = target
      ? `Indexing the words of ${workspace.corpus.passages.length} passages to compare${theme.glyphs.ellipsis} (once per corpus)`
      : 'Nothing compared yet: / types a claim; c on a passage in Search or Quotes compares it.';
    return (
      <Box flexDirection="column" width={width} height={height}>
        {claimLine}
        <SegmentLine segments={[{ text: message, style: 'muted' }]} width={width} />
      </Box>
    );
  }

  const carriers = comparison.sources.filter((version) => version.carried);
  const summary: Segment[] = [
    { text: `${carriers.length} of ${plural(comparison.sources.length, 'source')} carry it`, style: 'focus' },
    ...(pendingStep !== null ? [{ text: `  finding the story's claims${theme.glyphs.ellipsis}`, style: 'muted' as const }] : []),
    ...(comparison.story !== null ? highlightSegments(`  story ${comparison.story}`, [], theme.ascii, 'muted') : []),
    ...(comparison.reference ? highlightSegments(`  reference ${labelOf(workspace.documents, comparison.reference)}`, [], theme.ascii, 'muted') : []),
  ];
  const top = scroll.offset;

  if (layout.sideBySide) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        {claimLine}
        <SegmentLine segments={summary} width={width} />
        <Box flexDirection="row" height={viewHeight}>
          {layout.columnLines.map((lines, index) => (
            <Box key={carriers[index]!.source} flexDirection="column" width={layout.columnWidth + (index < layout.columnLines.length - 1 ? 1 : 0)} height={viewHeight} overflow="hidden">
              {lines.slice(top, top + viewHeight).map((line, row) => (
                <SegmentLine key={row} segments={line} width={layout.columnWidth} />
              ))}
            </Box>
          ))}
        </Box>
        {layout.absentRows.map((line, row) => (
          <SegmentLine key={`absent-${row}`} segments={line} width={width} />
        ))}
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={width} height={height}>
      {claimLine}
      <SegmentLine segments={summary} width={width} />
      <Box flexDirection="column" height={viewHeight} overflow="hidden">
        {layout.lines.slice(top, top + viewHeight).map((line, row) => (
          <SegmentLine key={row} segments={line} width={width} />
        ))}
      </Box>
    </Box>
  );
}
