/**
 * Citations a user can act on: the file's path (relative to the working folder when inside it,
 * else absolute) and a line `vim +LINE PATH` opens.
 *
 * - a text file: `PATH:LINE`
 * - a record of a JSON Lines or CSV file: `PATH#RECORD:LINE`, RECORD being the line of the file
 *   where the record starts (`vim +RECORD PATH` opens it) and LINE the line within its text
 * - an HTML page: `PATH#text:LINE`, LINE counting within the article text taken from the page
 *   (the page's own lines differ)
 */
import path from 'node:path';
import type { SourceDocument } from './types.js';

/** Whether `file` is `folder` itself or lies somewhere below it. */
export function isWithin(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

export function displayPath(absolute: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, absolute);
  return relative !== '' && isWithin(cwd, absolute) ? relative : absolute;
}

export function citationOf(document: Pick<SourceDocument, 'path' | 'record' | 'format'>, line: number, cwd?: string): string {
  const where = displayPath(document.path, cwd);
  if (document.record !== null) return `${where}#${document.record}:${line}`;
  if (document.format === 'html') return `${where}#text:${line}`;
  return `${where}:${line}`;
}

/** Where an editor should open for a passage: the file and a line of the file itself. */
export function fileLocationOf(document: Pick<SourceDocument, 'path' | 'record' | 'format'>, line: number, cwd?: string): { path: string; line: number } {
  const where = displayPath(document.path, cwd);
  if (document.record !== null) return { path: where, line: document.record };
  if (document.format === 'html') return { path: where, line: 1 };
  return { path: where, line };
}
