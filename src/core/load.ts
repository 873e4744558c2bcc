/**
 * Reading a corpus: every article file below a folder (or one file), each decoded, checked and
 * split. The files come from one walk (walk.ts); the format is told by the extension, and each
 * has its loader under formats/.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { decodeBytes } from './decode.js';
import { csvDocuments } from './formats/csv.js';
import { LOADABLE, formatOf } from './formats/extensions.js';
import { FieldUse, FieldsError, fieldMapOf, type FieldKey, type FieldMap } from './formats/fields.js';
import { htmlDocument } from './formats/html.js';
import { jsonlDocuments } from './formats/jsonl.js';
import { type RecordContext } from './formats/records.js';
import { textDocument } from './formats/text.js';
import { describeFsError, errorCode } from './fsErrors.js';
import { assignLabels } from './labels.js';
import { passagesOf } from './passages.js';
import { readBounded } from './readFile.js';
import { runInSlices, type Steps } from './slices.js';
import type { Corpus, LoadWarning, Passage, SourceDocument } from './types.js';
import { walkCorpus, type FoundFile, type WalkLimits } from './walk.js';

/** Larger files are skipped: a news article is a few kilobytes, a 100 MB "article" is a dump. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** A corpus that cannot be used at all (missing, empty, nothing readable): exit code 2. */
export class CorpusError extends Error {
  override name = 'CorpusError';
}

export interface LoadProgress {
  filesRead: number;
  filesTotal: number;
}

export interface LoadOptions extends WalkLimits {
  maxFileBytes?: number;
  /** Record fields named on the command line (--fields text=body,...); the rest are recognised by name. */
  fields?: Partial<Record<FieldKey, string>>;
  /** Records (JSON Lines, CSV) longer than this are skipped. */
  maxRecordBytes?: number;
  onProgress?: (progress: LoadProgress) => void;
}

/** The article files of a corpus path, found once: what the cache fingerprints and the loader reads. */
export interface CorpusFiles {
  /** The path as given (messages quote it). */
  root: string;
  absoluteRoot: string;
  files: FoundFile[];
  /** Files present but not of a loadable kind. */
  ignored: number;
  /** What the walk skipped, and why: the first of the corpus's warnings. */
  warnings: LoadWarning[];
}

/** The article files under `root` (a folder, or one file); a CorpusError when there are none. */
export async function findCorpusFiles(root: string, options: WalkLimits = {}): Promise<CorpusFiles> {
  const absoluteRoot = path.resolve(root);
  let rootInfo;
  try {
    rootInfo = await stat(absoluteRoot);
  } catch (error) {
    const why = errorCode(error) === 'ENOENT' ? 'not found' : describeFsError(error);
    throw new CorpusError(`corpus ${root}: ${why}`);
  }
  const warnings: LoadWarning[] = [];
  if (rootInfo.isFile()) {
    // Named by the user: followed wherever it leads.
    const only = { bytes: Buffer.from(absoluteRoot), absolute: absoluteRoot, relative: path.basename(absoluteRoot), noFollow: false };
    return { root, absoluteRoot, files: [only], ignored: 0, warnings };
  }
  if (!rootInfo.isDirectory()) throw new CorpusError(`corpus ${root}: not a folder or a regular file (a device or named pipe is never read)`);
  const found = await walkCorpus(absoluteRoot, warnings, options);
  if (found.files.length === 0) {
    const notes = [...found.capsHit];
    if (found.linksOutside > 0) notes.push(`${found.linksOutside} symbolic link(s) leading outside it were not followed`);
    throw new CorpusError(`corpus ${root}: no article files in this folder (${LOADABLE})${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`);
  }
  return { root, absoluteRoot, files: found.files, ignored: found.ignored, warnings };
}

/**
 * The files loadCorpus reads under `root`, in its order, as bytes (so that stat finds a file
 * whose name is not UTF-8: a string would name another file); none for a folder without any.
 */
export async function listCorpusFiles(root: string): Promise<Buffer[]> {
  const absoluteRoot = path.resolve(root);
  if (!(await stat(absoluteRoot)).isDirectory()) return [Buffer.from(absoluteRoot)];
  return (await walkCorpus(absoluteRoot, [])).files.map((file) => file.bytes);
}

function sourceIdOf(relative: string): string {
  const extension = path.posix.extname(relative);
  return extension ? relative.slice(0, -extension.length) : relative;
}

/** How files are read: the limits, the record fields asked for, and where warnings go. */
export interface ReadSettings {
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
    documents.push(...(yield* readFileDocuments(file, settings)));
    onProgress?.({ filesRead: ++filesRead, filesTotal: files.length });
    yield;
  }
  return documents;
}

/** The documents of one file (several for a record file), in file order; none when it is skipped (with a warning). */
export function* readFileDocuments(file: FoundFile, settings: ReadSettings): Steps<SourceDocument[]> {
  const format = formatOf(file.relative) ?? 'text';
  if (format === 'jsonl' || format === 'csv') return yield* readRecords(file, format, settings);
  const document = readDocument(file, format, settings);
  return document ? [document] : [];
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

/**
 * Gives each document an id of its own: "a.txt" and "a.md" side by side, or two records with one
 * id, would share one, so the second is cited by its path (and record). Escaped names can meet a
 * real name too ("bad\\xFF"), so a numbered suffix ends every tie. Documents are given in corpus
 * order, one at a time (a streamed load holds only the ids).
 */
export class SourceIds {
  private readonly used = new Set<string>();
  constructor(
    private readonly absoluteRoot: string,
    private readonly warnings: LoadWarning[],
  ) {}
  /** Renames `document` when its id is taken (with a warning); returns it. */
  claim(document: SourceDocument): SourceDocument {
    if (this.used.has(document.source)) {
      const relative = path.relative(this.absoluteRoot, document.path).split(path.sep).join('/') || path.basename(document.path);
      const replacement = document.record === null ? relative : `${sourceIdOf(relative)}#${document.record}`;
      let id = replacement;
      for (let copy = 2; this.used.has(id); copy++) id = `${replacement}~${copy}`;
      this.warnings.push({ file: relative, ...(document.record === null ? {} : { line: document.record }), reason: `source id ${document.source} taken; cited as ${id}`, skipped: false });
      document.source = id;
    }
    this.used.add(document.source);
    return document;
  }
}

/** Documents split into sentences between two pauses: on Reuters the split took half a second to a second in one block. */
const DOCUMENTS_PER_PAUSE = 256;

/** Every document's passages, numbered in corpus order (exported for its test). */
export function* passagesOfAll(documents: readonly SourceDocument[]): Steps<Passage[]> {
  const passages: Passage[] = [];
  for (const [at, document] of documents.entries()) {
    if (at % DOCUMENTS_PER_PAUSE === DOCUMENTS_PER_PAUSE - 1) yield;
    for (const passage of passagesOf(document.text, document.source, document.story, passages.length)) passages.push(passage);
  }
  return passages;
}

/** Warnings in the order they are reported: by file, then by line. */
export function sortWarnings(warnings: LoadWarning[]): void {
  warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

/** The settings loadFiles reads with; `warnings` receives every file's. */
export function readSettingsOf(options: LoadOptions, warnings: LoadWarning[]): ReadSettings {
  return { maxBytes: options.maxFileBytes ?? MAX_FILE_BYTES, maxRecordBytes: options.maxRecordBytes, fields: fieldMapOf(options.fields), use: new FieldUse(options.fields ?? {}), warnings };
}

/** After every file is read: a FieldsError for a --fields name no record has, a CorpusError when nothing loaded. */
export function checkLoaded({ root, files }: CorpusFiles, { use, warnings }: ReadSettings, documents: number): void {
  const missing = use.missing();
  if (missing.length > 0) {
    throw new FieldsError(`--fields ${missing.join(', ')}: no record of corpus ${root} has ${missing.length === 1 ? 'this field' : 'these fields'}`);
  }
  if (documents === 0) {
    const only = files.length === 1 ? warnings.find((warning) => warning.skipped) : undefined;
    throw new CorpusError(`corpus ${root}: none of its ${files.length} file(s) could be loaded${only ? `: ${only.reason}` : ''}`);
  }
}

/** Reads the files found under a corpus path. Never writes anything there. */
export async function loadFiles(found: CorpusFiles, options: LoadOptions = {}): Promise<Corpus> {
  const { absoluteRoot, files } = found;
  const warnings = [...found.warnings];
  const settings = readSettingsOf(options, warnings);
  const decoded = await runInSlices(readDocuments(files, settings, options.onProgress));
  const ids = new SourceIds(absoluteRoot, warnings);
  const documents = decoded.map((document) => ids.claim(document));
  checkLoaded(found, settings, documents.length);
  assignLabels(documents);
  const passages = await runInSlices(passagesOfAll(documents));
  sortWarnings(warnings);
  const stories = [...new Set(documents.map((document) => document.story).filter((s): s is string => s !== null))].sort();
  return { root: absoluteRoot, documents, passages, warnings, stories, ignoredFiles: found.ignored };
}

/** Loads every article under `root` (a folder, or a single file). Never writes anything there. */
export async function loadCorpus(root: string, options: LoadOptions = {}): Promise<Corpus> {
  return loadFiles(await findCorpusFiles(root, options), options);
}
