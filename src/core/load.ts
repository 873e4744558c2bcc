/**
 * Reading a corpus: every article file below a folder (or one file), each decoded, checked and
 * split. The format is told by the extension; each has its loader under formats/.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
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

/** Larger files are skipped unread: a news article is a few kilobytes, a 100 MB "article" is a dump. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
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
  /** Record fields named on the command line (--fields text=body,...); the rest are recognised by name. */
  fields?: Partial<Record<FieldKey, string>>;
  /** Records (JSON Lines, CSV) longer than this are skipped. */
  maxRecordBytes?: number;
  onProgress?: (progress: LoadProgress) => void;
}

interface FoundFile {
  absolute: string;
  /** '/'-separated path under the root. */
  relative: string;
}

function errorCode(error: unknown): string {
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

async function findFiles(root: string, warnings: LoadWarning[]): Promise<{ files: FoundFile[]; ignored: number }> {
  const files: FoundFile[] = [];
  let ignored = 0;
  const visited = new Set<string>();

  async function walk(directory: string, relative: string): Promise<void> {
    let real: string;
    try {
      real = await realpath(directory);
    } catch (error) {
      warnings.push({ file: relative || '.', reason: describeFsError(error), skipped: true });
      return;
    }
    if (visited.has(real)) {
      warnings.push({ file: relative, reason: 'folder already read (symbolic link loop)', skipped: true });
      return;
    }
    visited.add(real);
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
      warnings.push({ file: relative || '.', reason: `folder not readable: ${describeFsError(error)}`, skipped: true });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const absolute = path.join(directory, entry.name);
      const childRelative = relative ? `${relative}/${entry.name}` : entry.name;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(absolute);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          warnings.push({ file: childRelative, reason: describeFsError(error), skipped: true });
          continue;
        }
      }
      if (isDirectory) await walk(absolute, childRelative);
      else if (isFile && formatOf(entry.name) !== undefined) {
        files.push({ absolute, relative: childRelative });
      } else ignored++;
    }
  }

  await walk(root, '');
  return { files, ignored };
}

/** The files loadCorpus reads under `root`, in its order: what the index cache fingerprints. */
export async function listCorpusFiles(root: string): Promise<string[]> {
  const absoluteRoot = path.resolve(root);
  if (!(await stat(absoluteRoot)).isDirectory()) return [absoluteRoot];
  return (await findFiles(absoluteRoot, [])).files.map((file) => file.absolute);
}

type ReadOutcome = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/**
 * One file, read synchronously: articles are small, and four asynchronous calls a file (open,
 * stat, read, close) cost Reuters' 19,779 files 1.4 s of the main thread's time; these take a
 * fraction of that. The caller pauses between files, so a slow disk still leaves keys working.
 */
function readBounded(file: string, maxBytes: number): ReadOutcome {
  let descriptor: number | undefined;
  try {
    // Non-blocking: a file swapped for a named pipe after listing must not hang the open.
    descriptor = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = fstatSync(descriptor);
    if (info.isDirectory()) return { ok: false, reason: 'is a folder, not a file' };
    if (!info.isFile()) return { ok: false, reason: 'not a regular file' };
    if (info.size > maxBytes) {
      const mib = (info.size / 1024 / 1024).toFixed(1);
      return { ok: false, reason: `too large (${mib} MiB; the limit is ${maxBytes / 1024 / 1024} MiB)` };
    }
    return { ok: true, bytes: readFileSync(descriptor) };
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
    file: { absolute: file.absolute, relative: file.relative, base: sourceIdOf(file.relative), folderStory: folderStoryOf(file.relative) },
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
  const outcome = readBounded(file.absolute, maxBytes);
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
    const found = await findFiles(absoluteRoot, warnings);
    files = found.files;
    ignoredFiles = found.ignored;
    if (files.length === 0) {
      throw new CorpusError(`corpus ${root}: no article files in this folder (${LOADABLE})`);
    }
  } else {
    files = [{ absolute: absoluteRoot, relative: path.basename(absoluteRoot) }];
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
    // second is cited by its path (and record).
    if (usedIds.has(document.source)) {
      const relative = path.relative(absoluteRoot, document.path).split(path.sep).join('/') || path.basename(document.path);
      const replacement = document.record === null ? relative : `${sourceIdOf(relative)}#${document.record}`;
      warnings.push({ file: relative, ...(document.record === null ? {} : { line: document.record }), reason: `source id ${document.source} taken; cited as ${replacement}`, skipped: false });
      document.source = replacement;
    }
    usedIds.add(document.source);
    documents.push(document);
  }
  if (documents.length === 0) {
    const only = files.length === 1 ? warnings.find((warning) => warning.skipped) : undefined;
    throw new CorpusError(only ? `corpus ${root}: ${only.reason}` : `corpus ${root}: none of its ${files.length} file(s) could be loaded`);
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
