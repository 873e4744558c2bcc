/**
 * Pane 2, Quotes: quote groups (speaker, opening words, how many sources carry it) filtered as you
 * type, and the selected group's versions source by source with their differences marked.
 */
import { Box, Text } from 'ink';
import { useEffect, useMemo, type ReactNode } from 'react';
import { labelOf } from '../../core/labels.js';
import { queryNotes } from '../../core/query.js';
import type { QuoteIndex } from '../../core/quotes/index.js';
import type { Quote, QuoteGroup } from '../../core/quotes/types.js';
import { runInSlices } from '../../core/slices.js';
import type { Passage } from '../../core/types.js';
import { PromptLine } from '../components/PromptLine.js';
import { QuoteDetail } from '../components/QuoteDetail.js';
import { SegmentLine } from '../components/SegmentLine.js';
import { useImmediateState } from '../hooks/useImmediateState.js';
import { useLineEditor } from '../hooks/useLineEditor.js';
import { useListNavigation } from '../hooks/useListNavigation.js';
import { useShared, useSlicedJob, type SlicedJob } from '../hooks/useSlicedJob.js';
import type { Workspace } from '../hooks/useWorkspace.js';
import type { Handlers, KeyLayer } from '../keys/dispatch.js';
import { areaControls, filterFieldLayer, movingArea, onItem } from '../keys/paneKeys.js';
import { fit, highlightSegments, plural, type Segment } from '../text.js';
import { useTheme } from '../theme.js';
import type { PaneProps } from './paneProps.js';

type Area = 'query' | 'groups' | 'sources';
const AREAS: readonly Area[] = ['query', 'groups', 'sources'];
const SPEAKER_COLUMN = 16;

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

/** The groups a filter leaves, and the filter they answer (query null: none typed now). */
interface Filtered {
  groups: QuoteGroup[];
  query: string | null;
  allKinds: boolean;
  error: string | null;
}

/** The groups matching a filter, found in slices. */
function quoteFilter(quotes: QuoteIndex, query: string, allKinds: boolean): SlicedJob<Filtered> {
  return async (signal) => {
    const groups = await runInSlices(quotes.searchSteps({ query, allKinds }), { signal });
    return groups && { groups, query, allKinds, error: null };
  };
}

export function QuotesPane({ workspace, width, height, active, controls, navigate }: PaneProps): ReactNode {
  const theme = useTheme();
  const [area, areaRef, setArea] = useImmediateState<Area>('query');
  // A group to select once the filter's answer is in, by identity (its reference quote).
  const [pendingGroup, , setPendingGroup] = useImmediateState<Quote | null>(null);
  const editor = useLineEditor('', () => {
    setPendingGroup(null);
    navigation.select(0);
  });
  const [allKinds, allKindsRef, setAllKinds] = useImmediateState(false);
  const [member, memberRef, setMember] = useImmediateState(0);
  // Quotes are found once per workspace, the first time the pane is shown (never per keystroke),
  // in slices: on 20,000 articles that takes seconds, during which keys still work. Leaving the
  // pane does not stop it; a new workspace or closing the program does.
  const quotes = useShared(workspace.quoteIndex(), active);

  const query = editor.text;
  // Filtering runs in slices after the keystroke is drawn, and a newer keystroke drops it: on a
  // large corpus (11,000 groups from Reuters, up to 100 ms of Fuse.js) typing never waits on it.
  // A query the syntax refuses says so in the list.
  const filtering = useSlicedJob(useMemo(() => (quotes ? quoteFilter(quotes, query, allKinds) : null), [quotes, query, allKinds]));
  const filtered: Filtered | null = filtering.error ? { groups: [], query: filtering.current ? query : null, allKinds, error: filtering.error.message } : filtering.value;
  const groups = filtered?.groups ?? [];
  const pending = !filtered || filtered.query !== query || filtered.allKinds !== allKinds;

  const bodyHeight = height - 1;
  const listHeight = area === 'sources' ? Math.min(3, Math.max(1, groups.length)) : Math.max(3, Math.floor(bodyHeight * 0.4));
  const detailHeight = bodyHeight - listHeight - 1;
  const navigation = useListNavigation(groups.length, listHeight);
  const group = groups[navigation.selected];
  useEffect(() => setMember(0), [group, setMember]);
  useEffect(() => {
    if (pendingGroup === null || pending) return;
    const at = groups.findIndex((candidate) => candidate.reference === pendingGroup);
    if (at !== -1) navigation.select(at);
    setPendingGroup(null);
  }, [pendingGroup, pending, groups]);

  /** Compare opens on the quote's words, anchored on the passage that carries them. */
  const compare = (quote: Quote | undefined): boolean => {
    if (!quote) return false;
    const passage = passageOf(workspace, quote);
    navigate({ pane: 'compare', claim: quote.text, ...(passage ? { passageId: passage.id } : {}) });
    return true;
  };
  const members = group?.members ?? [];
  const memberHandlers: Handlers = {
    up: () => setMember(Math.max(0, memberRef.current - 1)),
    down: () => setMember(Math.max(0, Math.min(members.length - 1, memberRef.current + 1))),
    first: () => setMember(0),
    last: () => setMember(Math.max(0, members.length - 1)),
  };
  const paneLayer: KeyLayer = {
    scope: 'quotes',
    handlers: {
      compare: () => compare(areaRef.current === 'sources' ? members[memberRef.current]?.quote : group?.reference),
      'focus-field': () => setArea('query'),
    },
  };
  const layers: Record<Area, KeyLayer[]> = {
    query: [filterFieldLayer('quotes.query', editor, () => setArea('groups')), paneLayer],
    groups: movingArea(
      'quotes.groups',
      {
        open: onItem(() => group, () => setArea('sources')),
        'toggle-terms': () => {
          setAllKinds(!allKindsRef.current);
          navigation.select(0);
        },
        'focus-field': () => setArea('query'),
      },
      navigation.handlers,
      paneLayer,
    ),
    sources: movingArea(
      'quotes.sources',
      {
        read: onItem(
          () => {
            const selected = members[memberRef.current];
            return selected ? passageOf(workspace, selected.quote) : undefined;
          },
          (passage) => navigate({ pane: 'search', passageId: passage.id }),
        ),
        close: () => setArea('groups'),
      },
      memberHandlers,
      paneLayer,
    ),
  };
  // Read when a key arrives: the area is the latest (a key of the same burst may have changed it).
  controls('quotes', () => ({
    ...areaControls({
      name: 'Quotes',
      separator: theme.glyphs.separator,
      areaRef,
      setArea,
      cycle: AREAS,
      layers,
      fields: { query: { editor, moves: navigation.handlers } },
      pasteArea: 'query',
    }),
    // A filter cut to bound its work says so in the status line, in place of the key hints.
    note: queryNotes(filtered?.query ?? '').join('; '),
    capture: () => {
      const place = { query: editor.current(), area: areaRef.current, allKinds: allKindsRef.current, group: group?.reference ?? null, member: memberRef.current };
      return () => {
        editor.set(place.query);
        setAllKinds(place.allKinds);
        setPendingGroup(place.group);
        setArea(place.area);
        queueMicrotask(() => setMember(place.member));
      };
    },
    open: (target) => {
      if (target.pane !== 'quotes') return;
      editor.set(target.query ?? '');
      navigation.select(0);
      setArea('groups');
    },
  }));

  const counter = !quotes
    ? `finding quotes${theme.glyphs.ellipsis}`
    : pending
      ? `filtering${theme.glyphs.ellipsis}`
      : filtered?.error
        ? 'query error'
        : allKinds ? plural(groups.length, 'quote or term', 'quotes and terms') : plural(groups.length, 'quote');

  const rows: ReactNode[] = [];
  for (let row = 0; row < listHeight; row++) {
    const at = navigation.offset + row;
    const shown = groups[at];
    if (!shown) break;
    rows.push(<GroupRow key={at} group={shown} selected={at === navigation.selected} width={width} />);
  }
  const empty = !quotes || pending
    ? `Finding quotes${theme.glyphs.ellipsis}`
    : filtered?.error
      ? `Query error: ${filtered.error}`
      : (query.trim() ? `No quote matches "${query}".` : 'No quotations in this corpus.') + (allKinds ? '' : ' t shows terms too.');

  return (
    <Box flexDirection="column" width={width} height={height}>
      <PromptLine editor={editor} focused={active && area === 'query'} placeholder="filter quotes by words or speaker" counter={counter} width={width} />
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
