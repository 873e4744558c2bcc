/** The program's entry: picks a subcommand or the interactive workbench, and owns exit codes. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prefersUnicode } from '../core/display.js';
import { ENTER_ALTERNATE_SCREEN, LEAVE_ALTERNATE_SCREEN, programVersion } from '../core/presentation.js';
import { FieldsError, parseFieldsOption } from '../core/formats/fields.js';
import { corpusKey, RACY_WINDOW_MS } from '../core/fingerprint.js';
import { errorCode } from '../core/fsErrors.js';
import { CorpusError, findCorpusFiles } from '../core/load.js';
import { takeHeldCacheNotes, type OpenedCorpus } from '../core/open.js';
import { QueryError } from '../core/query.js';
import { neutralize } from '../core/sanitize.js';
import { Workspace } from '../core/workspace.js';
import { guardTerminal } from '../core/signals.js';
import { Archive } from '../core/db/archive.js';
import { DatabaseFailure } from '../core/db/connect.js';
import { ARCHIVE_OPTIONS, ArchiveHandle, archiveUrlFor, archiveUrlOf } from './archiveOption.js';
import { EXIT_ERROR, UsageError, type Command, type CommandContext } from './command.js';
import { cacheCommand } from './commands/cache.js';
import { claimsCommand } from './commands/claims.js';
import { compareCommand } from './commands/compare.js';
import { indexCommand } from './commands/index.js';
import { quotesCommand } from './commands/quotes.js';
import { searchCommand } from './commands/search.js';
import { sourcesCommand } from './commands/sources.js';
import { storiesCommand } from './commands/stories.js';
import { formatOption } from './formats.js';
import { installPipeGuard, styleFor } from './output.js';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLED_CORPUS = path.join(packageRoot, 'corpus');

const COMMANDS: readonly Command[] = [searchCommand, quotesCommand, compareCommand, claimsCommand, sourcesCommand, storiesCommand, cacheCommand, indexCommand];

const COMMON_OPTIONS = {
  corpus: { type: 'string' },
  fields: { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function programHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const commands = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n');
  return `crosscheck ${programVersion()}: check what several news sources say about the same story.

Usage:
  crosscheck [--corpus DIR]            the interactive workbench (needs a terminal)
  crosscheck --db URL                  the workbench on a PostgreSQL archive (crosscheck index)
  crosscheck COMMAND [ARGS] [--json]   answers for scripts and quick checks

Commands:
${commands}

Options:
  --corpus PATH  a folder of articles read recursively, or one file: .txt/.md (front matter
                 read), .jsonl/.ndjson and .csv/.tsv (one article a record), .html/.htm
                 (default: $CROSSCHECK_CORPUS, else the bundled corpus)
  --db URL       a PostgreSQL archive instead of a corpus folder (default: $CROSSCHECK_DB
                 unless --corpus is given); see docs/database.md
  --fields MAP   record fields by name when not recognised: text=body,story=cluster_id,...
                 (keys: text, title, outlet, date, url, story, story-name, id)
  --format F     text, json, jsonl, csv, markdown, quickfix (path:line:col: text for vim -q)
  --json         the same as --format json
  -h, --help     help; \`crosscheck COMMAND --help\` for a command
  --version      the version

Exit codes: 0 found, 1 nothing found, 2 usage or corpus error.`;
}

/** The corpus folder: --corpus, else $CROSSCHECK_CORPUS, else the bundled one. */
export function corpusPathFrom(values: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): string {
  const option = typeof values.corpus === 'string' ? values.corpus : undefined;
  return option ?? (env.CROSSCHECK_CORPUS || BUNDLED_CORPUS);
}

/** One line on stderr. Messages quote the command line and paths, which can carry escape sequences too. */
function warn(message: string): void {
  process.stderr.write(`crosscheck: ${neutralize(message, { ascii: !prefersUnicode(process.env) })}\n`);
}

function fail(message: string): number {
  warn(message);
  return EXIT_ERROR;
}

async function runCommand(command: Command, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...COMMON_OPTIONS, ...(command.archive ? ARCHIVE_OPTIONS : {}), ...command.options },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  const style = styleFor(process.stdout);
  const format = formatOption(values);
  const fields = typeof values.fields === 'string' ? parseFieldsOption(values.fields) : undefined;
  let opened: OpenedCorpus | undefined;
  let loaded: Promise<Workspace> | undefined;
  let notesSaid = 0;
  /** Cache notes not said yet: the opening's, then those of a cache written once the index is built. */
  const sayNotes = (): void => {
    for (const note of opened?.notes.slice(notesSaid) ?? []) warn(note);
    notesSaid = opened?.notes.length ?? 0;
  };
  const archiveUrl = archiveUrlFor(command, values);
  const archive = archiveUrl === undefined ? undefined : new ArchiveHandle(archiveUrl);
  const loadWorkspace = (): Promise<Workspace> =>
    (loaded ??= archive && command.archive === 'story' ? archive.storyWorkspace(command, values) : Workspace.open(corpusPathFrom(values), fields ? { fields } : {}).then((open) => {
      opened = open.opened;
      sayNotes();
      const skipped = open.workspace.corpus.warnings.filter((warning) => warning.skipped).length;
      if (skipped > 0) {
        process.stderr.write(`crosscheck: ${skipped} file(s) or record(s) skipped (crosscheck sources lists why)\n`);
      }
      return open.workspace;
    }));
  const context: CommandContext = {
    positionals,
    values,
    style,
    format,
    loadWorkspace,
    loadCorpus: async () => (await loadWorkspace()).corpus,
    loadSearch: async () => (archive && command.archive === 'lists' ? archive.open() : (await loadWorkspace()).searchService()),
    archiveUrl,
    corpusKey: async () => {
      const root = path.resolve(corpusPathFrom(values));
      return { root, key: await corpusKey(root, programVersion(), RACY_WINDOW_MS, fields ? { fields } : {}) };
    },
    corpusFiles: async () => ({ found: await findCorpusFiles(corpusPathFrom(values)), options: fields ? { fields } : {} }),
  };
  try {
    return await command.run(context);
  } finally {
    sayNotes();
    await archive?.close();
  }
}

async function runWorkbench(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { ...COMMON_OPTIONS, ...ARCHIVE_OPTIONS }, allowPositionals: true, strict: true });
  if (values.help) {
    process.stdout.write(`${programHelp()}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unknown command "${positionals[0]}" (crosscheck --help lists them)`);
  if (values.format !== undefined || values.json) {
    throw new UsageError('--format and --json apply to commands (crosscheck search ...), not to the workbench');
  }
  const archiveUrl = archiveUrlOf('the workbench', values);
  if (archiveUrl !== undefined && values.fields !== undefined) throw new UsageError('--fields applies to a corpus folder, not to an archive (--db): the archive was indexed with its fields');
  // Checked before the screen opens: a malformed map is a usage error on stderr.
  const fields = typeof values.fields === 'string' ? parseFieldsOption(values.fields) : undefined;
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    return fail('the workbench needs a terminal; in scripts use a command such as `crosscheck search QUERY` (see crosscheck --help)');
  }
  // Ink draws nothing until exit when it believes it runs under CI; on a real terminal it does not.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  if (archiveUrl !== undefined) return runWorkbenchOnArchive(archiveUrl);
  const corpusPath = corpusPathFrom(values);
  // A corpus that is not there is said on stderr (exit 2) before the full screen opens.
  try {
    statSync(corpusPath);
  } catch (error) {
    const code = errorCode(error);
    throw new CorpusError(`corpus ${corpusPath}: ${code === 'ENOENT' ? 'not found' : error instanceof Error ? error.message : String(error)}`);
  }
  const start = await loadWorkbenchDrawingAtOnce(corpusPath);
  const code = await start({ corpusPath, ...(fields ? { fields } : {}) });
  for (const note of takeHeldCacheNotes()) warn(note);
  return code;
}

/** The workbench on a PostgreSQL archive: opened (a bad URL, no server, an old program: one line, exit 2) before the screen is. */
async function runWorkbenchOnArchive(url: string): Promise<number> {
  const archive = await Archive.open(url);
  try {
    const start = await loadWorkbenchDrawingAtOnce(archive.shown);
    return await start({ corpusPath: archive.shown, archive });
  } finally {
    await archive.close();
  }
}

/**
 * Loading React and Ink takes about 0.3 s before they draw anything; a plain first frame is
 * drawn meanwhile, so the screen answers at once. A fatal signal or a failed load in that window
 * puts the main screen back before the program ends; once loaded, the workbench takes the guard
 * over (core/signals.ts) without a moment unguarded.
 */
async function loadWorkbenchDrawingAtOnce(corpusPath: string): Promise<typeof import('../ui/run.js').runWorkbench> {
  const ascii = !prefersUnicode(process.env);
  const leaveScreen = (): void => {
    process.stdout.write(LEAVE_ALTERNATE_SCREEN);
  };
  const releaseGuard = guardTerminal(leaveScreen);
  process.stdout.write(`${ENTER_ALTERNATE_SCREEN} crosscheck: starting on ${neutralize(corpusPath, { ascii })}${ascii ? '...' : '…'}`);
  try {
    return (await import('../ui/run.js')).runWorkbench;
  } catch (error) {
    leaveScreen();
    releaseGuard();
    throw error;
  }
}

function describe(error: unknown): string | null {
  if (error instanceof UsageError || error instanceof CorpusError || error instanceof QueryError || error instanceof FieldsError || error instanceof DatabaseFailure) return error.message;
  // node:util parseArgs reports unknown or malformed options with these codes.
  if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    return `${error.message.replace(/\. To specify a positional argument.*$/s, '')} (crosscheck --help)`;
  }
  return null;
}

/** Index of the first word that is not an option (global options may come before the command). */
function commandPosition(argv: readonly string[]): number {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') return index + 1 < argv.length ? index + 1 : -1;
    if (arg === '--corpus' || arg === '--fields' || arg === '--format' || arg === '--db') index++;
    else if (!arg.startsWith('-')) return index;
  }
  return -1;
}

export async function main(argv: string[]): Promise<number> {
  installPipeGuard();
  try {
    if (argv[0] === '--version' || argv[0] === '-v') {
      process.stdout.write(`${programVersion()}\n`);
      return 0;
    }
    const at = commandPosition(argv);
    const command = at >= 0 ? COMMANDS.find((candidate) => candidate.name === argv[at]) : undefined;
    return command ? await runCommand(command, argv.filter((_, index) => index !== at)) : await runWorkbench(argv);
  } catch (error) {
    const message = describe(error);
    if (message !== null) return fail(message);
    throw error;
  }
}

