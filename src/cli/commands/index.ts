/** `crosscheck index --db URL`: loads the corpus into a PostgreSQL archive, incrementally. */
import { programVersion } from '../../core/presentation.js';
import { asDatabaseFailure, connectDatabase, isDatabaseProblem, type Connection } from '../../core/db/connect.js';
import { ingestInput, type IngestProgress, type IngestSummary } from '../../core/db/ingest.js';
import { folderInput } from '../../core/db/input.js';
import { rememberRun, unchangedArchive, type UnchangedArchive } from '../../core/db/lastRun.js';
import type { CorpusKey } from '../../core/fingerprint.js';
import { migrate } from '../../core/db/schema.js';
import { EXIT_ERROR, EXIT_FOUND, UsageError, stringOption, type Command, type CommandContext } from '../command.js';
import { heapValve } from '../heapValve.js';
import { formatText, writeJson, writeLine, type OutputStyle } from '../output.js';

const count = (value: number): string => value.toLocaleString('en-US');

/** The heap a run lets garbage fill before it collects (heapValve.ts): the client's memory stays near this whatever the corpus's size. */
const HEAP_SOFT_LIMIT_BYTES = 192 * 1024 * 1024;

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function progressLine(progress: IngestProgress): string {
  if (progress.phase === 'indexing') return `building the trigram index (${count(progress.passagesWritten)} passages written)`;
  if (progress.phase === 'grouping') {
    const chunks = progress.chunks === undefined ? '' : `, ${count(progress.chunksDone ?? 0)}/${count(progress.chunks)} chunks`;
    return `grouping quotes story by story (${count(progress.documentsDone)} documents written${chunks})`;
  }
  if (progress.phase === 'reading') return `reading ${count(progress.documentsDone)}/${count(progress.documentsToDo)} files (ids and labels)`;
  const verb = progress.phase === 'removing' ? 'removing' : 'writing';
  const left = progress.secondsLeft === null ? '' : `, ${duration(progress.secondsLeft)} left`;
  const passages = progress.phase === 'writing' ? `, ${count(progress.passagesWritten)} passages` : '';
  return `${verb} ${count(progress.documentsDone)}/${count(progress.documentsToDo)} documents${passages}, ${count(Math.round(progress.rate))}/s${left}`;
}

function summaryLine(summary: IngestSummary, seconds: number): string {
  const documents = `${count(summary.added)} added, ${count(summary.changed)} changed, ${count(summary.removed)} removed, ${count(summary.unchanged)} unchanged documents`;
  return `${documents}; ${count(summary.passagesWritten)} passages written, ${count(summary.passages)} in the archive; ${duration(seconds)}`;
}

/** The database URL and the corpus: --db or $CROSSCHECK_DB; --corpus or one positional. */
function argumentsOf({ values, positionals }: Pick<CommandContext, 'values' | 'positionals'>): string {
  const url = stringOption(values, 'db') ?? process.env.CROSSCHECK_DB;
  if (!url) throw new UsageError('crosscheck index needs --db URL (or CROSSCHECK_DB), e.g. --db postgresql://USER@HOST/DATABASE');
  if (positionals.length > 1) throw new UsageError(`crosscheck index takes one corpus, not "${positionals[1]}" (crosscheck index --help)`);
  if (positionals.length === 1) {
    if (values.corpus !== undefined) throw new UsageError('crosscheck index: the corpus given twice (a path and --corpus)');
    // The shared loader reads --corpus from these values when it is first called.
    values.corpus = positionals[0];
  }
  return url;
}

function drawProgress(style: OutputStyle): ((progress: IngestProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (progress) => {
    const now = performance.now();
    if (now - last < 100 && progress.documentsDone < progress.documentsToDo) return;
    last = now;
    process.stderr.write(`\r\u001b[K${formatText(progressLine(progress), [], style)}`);
  };
}

/** The corpus's folder and file-system key, or null when it cannot be taken (loading the corpus then says why). */
async function filesOf(context: CommandContext): Promise<{ root: string; key: CorpusKey } | null> {
  try {
    return await context.corpusKey();
  } catch {
    return null;
  }
}

/** A run that found the corpus and the archive as the last complete run left them: nothing loaded, nothing written. */
function unchangedSummary(unchanged: UnchangedArchive): IngestSummary & { skipped: number } {
  const { documents, passages, skipped } = unchanged;
  return { added: 0, changed: 0, removed: 0, unchanged: documents, documents, passages, passagesWritten: 0, quotesWritten: 0, grouped: false, fingerprint: '', statements: 0, rowsWritten: 0, held: { documents: 0, quotes: 0 }, skipped };
}

function report(context: CommandContext, summary: IngestSummary & { skipped?: number }, where: string, started: number): void {
  const { values, format, style } = context;
  // The loader says this when it reads the corpus; said again when the corpus was not read.
  if (summary.skipped) process.stderr.write(`crosscheck: ${summary.skipped} file(s) or record(s) skipped (crosscheck sources lists why)\n`);
  const seconds = (performance.now() - started) / 1000;
  if (values.json || format === 'json') {
    const { added, changed, removed, unchanged, documents, passages, passagesWritten, quotesWritten } = summary;
    writeJson({ added, changed, removed, unchanged, documents, passages, passagesWritten, quotesWritten, seconds: Number(seconds.toFixed(3)) });
  } else {
    writeLine(formatText(`${where}: ${summaryLine(summary, seconds)}`, [], style));
  }
}

export const indexCommand: Command = {
  name: 'index',
  summary: 'load the corpus into a PostgreSQL archive (--db URL)',
  help: `Usage: crosscheck index --db URL [--corpus PATH | PATH] [--json]

Loads the corpus (every format crosscheck reads) into a PostgreSQL database: documents with
their metadata, passages, and quotes with their speakers and groups. The tables are created
(and upgraded) by crosscheck; the pg_trgm extension is created when missing.

Re-running is incremental: documents are compared by a content hash, new and changed ones are
written, vanished ones removed, unchanged ones left alone. The corpus is read a batch at a time
(its files twice: ids and labels first), so memory stays bounded whatever its size; each batch
is written in its own transaction, so a run interrupted anywhere leaves the archive consistent
and the next run finishes the job. Progress is shown on stderr when it is a terminal.

Options:
  --db URL       postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=require]
                 or postgresql://USER@/DATABASE?host=/socket/folder (default: $CROSSCHECK_DB);
                 the password is never printed (PGPASSWORD and ~/.pgpass work too)
  --corpus PATH  the corpus (default: $CROSSCHECK_CORPUS or the bundled corpus)
  --json         the summary as {"added", "changed", "removed", "unchanged", "documents",
                 "passages", "passagesWritten", "quotesWritten", "seconds"}

Exit codes: 0 indexed, 2 usage, corpus or database error (a bad URL, a server that cannot be
reached, a missing extension, an archive of a newer crosscheck).`,
  options: { db: { type: 'string' } },
  async run(context) {
    const url = argumentsOf(context);
    const { style } = context;
    const started = performance.now();
    let connection: Connection | undefined;
    try {
      connection = await connectDatabase(url);
      await migrate(connection.client);
      const files = await filesOf(context);
      const unchanged = files && (await unchangedArchive(connection.client, files.root, files.key));
      if (unchanged) {
        report(context, unchangedSummary(unchanged), `${files.root} -> ${connection.shown}`, started);
        return EXIT_FOUND;
      }
      const drawn = drawProgress(style);
      const relieve = heapValve(HEAP_SOFT_LIMIT_BYTES);
      const onProgress = (progress: IngestProgress): void => {
        relieve();
        drawn?.(progress);
      };
      const { found, options } = await context.corpusFiles();
      const reading = (read: number): void => onProgress({ phase: 'reading', documentsDone: read, documentsToDo: found.files.length, passagesWritten: 0, rate: 0, secondsLeft: null });
      // Read a batch at a time: the corpus is never held whole (input.ts).
      const input = await folderInput(found, options, reading);
      const skipped = input.warnings.filter((warning) => warning.skipped).length;
      const summary = await ingestInput(connection.client, input, { programVersion: programVersion(), onProgress });
      if (drawn) process.stderr.write('\r\u001b[K');
      if (files) rememberRun(files.root, files.key, summary.fingerprint, skipped);
      report(context, { ...summary, skipped }, `${input.root} -> ${connection.shown}`, started);
      return EXIT_FOUND;
    } catch (error) {
      if (!isDatabaseProblem(error)) throw error;
      if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
      process.stderr.write(`crosscheck: ${formatText(asDatabaseFailure(error, url).message, [], style)}\n`);
      return EXIT_ERROR;
    } finally {
      await connection?.close();
    }
  },
};
