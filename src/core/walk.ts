/**
 * Finding the article files below a corpus folder: one walk, whose list both fingerprints the
 * corpus for the cache (fingerprint.ts) and is read by the loader (load.ts).
 */
import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatOf } from './formats/extensions.js';
import { describeFsError, errorCode } from './fsErrors.js';
import type { LoadWarning } from './types.js';

/** Folders nested deeper than this below the corpus folder are not read. */
export const MAX_DEPTH = 64;
/** The walk stops after this many directory entries: a corpus, not a whole file system. */
export const MAX_ENTRIES = 200_000;

export interface WalkLimits {
  maxDepth?: number;
  maxEntries?: number;
}

export interface FoundFile {
  /** The path as bytes: a name need not be valid UTF-8, and only bytes open it. */
  bytes: Buffer;
  /** The path as shown and cited, invalid UTF-8 bytes written as `\xFF`. */
  absolute: string;
  /** '/'-separated path under the root, written the same way. */
  relative: string;
  /** Opened without following a link (a walked file, already resolved): a swap after listing cannot lead outside. */
  noFollow: boolean;
}

/** What walking the folder cost, in system calls: linear in the entries read, bounded by the caps. */
export interface WalkCounts {
  readdirs: number;
  stats: number;
  realpaths: number;
  entries: number;
}

export interface CorpusWalk {
  files: FoundFile[];
  /** Files present but not of a loadable kind. */
  ignored: number;
  /** Symbolic links leading outside the corpus folder (not followed). */
  linksOutside: number;
  /** A cap stopped the walk somewhere: what was not read, said plainly. */
  capsHit: string[];
  counts: WalkCounts;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * A file name as text: valid UTF-8 as is; each byte that is not part of a valid UTF-8 sequence
 * written as a visible `\xFF`, so `bad\xff.txt` and `bad\xfe.txt` stay two different names.
 */
export function displayFileName(name: Uint8Array): string {
  if (isUtf8(name)) return strictUtf8.decode(name);
  let text = '';
  let at = 0;
  while (at < name.length) {
    // The shortest span from here that decodes is the one valid sequence starting here, if any.
    let length = 1;
    while (length <= 4 && !(at + length <= name.length && isUtf8(name.subarray(at, at + length)))) length++;
    if (length <= 4) {
      text += strictUtf8.decode(name.subarray(at, at + length));
      at += length;
    } else {
      text += `\\x${name[at]!.toString(16).toUpperCase().padStart(2, '0')}`;
      at++;
    }
  }
  return text;
}

const SLASH = Buffer.from('/');

function isWithin(real: Buffer, realRoot: Buffer): boolean {
  if (real.equals(realRoot)) return true;
  const prefix = realRoot[realRoot.length - 1] === 0x2f ? realRoot : Buffer.concat([realRoot, SLASH]);
  return real.length > prefix.length && real.subarray(0, prefix.length).equals(prefix);
}

interface LinkedFolder {
  real: Buffer;
  relative: string;
  depth: number;
  identity: string;
}

/** An entry of a folder being read, with its names worked out. */
interface EntryPlace {
  bytes: Buffer;
  relative: string;
  depth: number;
  loadable: boolean;
}

/** One walk's state: folders already read (by device and inode), the caps, what was found. */
class Walker {
  readonly counts: WalkCounts = { readdirs: 0, stats: 0, realpaths: 0, entries: 0 };
  readonly walk: CorpusWalk = { files: [], ignored: 0, linksOutside: 0, capsHit: [], counts: this.counts };
  private readonly visited = new Set<string>();
  private entryCapHit = false;
  /** Folders reached through a link, walked after every real folder so each is cited by its real path. */
  private readonly linkedFolders: LinkedFolder[] = [];
  private realRoot = Buffer.alloc(0);

  constructor(
    private readonly root: string,
    private readonly warnings: LoadWarning[],
    private readonly maxDepth: number,
    private readonly maxEntries: number,
  ) {}

  async run(): Promise<CorpusWalk> {
    const rootBytes = Buffer.from(this.root);
    try {
      this.counts.realpaths++;
      this.realRoot = await realpath(rootBytes, { encoding: 'buffer' });
      this.counts.stats++;
      const info = await stat(rootBytes);
      this.visited.add(`${info.dev}:${info.ino}`);
    } catch (error) {
      this.warnings.push({ file: '.', reason: describeFsError(error), skipped: true });
      return this.walk;
    }
    await this.walkFolder(rootBytes, '', 0);
    // Links found while walking a linked folder join the queue: each folder is still read at most once.
    for (let next = this.linkedFolders.shift(); next; next = this.linkedFolders.shift()) {
      if (this.entryCapHit) break;
      await this.enterFolder(next.real, next.relative, next.depth, next.identity);
    }
    return this.walk;
  }

  private skip(file: string, reason: string): void {
    this.warnings.push({ file, reason, skipped: true });
  }

  private async enterFolder(directory: Buffer, relative: string, depth: number, identity: string): Promise<void> {
    if (this.visited.has(identity)) return this.skip(relative, 'folder already read (by another path: a symbolic link)');
    this.visited.add(identity);
    if (depth > this.maxDepth) {
      const message = `folders nested more than ${this.maxDepth} levels deep were not read`;
      if (!this.walk.capsHit.includes(message)) this.walk.capsHit.push(message);
      return this.skip(relative, `nested more than ${this.maxDepth} levels deep: not read`);
    }
    await this.walkFolder(directory, relative, depth);
  }

  /** Whether the entry cap leaves room for one more entry (saying so, once, when it does not). */
  private roomForEntry(relative: string): boolean {
    if (this.counts.entries < this.maxEntries) {
      this.counts.entries++;
      return true;
    }
    if (!this.entryCapHit) {
      this.entryCapHit = true;
      const message = `stopped after ${this.maxEntries.toLocaleString('en-US')} entries: the rest of the folder was not read`;
      this.walk.capsHit.push(message);
      this.skip(relative || '.', message);
    }
    return false;
  }

  private async walkFolder(directory: Buffer, relative: string, depth: number): Promise<void> {
    let entries: Array<Dirent<Buffer>>;
    try {
      this.counts.readdirs++;
      entries = await readdir(directory, { encoding: 'buffer', withFileTypes: true });
    } catch (error) {
      return this.skip(relative || '.', `folder not readable: ${describeFsError(error)}`);
    }
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    for (const entry of entries) {
      if (!this.roomForEntry(relative)) return;
      if (entry.name[0] === 0x2e) continue; // hidden
      const bytes = directory[directory.length - 1] === 0x2f ? Buffer.concat([directory, entry.name]) : Buffer.concat([directory, SLASH, entry.name]);
      const name = displayFileName(entry.name);
      const place: EntryPlace = { bytes, relative: relative ? `${relative}/${name}` : name, depth: depth + 1, loadable: formatOf(name) !== undefined };
      if (entry.isSymbolicLink()) await this.visitLink(place);
      else if (entry.isDirectory()) await this.visitFolder(place);
      else if (entry.isFile() && place.loadable) this.addFile(bytes, place.relative);
      else this.walk.ignored++;
    }
  }

  private addFile(bytes: Buffer, relative: string): void {
    this.walk.files.push({ bytes, absolute: path.join(this.root, relative), relative, noFollow: true });
  }

  private async visitFolder({ bytes, relative, depth }: EntryPlace): Promise<void> {
    let identity: string;
    try {
      this.counts.stats++;
      const info = await stat(bytes);
      identity = `${info.dev}:${info.ino}`;
    } catch (error) {
      return this.skip(relative, describeFsError(error));
    }
    await this.enterFolder(bytes, relative, depth, identity);
  }

  /** A symbolic link is resolved once and followed only when it leads to a place inside the root. */
  private async visitLink({ bytes, relative, depth, loadable }: EntryPlace): Promise<void> {
    let real: Buffer;
    let info: Stats;
    try {
      this.counts.realpaths++;
      real = await realpath(bytes, { encoding: 'buffer' });
      this.counts.stats++;
      info = await stat(real);
    } catch (error) {
      return this.skip(relative, errorCode(error) === 'ENOENT' ? 'broken symbolic link (nothing at its target)' : describeFsError(error));
    }
    if (!isWithin(real, this.realRoot)) {
      this.walk.linksOutside++;
      this.skip(relative, `symbolic link to ${displayFileName(real)}, outside the corpus folder: not followed`);
    } else if (info.isDirectory()) {
      this.linkedFolders.push({ real, relative, depth, identity: `${info.dev}:${info.ino}` });
    } else if (info.isFile() && loadable) {
      this.addFile(real, relative);
    } else this.walk.ignored++;
  }
}

/** Walks made since the program started: tests bound the work with it (opening a corpus walks it once). */
export const walkCounters = { walks: 0 };

/**
 * Lists the loadable files under `root` in byte order of their names. Each folder is read once
 * (known by device and inode, so a link back up is caught without resolving every level); a
 * symbolic link is resolved once and followed only when it leads to a place inside the root.
 */
export async function walkCorpus(root: string, warnings: LoadWarning[], { maxDepth = MAX_DEPTH, maxEntries = MAX_ENTRIES }: WalkLimits = {}): Promise<CorpusWalk> {
  walkCounters.walks++;
  return new Walker(root, warnings, maxDepth, maxEntries).run();
}
