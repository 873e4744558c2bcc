/**
 * Pane 3, Compare: one claim across every source of its story. Each carrying source's version
 * with its word differences against the reference and its conflicting facts; a line for each
 * source that does not report it. Columns side by side on a wide terminal, stacked blocks otherwise.
 */
import { Box } from 'ink';
import { labelOf } from '../../core/labels.js';
import { conflictSummary, notReported } from '../../core/presentation.js';
import { chronology } from '../../core/stories.js';
import type { SourceDocument } from '../../core/types.js';
import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import type { Comparison, SourceVersion } from '../../core/compare/types.js';
import { PromptLine } from '../components/PromptLine.js';
import { SegmentLine } from '../components/SegmentLine.js';
import { useClaimsMap, useComparer } from '../hooks/useClaims.js';
import { diffSegments } from '../diffText.js';
import { useImmediateState } from '../hooks/useImmediateState.js';
import { useLatest } from '../hooks/useLatest.js';
import { useLineEditor, type LineEditor } from '../hooks/useLineEditor.js';
import { useScrollView } from '../hooks/useListNavigation.js';
import { usePaneControls } from '../hooks/usePaneControls.js';
import type { Workspace } from '../hooks/useWorkspace.js';
import { highlightSegments, plural, wrapSegments, type Segment } from '../text.js';
import { useTheme } from '../theme.js';
import { compareControls, type CompareArea, type CompareTarget } from './compare/compareControls.js';
import { ComparisonView, type CompareLayout } from './compare/ComparisonView.js';
import type { PaneProps } from './paneProps.js';

/** Each column needs this many cells to read; fewer, and the sources are stacked. */
const MIN_COLUMN_WIDTH = 50;

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
    out.push(...wrapSegments(highlightSegments(`  ! ${conflictSummary(conflict)}`, [], ascii, 'warning'), width));
  }
  return out;
}

function absentLine(version: SourceVersion, ascii: boolean, label: string): Segment[] {
  return [
    ...highlightSegments(label, [], ascii, 'source'),
    ...highlightSegments(`  ${notReported(version.similarity, version.unmet)}`, [], ascii, 'muted'),
  ];
}

function layoutOf(comparison: Comparison, documents: ReadonlyMap<string, SourceDocument>, width: number, ascii: boolean, markers: boolean): CompareLayout {
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

/**
 * n/p: the next or previous claim of the story's claims map, from the one shown. The map is built
 * (in slices) on the first n or p, and the step is taken when it is ready.
 */
function useClaimStep(workspace: Workspace, comparison: Comparison | null, target: CompareTarget | null, editor: LineEditor, open: (target: CompareTarget) => void) {
  const [pendingStep, , setPendingStep] = useImmediateState<number | null>(null);
  const claimsMap = useClaimsMap(workspace, comparison?.story ?? null, pendingStep !== null);
  useEffect(() => {
    if (pendingStep === null || !claimsMap || !comparison || claimsMap.story !== comparison.story) return;
    setPendingStep(null);
    if (claimsMap.claims.length === 0) return;
    const anchor = target?.passageId !== undefined ? workspace.corpus.passages[target.passageId] : undefined;
    // The claim opened from (its anchor), else the one holding the passage's line: a line (a paragraph) may hold two claims.
    const byAnchor = claimsMap.claims.findIndex((claim) => claim.anchor.id === anchor?.id);
    const at = byAnchor >= 0 ? byAnchor : claimsMap.claims.findIndex((claim) => anchor !== undefined && claim.sources[anchor.source]?.includes(anchor.line) === true);
    const next = claimsMap.claims[(Math.max(at, pendingStep > 0 ? -1 : 0) + pendingStep + claimsMap.claims.length) % claimsMap.claims.length]!;
    editor.set(next.summary);
    open({ claim: next.summary, passageId: next.anchor.id, story: comparison.story });
  }, [pendingStep, setPendingStep, claimsMap, comparison, target, workspace, editor, open]);
  return { stepping: pendingStep !== null, step: setPendingStep };
}

/** The comparison of the target, once the corpus's comparer is built. */
function useComparison(workspace: Workspace, target: CompareTarget | null, reference: string | undefined): Comparison | null {
  // The stem index is built once per workspace (in slices), the first time a comparison is asked for.
  const comparer = useComparer(workspace, target !== null);
  return useMemo<Comparison | null>(() => {
    if (!target || !comparer) return null;
    const options = {
      ...(target.passageId !== undefined ? { passageId: target.passageId } : {}),
      ...(target.story !== undefined ? { story: target.story } : {}),
      ...(reference !== undefined ? { reference } : {}),
    };
    return comparer.compare(target.claim, options);
  }, [target, reference, comparer]);
}

export function ComparePane({ workspace, width, height, active, controls, navigate }: PaneProps): ReactNode {
  const theme = useTheme();
  const editor = useLineEditor();
  // Not typing at first: digits switch panes until the user asks for the claim line with /.
  const [area, areaLatest, setArea] = useImmediateState<CompareArea>('view');
  const [target, targetLatest, setTarget] = useImmediateState<CompareTarget | null>(null);
  const [reference, referenceLatest, setReference] = useImmediateState<string | undefined>(undefined);
  const comparison = useComparison(workspace, target, reference);
  const comparisonLatest = useLatest(comparison);

  const bodyHeight = height - 2;
  const layout = useMemo(() => (comparison ? layoutOf(comparison, workspace.documents, width, theme.ascii, theme.diffMarkers) : null), [comparison, workspace, width, theme]);
  const viewHeight = layout ? (layout.sideBySide ? Math.max(1, bodyHeight - 1 - layout.absentRows.length) : bodyHeight - 1) : 1;
  const scroll = useScrollView(layout?.lines.length ?? 0, viewHeight);
  const { set: scrollTo } = scroll;
  const open = useCallback(
    (next: CompareTarget) => {
      setTarget(next);
      setReference(undefined);
      scrollTo(0);
      setArea('view');
    },
    [setArea, setTarget, setReference, scrollTo],
  );
  const { stepping, step } = useClaimStep(workspace, comparison, target, editor, open);

  usePaneControls('compare', controls, () =>
    compareControls({
      workspace,
      separator: theme.glyphs.separator,
      area: areaLatest,
      setArea,
      editor,
      comparison: comparisonLatest,
      target: targetLatest,
      setTarget,
      reference: referenceLatest,
      setReference,
      open,
      step,
      scroll,
      navigate,
    }),
  );

  const claimLine = (
    <PromptLine editor={editor} focused={active && area === 'claim'} placeholder="type a claim and press Enter, or press c on a passage in Search or Quotes" width={width} />
  );
  const message = target
    ? `Indexing the words of ${workspace.corpus.passages.length} passages to compare${theme.glyphs.ellipsis} (once per corpus)`
    : 'Nothing compared yet: / types a claim; c on a passage in Search or Quotes compares it.';
  return (
    <Box flexDirection="column" width={width} height={height}>
      {claimLine}
      {comparison && layout ? (
        <ComparisonView workspace={workspace} comparison={comparison} layout={layout} stepping={stepping} top={scroll.offset} viewHeight={viewHeight} width={width} />
      ) : (
        <SegmentLine segments={[{ text: message, style: 'muted' }]} width={width} />
      )}
    </Box>
  );
}
