/**
 * Quote groups in the archive. Grouping weighs every quote of the corpus against the others
 * (rare words, phrases common across stories), so any change can move groups anywhere: after the
 * documents are written, groups are computed over the whole corpus exactly as in memory and
 * stored in one transaction. A group is named by its reference quote ("source#seq"), so an
 * unchanged group keeps its key and its members' rows are left alone.
 */
import { groupQuotes } from '../quotes/grouping.js';
import type { Quote } from '../quotes/types.js';
import type { CopyValue } from './copy.js';
import { storyKey, type Work } from './work.js';

const MEMBER_COLUMNS = ['story', 'source', 'seq', 'group_key', 'relation', 'similarity', 'speaker_variant'];
const GROUP_COLUMNS = ['story', 'group_key', 'reference_source', 'reference_seq', 'speaker', 'kind', 'sources', 'members'];

/** The rows of quote_groups and of every quote's membership, ready to write. */
export interface GroupRows {
  groups: CopyValue[][];
  members: CopyValue[][];
}

/** Groups every quote (by source, in corpus order): plain computation, so it can run while the server builds an index. */
export function quoteGroupRows(quotesBySource: ReadonlyMap<string, readonly Quote[]>): GroupRows {
  const seqOf = new Map<Quote, number>();
  const all: Quote[] = [];
  for (const quotes of quotesBySource.values()) {
    quotes.forEach((quote, seq) => seqOf.set(quote, seq));
    all.push(...quotes);
  }
  const rows: GroupRows = { groups: [], members: [] };
  for (const group of groupQuotes(all)) {
    const reference = group.reference;
    const key = `${reference.source}#${seqOf.get(reference)}`;
    rows.groups.push([storyKey(reference.story), key, reference.source, seqOf.get(reference)!, group.speaker, group.kind, group.sources, group.members.length]);
    for (const member of group.members) {
      const quote = member.quote;
      rows.members.push([storyKey(quote.story), quote.source, seqOf.get(quote)!, key, member.relation, member.similarity, member.speakerVariant]);
    }
  }
  return rows;
}

/** Brings quotes.group_key and quote_groups up to date with `rows` (inside the caller's transaction). */
export async function writeQuoteGroups(work: Work, rows: GroupRows): Promise<void> {
  await work.query(
    'CREATE TEMP TABLE quote_membership (story text, source text, seq integer, group_key text, relation text, similarity real, speaker_variant boolean) ON COMMIT DROP',
  );
  await work.copy('quote_membership', MEMBER_COLUMNS, rows.members);
  work.rowsWritten += await work.query(
    `UPDATE quotes q SET group_key = m.group_key, relation = m.relation, similarity = m.similarity, speaker_variant = m.speaker_variant
     FROM quote_membership m
     WHERE q.story = m.story AND q.source = m.source AND q.seq = m.seq
       AND (q.group_key, q.relation, q.similarity, q.speaker_variant) IS DISTINCT FROM (m.group_key, m.relation, m.similarity, m.speaker_variant)`,
  );
  work.rowsWritten += await work.query('DELETE FROM quote_groups');
  await work.copy('quote_groups', GROUP_COLUMNS, rows.groups);
}
