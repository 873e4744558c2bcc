#!/usr/bin/env node
// `npm start` builds only when dist/ is older than what it is built from: type-checking the whole
// program takes 8-20 s, which a user should not wait for on every start when nothing changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const STAMP = path.join('dist', '.build-stamp');
const INPUTS = ['src', 'tsconfig.json', 'package.json', 'package-lock.json'];

/** Newest modification time under `file`, folders included (a deleted file changes its folder). */
function newestChange(file) {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  let newest = stat.mtimeMs;
  if (stat.isDirectory()) {
    for (const entry of readdirSync(file)) newest = Math.max(newest, newestChange(path.join(file, entry)));
  }
  return newest;
}

/** True when `root`'s dist/ is missing or older than any of its inputs. */
export function buildIsStale(root) {
  const stamp = statSync(path.join(root, STAMP), { throwIfNoEntry: false });
  if (!stamp) return true;
  return INPUTS.some((input) => newestChange(path.join(root, input)) > stamp.mtimeMs);
}

/** `--always` (npm run build) builds whatever the stamp says; either way a good build is stamped. */
function main(args) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  if (!args.includes('--always') && !buildIsStale(root)) return 0;
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    process.stderr.write('crosscheck: TypeScript is not installed; run npm install first\n');
    return 2;
  }
  const started = new Date();
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
  if (result.status !== 0) return result.status ?? 1;
  // Stamped with the time the build started, so an edit made during the build makes it stale.
  const stamp = path.join(root, STAMP);
  writeFileSync(stamp, `${started.toISOString()}\n`);
  utimesSync(stamp, started, started);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
