/**
 * Writing cache files: to a temporary file renamed into place, so a reader sees the old file or
 * the whole new one. Temporary files are removed on every way out the program can run code on
 * (exit, errors, every fatal signal it can catch); those left by a killed program are removed by the next one.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, lstatSync, openSync, readdirSync, renameSync, rmSync, writeSync, type Stats } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { currentUser } from './cacheFolder.js';
import { errorCode } from './fsErrors.js';
import { FATAL_SIGNALS } from './signals.js';

/** A temporary file this old was left by a writer that is gone: a write takes seconds. */
export const STALE_TEMPORARY_MS = 60 * 60 * 1000;
export const TEMPORARY_NAME = /^([0-9a-f]{32}\.bin)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

// Temporary files being written, removed on any way out the program runs code on.
const liveTemporaries = new Set<string>();

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
  for (const handled of FATAL_SIGNALS) process.removeListener(handled, onSignal);
  cleanupInstalled = false;
  process.kill(process.pid, signal);
}

function track(file: string): void {
  liveTemporaries.add(file);
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  // Installed for the rest of the program: removing a signal listener while a signal waits for it drops the signal.
  process.on('exit', removeLiveTemporaries);
  for (const signal of FATAL_SIGNALS) process.prependListener(signal, onSignal);
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

export function processIsAlive(pid: number): boolean {
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

export function safeReaddir(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

