/**
 * Pane 3, Compare: one claim across every source of its story. Each carrying source's version
 * with its word differences against the reference and its conflicting facts; a line for each
 * source that does not report it. Columns side by side on a wide terminal, stacked blocks otherwise.
 */
import { labelOf } from '../../core/labels.js';
import { chronology } from '../../core/stories.js';
import { Box, Text } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Comparison, Conflict, SourceVersion } from '../../core/compare/types.js';
import { QueryField } from '../components/QueryField.js';
import { SegmentLine } from '../components/SegmentLine.js';
import { useClaimsMap, useComparer } from '../hooks/useClaims.js';
import { usePaneArea } from '../hooks/usePaneArea.js';
import { useKeys } from '../hooks/useKeys.js';
import { useLineEditor } from '../hooks/useLineEditor.js';
import { highlightSegments, stringWidth, wrapSegments, type Segment } from '../text.js';
import { useTheme } from '../theme.js';
import type { PaneProps } from './paneProps.js';

type Area = 'claim' | 'view';

const HINTS: Record<Area, string> = {
  claim: 'Enter compare  Esc back  Ctrl-C quit',
  view: 'j/k scroll  r reference  n/p next claim  s story  / claim  ? help',
};

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
function versionLines(version: SourceVersion, comparison: Comparison, width: number, ascii: boolean, label: string, earliest: boolean): Segment[][] {
  const isReference = version.source === comparison.reference;
  const lines = version.passages.map((passage) => passage.line).join(',');
  const role = isReference ? 'reference' : version.conflicts.length > 0 ? `${version.conflicts.length} conflict(s)` : 'agrees';
  const header: Segment[] = [
    ...highlightSegments(`${label}:${lines}`, [], ascii, 'source'),
    { text: `  ${Math.round(version.similarity * 100)}%  `, style: 'muted' },
    { text: role, style: version.conflicts.length > 0 ? 'warning' : isReference ? 'focus' : 'muted' },
    ...(earliest ? [{ text: '  earliest', style: 'muted' as const }] : []),
  ];
  const body: Segment[] = isReference || version.diff.length === 0
    ? highlightSegments(version.text, [], ascii)
    : version.diff.flatMap((part, index) => {
        const segments = highlightSegments(part.text, [], ascii, part.kind === 'same' ? 'plain' : part.kind);
        // A deletion right before its replacement would read as one word without a gap.
        return part.kind === 'delete' && version.diff[index + 1]?.kind === 'insert' ? [...segments, { text: ' ', style: 'plain' as const }] : segments;
      });
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

export function ComparePane({ workspace, width, height, active, onStatus, onTyping, navigate, request }: PaneProps): ReactNode {
  const theme = useTheme();
  const editor = useLineEditor();
  // Not typing at first: digits switch panes until the user asks for the claim line with /.
  const [area, areaRef, setArea] = usePaneArea<Area>('view', 'claim', active, onTyping);
  const [target, setTarget] = useState<Target | null>(null);
  const [reference, setReference] = useState<string | undefined>(undefined);
  const [scroll, setScroll] = useState(0);
  // The stem index is built once per workspace (in slices), the first time a comparison is asked for.
  const comparer = useComparer(workspace.corpus, target !== null);

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

  const open = useCallback(
    (next: Target) => {
      setTarget(next);
      setReference(undefined);
      setScroll(0);
      setArea('view');
    },
    [setArea],
  );

  useEffect(() => {
    if (request?.target.pane !== 'compare') return;
    editor.set(request.target.claim);
    open({ claim: request.target.claim, ...(request.target.passageId !== undefined ? { passageId: request.target.passageId } : {}) });
  }, [request, open]);
  useEffect(() => {
    if (active) onStatus({ where: `Compare ${theme.glyphs.separator} ${area}`, hints: HINTS[area] });
  }, [active, area, onStatus, theme]);

  // n/p: the next or previous claim of the story's claims map, from the one shown. The map is
  // built (in slices) on the first n or p, and the step is taken when it is ready.
  const [pendingStep, setPendingStep] = useState<number | null>(null);
  const claimsMap = useClaimsMap(workspace.corpus, comparison?.story ?? null, pendingStep !== null);
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

  useKeys(
    (input, key) => {
      if (areaRef.current === 'claim') {
        if (key.return) {
          const claim = editor.current().trim();
          if (claim !== '') open({ claim });
        } else if (key.escape) {
          if (comparisonRef.current) setArea('view');
          else editor.set('');
        } else editor.edit(input, key);
        return;
      }
      const current = comparisonRef.current;
      const page = Math.max(1, height - 4);
      if (input === '/') setArea('claim');
      else if (key.downArrow || input === 'j') setScroll((value) => value + 1);
      else if (key.upArrow || input === 'k') setScroll((value) => Math.max(0, value - 1));
      else if (key.pageDown) setScroll((value) => value + page);
      else if (key.pageUp) setScroll((value) => Math.max(0, value - page));
      else if (input === 'g' || key.home) setScroll(0);
      else if (input === 'n' && current) setPendingStep(1);
      else if (input === 'p' && current) setPendingStep(-1);
      else if (input === 'r' && current) {
        const carriers = current.sources.filter((version) => version.carried).map((version) => version.source);
        if (carriers.length > 1) setReference(carriers[(carriers.indexOf(current.reference ?? '') + 1) % carriers.length]);
      } else if (input === 's' && current && target && workspace.corpus.stories.length > 0) {
        const stories = workspace.corpus.stories;
        const story = stories[(stories.indexOf(current.story ?? '') + 1) % stories.length]!;
        open({ claim: target.claim, story });
      } else if (key.escape && target?.passageId !== undefined) navigate({ pane: 'search', passageId: target.passageId });
    },
    { isActive: active },
  );

  const bodyHeight = height - 2;
  const prompt = area === 'claim' ? `${theme.glyphs.pointer} ` : '/ ';
  const claimLine = (
    <Box height={1} width={width}>
      <Text bold {...(theme.color && area === 'claim' ? { color: theme.colors.accent } : {})}>
        {prompt}
      </Text>
      <Box width={Math.max(1, width - stringWidth(prompt))}>
        <QueryField text={editor.text} cursor={editor.cursor} focused={active && area === 'claim'} placeholder="type a claim and press Enter, or press c on a passage in Search or Quotes" width={Math.max(1, width - stringWidth(prompt))} />
      </Box>
    </Box>
  );
  if (!comparison) {
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

  // Carriers by date when their dates are known (the earliest marked), as in `crosscheck compare`.
  const chronicle = chronology(comparison.sources, (source) => workspace.documents.get(source)?.day ?? null);
  const carriers = chronicle.ordered.filter((version) => version.carried);
  const absent = chronicle.ordered.filter((version) => !version.carried);
  const summary: Segment[] = [
    { text: `${carriers.length} of ${comparison.sources.length} sources carry it`, style: 'focus' },
    ...(pendingStep !== null ? [{ text: `  finding the story's claims${theme.glyphs.ellipsis}`, style: 'muted' as const }] : []),
    ...(comparison.story !== null ? highlightSegments(`  story ${comparison.story}`, [], theme.ascii, 'muted') : []),
    ...(comparison.reference ? highlightSegments(`  reference ${comparison.reference}`, [], theme.ascii, 'muted') : []),
  ];
  const columns = Math.min(carriers.length, Math.floor(width / MIN_COLUMN_WIDTH));
  const sideBySide = columns >= 2 && carriers.length <= columns;

  if (sideBySide) {
    const columnWidth = Math.floor((width - (columns - 1)) / columns);
    const columnLines = carriers.map((version) => versionLines(version, comparison, columnWidth, theme.ascii, labelOf(workspace.documents, version.source), chronicle.earliest.has(version.source)));
    const absentRows = absent.map((version) => absentLine(version, theme.ascii, labelOf(workspace.documents, version.source)));
    const columnHeight = Math.max(1, bodyHeight - 1 - absentRows.length);
    const tallest = Math.max(...columnLines.map((lines) => lines.length));
    const top = Math.min(scroll, Math.max(0, tallest - columnHeight));
    return (
      <Box flexDirection="column" width={width} height={height}>
        {claimLine}
        <SegmentLine segments={summary} width={width} />
        <Box flexDirection="row" height={columnHeight}>
          {columnLines.map((lines, index) => (
            <Box key={carriers[index]!.source} flexDirection="column" width={columnWidth + (index < columns - 1 ? 1 : 0)} height={columnHeight} overflow="hidden">
              {lines.slice(top, top + columnHeight).map((line, row) => (
                <SegmentLine key={row} segments={line} width={columnWidth} />
              ))}
            </Box>
          ))}
        </Box>
        {absentRows.map((line, row) => (
          <SegmentLine key={`absent-${row}`} segments={line} width={width} />
        ))}
      </Box>
    );
  }

  const lines: Segment[][] = [];
  for (const version of carriers) {
    lines.push(...versionLines(version, comparison, width, theme.ascii, labelOf(workspace.documents, version.source), chronicle.earliest.has(version.source)));
  }
  for (const version of absent) lines.push(absentLine(version, theme.ascii, labelOf(workspace.documents, version.source)));
  const top = Math.min(scroll, Math.max(0, lines.length - (bodyHeight - 1)));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {claimLine}
      <SegmentLine segments={summary} width={width} />
      <Box flexDirection="column" height={bodyHeight - 1} overflow="hidden">
        {lines.slice(top, top + bodyHeight - 1).map((line, row) => (
          <SegmentLine key={row} segments={line} width={width} />
        ))}
      </Box>
    </Box>
  );
}
