/**
 * Pane 2, Quotes: quote groups (speaker, opening words, how many sources carry it) filtered as you
 * type, and the selected group's versions source by source with their differences marked.
 */
import { Box, Text } from 'ink';
import { useEffect, type ReactNode } from 'react';
import { labelOf } from '../../core/labels.js';
import type { Quote } from '../../core/quotes/types.js';
import { PromptLine } from '../components/PromptLine.js';
import { QuoteDetail } from '../components/QuoteDetail.js';
import { useImmediateState } from '../hooks/useImmediateState.js';
import { useLineEditor } from '../hooks/useLineEditor.js';
import { useListNavigation, useSelection } from '../hooks/useListNavigation.js';
import { usePaneControls } from '../hooks/usePaneControls.js';
import { useSelectPending } from '../hooks/useSelectPending.js';
import { fit, plural } from '../text.js';
import { useTheme } from '../theme.js';
import type { PaneProps } from './paneProps.js';
import { GroupList } from './quotes/GroupList.js';
import { quotesControls, type QuotesArea } from './quotes/quotesControls.js';
import { usePaneQuotes, type PaneQuotes } from './quotes/usePaneQuotes.js';

/** The counter on the filter line: what is being done, or how many groups are listed. */
function counterOf({ index, progress, pending, filtered, groups }: PaneQuotes, allKinds: boolean, ellipsis: string): string {
  if (!index) return `finding quotes${ellipsis}`;
  // An unfinished list says so, and how far it has got, whatever it shows meanwhile.
  if (progress) return `finding quotes${ellipsis} ${Math.floor((100 * progress.documentsRead) / Math.max(1, progress.documentsTotal))}%`;
  if (pending) return `filtering${ellipsis}`;
  if (filtered?.error) return 'query error';
  return allKinds ? plural(groups.length, 'quote or term', 'quotes and terms') : plural(groups.length, 'quote');
}

/** What the list says when it has no group. */
function emptyMessage({ index, progress, pending, filtered }: PaneQuotes, query: string, allKinds: boolean, ellipsis: string): string {
  if (!index || pending || progress) return `Finding quotes${ellipsis}`;
  if (filtered?.error) return `Query error: ${filtered.error}`;
  return (query.trim() ? `No quote matches "${query}".` : 'No quotations in this corpus.') + (allKinds ? '' : ' t shows terms too.');
}

export function QuotesPane({ workspace, width, height, active, controls, navigate }: PaneProps): ReactNode {
  const theme = useTheme();
  const [area, areaLatest, setArea] = useImmediateState<QuotesArea>('query');
  // A group to select once the filter's answer is in, by identity (its reference quote).
  const [pendingGroup, , setPendingGroup] = useImmediateState<Quote | null>(null);
  const selection = useSelection();
  const editor = useLineEditor('', () => {
    setPendingGroup(null);
    selection.set(0);
  });
  const [allKinds, allKindsLatest, setAllKinds] = useImmediateState(false);
  const [member, memberLatest, setMember] = useImmediateState(0);
  const query = editor.text;
  const quotes = usePaneQuotes(workspace, active, query, allKinds);
  const { groups } = quotes;

  const bodyHeight = height - 1;
  const listHeight = area === 'sources' ? Math.min(3, Math.max(1, groups.length)) : Math.max(3, Math.floor(bodyHeight * 0.4));
  const navigation = useListNavigation(groups.length, listHeight, selection);
  const group = groups[navigation.selected];
  useEffect(() => setMember(0), [group, setMember]);
  useSelectPending(pendingGroup, setPendingGroup, !quotes.pending, (reference) => groups.findIndex((candidate) => candidate.reference === reference), navigation.select);

  usePaneControls('quotes', controls, () =>
    quotesControls({
      workspace,
      separator: theme.glyphs.separator,
      area: areaLatest,
      setArea,
      editor,
      navigation,
      group,
      allKinds: allKindsLatest,
      setAllKinds,
      member: memberLatest,
      setMember,
      setPendingGroup,
      answered: quotes.filtered?.query ?? '',
      navigate,
    }),
  );

  const { ellipsis } = theme.glyphs;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <PromptLine editor={editor} focused={active && area === 'query'} placeholder="filter quotes by words or speaker" counter={counterOf(quotes, allKinds, ellipsis)} width={width} />
      <Box flexDirection="column" width={width} height={listHeight} overflowY="hidden">
        <GroupList groups={groups} offset={navigation.offset} selected={navigation.selected} width={width} height={listHeight} empty={emptyMessage(quotes, query, allKinds, ellipsis)} />
      </Box>
      <Text {...(theme.color ? { color: theme.colors.muted } : {})}>{fit(theme.glyphs.rule.repeat(width), width, '')}</Text>
      <QuoteDetail group={group} selectedMember={member} focused={area === 'sources'} width={width} height={bodyHeight - listHeight - 1} labelOf={(source) => labelOf(workspace.documents, source)} />
    </Box>
  );
}
