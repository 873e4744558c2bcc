/**
 * Reading a corpus: every article file below a folder (or one file), each decoded, checked and
 * split. The format is told by the extension; each has its loader under formats/.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Dirent, type Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { decodeBytes } from './decode.js';
import { csvDocuments } from './formats/csv.js';
import { FieldUse, FieldsError, fieldMapOf, type FieldKey, type FieldMap } from './formats/fields.js';
import { htmlDocument } from './formats/html.js';
import { jsonlDocuments } from './formats/jsonl.js';
import { type RecordContext } from './formats/records.js';
import { textDocument } from './formats/text.js';
import { assignLabels } from './labels.js';
import { passagesOf } from './passages.js';
import { runInSlices, type Steps } from './slices.js';
import type { Corpus, DocumentFormat, LoadWarning, Passage, SourceDocument } from './types.js';

/** Larger files are skipped: a news article is a few kilobytes, a 100 MB "article" is a dump. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Folders nested deeper than this below the corpus folder are not read. */
export const MAX_DEPTH = 64;
/** The walk stops after this many directory entries: a corpus, not a whole file system. */
export const MAX_ENTRIES = 200_000;
/** The loader of each extension: whole text files, records (one article a line or row), pages. */
const FORMAT_OF_EXTENSION: Record<string, DocumentFormat> = {
  '.txt': 'text',
  '.md': 'text',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.html': 'html',
  '.htm': 'html',
};
const LOADABLE = Object.keys(FORMAT_OF_EXTENSION).join(', ');

function formatOf(file: string): DocumentFormat | undefined {
  return FORMAT_OF_EXTENSION[path.extname(file).toLowerCase()];
}

/** A corpus that cannot be used at all (missing, empty, nothing readable): exit code 2. */
export class CorpusError extends Error {
  override name = 'CorpusError';
}

export interface LoadProgress {
  filesRead: number;
  filesTotal: number;
}

export interface LoadOptions {
  maxFileBytes?: number;
  maxDepth?: number;
  maxEntries?: number;
  /** Record fields named on the command line (--fields text=body,...); the rest are recognised by name. */
  fields?: Partial<Record<FieldKey, string>>;
  /** Records (JSON Lines, CSV) longer than this are skipped. */
  maxRecordBytes?: number;
  onProgress?: (progress: LoadProgress) => void;
}

interface FoundFile {
  /** The path as bytes: a name need not be valid UTF-8, and only bytes open it. */
  bytes: Buffer;
  /** The path as shown and cited, invalid UTF-8 bytes written as `\xFF`. */
  absolute: string;
  /** '/'-separated path under the root, written the same way. */
  relative: string;
  /** Opened without following a link (a walked file, already resolved): a swap after listing cannot lead outside. */
  noFollow: boolean;
}

/** What walking the folder cost, in system calls: linear in the entries read, bounded by the caps. */
export interface WalkCounts {
  readdirs: number;
  stats: number;
  realpaths: number;
  entries: number;
}

export interface CorpusWalk {
  files: FoundFile[];
  /** Files present but not of a loadable kind. */
  ignored: number;
  /** Symbolic links leading outside the corpus folder (not followed). */
  linksOutside: number;
  /** A cap stopped the walk somewhere: what was not read, said plainly. */
  capsHit: string[];
  counts: WalkCounts;
}

/** The `code` of a Node.js system error (ENOENT, EACCES, ...), or '' for anything else. */
export function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : '';
}

function describeFsError(error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return 'disappeared before it could be read';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOTDIR':
      return 'not a folder: a file stands in its path';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * A file name as text: valid UTF-8 as is; each byte that is not part of a valid UTF-8 sequence
 * written as a visible `\xFF`, so `bad\xff.txt` and `bad\xfe.txt` stay two different names.
 */
export function displayFileName(name: Uint8Array): string {
  if (isUtf8(name)) return strictUtf8.decode(name);
  let text = '';
  let at = 0;
  while (at < name.length) {
    // The shortest span from here that decodes is the one valid sequence starting here, if any.
    let length = 1;
    while (length <= 4 && !(at + length <= name.length && isUtf8(name.subarray(at, at + length)))) length++;
    if (length <= 4) {
      text += strictUtf8.decode(name.subarray(at, at + length));
      at += length;
    } else {
      text += `\\x${name[at]!.toString(16).toUpperCase().padStart(2, '0')}`;
      at++;
    }
  }
  return text;
}

const SLASH = Buffer.from('/');

function isWithin(real: Buffer, realRoot: Buffer): boolean {
  if (real.equals(realRoot)) return true;
  const prefix = realRoot[realRoot.length - 1] === 0x2f ? realRoot : Buffer.concat([realRoot, SLASH]);
  return real.length > prefix.length && real.subarray(0, prefix.length).equals(prefix);
}

/**
 * Lists the loadable files under `root` in byte order of their names. Each folder is read once
 * (known by device and inode, so a link back up is caught without resolving every level); a
 * symbolic link is resolved once and followed only when it leads to a place inside the root.
 */
export async function walkCorpus(
  root: string,
  warnings: LoadWarning[],
  { maxDepth = MAX_DEPTH, maxEntries = MAX_ENTRIES }: Pick<LoadOptions, 'maxDepth' | 'maxEntries'> = {},
): Promise<CorpusWalk> {
  const counts: WalkCounts = { readdirs: 0, stats: 0, realpaths: 0, entries: 0 };
  const walk: CorpusWalk = { files: [], ignored: 0, linksOutside: 0, capsHit: [], counts };
  const rootBytes = Buffer.from(root);
  const visited = new Set<string>();
  let realRoot: Buffer;
  try {
    counts.realpaths++;
    realRoot = await realpath(rootBytes, { encoding: 'buffer' });
    counts.stats++;
    const info = await stat(rootBytes);
    visited.add(`${info.dev}:${info.ino}`);
  } catch (error) {
    warnings.push({ file: '.', reason: describeFsError(error), skipped: true });
    return walk;
  }

  let entryCapHit = false;
  /** Folders reached through a link, walked after every real folder so each is cited by its real path. */
  const linkedFolders: Array<{ real: Buffer; relative: string; depth: number; identity: string }> = [];

  async function enterFolder(directory: Buffer, relative: string, depth: number, identity: string): Promise<void> {
    if (visited.has(identity)) {
      warnings.push({ file: relative, reason: 'folder already read (by another path: a symbolic link)', skipped: true });
      return;
    }
    visited.add(identity);
    if (depth > maxDepth) {
      const message = `folders nested more than ${maxDepth} levels deep were not read`;
      if (!walk.capsHit.includes(message)) walk.capsHit.push(message);
      warnings.push({ file: relative, reason: `nested more than ${maxDepth} levels deep: not read`, skipped: true });
      return;
    }
    await walkFolder(directory, relative, depth);
  }

  async function walkFolder(directory: Buffer, relative: string, depth: number): Promise<void> {
    let entries: Array<Dirent<Buffer>>;
    try {
      counts.readdirs++;
      entries = await readdir(directory, { encoding: 'buffer', withFileTypes: true });
    } catch (error) {
      warnings.push({ file: relative || '.', reason: `folder not readable: ${describeFsError(error)}`, skipped: true });
      return;
    }
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    for (const entry of entries) {
      if (counts.entries >= maxEntries) {
        if (!entryCapHit) {
          entryCapHit = true;
          const message = `stopped after ${maxEntries.toLocaleString('en-US')} entries: the rest of the folder was not read`;
          walk.capsHit.push(message);
          warnings.push({ file: relative || '.', reason: message, skipped: true });
        }
        return;
      }
      counts.entries++;
      if (entry.name[0] === 0x2e) continue; // hidden
      const bytes = directory[directory.length - 1] === 0x2f ? Buffer.concat([directory, entry.name]) : Buffer.concat([directory, SLASH, entry.name]);
      const name = displayFileName(entry.name);
      const childRelative = relative ? `${relative}/${name}` : name;
      const loadable = formatOf(name) !== undefined;
      if (entry.isSymbolicLink()) {
        let real: Buffer;
        let info: Stats;
        try {
          counts.realpaths++;
          real = await realpath(bytes, { encoding: 'buffer' });
          counts.stats++;
          info = await stat(real);
        } catch (error) {
          const reason = errorCode(error) === 'ENOENT' ? 'broken symbolic link (nothing at its target)' : describeFsError(error);
          warnings.push({ file: childRelative, reason, skipped: true });
          continue;
        }
        if (!isWithin(real, realRoot)) {
          walk.linksOutside++;
          warnings.push({ file: childRelative, reason: `symbolic link to ${displayFileName(real)}, outside the corpus folder: not followed`, skipped: true });
        } else if (info.isDirectory()) {
          linkedFolders.push({ real, relative: childRelative, depth: depth + 1, identity: `${info.dev}:${info.ino}` });
        } else if (info.isFile() && loadable) {
          walk.files.push({ bytes: real, absolute: path.join(root, childRelative), relative: childRelative, noFollow: true });
        } else walk.ignored++;
      } else if (entry.isDirectory()) {
        let identity: string;
        try {
          counts.stats++;
          const info = await stat(bytes);
          identity = `${info.dev}:${info.ino}`;
        } catch (error) {
          warnings.push({ file: childRelative, reason: describeFsError(error), skipped: true });
          continue;
        }
        await enterFolder(bytes, childRelative, depth + 1, identity);
      } else if (entry.isFile() && loadable) {
        walk.files.push({ bytes, absolute: path.join(root, childRelative), relative: childRelative, noFollow: true });
      } else walk.ignored++;
    }
  }

  await walkFolder(rootBytes, '', 0);
  // Links found while walking a linked folder join the queue: each folder is still read at most once.
  for (let next = linkedFolders.shift(); next; next = linkedFolders.shift()) {
    if (entryCapHit) break;
    await enterFolder(next.real, next.relative, next.depth, next.identity);
  }
  return walk;
}

/**
 * The files loadCorpus reads under `root`, in its order: what the index cache fingerprints. As
 * bytes, so that stat finds a file whose name is not UTF-8 (a string would name another file).
 */
export async function listCorpusFiles(root: string): Promise<Buffer[]> {
  const absoluteRoot = path.resolve(root);
  if (!(await stat(absoluteRoot)).isDirectory()) return [Buffer.from(absoluteRoot)];
  return (await walkCorpus(absoluteRoot, [])).files.map((file) => file.bytes);
}

type ReadOutcome = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

const MIB = 1024 * 1024;
const READ_CHUNK = 64 * 1024;

function tooLarge(bytes: string, maxBytes: number): ReadOutcome {
  return { ok: false, reason: `too large (${bytes}; the limit is ${maxBytes / MIB} MiB)` };
}

/**
 * One file, read synchronously: articles are small, and four asynchronous calls a file (open,
 * stat, read, close) cost Reuters' 19,779 files 1.4 s of the main thread's time; these take a
 * fraction of that. The caller pauses between files, so a slow disk still leaves keys working.
 *
 * Bounded by what is read, not by what stat says: /proc files report size 0 and never end.
 */
export function readBounded(file: Buffer | string, maxBytes: number, { noFollow = false } = {}): ReadOutcome {
  let descriptor: number | undefined;
  try {
    // Non-blocking: a named pipe or device (or a file swapped for one) must not hang the open.
    const flags = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | (noFollow ? constants.O_NOFOLLOW : 0);
    try {
      descriptor = openSync(file, flags);
    } catch (error) {
      if (noFollow && errorCode(error) === 'ELOOP') return { ok: false, reason: 'became a symbolic link after it was listed: not followed' };
      throw error;
    }
    const info = fstatSync(descriptor);
    if (info.isDirectory()) return { ok: false, reason: 'is a folder, not a file' };
    if (!info.isFile()) return { ok: false, reason: 'not a regular file' };
    if (info.size > maxBytes) return tooLarge(`${(info.size / MIB).toFixed(1)} MiB`, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    // One read for an ordinary file (its size plus a byte to see the end); whole chunks where the
    // size is wrong (some kernel files refuse reads of odd lengths), stopping once past the limit.
    let chunkSize = Math.min(maxBytes + 1, Math.max(info.size + 1, READ_CHUNK));
    for (;;) {
      const chunk = Buffer.allocUnsafe(chunkSize);
      const read = readSync(descriptor, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) return tooLarge(`over ${maxBytes / MIB} MiB read, though the file system reports ${info.size} bytes`, maxBytes);
      chunkSize = READ_CHUNK;
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

function sourceIdOf(relative: string): string {
  const extension = path.posix.extname(relative);
  return extension ? relative.slice(0, -extension.length) : relative;
}

interface ReadSettings {
  maxBytes: number;
  maxRecordBytes: number | undefined;
  fields: FieldMap;
  use: FieldUse;
  warnings: LoadWarning[];
}

function folderStoryOf(relative: string): string | null {
  const slash = relative.indexOf('/');
  return slash > 0 ? relative.slice(0, slash) : null;
}

/** Reads and decodes each file in turn, pausing after each one (and within large record files). */
function* readDocuments(files: readonly FoundFile[], settings: ReadSettings, onProgress: LoadOptions['onProgress']): Steps<SourceDocument[]> {
  const documents: SourceDocument[] = [];
  let filesRead = 0;
  for (const file of files) {
    const format = formatOf(file.relative) ?? 'text';
    if (format === 'jsonl' || format === 'csv') documents.push(...(yield* readRecords(file, format, settings)));
    else {
      const document = readDocument(file, format, settings);
      if (document) documents.push(document);
    }
    onProgress?.({ filesRead: ++filesRead, filesTotal: files.length });
    yield;
  }
  return documents;
}

function* readRecords(file: FoundFile, format: 'jsonl' | 'csv', settings: ReadSettings): Steps<SourceDocument[]> {
  const context: RecordContext = {
    file: { absolute: file.absolute, open: file.bytes, noFollow: file.noFollow, relative: file.relative, base: sourceIdOf(file.relative), folderStory: folderStoryOf(file.relative) },
    format,
    fields: settings.fields,
    use: settings.use,
    warnings: settings.warnings,
  };
  const before = settings.warnings.length;
  let documents: SourceDocument[];
  try {
    if (format === 'jsonl') {
      documents = yield* jsonlDocuments(context, settings.maxRecordBytes === undefined ? {} : { maxRecordBytes: settings.maxRecordBytes });
    } else {
      documents = yield* csvDocuments(context, path.extname(file.relative).toLowerCase() === '.tsv' ? '\t' : ',');
    }
  } catch (error) {
    settings.warnings.push({ file: file.relative, reason: describeFsError(error), skipped: true });
    return [];
  }
  if (documents.length === 0 && settings.warnings.length === before) {
    settings.warnings.push({ file: file.relative, reason: 'empty file (no records)', skipped: true });
  }
  return documents;
}

function readDocument(file: FoundFile, format: 'text' | 'html', settings: ReadSettings): SourceDocument | null {
  const { maxBytes, warnings } = settings;
  const outcome = readBounded(file.bytes, maxBytes, { noFollow: file.noFollow });
  if (!outcome.ok) {
    warnings.push({ file: file.relative, reason: outcome.reason, skipped: true });
    return null;
  }
  const result = decodeBytes(outcome.bytes);
  if (!result.ok) {
    warnings.push({ file: file.relative, reason: result.reason, skipped: true });
    return null;
  }
  if (result.text.trim().length === 0) {
    warnings.push({ file: file.relative, reason: 'empty file', skipped: true });
    return null;
  }
  for (const reason of result.warnings) warnings.push({ file: file.relative, reason, skipped: false });
  const common = { source: sourceIdOf(file.relative), folderStory: folderStoryOf(file.relative), path: file.absolute, normalizations: result.normalizations };
  if (format === 'html') {
    const page = htmlDocument({ ...common, html: result.text, warnings: result.warnings });
    if ('reason' in page) {
      warnings.push({ file: file.relative, reason: page.reason, skipped: true });
      return null;
    }
    return page.document;
  }
  const { document, warnings: repairs } = textDocument({ ...common, text: result.text, warnings: result.warnings }, settings.fields);
  for (const reason of repairs.slice(result.warnings.length)) warnings.push({ file: file.relative, reason, skipped: false });
  if (!document) warnings.push({ file: file.relative, reason: 'nothing but front matter', skipped: true });
  return document;
}

/** Loads every article under `root` (a folder, or a single file). Never writes anything there. */
export async function loadCorpus(root: string, options: LoadOptions = {}): Promise<Corpus> {
  const maxBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const absoluteRoot = path.resolve(root);
  let rootInfo;
  try {
    rootInfo = await stat(absoluteRoot);
  } catch (error) {
    const why = errorCode(error) === 'ENOENT' ? 'not found' : describeFsError(error);
    throw new CorpusError(`corpus ${root}: ${why}`);
  }

  const warnings: LoadWarning[] = [];
  let files: FoundFile[];
  let ignoredFiles = 0;
  if (rootInfo.isDirectory()) {
    const found = await walkCorpus(absoluteRoot, warnings, options);
    files = found.files;
    ignoredFiles = found.ignored;
    if (files.length === 0) {
      const notes = [...found.capsHit];
      if (found.linksOutside > 0) notes.push(`${found.linksOutside} symbolic link(s) leading outside it were not followed`);
      throw new CorpusError(`corpus ${root}: no article files in this folder (${LOADABLE})${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`);
    }
  } else if (rootInfo.isFile()) {
    // Named by the user: followed wherever it leads.
    files = [{ bytes: Buffer.from(absoluteRoot), absolute: absoluteRoot, relative: path.basename(absoluteRoot), noFollow: false }];
  } else {
    throw new CorpusError(`corpus ${root}: not a folder or a regular file (a device or named pipe is never read)`);
  }

  const use = new FieldUse(options.fields ?? {});
  const settings: ReadSettings = { maxBytes, maxRecordBytes: options.maxRecordBytes, fields: fieldMapOf(options.fields), use, warnings };
  const decoded = await runInSlices(readDocuments(files, settings, options.onProgress));
  const missing = use.missing();
  if (missing.length > 0) {
    throw new FieldsError(`--fields ${missing.join(', ')}: no record of corpus ${root} has ${missing.length === 1 ? 'this field' : 'these fields'}`);
  }
  const usedIds = new Set<string>();
  const documents: SourceDocument[] = [];
  for (const document of decoded) {
    // "a.txt" and "a.md" side by side, or two records with one id, would share an id: the
    // second is cited by its path (and record). Escaped names can meet a real name too
    // ("bad\xFF"), so a numbered suffix ends every tie.
    if (usedIds.has(document.source)) {
      const relative = path.relative(absoluteRoot, document.path).split(path.sep).join('/') || path.basename(document.path);
      const replacement = document.record === null ? relative : `${sourceIdOf(relative)}#${document.record}`;
      let id = replacement;
      for (let copy = 2; usedIds.has(id); copy++) id = `${replacement}~${copy}`;
      warnings.push({ file: relative, ...(document.record === null ? {} : { line: document.record }), reason: `source id ${document.source} taken; cited as ${id}`, skipped: false });
      document.source = id;
    }
    usedIds.add(document.source);
    documents.push(document);
  }
  if (documents.length === 0) {
    const only = files.length === 1 ? warnings.find((warning) => warning.skipped) : undefined;
    throw new CorpusError(`corpus ${root}: none of its ${files.length} file(s) could be loaded${only ? `: ${only.reason}` : ''}`);
  }
  assignLabels(documents);

  const passages: Passage[] = [];
  for (const document of documents) {
    for (const passage of passagesOf(document.text, document.source, document.story, passages.length)) {
      passages.push(passage);
    }
  }
  warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  const stories = [...new Set(documents.map((document) => document.story).filter((s): s is string => s !== null))].sort();
  return { root: absoluteRoot, documents, passages, warnings, stories, ignoredFiles };
}
