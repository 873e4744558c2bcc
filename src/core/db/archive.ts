/**
 * A PostgreSQL archive opened for reading: what `--db URL` gives search, sources, stories (the
 * SearchService interface, as the in-memory corpus serves it) and one story at a time for quotes,
 * compare and claims (loaded into an ordinary Workspace). It only reads: a role with CONNECT,
 * USAGE and SELECT is enough. Each request is one read-only transaction on one connection, taken
 * in turn; an AbortSignal cancels the running statement from a second connection
 * (pg_cancel_backend); a request whose connection is lost is tried once more on a new one, and
 * fails in one line when that cannot be had.
 */
import type { ClosestHit } from '../closest.js';
import type { Catalog, DocumentInfo, SearchAnswer, ServiceSearchOptions } from '../searchService.js';
import type { StoryMember } from '../stories.js';
import type { Corpus, SourceDocument } from '../types.js';
import type { WorkbenchArchive } from '../workbenchArchive.js';
import { searchArchive, type ArchiveSearchWork, type SearchSession } from './archiveSearch.js';
import { asDatabaseFailure, connectDatabase, DatabaseFailure, isDatabaseProblem, type Connection } from './connect.js';
import { DOCUMENT_ORDER } from './querySql.js';
import { DOCUMENT_INFO_COLUMNS, documentInfoOf, documentOf, passageOf, storyOf, type DocumentRow, type PassageRow } from './rows.js';
import { checkSchema } from './schema.js';
import { redact } from './url.js';

/** A request stopped by its AbortSignal (a newer key, Ctrl-C): not an error to show. */
export class SearchCancelled extends Error {
  override name = 'SearchCancelled';
  constructor() {
    super('search cancelled');
  }
}

/** The connection went away under a request: tried once more on a new connection before it is said. */
class ConnectionLost extends DatabaseFailure {}

export interface ArchiveOptions {
  /** Each statement is stopped after this long (PostgreSQL's statement_timeout); none when absent. */
  statementTimeoutMs?: number;
}

/** What the archive did since it was opened, for tests that count outcomes instead of timing them. */
export interface ArchiveWork extends ArchiveSearchWork {
  requests: number;
  cancelled: number;
  /** Connections opened again after one was lost. */
  reconnects: number;
}

function sqlState(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

/** The connection is gone (server stopped or restarted, backend terminated, network cut), not just the statement. */
function connectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /^57P0[123]$/.test(sqlState(error)) || 'syscall' in error || /Connection terminated|connection error|Client was closed|Connection ended/i.test(error.message);
}

export class Archive implements WorkbenchArchive {
  readonly work: ArchiveWork = { statements: 0, rowsRead: 0, scored: 0, vocabularyWords: 0, titledDocuments: 0, requests: 0, cancelled: 0, reconnects: 0 };
  /** The URL as it may be shown (password replaced). */
  readonly shown: string;
  private connection: Connection | null;
  /** Requests run one after another on the one connection. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly url: string,
    connection: Connection,
    private readonly options: ArchiveOptions,
  ) {
    this.connection = connection;
    this.shown = redact(url);
  }

  /** Connects and checks the schema; DatabaseFailure (one redacted line) when the archive cannot be used. */
  static async open(url: string, options: ArchiveOptions = {}): Promise<Archive> {
    const connection = await connectDatabase(url);
    try {
      await checkSchema(connection.client);
    } catch (error) {
      await connection.close();
      throw asDatabaseFailure(error, url);
    }
    return new Archive(url, connection, options);
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    await connection?.close();
  }

  /** The server process of the current connection (tests end it to lose the connection). */
  get backendPid(): number | undefined {
    return (this.connection?.client as { processID?: number } | undefined)?.processID;
  }

  /** Runs `body` in one read-only transaction, after the requests before it; SearchCancelled once `signal` fires. */
  read<T>(body: (session: SearchSession) => Promise<T>, signal?: AbortSignal): Promise<T> {
    // A request is only reads: one whose connection was lost (a server restarted, a backend ended) is tried once more on a new one.
    const run = this.queue.then(async () => {
      try {
        return await this.readNow(body, signal);
      } catch (error) {
        if (error instanceof ConnectionLost && !signal?.aborted) return this.readNow(body, signal);
        throw error;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async connected(): Promise<Connection> {
    if (this.connection) return this.connection;
    const connection = await connectDatabase(this.url);
    this.work.reconnects++;
    this.connection = connection;
    return connection;
  }

  private async readNow<T>(body: (session: SearchSession) => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    this.work.requests++;
    if (signal?.aborted) {
      this.work.cancelled++;
      throw new SearchCancelled();
    }
    const connection = await this.connected();
    const { client } = connection;
    const cancel: { sent: Promise<void> | null } = { sent: null };
    const pid = (client as { processID?: number }).processID;
    const onAbort = (): void => {
      cancel.sent = this.cancelBackend(pid);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const session: SearchSession = {
      query: async <R>(sql: string, values?: unknown[]): Promise<R[]> => {
        if (signal?.aborted) throw new SearchCancelled();
        this.work.statements++;
        return (await client.query(sql, values)).rows as R[];
      },
    };
    try {
      await client.query('BEGIN READ ONLY');
      if (this.options.statementTimeoutMs !== undefined) await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(this.options.statementTimeoutMs))}`);
      const result = await body(session);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      throw await this.failed(error, connection, signal);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // The next request starts only once the cancel has been delivered (an idle server drops a late one).
      if (cancel.sent) await cancel.sent;
    }
  }

  /** What a failed request throws: SearchCancelled, or a DatabaseFailure with one safe line. */
  private async failed(error: unknown, connection: Connection, signal: AbortSignal | undefined): Promise<unknown> {
    if (!isDatabaseProblem(error) && !(error instanceof SearchCancelled)) {
      // Not the database's doing (a refused query, a bug): said as it is, not as a server's error.
      await connection.client.query('ROLLBACK').catch(() => undefined);
      return error;
    }
    if (connectionLost(error)) {
      if (this.connection === connection) this.connection = null;
      await connection.close();
    } else {
      await connection.client.query('ROLLBACK').catch(() => undefined);
    }
    if (error instanceof SearchCancelled || (signal?.aborted && sqlState(error) === '57014')) {
      this.work.cancelled++;
      return new SearchCancelled();
    }
    if (sqlState(error) === '57014') return new DatabaseFailure(`PostgreSQL at ${this.shown} did not answer within ${this.options.statementTimeoutMs ?? 0} ms (statement_timeout)`);
    const failure = asDatabaseFailure(error, this.url);
    return connectionLost(error) ? new ConnectionLost(failure.message) : failure;
  }

  /** Asks the server, over a second connection, to stop the statement `pid` is running. */
  private async cancelBackend(pid: number | undefined): Promise<void> {
    if (pid === undefined) return;
    try {
      const other = await connectDatabase(this.url);
      try {
        await other.client.query('SELECT pg_cancel_backend($1)', [pid]);
      } finally {
        await other.close();
      }
    } catch {
      // The server is gone: the request fails on its own connection.
    }
  }

  async sourceIds(given: readonly string[]): Promise<{ ids: string[]; unknown: string[] }> {
    const rows = await this.read((session) =>
      session.query<{ source: string; label: string }>(`SELECT d.source, d.label FROM documents d WHERE d.source = ANY($1::text[]) OR d.label = ANY($1::text[]) ORDER BY ${DOCUMENT_ORDER}`, [given]),
    );
    const sources = new Set(rows.map((row) => row.source));
    // As in memory: a label names the last source in corpus order that carries it.
    const byLabel = new Map(rows.map((row) => [row.label, row.source]));
    const ids = given.map((name) => (sources.has(name) ? name : (byLabel.get(name) ?? name)));
    return { ids, unknown: ids.filter((id) => !sources.has(id)) };
  }

  async stories(): Promise<string[]> {
    const rows = await this.read((session) => session.query<{ story: string }>("SELECT DISTINCT story FROM documents WHERE story <> ''"));
    return rows.map((row) => row.story).sort();
  }

  async storySources(story: string): Promise<string[]> {
    const rows = await this.read((session) => session.query<{ source: string }>(`SELECT d.source FROM documents d WHERE d.story = $1 ORDER BY ${DOCUMENT_ORDER}`, [story]));
    return rows.map((row) => row.source);
  }

  search(query: string, options: ServiceSearchOptions): Promise<SearchAnswer> {
    return this.read(async (session) => {
      const hits = await searchArchive(session, this.work, query, { limit: options.limit, ...(options.sources && options.sources.length > 0 ? { sources: options.sources } : {}) });
      return { hits, documents: await documentsOf(session, hits.map((hit) => hit.passage.source)) };
    }, options.signal);
  }

  closest(): Promise<{ hits: ClosestHit[]; documents: ReadonlyMap<string, DocumentInfo> }> {
    return Promise.reject(new DatabaseFailure('--closest is not available with --db: it weighs words over the whole corpus, which the archive does not hold in memory'));
  }

  catalog(): Promise<Catalog> {
    return this.read(async (session) => {
      const state = await session.query<{ corpus_root: string }>('SELECT corpus_root FROM ingest_state');
      const rows = await session.query<DocumentRow>(`SELECT ${DOCUMENT_INFO_COLUMNS} FROM documents d ORDER BY ${DOCUMENT_ORDER}`);
      const documents = rows.map((row) => ({ ...documentInfoOf(row), passages: row.passage_count }));
      const stories = [...new Set(documents.map((document) => document.story).filter((story): story is string => story !== null))].sort();
      return { root: state[0]?.corpus_root ?? '', stories, documents, skipped: [] };
    });
  }

  /** One story's documents and passages as a corpus of its own, for the in-memory engine (quotes, compare, claims). */
  storyCorpus(story: string): Promise<Corpus> {
    return this.corpusWhere('d.story = $1', story, (documents) => (story === '' || documents.length === 0 ? [] : [story]));
  }

  /** One document and its passages as a corpus of its own: the workbench's preview and reader. */
  documentCorpus(source: string, signal?: AbortSignal): Promise<Corpus> {
    return this.corpusWhere('d.source = $1', source, (documents) => [...new Set(documents.map((document) => document.story).filter((story): story is string => story !== null))], signal);
  }

  /** The documents that belong to a story, without their text (the workbench's story picker). */
  storyMembers(): Promise<Array<StoryMember & { label: string }>> {
    return this.read(async (session) => {
      const rows = await session.query<{ source: string; story: string; day: string | null; title: string; story_name: string | null; label: string }>(
        `SELECT d.source, d.story, d.day, d.title, d.story_name, d.label FROM documents d WHERE d.story <> '' ORDER BY ${DOCUMENT_ORDER}`,
      );
      return rows.map((row) => ({ source: row.source, story: storyOf(row.story), day: row.day, title: row.title, storyName: row.story_name, label: row.label }));
    });
  }

  /** The documents `condition` (on `d`, with $1 = `value`) selects, text included, and their passages in order. */
  private corpusWhere(condition: string, value: string, storiesOf: (documents: SourceDocument[]) => string[], signal?: AbortSignal): Promise<Corpus> {
    return this.read(async (session) => {
      const state = await session.query<{ corpus_root: string }>('SELECT corpus_root FROM ingest_state');
      const rows = await session.query<DocumentRow & { text: string }>(`SELECT ${DOCUMENT_INFO_COLUMNS}, d.text FROM documents d WHERE ${condition} ORDER BY ${DOCUMENT_ORDER}`, [value]);
      const passages = await session.query<PassageRow>(
        `SELECT p.story, p.source, p.line, p.paragraph, p.sentence, p.start_offset, p.end_offset, p.text FROM passages p JOIN documents d ON d.story = p.story AND d.source = p.source WHERE ${condition} ORDER BY ${DOCUMENT_ORDER}, p.seq`,
        [value],
      );
      const documents = rows.map(documentOf);
      return {
        root: state[0]?.corpus_root ?? '',
        documents,
        passages: passages.map((row, id) => passageOf(row, id)),
        warnings: [],
        stories: storiesOf(documents),
        ignoredFiles: 0,
      };
    }, signal);
  }
}

/** The documents of `sources`, without their text. */
async function documentsOf(session: SearchSession, sources: readonly string[]): Promise<Map<string, DocumentInfo>> {
  if (sources.length === 0) return new Map();
  const rows = await session.query<DocumentRow>(`SELECT ${DOCUMENT_INFO_COLUMNS} FROM documents d WHERE d.source = ANY($1::text[])`, [[...new Set(sources)]]);
  return new Map(rows.map((row) => [row.source, documentInfoOf(row)]));
}
