/**
 * Pane 4, Claims: the claims map of a story. Claims down, sources across, a mark where a source
 * carries the claim and another where its facts disagree with the others'; the most widely carried
 * first. Claims one source alone makes (its blind spots for the others) are a key away.
 */
import { labelOf } from '../../core/labels.js';
import { Box } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Claim } from '../../core/compare/types.js';
import { SegmentLine } from '../components/SegmentLine.js';
import { useClaimsMap } from '../hooks/useClaims.js';
import { useKeys } from '../hooks/useKeys.js';
import { useListNavigation } from '../hooks/useListNavigation.js';
import { highlightSegments, type Segment } from '../text.js';
import { useTheme } from '../theme.js';
import type { PaneProps } from './paneProps.js';

const HINTS = 'j/k move  Enter compare  o one-source claims  s story  ? help';

/** Column letters for the sources: A..Z, then AA.. */
export function columnLabel(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : columnLabel(Math.floor(index / 26) - 1) + String.fromCharCode(65 + (index % 26));
}

export function ClaimsPane({ workspace, width, height, active, onStatus, onTyping, navigate }: PaneProps): ReactNode {
  const theme = useTheme();
  const corpus = workspace.corpus;
  const [story, setStory] = useState<string | null>(corpus.stories[0] ?? null);
  const [singleOnly, setSingleOnly] = useState(false);
  // Built the first time the pane is shown, never per keystroke.
  const map = useClaimsMap(corpus, story, active);

  const claims = useMemo<Claim[]>(
    () => (map ? map.claims.filter((claim) => !singleOnly || Object.keys(claim.sources).length === 1) : []),
    [map, singleOnly],
  );
  const sources = map?.sources ?? [];
  const legendRows = Math.min(sources.length, Math.max(1, Math.floor((height - 4) / 3)));
  const listHeight = Math.max(1, height - 2 - legendRows);
  const navigation = useListNavigation(claims.length, listHeight - 1);
  const claimsRef = useRef(claims);
  claimsRef.current = claims;

  useEffect(() => {
    if (active) {
      onTyping(false);
      onStatus({ where: `Claims ${theme.glyphs.separator} ${story ?? 'corpus'}`, hints: HINTS });
    }
  }, [active, onStatus, onTyping, story, theme]);

  const cycleStory = useCallback(() => {
    if (corpus.stories.length === 0) return;
    setStory((current) => corpus.stories[(corpus.stories.indexOf(current ?? '') + 1) % corpus.stories.length]!);
    navigation.select(0);
  }, [corpus, navigation]);

  useKeys(
    (input, key) => {
      if (key.return) {
        const claim = claimsRef.current[navigation.selected];
        if (claim) navigate({ pane: 'compare', claim: claim.summary, passageId: claim.anchor.id });
      } else if (input === 'o') {
        setSingleOnly((value) => !value);
        navigation.select(0);
      } else if (input === 's') cycleStory();
      else navigation.handleKey(input, key);
    },
    { isActive: active },
  );

  const marks = theme.ascii ? { carried: '*', conflict: '!', absent: '.' } : { carried: '●', conflict: '!', absent: '·' };
  const header: Segment[] = [
    { text: `${claims.length} claims${singleOnly ? ' made by one source only' : ''}${story ? ` in ${story}` : ''}  `, style: 'focus' },
    { text: `${marks.carried} carries  ${marks.conflict} disagrees  ${marks.absent} absent`, style: 'muted' },
  ];
  const idWidth = String(Math.max(1, map?.claims.length ?? 1)).length;
  const columnsHeader: Segment[] = [
    { text: ' '.repeat(idWidth + 1), style: 'plain' },
    { text: sources.map((_, index) => columnLabel(index).padEnd(2)).join(''), style: 'source' },
  ];
  const rows: ReactNode[] = [];
  for (let row = 0; row < listHeight - 1; row++) {
    const index = navigation.offset + row;
    const claim = claims[index];
    if (!claim) break;
    const conflicted = new Set(claim.conflicts.map((conflict) => conflict.source));
    const cells: Segment[] = sources.map((source) => {
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
  const legend = sources.slice(0, legendRows).map((source, index) => (
    <SegmentLine key={source} width={width} segments={[{ text: `${columnLabel(index)} `, style: 'source' }, ...highlightSegments(labelOf(workspace.documents, source), [], theme.ascii, 'muted')]} />
  ));
  if (!map) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <SegmentLine segments={[{ text: `Finding the claims${theme.glyphs.ellipsis}`, style: 'muted' }]} width={width} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
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
