/** Reading a corpus folder: every .txt and .md file below it, each decoded, checked and split. */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { decodeBytes } from './decode.js';
import { countWords, passagesOf, titleOf } from './passages.js';
import { runInSlices, type Steps } from './slices.js';
import type { Corpus, LoadWarning, Passage, SourceDocument } from './types.js';

/** Larger files are skipped unread: a news article is a few kilobytes, a 100 MB "article" is a dump. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
const TEXT_EXTENSIONS = new Set(['.txt', '.md']);

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
      else if (isFile && TEXT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
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

/** Reads and decodes each file in turn (null where it was skipped), pausing after each one. */
function* readDocuments(
  files: readonly FoundFile[],
  maxBytes: number,
  warnings: LoadWarning[],
  onProgress: LoadOptions['onProgress'],
): Steps<Array<SourceDocument | null>> {
  const decoded: Array<SourceDocument | null> = [];
  for (const file of files) {
    decoded.push(readDocument(file, maxBytes, warnings));
    onProgress?.({ filesRead: decoded.length, filesTotal: files.length });
    yield;
  }
  return decoded;
}

function readDocument(file: FoundFile, maxBytes: number, warnings: LoadWarning[]): SourceDocument | null {
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
  const slash = file.relative.indexOf('/');
  return {
    source: sourceIdOf(file.relative),
    story: slash > 0 ? file.relative.slice(0, slash) : null,
    path: file.absolute,
    title: titleOf(result.text),
    text: result.text,
    lines: result.text.split('\n').length - 1,
    words: countWords(result.text),
    normalizations: result.normalizations,
    warnings: result.warnings,
  };
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
      throw new CorpusError(`corpus ${root}: no .txt or .md files in this folder`);
    }
  } else {
    files = [{ absolute: absoluteRoot, relative: path.basename(absoluteRoot) }];
  }

  const decoded = await runInSlices(readDocuments(files, maxBytes, warnings, options.onProgress));
  const usedIds = new Set<string>();
  const documents: SourceDocument[] = [];
  for (const document of decoded) {
    if (!document) continue;
    // "a.txt" and "a.md" side by side would share an id; the second keeps its extension.
    if (usedIds.has(document.source)) {
      const relative = path.relative(absoluteRoot, document.path).split(path.sep).join('/');
      warnings.push({ file: relative, reason: `source id ${document.source} taken; cited as ${relative}`, skipped: false });
      document.source = relative;
    }
    usedIds.add(document.source);
    documents.push(document);
  }
  if (documents.length === 0) {
    throw new CorpusError(`corpus ${root}: none of its ${files.length} file(s) could be loaded`);
  }

  const passages: Passage[] = [];
  for (const document of documents) {
    for (const passage of passagesOf(document.text, document.source, document.story, passages.length)) {
      passages.push(passage);
    }
  }
  warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const stories = [...new Set(documents.map((document) => document.story).filter((s): s is string => s !== null))].sort();
  return { root: absoluteRoot, documents, passages, warnings, stories, ignoredFiles };
}
