/**
 * Quote groups in the archive, computed per story: a story's quotes are read back from the archive
 * (in corpus order), grouped exactly as the engine groups a corpus holding that story alone, and
 * stored in one transaction per chunk of stories. That is what `quotes --db --story` shows (it
 * groups the story it loads), and it keeps the client's memory to one chunk of quotes (a story larger
 * than a chunk is read alone). Top-level documents (no story folder) are grouped together as one
 * story up to a chunk of quotes; beyond that (a flat corpus of 200,000 wire stories holds 126,000
 * quotes, whose grouping alone took 380 MB) in slices of a chunk, in corpus order. No command reads
 * top-level groups from the archive (quotes, compare and claims take a story). A run groups again only the stories whose quotes it changed, or every story after a bulk
 * load or a run that did not finish. A group is named by its reference quote ("source#seq"), so an
 * unchanged group keeps its key and its members' rows are left alone.
 */
import { groupQuotes } from '../quotes/grouping.js';
import type { Quote, QuoteKind } from '../quotes/types.js';
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

/** What grouping reads of a quote (groupQuotes weighs its words, speaker, source, story and kind, nothing else). */
interface QuoteRow {
  story: string;
  source: string;
  seq: number;
  text: string;
  kind: QuoteKind;
  speaker: string | null;
}

/**
 * A stored quote as grouping sees it. The span, line, evidence and attribution (the longest field)
 * are not read back: grouping never looks at them, and a story of 100,000 quotes is held at once.
 */
function quoteOf(row: QuoteRow, id: number): Quote {
  const span = { start: 0, end: 0, text: row.text, openMark: 0, closeMark: null, paragraphs: 1, damage: [] };
  return { id, source: row.source, story: storyOf(row.story), line: 0, span, text: row.text, speaker: row.speaker, speakerEvidence: null, speakerAbstention: null, kind: row.kind, attribution: '' };
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

/**
 * Quotes read back and grouped together: whole stories, or a slice of the top-level documents
 * (`sources`: in a corpus without story folders they can number hundreds of thousands).
 */
export interface GroupChunk {
  stories: string[];
  /** The top-level documents of this slice, in corpus order (stories is then ['']). */
  sources?: string[];
  /** Stories whose stored groups are deleted before this chunk's are written. */
  clear: string[];
}

/** `items` in order, cut into runs whose sizes add up to at most `limit` (an item larger than that alone); items of size 0 are kept. */
function packed<T>(items: Iterable<T>, sizeOf: (item: T) => number, limit: number): T[][] {
  const runs: T[][] = [];
  let current: T[] = [];
  let total = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (total + size > limit && current.length > 0) {
      runs.push(current);
      current = [];
      total = 0;
    }
    current.push(item);
    total += size;
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/**
 * Chunks of about `chunkQuotes` quotes each, in the order given: whole stories (a larger story
 * alone), and the top-level documents, when their quotes are more than a chunk, in slices of
 * documents in corpus order (quotes of two slices are never grouped together).
 */
export function storyChunks(stories: readonly string[], quotesOf: (story: string) => number, topLevel: ReadonlyArray<readonly [string, number]>, chunkQuotes = GROUPING_CHUNK_QUOTES): GroupChunk[] {
  const sliced = stories.includes('') && quotesOf('') > chunkQuotes;
  const whole = packed(sliced ? stories.filter((story) => story !== '') : stories, quotesOf, chunkQuotes).map((run): GroupChunk => ({ stories: run, clear: run }));
  if (!sliced) return whole;
  const quoted = topLevel.filter(([, count]) => count > 0);
  const slices = packed(quoted, ([, count]) => count, chunkQuotes).map(
    (run, at): GroupChunk => ({ stories: [''], sources: run.map(([source]) => source), clear: at === 0 ? [''] : [] }),
  );
  return [...slices, ...whole];
}

/** What grouping needs from the run: every source's place in the corpus, and a counter of quotes held. */
export interface GroupingContext {
  corpusOrder: ReadonlyMap<string, number>;
  /** Most quotes held at once (tests bound it). */
  quotesHeld: { most: number };
}

/** The chunk's quotes from the archive. */
async function readChunk(work: Work, chunk: GroupChunk): Promise<QuoteRow[]> {
  work.statements++;
  const columns = 'SELECT story, source, seq, text, kind, speaker FROM quotes';
  const result = chunk.sources
    ? await work.client.query<QuoteRow>(`${columns} WHERE story = '' AND source = ANY($1::text[])`, [chunk.sources])
    : await work.client.query<QuoteRow>(`${columns} WHERE story = ANY($1::text[])`, [chunk.stories]);
  return result.rows;
}

/** Reads the chunk's quotes from the archive and groups each story apart. */
async function chunkRows(work: Work, chunk: GroupChunk, context: GroupingContext): Promise<GroupRows> {
  const quotes = await readChunk(work, chunk);
  context.quotesHeld.most = Math.max(context.quotesHeld.most, quotes.length);
  const order = (source: string): number => context.corpusOrder.get(source) ?? Number.MAX_SAFE_INTEGER;
  quotes.sort((a, b) => (a.story < b.story ? -1 : a.story > b.story ? 1 : order(a.source) - order(b.source) || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.seq - b.seq)));
  const rows: GroupRows = { groups: [], members: [] };
  let start = 0;
  while (start < quotes.length) {
    const story = quotes[start]!.story;
    let end = start;
    while (end < quotes.length && quotes[end]!.story === story) end++;
    storyGroupRows(story, quotes.slice(start, end).map((row, id) => ({ quote: quoteOf(row, id), seq: row.seq })), rows);
    start = end;
  }
  return rows;
}

/** Brings quotes.group_key and quote_groups of the chunk up to date with `rows` (inside the caller's transaction). */
async function writeQuoteGroups(work: Work, chunk: GroupChunk, rows: GroupRows): Promise<void> {
  await work.query(
    'CREATE TEMP TABLE quote_membership (story text, source text, seq integer, group_key text, relation text, similarity real, speaker_variant boolean) ON COMMIT DROP',
  );
  await work.copy('quote_membership', MEMBER_COLUMNS, rows.members);
  await work.query('ANALYZE quote_membership');
  // The chunk's own rows only (through the key's index), never a scan of every quote per chunk.
  const inChunk = chunk.sources ? "q.story = '' AND q.source = ANY($1::text[])" : 'q.story = ANY($1::text[])';
  work.rowsWritten += await work.query(
    `UPDATE quotes q SET group_key = m.group_key, relation = m.relation, similarity = m.similarity, speaker_variant = m.speaker_variant
     FROM quote_membership m
     WHERE ${inChunk} AND q.story = m.story AND q.source = m.source AND q.seq = m.seq
       AND (q.group_key, q.relation, q.similarity, q.speaker_variant) IS DISTINCT FROM (m.group_key, m.relation, m.similarity, m.speaker_variant)`,
    [chunk.sources ?? chunk.stories],
  );
  if (chunk.clear.length > 0) work.rowsWritten += await work.query('DELETE FROM quote_groups WHERE story = ANY($1::text[])', [chunk.clear]);
  await work.copy('quote_groups', GROUP_COLUMNS, rows.groups);
}

/** Groups the quotes of each chunk, each chunk in one transaction; `afterChunk` is told how many chunks are done. */
export async function groupStories(work: Work, chunks: readonly GroupChunk[], context: GroupingContext, afterChunk: (done: number) => void): Promise<void> {
  for (const [at, chunk] of chunks.entries()) {
    const rows = await chunkRows(work, chunk, context);
    await work.transaction(() => writeQuoteGroups(work, chunk, rows));
    afterChunk(at + 1);
  }
}
