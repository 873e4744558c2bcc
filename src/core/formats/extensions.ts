/** Which files are articles: the format is told by the extension; each has its loader in this folder. */
import path from 'node:path';
import type { DocumentFormat } from '../types.js';

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

/** The extensions read, as a user is told them. */
export const LOADABLE = Object.keys(FORMAT_OF_EXTENSION).join(', ');

export function formatOf(file: string): DocumentFormat | undefined {
  return FORMAT_OF_EXTENSION[path.extname(file).toLowerCase()];
}
