/**
 * What `search`, `sources` and `stories` ask of a corpus, whether it is held in memory (the
 * workspace's passage index) or in a PostgreSQL archive (db/archive.ts): the same answers, so the
 * commands do not care which. Asynchronous, since the archive answers over a connection; a search
 * given an AbortSignal stops when it fires.
 */
import type { ClosestHit } from './closest.js';
import type { SearchHit } from './search/hits.js';
import type { Corpus, LoadWarning, SourceDocument } from './types.js';

/** A document without its text: what citations, labels and lists use. */
export type DocumentInfo = Omit<SourceDocument, 'text'>;

export interface ServiceSearchOptions {
  limit: number;
  /** Only passages of these source ids (empty or absent: every source). */
  sources?: readonly string[];
  signal?: AbortSignal;
}

export interface SearchAnswer {
  hits: SearchHit[];
  /** The documents of the hits, by source id. */
  documents: ReadonlyMap<string, DocumentInfo>;
}

export interface CatalogDocument extends DocumentInfo {
  passages: number;
}

/** What `sources` and `stories` list. */
export interface Catalog {
  /** The corpus folder (for an archive: the folder it was last indexed from). */
  root: string;
  stories: string[];
  documents: CatalogDocument[];
  /** Files or records left out when loading (an archive does not keep them). */
  skipped: LoadWarning[];
}

/** The service itself failed (its server unreachable, its connection lost), said in one line; a query may work again later. */
export class ServiceFailure extends Error {
  override name = 'ServiceFailure';
}

export interface SearchService {
  /** The ids of sources named by id or by label, and the names that are neither. */
  sourceIds(given: readonly string[]): Promise<{ ids: string[]; unknown: string[] }>;
  /** Story names, sorted. */
  stories(): Promise<string[]>;
  /** The source ids of one story. */
  storySources(story: string): Promise<string[]>;
  search(query: string, options: ServiceSearchOptions): Promise<SearchAnswer>;
  /** Passages holding most of a long query's words (closest.ts); absent where the service cannot. */
  closest?(query: string, options: Pick<ServiceSearchOptions, 'limit' | 'sources'>): Promise<{ hits: ClosestHit[]; documents: ReadonlyMap<string, DocumentInfo> }>;
  catalog(): Promise<Catalog>;
}

/** The in-memory corpus behind the interface: its documents, and the workspace's passage index. */
export class MemorySearch implements SearchService {
  private readonly documents: ReadonlyMap<string, DocumentInfo>;

  constructor(
    private readonly corpus: Corpus,
    private readonly index: () => { search(query: string, options: { limit: number; sources: readonly string[] }): SearchHit[]; closest(query: string, options: { limit: number; sources: readonly string[] }): ClosestHit[] },
  ) {
    this.documents = new Map(corpus.documents.map((document) => [document.source, document]));
  }

  sourceIds(given: readonly string[]): Promise<{ ids: string[]; unknown: string[] }> {
    const byLabel = new Map(this.corpus.documents.map((document) => [document.label, document.source]));
    const ids = given.map((source) => (this.documents.has(source) ? source : (byLabel.get(source) ?? source)));
    return Promise.resolve({ ids, unknown: ids.filter((source) => !this.documents.has(source)) });
  }

  stories(): Promise<string[]> {
    return Promise.resolve(this.corpus.stories);
  }

  storySources(story: string): Promise<string[]> {
    return Promise.resolve(this.corpus.documents.filter((document) => document.story === story).map((document) => document.source));
  }

  search(query: string, options: ServiceSearchOptions): Promise<SearchAnswer> {
    const hits = this.index().search(query, { limit: options.limit, sources: options.sources ?? [] });
    return Promise.resolve({ hits, documents: this.documents });
  }

  closest(query: string, options: Pick<ServiceSearchOptions, 'limit' | 'sources'>): Promise<{ hits: ClosestHit[]; documents: ReadonlyMap<string, DocumentInfo> }> {
    return Promise.resolve({ hits: this.index().closest(query, { limit: options.limit, sources: options.sources ?? [] }), documents: this.documents });
  }

  catalog(): Promise<Catalog> {
    const passageCounts = new Map<string, number>();
    for (const passage of this.corpus.passages) passageCounts.set(passage.source, (passageCounts.get(passage.source) ?? 0) + 1);
    return Promise.resolve({
      root: this.corpus.root,
      stories: this.corpus.stories,
      documents: this.corpus.documents.map((document) => ({ ...document, passages: passageCounts.get(document.source) ?? 0 })),
      skipped: this.corpus.warnings.filter((warning) => warning.skipped),
    });
  }
}
