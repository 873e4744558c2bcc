import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../helpers/corpus.js';

/**
 * `npm start` runs scripts/build-if-stale.mjs: a project laid out in a temporary folder, with a
 * stand-in compiler that counts its runs, shows when it builds and when it skips.
 */
function project(): { root: string; runs(): number; start(): number; cleanup(): void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-build-'));
  mkdirSync(path.join(root, 'scripts'));
  copyFileSync(path.join(PROJECT_ROOT, 'scripts', 'build-if-stale.mjs'), path.join(root, 'scripts', 'build-if-stale.mjs'));
  mkdirSync(path.join(root, 'src', 'core'), { recursive: true });
  writeFileSync(path.join(root, 'src', 'core', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(path.join(root, 'tsconfig.json'), '{}\n');
  writeFileSync(path.join(root, 'package.json'), '{}\n');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  mkdirSync(path.dirname(tsc), { recursive: true });
  const log = path.join(root, 'tsc-runs');
  writeFileSync(tsc, `require('node:fs').mkdirSync(${JSON.stringify(path.join(root, 'dist'))}, { recursive: true }); require('node:fs').appendFileSync(${JSON.stringify(log)}, 'x');\n`);
  return {
    root,
    runs: () => (existsSync(log) ? readFileSync(log, 'utf8').length : 0),
    start: () => spawnSync(process.execPath, [path.join(root, 'scripts', 'build-if-stale.mjs')], { encoding: 'utf8' }).status ?? -1,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

function age(file: string, secondsAgo: number): void {
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(file, when, when);
}

test('npm start builds when dist/ is missing, then not again until a source changes', (t) => {
  const p = project();
  t.after(() => p.cleanup());
  assert.equal(p.start(), 0);
  assert.equal(p.runs(), 1, 'no dist: built');
  assert.ok(existsSync(path.join(p.root, 'dist', '.build-stamp')));
  // Sources older than the stamp: nothing to do.
  for (const file of ['src', 'src/core', 'src/core/a.ts', 'tsconfig.json', 'package.json']) age(path.join(p.root, file), 60);
  assert.equal(p.start(), 0);
  assert.equal(p.runs(), 1, 'up to date: skipped');
  // An edited source is newer than the stamp.
  writeFileSync(path.join(p.root, 'src', 'core', 'a.ts'), 'export const a = 2;\n');
  utimesSync(path.join(p.root, 'src', 'core', 'a.ts'), new Date(Date.now() + 1000), new Date(Date.now() + 1000));
  assert.equal(p.start(), 0);
  assert.equal(p.runs(), 2, 'edited source: rebuilt');
});

test('a deleted source file makes the build stale through its folder', (t) => {
  const p = project();
  t.after(() => p.cleanup());
  writeFileSync(path.join(p.root, 'src', 'core', 'b.ts'), 'export const b = 1;\n');
  assert.equal(p.start(), 0);
  for (const file of ['src', 'src/core', 'src/core/a.ts', 'src/core/b.ts', 'tsconfig.json', 'package.json']) age(path.join(p.root, file), 60);
  assert.equal(p.start(), 0);
  assert.equal(p.runs(), 1);
  rmSync(path.join(p.root, 'src', 'core', 'b.ts'));
  utimesSync(path.join(p.root, 'src', 'core'), new Date(Date.now() + 1000), new Date(Date.now() + 1000));
  assert.equal(p.start(), 0);
  assert.equal(p.runs(), 2);
});
