/**
 * The cache folder and its files: where a cached corpus is stored, and why a stored file can be
 * trusted. cache.ts decides what goes in a file; this module decides whether a file may be read.
 *
 * - The folder is created 0700 and files 0600 whatever the umask: a cache holds the text of every
 *   article, and must not be readable by anyone the articles themselves are hidden from.
 * - A folder or file that belongs to another user, or that group or others can write, is not used:
 *   whoever can write it can make crosscheck quote a sentence no article contains.
 * - A file is opened without following a symbolic link and without blocking (a named pipe at the
 *   path must not hang the program), must be a regular file, and is read header first: its size,
 *   its key and the length of its body are checked before the body is read, and the body's
 *   SHA-256 before it is used.
 * - Temporary files are removed on every way out the program can run code on (exit, errors,
 *   SIGINT, SIGTERM, SIGHUP); those left by a killed program are removed by the next one.
 * - Only the newest entry of each corpus is kept, and the folder is held under a size cap.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  futimesSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
  chmodSync,
  type Stats,
} from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Steps } from './slices.js';
import { errorCode } from './load.js';

const ENVELOPE_MAGIC = Buffer.from('XCCACHE2');
/** The fixed start of a file: magic, then the length of the JSON header that follows it. */
const PREFIX_BYTES = 16;
/** The JSON header names a corpus and a body; nothing legitimate comes near this size. */
const MAX_HEADER_BYTES = 64 * 1024;
/** A temporary file this old was left by a writer that is gone: a write takes seconds. */
export const STALE_TEMPORARY_MS = 60 * 60 * 1000;
export const DEFAULT_CACHE_MAX_BYTES = 1024 * 1024 * 1024;

const ENTRY_NAME = /^[0-9a-f]{32}\.bin$/;
const TEMPORARY_NAME = /^([0-9a-f]{32}\.bin)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** What a cache file says about itself, ahead of its body. */
export interface EntryHeader {
  /** The corpus key the file was written for (its file name is derived from it). */
  key: string;
  /** The corpus folder, as given to crosscheck, resolved. */
  root: string;
  version: string;
  /** Bytes of the corpus files when the entry was written. */
  corpusBytes: number;
  bodyBytes: number;
  bodySha256: string;
}

/** Bytes of cache entries read to use them (not to list them) since the program started: tests bound the work with it. */
export const cacheReadCounters = { bytesRead: 0 };

export type ReadOutcome = { ok: true; header: EntryHeader; body: Buffer } | { ok: false; note: string | null };

function reasonOf(error: unknown): string {
  const code = errorCode(error);
  const words: Record<string, string> = {
    ENOTDIR: 'a file stands in its path',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left',
    ENOENT: 'no such folder, and none can be made there',
  };
  return words[code] ?? (code || (error instanceof Error ? error.message : String(error)));
}

function currentUser(): number | null {
  return typeof process.getuid === 'function' ? process.getuid() : null;
}

/** Why a stat'ed folder or file must not be trusted, with what fixes it; null when it may be used. */
function distrust(info: Stats, kind: 'folder' | 'file', where: string): string | null {
  const user = currentUser();
  const fix = kind === 'folder' ? `rm -r ${where}, or set XDG_CACHE_HOME to a folder of your own` : `rm ${where}`;
  if (user !== null && info.uid !== user) return `cache ${kind} ${where} belongs to another user (uid ${info.uid}); not used (fix: ${fix})`;
  if ((info.mode & 0o022) !== 0) {
    const chmod = kind === 'folder' ? `chmod 700 ${where}` : fix;
    return `cache ${kind} ${where} can be written by group or others; not used (fix: ${chmod})`;
  }
  return null;
}

export type FolderState = { usable: true } | { usable: false; note: string | null };

/**
 * Whether `folder` exists and may be used. A folder of ours that others can only read (made by
 * an older crosscheck under umask 022) is closed to 0700 on the way.
 */
export function checkFolder(folder: string): FolderState {
  let info: Stats;
  try {
    info = lstatSync(folder);
  } catch (error) {
    return { usable: false, note: errorCode(error) === 'ENOENT' ? null : `cache folder ${folder} cannot be used (${reasonOf(error)}); running without a cache` };
  }
  if (!info.isDirectory()) return { usable: false, note: `cache folder ${folder} is not a folder; running without a cache (fix: rm ${folder})` };
  const distrusted = distrust(info, 'folder', folder);
  if (distrusted) return { usable: false, note: distrusted };
  if ((info.mode & 0o077) !== 0) {
    try {
      chmodSync(folder, 0o700);
    } catch (error) {
      return { usable: false, note: `cache folder ${folder} is readable by others and cannot be closed (${reasonOf(error)}); running without a cache` };
    }
  }
  return { usable: true };
}

/**
 * Creates `folder` (and its missing parents) one level at a time: mkdirSync's recursive mode
 * loops forever under /proc. The folder itself is made 0700 whatever the umask.
 */
export function ensureFolder(folder: string): FolderState {
  const missing: string[] = [];
  let existing = folder;
  for (;;) {
    try {
      lstatSync(existing);
      break;
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') return { usable: false, note: `cache folder ${folder} cannot be created (${reasonOf(error)}); running without a cache` };
      const parent = path.dirname(existing);
      if (parent === existing) break;
      missing.push(existing);
      existing = parent;
    }
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level, { mode: 0o700 });
      if (level === folder) chmodSync(level, 0o700);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') return { usable: false, note: `cache folder ${folder} cannot be created (${reasonOf(error)}); running without a cache` };
    }
  }
  return checkFolder(folder);
}

function readExactly(descriptor: number, length: number, position: number, counted: boolean): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const count = readSync(descriptor, buffer, filled, length - filled, position + filled);
    if (count === 0) throw new Error('file shorter than its header says');
    filled += count;
    if (counted) cacheReadCounters.bytesRead += count;
  }
  return buffer;
}

function parseHeader(json: string): EntryHeader | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const header = value as Record<string, unknown>;
  const strings = ['key', 'root', 'version', 'bodySha256'].every((name) => typeof header[name] === 'string');
  const sizes = ['corpusBytes', 'bodyBytes'].every((name) => Number.isSafeInteger(header[name]) && (header[name] as number) >= 0);
  return strings && sizes ? (header as unknown as EntryHeader) : null;
}

function bodyOffset(headerBytes: number): number {
  return PREFIX_BYTES + headerBytes + ((8 - (headerBytes % 8)) % 8);
}

/** The header of an open cache file, checked against the file's size; null when it is not one. */
function readHeader(descriptor: number, size: number, counted: boolean): { header: EntryHeader; offset: number } | null {
  if (size < PREFIX_BYTES) return null;
  const prefix = readExactly(descriptor, PREFIX_BYTES, 0, counted);
  if (!prefix.subarray(0, ENVELOPE_MAGIC.length).equals(ENVELOPE_MAGIC)) return null;
  const headerBytes = Number(prefix.readBigUInt64LE(8));
  if (headerBytes > MAX_HEADER_BYTES || PREFIX_BYTES + headerBytes > size) return null;
  const header = parseHeader(readExactly(descriptor, headerBytes, PREFIX_BYTES, counted).toString('utf8'));
  const offset = bodyOffset(headerBytes);
  if (!header || offset + header.bodyBytes !== size) return null;
  return { header, offset };
}

/** Opens a cache file for reading without following a link or waiting on a pipe; checks what it is. */
function openTrusted(file: string): { ok: true; descriptor: number; info: Stats } | { ok: false; note: string | null } {
  let descriptor: number;
  try {
    descriptor = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return { ok: false, note: null };
    if (code === 'ELOOP') return { ok: false, note: `cache file ${file} is a symbolic link; not used (fix: rm ${file})` };
    return { ok: false, note: `cache file ${file}: ${reasonOf(error)}; not used` };
  }
  const info = fstatSync(descriptor);
  const refused = !info.isFile() ? `cache file ${file} is not a regular file; not used (fix: rm ${file})` : distrust(info, 'file', file);
  if (refused) {
    closeSync(descriptor);
    return { ok: false, note: refused };
  }
  return { ok: true, descriptor, info };
}

export interface ReadExpectations {
  key: string;
  /** Larger files are refused unread: more than this corpus can produce. */
  maxBytes: number;
}

/**
 * The body of the cache entry `name` in `folder`, when its header names `expected.key` and its
 * checksum holds. A file that is absent is a silent miss; anything else wrong comes with a note.
 * A used entry's time is set to now, so pruning removes the least recently used first.
 */
export function readEntry(folder: string, name: string, expected: ReadExpectations): ReadOutcome {
  const file = path.join(folder, name);
  const opened = openTrusted(file);
  if (!opened.ok) return opened;
  const { descriptor, info } = opened;
  try {
    if (info.size > expected.maxBytes) {
      return { ok: false, note: `cache file ${file} is larger than this corpus can produce (${info.size} bytes); rebuilt from the files` };
    }
    const found = readHeader(descriptor, info.size, true);
    if (!found) return { ok: false, note: `cache file ${file} is damaged or not crosscheck's; rebuilt from the files` };
    if (found.header.key !== expected.key) return { ok: false, note: `cache file ${file} holds another corpus; rebuilt from the files` };
    const body = readExactly(descriptor, found.header.bodyBytes, found.offset, true);
    if (createHash('sha256').update(body).digest('hex') !== found.header.bodySha256) {
      return { ok: false, note: `cache file ${file} failed its checksum; rebuilt from the files` };
    }
    try {
      const now = new Date();
      futimesSync(descriptor, now, now);
    } catch {
      // Only the pruning order depends on it.
    }
    return { ok: true, header: found.header, body };
  } catch (error) {
    return { ok: false, note: `cache file ${file} could not be read (${reasonOf(error)}); rebuilt from the files` };
  } finally {
    closeSync(descriptor);
  }
}

const HASH_CHUNK_BYTES = 1024 * 1024;

/** The header and the prefix that go before `body`, hashing a megabyte between two pauses. */
export function* envelopeSteps(header: Omit<EntryHeader, 'bodyBytes' | 'bodySha256'>, body: readonly Buffer[]): Steps<Buffer> {
  const hash = createHash('sha256');
  let bodyBytes = 0;
  for (const piece of body) {
    for (let start = 0; start < piece.length; start += HASH_CHUNK_BYTES) {
      hash.update(piece.subarray(start, start + HASH_CHUNK_BYTES));
      yield;
    }
    bodyBytes += piece.length;
  }
  const complete: EntryHeader = { ...header, bodyBytes, bodySha256: hash.digest('hex') };
  const json = Buffer.from(JSON.stringify(complete));
  const prefix = Buffer.alloc(PREFIX_BYTES);
  ENVELOPE_MAGIC.copy(prefix);
  prefix.writeBigUInt64LE(BigInt(json.length), 8);
  return Buffer.concat([prefix, json, Buffer.alloc(bodyOffset(json.length) - PREFIX_BYTES - json.length)]);
}

// Temporary files being written, removed on any way out the program runs code on.
const liveTemporaries = new Set<string>();
const HANDLED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let cleanupInstalled = false;

function removeLiveTemporaries(): void {
  for (const file of liveTemporaries) rmSync(file, { force: true });
  liveTemporaries.clear();
}

/**
 * Runs before any other handler of the signal (the workbench's SIGHUP handler ends the process
 * from inside itself). When nothing else handles the signal, it is raised again so the program
 * ends as the signal's default would.
 */
function onSignal(signal: NodeJS.Signals): void {
  removeLiveTemporaries();
  if (process.listenerCount(signal) > 1) return;
  for (const handled of HANDLED_SIGNALS) process.removeListener(handled, onSignal);
  cleanupInstalled = false;
  process.kill(process.pid, signal);
}

function track(file: string): void {
  liveTemporaries.add(file);
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  // Installed for the rest of the program: removing a signal listener while a signal waits for it drops the signal.
  process.on('exit', removeLiveTemporaries);
  for (const signal of HANDLED_SIGNALS) process.prependListener(signal, onSignal);
}

function untrack(file: string): void {
  liveTemporaries.delete(file);
}

function temporaryFor(folder: string, name: string): string {
  return path.join(folder, `${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** Writes an entry so that readers see the old file or the whole new one; 0600 whatever the umask. */
export function writeEntry(folder: string, name: string, pieces: readonly Buffer[]): void {
  const temporary = temporaryFor(folder, name);
  track(temporary);
  try {
    const descriptor = openSync(temporary, CREATE_FLAGS, 0o600);
    try {
      fchmodSync(descriptor, 0o600);
      for (const piece of pieces) {
        let written = 0;
        while (written < piece.length) written += writeSync(descriptor, piece, written);
      }
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, path.join(folder, name));
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    untrack(temporary);
  }
}

/** writeEntry without blocking: the file system's threads write while the program goes on. */
export async function writeEntryInBackground(folder: string, name: string, pieces: readonly Buffer[]): Promise<void> {
  const temporary = temporaryFor(folder, name);
  track(temporary);
  try {
    const handle = await open(temporary, CREATE_FLAGS, 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writev(pieces);
    } finally {
      await handle.close();
    }
    await rename(temporary, path.join(folder, name));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    untrack(temporary);
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return errorCode(error) === 'EPERM';
  }
}

function isOurs(info: Stats): boolean {
  const user = currentUser();
  return info.isFile() && (user === null || info.uid === user);
}

/** Temporary files whose writer is gone (killed, or its terminal closed) or that are over an hour old. */
export function sweepStaleTemporaries(folder: string, now = Date.now()): number {
  let removed = 0;
  for (const name of safeReaddir(folder)) {
    const match = TEMPORARY_NAME.exec(name);
    if (!match) continue;
    const pid = Number(match[2]);
    if (pid === process.pid && liveTemporaries.has(path.join(folder, name))) continue;
    try {
      const info = lstatSync(path.join(folder, name));
      if (!isOurs(info)) continue;
      if (now - info.mtimeMs > STALE_TEMPORARY_MS || (pid !== process.pid && !processIsAlive(pid))) {
        rmSync(path.join(folder, name), { force: true });
        removed++;
      }
    } catch {
      // Gone meanwhile: another crosscheck swept it.
    }
  }
  return removed;
}

function safeReaddir(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

export interface ListedEntry {
  name: string;
  file: string;
  bytes: number;
  /** Last written or used. */
  usedMs: number;
  /** null when the header cannot be read: a damaged file, or not crosscheck's after all. */
  header: EntryHeader | null;
}

/** The entries in `folder` (headers only are read), most recently used first. */
export function listEntries(folder: string): ListedEntry[] {
  const entries: ListedEntry[] = [];
  for (const name of safeReaddir(folder)) {
    if (!ENTRY_NAME.test(name)) continue;
    const file = path.join(folder, name);
    const opened = openTrusted(file);
    if (!opened.ok) continue;
    try {
      let header: EntryHeader | null = null;
      try {
        header = readHeader(opened.descriptor, opened.info.size, false)?.header ?? null;
      } catch {
        header = null;
      }
      entries.push({ name, file, bytes: opened.info.size, usedMs: opened.info.mtimeMs, header });
    } finally {
      closeSync(opened.descriptor);
    }
  }
  return entries.sort((a, b) => b.usedMs - a.usedMs || (a.name < b.name ? -1 : 1));
}

/**
 * Keeps the newest entry of each corpus and drops the least recently used until the folder is
 * under `maxBytes`; `keep` (the entry just written) stays. Damaged entries go too.
 */
export function pruneEntries(folder: string, maxBytes: number, keep: string): string[] {
  const removed: string[] = [];
  const seenRoots = new Set<string>();
  let total = 0;
  const entries = listEntries(folder);
  const kept = entries.find((entry) => entry.name === keep);
  if (kept?.header) seenRoots.add(kept.header.root);
  if (kept) total += kept.bytes;
  for (const entry of entries) {
    if (entry === kept) continue;
    const superseded = entry.header === null || seenRoots.has(entry.header.root);
    if (!superseded && total + entry.bytes <= maxBytes) {
      seenRoots.add(entry.header!.root);
      total += entry.bytes;
      continue;
    }
    try {
      rmSync(entry.file, { force: true });
      removed.push(entry.name);
    } catch {
      // Someone else removed it, or it cannot be: it will be tried again.
    }
  }
  return removed;
}

/** Removes every crosscheck cache file in `folder` (temporary files of running writers excepted). */
export function clearEntries(folder: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const name of safeReaddir(folder)) {
    const temporary = TEMPORARY_NAME.exec(name);
    if (!ENTRY_NAME.test(name) && !temporary) continue;
    if (temporary && Number(temporary[2]) !== process.pid && processIsAlive(Number(temporary[2]))) continue;
    const file = path.join(folder, name);
    try {
      const info = lstatSync(file);
      if (!info.isFile() && !info.isSymbolicLink() && !info.isFIFO()) continue;
      rmSync(file, { force: true });
      files++;
      bytes += info.isFile() ? info.size : 0;
    } catch {
      // Gone meanwhile.
    }
  }
  return { files, bytes };
}

/** The size cap from CROSSCHECK_CACHE_MAX_BYTES ("500M", "2G", bytes); 0 turns the cache off. */
export function cacheSizeCap(env: NodeJS.ProcessEnv): { bytes: number; note: string | null } {
  const raw = env.CROSSCHECK_CACHE_MAX_BYTES?.trim();
  if (!raw) return { bytes: DEFAULT_CACHE_MAX_BYTES, note: null };
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(raw);
  if (!match) {
    return { bytes: DEFAULT_CACHE_MAX_BYTES, note: `CROSSCHECK_CACHE_MAX_BYTES="${raw}" is not a size such as 500M or 2G; using 1G` };
  }
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return { bytes: Math.floor(Number(match[1]) * unit), note: null };
}
