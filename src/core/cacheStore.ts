/**
 * Cache files and why a stored file can be trusted. cache.ts decides what goes in a file,
 * cacheFolder.ts where files live, cacheWrite.ts how they are written; this module decides
 * whether a file may be read, and keeps the folder tidy.
 *
 * - A file is opened without following a symbolic link and without blocking (a named pipe at the
 *   path must not hang the program), must be a regular file, and is read header first: its size,
 *   its key and the length of its body are checked before the body is read, and the body's
 *   SHA-256 before it is used.
 * - Only the newest entry of each corpus is kept, and the folder is held under a size cap.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, futimesSync, lstatSync, openSync, readSync, rmSync, type Stats } from 'node:fs';
import path from 'node:path';
import { distrust, reasonOf } from './cacheFolder.js';
import { TEMPORARY_NAME, processIsAlive, safeReaddir } from './cacheWrite.js';
import { errorCode } from './fsErrors.js';
import type { Steps } from './slices.js';

const ENVELOPE_MAGIC = Buffer.from('XCCACHE2');
/** The fixed start of a file: magic, then the length of the JSON header that follows it. */
const PREFIX_BYTES = 16;
/** The JSON header names a corpus and a body; nothing legitimate comes near this size. */
const MAX_HEADER_BYTES = 64 * 1024;

const ENTRY_NAME = /^[0-9a-f]{32}\.bin$/;

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

/** Bytes hashed between two pauses, reading or writing an entry. */
const HASH_CHUNK_BYTES = 1024 * 1024;

/** The SHA-256 of `pieces` in order, hex, hashing a megabyte between two pauses. */
function* sha256Steps(pieces: readonly Buffer[]): Steps<string> {
  const hash = createHash('sha256');
  for (const piece of pieces) {
    for (let start = 0; start < piece.length; start += HASH_CHUNK_BYTES) {
      hash.update(piece.subarray(start, start + HASH_CHUNK_BYTES));
      yield;
    }
  }
  return hash.digest('hex');
}

export interface ReadExpectations {
  key: string;
  /** Larger files are refused unread: more than this corpus can produce. */
  maxBytes: number;
}

/**
 * The body of the cache entry `name` in `folder`, when its header names `expected.key` and its
 * checksum holds. A file that is absent is a silent miss; anything else wrong comes with a note.
 * A used entry's time is set to now, so pruning removes the least recently used first. The
 * checksum is computed a megabyte between two pauses (see slices.ts): over a 70 MB entry it held
 * the opening screen a tenth of a second or more in one block.
 */
export function* readEntrySteps(folder: string, name: string, expected: ReadExpectations): Steps<ReadOutcome> {
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
    if ((yield* sha256Steps([body])) !== found.header.bodySha256) {
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

/** The header and the prefix that go before `body`, hashing a megabyte between two pauses. */
export function* envelopeSteps(header: Omit<EntryHeader, 'bodyBytes' | 'bodySha256'>, body: readonly Buffer[]): Steps<Buffer> {
  const bodySha256 = yield* sha256Steps(body);
  const bodyBytes = body.reduce((sum, piece) => sum + piece.length, 0);
  const complete: EntryHeader = { ...header, bodyBytes, bodySha256 };
  const json = Buffer.from(JSON.stringify(complete));
  const prefix = Buffer.alloc(PREFIX_BYTES);
  ENVELOPE_MAGIC.copy(prefix);
  prefix.writeBigUInt64LE(BigInt(json.length), 8);
  return Buffer.concat([prefix, json, Buffer.alloc(bodyOffset(json.length) - PREFIX_BYTES - json.length)]);
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

