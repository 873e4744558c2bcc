/**
 * Pane 2, Quotes: quote groups (speaker, opening words, how many sources carry it) filtered as you
 * type, and the selected group's versions source by source with their differences marked.
 */
import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { queryNotes } from '../../core/query.js';
import { QuoteIndex } from '../../core/quotes/index.js';
import type { Quote, QuoteGroup } from '../../core/quotes/types.js';
import { runInSlices } from '../../core/slices.js';
import type { Passage } from '../../core/types.js';
import { QueryField } from '../components/QueryField.js';
import { labelOf } from '../../core/labels.js';
import { QuoteDetail } from '../components/QuoteDetail.js';
import { SegmentLine } from '../components/SegmentLine.js';
import { useImmediateState } from '../hooks/useImmediateState.js';
import { usePaneArea } from '../hooks/usePaneArea.js';
import { useKeys } from '../hooks/useKeys.js';
import { useLineEditor } from '../hooks/useLineEditor.js';
import { useListNavigation } from '../hooks/useListNavigation.js';
import type { Workspace } from '../hooks/useWorkspace.js';
import { fit, highlightSegments, stringWidth, type Segment } from '../text.js';
import { useTheme } from '../theme.js';
import type { PaneProps } from './paneProps.js';

type Area = 'query' | 'groups' | 'sources';
const AREAS: readonly Area[] = ['query', 'groups', 'sources'];
const SPEAKER_COLUMN = 16;

const HINTS: Record<Area, string> = {
  query: 'Enter groups  Up/Down move  Esc clear  Ctrl-C quit',
  groups: '/ query  j/k move  Enter sources  c compare  t terms  ? help  q quit',
  sources: 'j/k source  Enter read in Search  c compare  Esc back',
};

/** The passage holding a quote's opening mark, so Search can show it in context. */
function passageOf(workspace: Workspace, quote: Quote): Passage | undefined {
  let found: Passage | undefined;
  for (const passage of workspace.corpus.passages) {
    if (passage.source !== quote.source) {
      if (found) break;
      continue;
    }
    if (passage.start <= quote.span.openMark) found = passage;
    else break;
  }
  return found;
}

export function QuotesPane({ workspace, width, height, active, onStatus, onTyping, navigate, request }: PaneProps): ReactNode {
  const theme = useTheme();
  const editor = useLineEditor();
  const [area, areaRef, setArea] = usePaneArea<Area>('query', 'query', active, onTyping);
  const [allKinds, allKindsRef, setAllKinds] = useImmediateState(false);
  const [member, memberRef, setMember] = useImmediateState(0);
  // Quotes are found once per workspace, the first time the pane is shown (never per keystroke),
  // in slices: on 20,000 articles that takes seconds, during which keys still work. Leaving the
  // pane does not stop it; a new workspace or closing the program does.
  const [index, setIndex] = useState<{ workspace: Workspace; quotes: QuoteIndex } | null>(null);
  const building = useRef<{ workspace: Workspace; controller: AbortController } | null>(null);
  useEffect(() => {
    if (!active || building.current?.workspace === workspace) return;
    building.current?.controller.abort();
    const controller = new AbortController();
    building.current = { workspace, controller };
    void runInSlices(QuoteIndex.build(workspace.corpus), { signal: controller.signal }).then((quotes) => {
      if (quotes && !controller.signal.aborted) setIndex({ workspace, quotes });
    });
  }, [active, workspace]);
  useEffect(() => () => building.current?.controller.abort(), []);

  const query = editor.text;
  // Filtering runs in slices after the keystroke is drawn, and a newer keystroke drops it: on a
  // large corpus (11,000 groups from Reuters, up to 100 ms of Fuse.js) typing never waits on it.
  // A query the syntax refuses says so in the list.
  const [filtered, setFiltered] = useState<{ groups: QuoteGroup[]; query: string; allKinds: boolean; error: string | null } | null>(null);
  useEffect(() => {
    if (!index) return;
    const controller = new AbortController();
    runInSlices(index.quotes.searchSteps({ query, allKinds }), { signal: controller.signal }).then(
      (found) => {
        if (found) setFiltered({ groups: found, query, allKinds, error: null });
      },
      (error: unknown) => setFiltered({ groups: [], query, allKinds, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => controller.abort();
  }, [index, query, allKinds]);
  const groups = filtered?.groups ?? [];
  const pending = !filtered || filtered.query !== query || filtered.allKinds !== allKinds;

  const bodyHeight = height - 1;
  const listHeight = area === 'sources' ? Math.min(3, Math.max(1, groups.length)) : Math.max(3, Math.floor(bodyHeight * 0.4));
  const detailHeight = bodyHeight - listHeight - 1;
  const navigation = useListNavigation(groups.length, listHeight);
  const group = groups[navigation.selected];
  useEffect(() => setMember(0), [group, setMember]);

  useEffect(() => {
    if (request?.target.pane !== 'quotes') return;
    editor.set(request.target.query ?? '');
    navigation.select(0);
    setArea('groups');
  }, [request, setArea]);
  // A filter cut to bound its work says so in the status line, in place of the key hints.
  const cut = useMemo(() => queryNotes(filtered?.query ?? '').join('; '), [filtered?.query]);
  useEffect(() => {
    if (active) onStatus({ where: `Quotes ${theme.glyphs.separator} ${area}`, hints: cut || HINTS[area] });
  }, [active, area, onStatus, theme, cut]);

  /** Compare opens on the quote's words, anchored on the passage that carries them. */
  const compare = (quote: Quote): void => {
    const passage = passageOf(workspace, quote);
    navigate({ pane: 'compare', claim: quote.text, ...(passage ? { passageId: passage.id } : {}) });
  };

  useKeys(
    (input, key) => {
      const current = areaRef.current;
      if (key.tab) {
        const step = key.shift ? AREAS.length - 1 : 1;
        setArea(AREAS[(AREAS.indexOf(current) + step) % AREAS.length]!);
        return;
      }
      if (current === 'query') {
        if (key.upArrow || key.downArrow || key.pageUp || key.pageDown) navigation.handleKey(input, key, { letters: false });
        else if (key.return) setArea('groups');
        else if (key.escape) {
          if (editor.current() !== '') editor.set('');
          else setArea('groups');
          navigation.select(0);
        } else {
          const before = editor.current();
          if (editor.edit(input, key) && editor.current() !== before) navigation.select(0);
        }
        return;
      }
      if (current === 'groups') {
        if (input === '/') setArea('query');
        else if (input === 't') {
          setAllKinds(!allKindsRef.current);
          navigation.select(0);
        } else if (key.return && group) setArea('sources');
        else if (input === 'c' && group) compare(group.reference);
        else if (key.escape) setArea('query');
        else navigation.handleKey(input, key);
        return;
      }
      // The sources of one group: j/k pick one, Enter reads it in Search, c compares its words.
      const members = group?.members ?? [];
      const selected = members[memberRef.current];
      if (key.escape) setArea('groups');
      else if (input === '/') setArea('query');
      else if (key.downArrow || input === 'j') setMember(Math.min(members.length - 1, memberRef.current + 1));
      else if (key.upArrow || input === 'k') setMember(Math.max(0, memberRef.current - 1));
      else if (selected && input === 'c') compare(selected.quote);
      else if (selected && key.return) {
        const passage = passageOf(workspace, selected.quote);
        if (passage) navigate({ pane: 'search', passageId: passage.id });
      }
    },
    { isActive: active },
  );

  const counter = !index
    ? `finding quotes${theme.glyphs.ellipsis}`
    : pending
      ? `filtering${theme.glyphs.ellipsis}`
      : filtered?.error
        ? 'query error'
        : `${groups.length} ${allKinds ? 'quotes+terms' : 'quotes'}`;
  const prompt = area === 'query' ? `${theme.glyphs.pointer} ` : '/ ';
  const inputWidth = Math.max(1, width - stringWidth(prompt) - counter.length - 2);

  const rows: ReactNode[] = [];
  for (let row = 0; row < listHeight; row++) {
    const at = navigation.offset + row;
    const shown = groups[at];
    if (!shown) break;
    rows.push(<GroupRow key={at} group={shown} selected={at === navigation.selected} width={width} />);
  }
  const empty = !index || pending
    ? `Finding quotes${theme.glyphs.ellipsis}`
    : filtered?.error
      ? `Query error: ${filtered.error}`
      : (query.trim() ? `No quote matches "${query}".` : 'No quotations in this corpus.') + (allKinds ? '' : ' t shows terms too.');

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={1} width={width}>
        <Text bold {...(theme.color && area === 'query' ? { color: theme.colors.accent } : {})}>
          {prompt}
        </Text>
        <Box width={inputWidth}>
          <QueryField text={query} cursor={editor.cursor} focused={active && area === 'query'} placeholder="filter quotes by words or speaker" width={inputWidth} />
        </Box>
        <Text> {counter}</Text>
      </Box>
      <Box flexDirection="column" width={width} height={listHeight} overflow="hidden">
        {rows.length > 0 ? rows : <Text>{fit(highlightSegments(empty, [], theme.ascii).map((segment) => segment.text).join(''), width, theme.glyphs.ellipsis)}</Text>}
      </Box>
      <Text {...(theme.color ? { color: theme.colors.muted } : {})}>{fit(theme.glyphs.rule.repeat(width), width, '')}</Text>
      <QuoteDetail group={group} selectedMember={member} focused={area === 'sources'} width={width} height={detailHeight} labelOf={(source) => labelOf(workspace.documents, source)} />
    </Box>
  );
}

function GroupRow({ group, selected, width }: { group: QuoteGroup; selected: boolean; width: number }): ReactNode {
  const theme = useTheme();
  const pointer = selected ? `${theme.glyphs.pointer} ` : '  ';
  const speaker = fit(group.speaker ?? '?', SPEAKER_COLUMN, theme.glyphs.ellipsis);
  const count = `${group.sources} src`.padEnd(7);
  const head: Segment[] = [
    { text: pointer, style: 'plain' },
    { text: count, style: group.sources > 1 ? 'match' : 'muted' },
    ...highlightSegments(speaker.padEnd(SPEAKER_COLUMN + 1), [], theme.ascii, 'source'),
    ...(group.kind === 'term' ? [{ text: 'term ', style: 'muted' as const }] : []),
  ];
  const quoted = theme.ascii ? `"${group.reference.text}"` : `“${group.reference.text}”`;
  return <SegmentLine segments={[...head, ...highlightSegments(quoted, [], theme.ascii)]} width={width} inverse={selected} />;
}
