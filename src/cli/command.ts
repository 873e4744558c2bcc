/** What every subcommand shares: its options, its help, and how it is run. */
import type { ParseArgsConfig } from 'node:util';
import type { SearchService } from '../core/searchService.js';
import type { CorpusKey } from '../core/fingerprint.js';
import type { CorpusFiles, LoadOptions } from '../core/load.js';
import type { Corpus } from '../core/types.js';
import type { Workspace } from '../core/workspace.js';
import type { OutputFormat } from './formats.js';
import type { OutputStyle } from './output.js';

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface CommandContext {
  positionals: string[];
  values: OptionValues;
  style: OutputStyle;
  /** --format (or --json), already checked. */
  format: OutputFormat;
  /**
   * Opens the corpus named by --corpus / CROSSCHECK_CORPUS / the bundled one (from the on-disk
   * cache when it holds it), reporting skipped files. What a command derives from it (the search
   * index, quotes, the comparer) it asks the workspace for: nothing else is built.
   */
  loadWorkspace: () => Promise<Workspace>;
  /** The corpus of that workspace. */
  loadCorpus: () => Promise<Corpus>;
  /** Search and the corpus's lists: from the workspace, or with --db from the archive. */
  loadSearch: () => Promise<SearchService>;
  /** The archive's URL (--db or $CROSSCHECK_DB) when the command reads one, else undefined. */
  archiveUrl: string | undefined;
  /** That corpus's folder and its key from the file system alone (no file read), as the cache takes it. */
  corpusKey: () => Promise<{ root: string; key: CorpusKey }>;
  /** That corpus's files, found but not read, and how to read them (--fields): for a command that streams it. */
  corpusFiles: () => Promise<{ found: CorpusFiles; options: LoadOptions }>;
}

export interface Command {
  name: string;
  summary: string;
  /** Usage line(s) and option descriptions, shown by `crosscheck NAME --help`. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /**
   * How the command reads a PostgreSQL archive with --db (or $CROSSCHECK_DB): 'lists' through
   * loadSearch (search, sources, stories), 'story' one story loaded into the workspace (quotes,
   * compare, claims: --story required). Absent: --db is not an option of the command.
   */
  archive?: 'lists' | 'story';
  /** Returns the exit code: 0 found, 1 nothing found, 2 usage or corpus error. */
  run(context: CommandContext): Promise<number>;
}

/** Bad arguments: one line on stderr and exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT_FOUND = 0;
export const EXIT_NOTHING = 1;
export const EXIT_ERROR = 2;

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function listOption(values: OptionValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

export function positiveIntegerOption(values: OptionValues, name: string, fallback: number): number {
  const raw = stringOption(values, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`--${name} takes a whole number of 1 or more, not "${raw}"`);
  return Number(raw);
}
