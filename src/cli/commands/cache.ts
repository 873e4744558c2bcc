/** `crosscheck cache`: what the index cache holds, and clearing it. */
import { cacheFolder, cacheSizeCap, checkFolder } from '../../core/cacheFolder.js';
import { clearEntries, listEntries, type ListedEntry } from '../../core/cacheStore.js';
import { EXIT_ERROR, EXIT_FOUND, EXIT_NOTHING, UsageError, type Command, type CommandContext } from '../command.js';
import { formatText, writeJson, writeLine } from '../output.js';

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

function age(milliseconds: number): string {
  const minutes = Math.max(0, Math.floor(milliseconds / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return `${Math.floor(minutes / 60 / 24)} days ago`;
}

/** Lists or clears the cache; the exit code. */
function showCache({ values, positionals, style }: CommandContext): number {
  if (positionals.length > 0) throw new UsageError(`crosscheck cache takes no arguments, not "${positionals[0]}" (crosscheck cache --help)`);
  if (values.list && values.clear) throw new UsageError('crosscheck cache: --list or --clear, not both');
  const folder = cacheFolder(process.env);
  const safe = (text: string): string => formatText(text, [], style);
  const state = checkFolder(folder);
  if (!state.usable) {
    if (state.note === null) {
      if (values.json) writeJson({ folder, capBytes: cacheSizeCap(process.env).bytes, entries: [] });
      else writeLine(`the cache is empty (${safe(folder)} does not exist)`);
      return EXIT_NOTHING;
    }
    process.stderr.write(`crosscheck: ${safe(state.note)}\n`);
    return EXIT_ERROR;
  }
  if (values.clear) {
    const { files, bytes } = clearEntries(folder);
    writeLine(`removed ${files} cache file(s), ${size(bytes)}, from ${safe(folder)}`);
    return EXIT_FOUND;
  }
  const entries = listEntries(folder);
  const cap = cacheSizeCap(process.env).bytes;
  const corpusOf = (entry: ListedEntry): string => entry.header?.root ?? '(damaged: removed at the next write)';
  if (values.json) {
    writeJson({
      folder,
      capBytes: cap,
      entries: entries.map((entry) => ({
        file: entry.file,
        corpus: entry.header?.root ?? null,
        version: entry.header?.version ?? null,
        bytes: entry.bytes,
        usedAt: new Date(entry.usedMs).toISOString(),
      })),
    });
    return entries.length > 0 ? EXIT_FOUND : EXIT_NOTHING;
  }
  const now = Date.now();
  for (const entry of entries) {
    writeLine(`${size(entry.bytes).padStart(9)}  ${age(now - entry.usedMs).padEnd(12)}  ${safe(corpusOf(entry))}`);
  }
  const total = entries.reduce((sum, entry) => sum + entry.bytes, 0);
  writeLine(`${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, ${size(total)} of ${size(cap)} in ${safe(folder)}`);
  return entries.length > 0 ? EXIT_FOUND : EXIT_NOTHING;
}

export const cacheCommand: Command = {
  name: 'cache',
  summary: 'list or clear the index cache',
  help: `Usage: crosscheck cache [--list] [--json]
       crosscheck cache --clear

Large corpora (5,000 passages or more) are cached, parsed and indexed, under
$XDG_CACHE_HOME/crosscheck (else ~/.cache/crosscheck), so they open in about a second.
An entry is written by what builds the search index (search, the workbench); the other
commands read it when it is there.

An entry is used only for the exact files it was made from: any change to a file (even one
whose modification time was put back), a file added or removed, a chmod, or the folder
recreated, and the corpus is read from its files again. Entries are private to you (folder
0700, files 0600), checksummed, and ignored (with a warning) if someone else could have
written them. Only the newest entry of each corpus is kept, and the folder is kept under
1 GB; CROSSCHECK_CACHE_MAX_BYTES sets another cap (500M, 2G; 0 turns the cache off).

Options:
  --list    each entry: its corpus folder, size, when last used (the default)
  --json    with --list: {"folder", "capBytes", "entries": [{"file", "corpus", "version",
            "bytes", "usedAt"}]}
  --clear   remove crosscheck's cache files (nothing else in the folder)

Exit codes: 0 entries listed or cleared, 1 the cache is empty, 2 the folder cannot be used.`,
  options: {
    list: { type: 'boolean' },
    clear: { type: 'boolean' },
  },
  run(context) {
    // Nothing to wait for: the folder is read at once.
    return Promise.resolve(showCache(context));
  },
};

