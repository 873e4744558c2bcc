/** --db URL (or $CROSSCHECK_DB) on the commands that can read a PostgreSQL archive instead of a corpus folder. */
import { Archive } from '../core/db/archive.js';
import { Workspace } from '../core/workspace.js';
import { UsageError, stringOption, type Command, type OptionValues } from './command.js';
import { storyNamed } from './storyOption.js';

export const ARCHIVE_OPTIONS = { db: { type: 'string' } } as const;

/**
 * The archive a command reads: --db, else $CROSSCHECK_DB unless --corpus names a folder. --db
 * and --corpus together are a usage error (which one was meant?).
 */
export function archiveUrlFor(command: Command, values: OptionValues, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return command.archive ? archiveUrlOf(command.name, values, env) : undefined;
}

/** The same choice for the workbench (`what` names it in the usage error) or a command. */
export function archiveUrlOf(what: string, values: OptionValues, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = stringOption(values, 'db');
  if (given !== undefined && values.corpus !== undefined) throw new UsageError(`${what}: give --db URL or --corpus PATH, not both`);
  if (given !== undefined) return given;
  return values.corpus === undefined && env.CROSSCHECK_DB ? env.CROSSCHECK_DB : undefined;
}

/** The archive, opened on first use and closed once. */
export class ArchiveHandle {
  private opening: Promise<Archive> | undefined;

  constructor(private readonly url: string) {}

  open(): Promise<Archive> {
    return (this.opening ??= Archive.open(this.url));
  }

  /** Quotes, compare, claims: the story named by --story, loaded into a workspace of its own. */
  async storyWorkspace(command: Command, values: OptionValues): Promise<Workspace> {
    const name = stringOption(values, 'story');
    if (name === undefined) throw new UsageError(`with --db, ${command.name} works on one story at a time: add --story ID (crosscheck stories --db URL lists them)`);
    const archive = await this.open();
    const story = storyNamed(await archive.stories(), name)!;
    return new Workspace(await archive.storyCorpus(story));
  }

  async close(): Promise<void> {
    const opening = this.opening;
    this.opening = undefined;
    await (await opening?.catch(() => undefined))?.close();
  }
}
