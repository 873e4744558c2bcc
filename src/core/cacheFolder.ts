/**
 * The cache folder: where it is, whether it may be trusted, and how large it may grow.
 *
 * - The folder is created 0700 whatever the umask: a cache holds the text of every article, and
 *   must not be readable by anyone the articles themselves are hidden from.
 * - A folder or file that belongs to another user, or that group or others can write, is not used:
 *   whoever can write it can make crosscheck quote a sentence no article contains.
 */
import { chmodSync, lstatSync, mkdirSync, type Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { errorCode } from './fsErrors.js';

export const DEFAULT_CACHE_MAX_BYTES = 1024 * 1024 * 1024;

export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'crosscheck');
}

export function reasonOf(error: unknown): string {
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

export function currentUser(): number | null {
  return typeof process.getuid === 'function' ? process.getuid() : null;
}

/** Why a stat'ed folder or file must not be trusted, with what fixes it; null when it may be used. */
export function distrust(info: Stats, kind: 'folder' | 'file', where: string): string | null {
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
