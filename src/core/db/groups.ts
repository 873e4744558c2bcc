/**
 * Quote groups in the archive, computed per story: a story's quotes are read back from the archive
 * (in corpus order), grouped exactly as the engine groups a corpus holding that story alone, and
 * stored in one transaction per chunk of stories. That is what `quotes --db --story` shows (it
 * groups the story it loads), and it keeps the client's memory to one chunk of quotes (a story larger
 * than a chunk is read alone); top-level documents (no story folder) are grouped together, as one
 * story. A run groups again only the stories whose quotes it changed, or every story after a bulk
 * load or a run that did not finish. A group is named by its reference quote ("source#seq"), so an
 * unchanged group keeps its key and its members' rows are left alone.
 */
import { groupQuotes } from '../quotes/grouping.js';
import type { MarkDamage, Quote, QuoteKind, SpeakerEvidence } from '../quotes/types.js';
import type { CopyValue } from './copy.js';
import { storyOf } from './rows.js';
import type { Work } from './work.js';

const MEMBER_COLUMNS = ['story', 'source', 'seq', 'group_key', 'relation', 'similarity', 'speaker_variant'];
const GROUP_COLUMNS = ['story', 'group_key', 'reference_source', 'reference_seq', 'speaker', 'kind', 'sources', 'members'];

/** Stories are read back and grouped this many quotes at a time (a larger story alone). */
export const GROUPING_CHUNK_QUOTES = 20_000;

/** The rows of quote_groups and of every quote's membership, ready to write. */
export interface GroupRows {
  groups: CopyValue[][];
  members: CopyValue[][];
}

interface QuoteRow {
  story: string;
  source: string;
  seq: number;
  line: number;
  start_offset: number;
  end_offset: number;
  open_mark: number;
  close_mark: number | null;
  paragraphs: number;
  damage: MarkDamage[];
  text: string;
  kind: QuoteKind;
  speaker: string | null;
  speaker_pattern: SpeakerEvidence['pattern'] | null;
  speaker_words: string | null;
  speaker_written: string | null;
  attribution: string;
}

/** A stored quote as extraction made it (every field grouping reads is stored). */
function quoteOf(row: QuoteRow, id: number): Quote {
  const evidence = row.speaker_pattern === null ? null : { pattern: row.speaker_pattern, text: row.speaker_words ?? '', written: row.speaker_written ?? '' };
  const span = { start: row.start_offset, end: row.end_offset, text: row.text, openMark: row.open_mark, closeMark: row.close_mark, paragraphs: row.paragraphs, damage: row.damage };
  return { id, source: row.source, story: storyOf(row.story), line: row.line, span, text: row.text, speaker: row.speaker, speakerEvidence: evidence, kind: row.kind, attribution: row.attribution };
}

/** Groups one story's quotes (in corpus order, with their seq in their document) into rows. */
export function storyGroupRows(story: string, quotes: ReadonlyArray<{ quote: Quote; seq: number }>, rows: GroupRows): void {
  const seqOf = new Map(quotes.map(({ quote, seq }) => [quote, seq]));
  for (const group of groupQuotes(quotes.map(({ quote }) => quote))) {
    const reference = group.reference;
    const key = `${reference.source}#${seqOf.get(reference)}`;
    rows.groups.push([story, key, reference.source, seqOf.get(reference)!, group.speaker, group.kind, group.sources, group.members.length]);
    for (const member of group.members) {
      rows.members.push([story, member.quote.source, seqOf.get(member.quote)!, key, member.relation, member.similarity, member.speakerVariant]);
    }
  }
}

/** Chunks of stories of about GROUPING_CHUNK_QUOTES quotes each, in the order given. */
export function storyChunks(stories: readonly string[], quotesOf: (story: string) => number, chunkQuotes = GROUPING_CHUNK_QUOTES): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let quotes = 0;
  for (const story of stories) {
    const count = quotesOf(story);
    if (current.length > 0 && quotes + count > chunkQuotes) {
      chunks.push(current);
      current = [];
      quotes = 0;
    }
    current.push(story);
    quotes += count;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** What grouping needs from the run: every source's place in the corpus, and a counter of quotes held. */
export interface GroupingContext {
  corpusOrder: ReadonlyMap<string, number>;
  /** Most quotes held at once (tests bound it). */
  quotesHeld: { most: number };
}

/** Reads the chunk's quotes from the archive and groups each story apart. */
async function chunkRows(work: Work, stories: readonly string[], context: GroupingContext): Promise<GroupRows> {
  work.statements++;
  const result = await work.client.query<QuoteRow>(
    `SELECT story, source, seq, line, start_offset, end_offset, open_mark, close_mark, paragraphs, damage, text, kind, speaker,
            speaker_pattern, speaker_words, speaker_written, attribution
     FROM quotes WHERE story = ANY($1::text[])`,
    [stories],
  );
  context.quotesHeld.most = Math.max(context.quotesHeld.most, result.rows.length);
  const order = (source: string): number => context.corpusOrder.get(source) ?? Number.MAX_SAFE_INTEGER;
  result.rows.sort((a, b) => (a.story < b.story ? -1 : a.story > b.story ? 1 : order(a.source) - order(b.source) || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.seq - b.seq)));
  const rows: GroupRows = { groups: [], members: [] };
  let start = 0;
  while (start < result.rows.length) {
    const story = result.rows[start]!.story;
    let end = start;
    while (end < result.rows.length && result.rows[end]!.story === story) end++;
    const quotes = result.rows.slice(start, end).map((row, id) => ({ quote: quoteOf(row, id), seq: row.seq }));
    storyGroupRows(story, quotes, rows);
    start = end;
  }
  return rows;
}

/** Brings quotes.group_key and quote_groups of `stories` up to date with `rows` (inside the caller's transaction). */
async function writeQuoteGroups(work: Work, stories: readonly string[], rows: GroupRows): Promise<void> {
  await work.query(
    'CREATE TEMP TABLE quote_membership (story text, source text, seq integer, group_key text, relation text, similarity real, speaker_variant boolean) ON COMMIT DROP',
  );
  await work.copy('quote_membership', MEMBER_COLUMNS, rows.members);
  await work.query('ANALYZE quote_membership');
  work.rowsWritten += await work.query(
    `UPDATE quotes q SET group_key = m.group_key, relation = m.relation, similarity = m.similarity, speaker_variant = m.speaker_variant
     FROM quote_membership m
     WHERE q.story = ANY($1::text[]) AND q.story = m.story AND q.source = m.source AND q.seq = m.seq
       AND (q.group_key, q.relation, q.similarity, q.speaker_variant) IS DISTINCT FROM (m.group_key, m.relation, m.similarity, m.speaker_variant)`,
    [stories],
  );
  work.rowsWritten += await work.query('DELETE FROM quote_groups WHERE story = ANY($1::text[])', [stories]);
  await work.copy('quote_groups', GROUP_COLUMNS, rows.groups);
}

/** Groups the quotes of `stories` (as stored), a chunk at a time, each chunk in one transaction. */
export async function groupStories(work: Work, chunks: readonly string[][], context: GroupingContext): Promise<void> {
  for (const stories of chunks) {
    const rows = await chunkRows(work, stories, context);
    await work.transaction(() => writeQuoteGroups(work, stories, rows));
  }
}
