/**
 * The on-disk cache of a parsed corpus, its search index and its claim stems, so a large corpus
 * opens in about a second instead of being read, split and indexed again, and its claims need no
 * second stemming: this file encodes and decodes a corpus.
 *
 * Where: $XDG_CACHE_HOME/crosscheck (else ~/.cache/crosscheck; cacheFolder.ts), one file per
 * corpus state, named by its key (fingerprint.ts). cacheStore.ts and cacheWrite.ts keep the files:
 * private, checked and checksummed, written to a temporary file and renamed into place, pruned.
 * open.ts decides when the cache is read and written. Anything unreadable or inconsistent is
 * rebuilt, never fatal.
 */
import { stemIndexPartsSteps, type StemIndexParts } from './compare/stemIndex.js';
import type { IndexParts } from './searchIndex.js';
import type { FieldIndex } from './prefilter.js';
import { runAtOnce, type Steps } from './slices.js';
import type { Corpus, Passage, SourceDocument } from './types.js';

/** Bump when the stored layout or anything derived into it changes. */
export const CACHE_FORMAT = 5;
const MAGIC = Buffer.from('XCHECK01');

/**
 * The largest cache file this corpus can produce, generously: the texts are stored twice (as
 * documents and as passages), JSON-escaped, with an index of a few bytes per word.
 */
export function maxCacheBytes(corpusBytes: number): number {
  return 32 * corpusBytes + 16 * 1024 * 1024;
}

interface StoredField {
  vocabulary: string[];
  size: number;
}

interface Header {
  /** The corpus but its documents and passages, which are sections of their own. */
  corpus: Omit<Corpus, 'documents' | 'passages'>;
  fields: { text: StoredField; titles: StoredField; sources: StoredField };
  /** The claim comparer's stems (compare/stemIndex.ts), whose passages are the last two sections. */
  stems: { vocabulary: string[] };
  /** Byte lengths of the sections, in the order written: documents and passages (JSON), then the typed arrays. */
  sections: number[];
  /**
   * Byte lengths of the pieces of the documents' and the passages' JSON arrays ('[', then each
   * thousand items, then ']'), so they are parsed a piece at a time, pausing in between.
   */
  pieces: [number[], number[]];
}

const SECTION_COUNT = 11;
/** Documents or passages turned into JSON between two pauses of the encoding. */
const ITEMS_PER_PAUSE = 1024;

function typedSectionsOf(parts: IndexParts, stems: StemIndexParts): ArrayBufferView[] {
  return [parts.norms, parts.text.offsets, parts.text.ids, parts.titles.offsets, parts.titles.ids, parts.sources.offsets, parts.sources.ids, stems.starts, stems.stems];
}

/** A JSON array as UTF-8 pieces, built a thousand items at a time. */
function* jsonArraySteps(items: readonly unknown[]): Steps<Buffer[]> {
  const pieces: Buffer[] = [Buffer.from('[')];
  for (let start = 0; start < items.length; start += ITEMS_PER_PAUSE) {
    const chunk = items.slice(start, start + ITEMS_PER_PAUSE).map((item) => JSON.stringify(item)).join(',');
    pieces.push(Buffer.from(start === 0 ? chunk : `,${chunk}`));
    yield;
  }
  pieces.push(Buffer.from(']'));
  return pieces;
}

/**
 * The cache file as pieces to write in order: magic, header length, header JSON, then each
 * section, each starting on an 8-byte boundary. Built pausing every thousand documents or
 * passages (see slices.ts), so the workbench can write the cache while it takes keys. `stems`:
 * the corpus's stem index, built here when not given.
 */
export function* encodeCacheSteps(corpus: Corpus, parts: IndexParts, stems?: StemIndexParts): Steps<Buffer[]> {
  const { documents, passages, ...rest } = corpus;
  const stemParts = stems ?? (yield* stemIndexPartsSteps(corpus));
  const jsonSections = [yield* jsonArraySteps(documents), yield* jsonArraySteps(passages)];
  const typedSections = typedSectionsOf(parts, stemParts).map((section) => Buffer.from(section.buffer, section.byteOffset, section.byteLength));
  const field = ({ vocabulary, size }: FieldIndex): StoredField => ({ vocabulary, size });
  const lengthOf = (pieces: readonly Buffer[]): number => pieces.reduce((sum, piece) => sum + piece.length, 0);
  const header: Header = {
    corpus: rest,
    fields: { text: field(parts.text), titles: field(parts.titles), sources: field(parts.sources) },
    stems: { vocabulary: stemParts.vocabulary },
    sections: [...jsonSections.map(lengthOf), ...typedSections.map((section) => section.length)],
    pieces: [jsonSections[0]!.map((piece) => piece.length), jsonSections[1]!.map((piece) => piece.length)],
  };
  const json = Buffer.from(JSON.stringify(header));
  yield;
  const pad = (length: number): Buffer => Buffer.alloc((8 - (length % 8)) % 8);
  const jsonLength = Buffer.alloc(8);
  jsonLength.writeBigUInt64LE(BigInt(json.length));
  const pieces: Buffer[] = [MAGIC, jsonLength, json, pad(json.length)];
  for (const section of jsonSections) pieces.push(...section, pad(lengthOf(section)));
  for (const section of typedSections) pieces.push(section, pad(section.length));
  return pieces;
}

export function encodeCache(corpus: Corpus, parts: IndexParts, stems?: StemIndexParts): Buffer {
  return Buffer.concat(runAtOnce(encodeCacheSteps(corpus, parts, stems)));
}

export class CacheCorruptError extends Error {
  override name = 'CacheCorruptError';
}

/** What a cache file holds: the corpus, its search index's parts and its stem index's. */
export interface CachedCorpus {
  corpus: Corpus;
  parts: IndexParts;
  stems: StemIndexParts;
}

/** The corpus and index parts in a cache file; throws CacheCorruptError when it is not one. */
export function decodeCache(bytes: Buffer): CachedCorpus {
  return runAtOnce(decodeCacheSteps(bytes));
}

/** Whether `pieces` are byte lengths that make up a section of `length` bytes: '[', the items in pieces, ']'. */
function piecesFit(pieces: unknown, length: number): pieces is number[] {
  return Array.isArray(pieces) && pieces.length >= 2 && pieces.every((piece) => Number.isInteger(piece) && piece > 0) && pieces.reduce((sum: number, piece: number) => sum + piece, 0) === length;
}

/** A JSON array section parsed a piece (a thousand items) at a time: on Reuters one JSON.parse of the passages held the opening screen a tenth of a second. */
function* jsonArrayOf<T>(section: Buffer, pieces: readonly number[]): Steps<T[]> {
  const items: T[] = [];
  let start = pieces[0]!;
  for (let piece = 1; piece < pieces.length - 1; piece++) {
    const end = start + pieces[piece]!;
    // Every piece after the first begins with the comma that joins it to the one before.
    const parsed: unknown = JSON.parse(`[${section.toString('utf8', piece === 1 ? start : start + 1, end)}]`);
    if (!Array.isArray(parsed)) throw new CacheCorruptError('incomplete documents or passages');
    for (const item of parsed) items.push(item as T);
    start = end;
    yield;
  }
  return items;
}

/** decodeCache, pausing between the pieces of the documents and passages (see slices.ts). */
export function* decodeCacheSteps(bytes: Buffer): Steps<CachedCorpus> {
  if (bytes.length < 16 || !bytes.subarray(0, 8).equals(MAGIC)) throw new CacheCorruptError('not a crosscheck cache file');
  const jsonLength = Number(bytes.readBigUInt64LE(8));
  if (16 + jsonLength > bytes.length) throw new CacheCorruptError('truncated header');
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', 16, 16 + jsonLength)) as Header;
  } catch {
    throw new CacheCorruptError('unreadable header');
  }
  if (!header?.corpus || !Array.isArray(header.sections) || header.sections.length !== SECTION_COUNT || !Array.isArray(header.stems?.vocabulary) || !Array.isArray(header.pieces)) {
    throw new CacheCorruptError('incomplete header');
  }
  yield;
  let offset = 16 + jsonLength + ((8 - (jsonLength % 8)) % 8);
  const sections: Buffer[] = [];
  for (const length of header.sections) {
    if (!Number.isInteger(length) || length < 0 || offset + length > bytes.length) throw new CacheCorruptError('truncated data');
    sections.push(bytes.subarray(offset, offset + length));
    offset += length + ((8 - (length % 8)) % 8);
  }
  const [documentsJson, passagesJson, ...typed] = sections as [Buffer, Buffer, ...Buffer[]];
  const [documentPieces, passagePieces] = header.pieces;
  if (!piecesFit(documentPieces, documentsJson.length) || !piecesFit(passagePieces, passagesJson.length)) throw new CacheCorruptError('incomplete header');
  let documents: SourceDocument[];
  let passages: Passage[];
  try {
    documents = yield* jsonArrayOf<SourceDocument>(documentsJson, documentPieces);
    passages = yield* jsonArrayOf<Passage>(passagesJson, passagePieces);
  } catch (error) {
    if (error instanceof CacheCorruptError) throw error;
    throw new CacheCorruptError('unreadable documents or passages');
  }
  // Copied out so each typed array is aligned and owns its memory.
  const arrays = typed.map((section) => {
    const copy = new ArrayBuffer(section.length);
    new Uint8Array(copy).set(section);
    return copy;
  });
  const [norms, textOffsets, textIds, titleOffsets, titleIds, sourceOffsets, sourceIds, stemStarts, stemIds] = arrays as [ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer];
  if (norms.byteLength % 8 !== 0 || [textOffsets, textIds, titleOffsets, titleIds, sourceOffsets, sourceIds, stemStarts, stemIds].some((section) => section.byteLength % 4 !== 0)) {
    throw new CacheCorruptError('misaligned data');
  }
  const field = (stored: StoredField, offsets: ArrayBuffer, ids: ArrayBuffer): FieldIndex => ({
    vocabulary: stored.vocabulary,
    size: stored.size,
    offsets: new Uint32Array(offsets),
    ids: new Uint32Array(ids),
  });
  return {
    corpus: { ...header.corpus, documents, passages },
    parts: {
      norms: new Float64Array(norms),
      text: field(header.fields.text, textOffsets, textIds),
      titles: field(header.fields.titles, titleOffsets, titleIds),
      sources: field(header.fields.sources, sourceOffsets, sourceIds),
    },
    stems: { vocabulary: header.stems.vocabulary, starts: new Uint32Array(stemStarts), stems: new Uint32Array(stemIds) },
  };
}
