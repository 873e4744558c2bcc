/**
 * The index cache must never show text the files do not hold, never show a file's text to
 * someone else, never hang or swell, and never leave garbage: issue 15's cache cases, each on a
 * generated corpus large enough to be cached.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { cacheFolder } from '../../src/core/cacheFolder.js';
import { cacheReadCounters, listEntries } from '../../src/core/cacheStore.js';
import { sweepStaleTemporaries } from '../../src/core/cacheWrite.js';
import { RACY_WINDOW_MS, corpusKey, programVersion } from '../../src/core/fingerprint.js';
import { loadIndexedCorpus, takeHeldCacheNotes, type OpenOptions as CachedLoadOptions } from '../../src/core/open.js';
import { runCli } from '../helpers/cli.js';
import { PROJECT_ROOT, temporaryCorpus } from '../helpers/corpus.js';

const isRoot = process.getuid?.() === 0;

/** 60 articles of 90 sentences: 5,400 passages, past the size below which nothing is cached. */
function largeCorpusFiles(label: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (let article = 0; article < 60; article++) {
    const sentences = Array.from({ length: 90 }, (_, sentence) => `${label} article ${article} reports fact ${sentence} about the harbour.`);
    files[`story${article % 3}/a${article}.txt`] = `Harbour report ${article}\n\n${sentences.join(' ')}\n`;
  }
  return files;
}

function freshCacheHome(): { env: NodeJS.ProcessEnv; folder: string; cleanup(): void } {
  const home = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-trust-'));
  const env = { XDG_CACHE_HOME: home };
  return { env, folder: cacheFolder(env), cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

/** In-process loads cache a corpus just written (the CLI waits RACY_WINDOW_MS; see CorpusKey.racy). */
function options(env: NodeJS.ProcessEnv, extra: Partial<CachedLoadOptions> = {}): CachedLoadOptions {
  return { version: 'test', env, racyWindowMs: 0, ...extra };
}

function texts(passages: ReadonlyArray<{ text: string }>): string {
  return passages.map((passage) => passage.text).join('\n');
}

async function cachedFile(root: string, env: NodeJS.ProcessEnv): Promise<string> {
  const first = await loadIndexedCorpus(root, options(env));
  assert.equal(first.cache, 'written');
  return path.join(cacheFolder(env), (await corpusKey(root, 'test')).name);
}

/** cp -p: the copy keeps the file's times to the nanosecond. */
function copyWithTimes(file: string, copy: string): void {
  assert.equal(spawnSync('cp', ['-p', file, copy]).status, 0);
}

/** touch -r: the times of `reference` put back on `file`, to the nanosecond, as cp -p, rsync -a and tar do. */
function restoreTimes(file: string, reference: string): void {
  assert.equal(spawnSync('touch', ['-r', reference, file]).status, 0);
  assert.equal(statSync(file, { bigint: true }).mtimeNs, statSync(reference, { bigint: true }).mtimeNs);
}

/** Waits until files written at `since` are older than the window within which the program does not cache them. */
async function settle(since: number): Promise<void> {
  await delay(Math.max(0, since + RACY_WINDOW_MS + 100 - Date.now()));
}

describe('cache validity (issue 15, case 1): any change to the files misses', () => {
  it('a same-size edit with its modification time put back (touch -r, cp -p, rsync -a) is read afresh', async () => {
    const corpus = temporaryCorpus(largeCorpusFiles('Plain'));
    const cache = freshCacheHome();
    try {
      await cachedFile(corpus.root, cache.env);
      const file = path.join(corpus.root, 'story0', 'a0.txt');
      const reference = path.join(cache.folder, '..', 'reference');
      copyWithTimes(file, reference);
      writeFileSync(file, readFileSync(file, 'utf8').replace('reports fact 7 about', 'retracts its 7 about'));
      restoreTimes(file, reference);
      assert.equal(statSync(file).size, statSync(reference).size);
      assert.equal(statSync(file, { bigint: true }).mtimeNs, statSync(reference, { bigint: true }).mtimeNs);
      const reloaded = await loadIndexedCorpus(corpus.root, options(cache.env));
      assert.notEqual(reloaded.cache, 'hit');
      assert.match(texts(reloaded.corpus.passages), /Plain article 0 retracts its 7 about the harbour/);
      assert.ok(reloaded.index.search("'retracts", { limit: 5 }).length > 0, 'the new word is found');
    } finally {
      corpus.cleanup();
      cache.cleanup();
    }
  });

  it('a folder deleted and recreated with other text of the same sizes and times is read afresh', async () => {
    const corpus = temporaryCorpus(largeCorpusFiles('Alpha'));
    const cache = freshCacheHome();
    try {
      await cachedFile(corpus.root, cache.env);
      const saved = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-saved-'));
      const names = Object.keys(largeCorpusFiles('Alpha'));
      names.forEach((name, at) => copyWithTimes(path.join(corpus.root, name), path.join(saved, String(at))));
      rmSync(corpus.root, { recursive: true });
      for (const [at, [name, content]] of Object.entries(largeCorpusFiles('Omega')).entries()) {
        const file = path.join(corpus.root, name);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, content);
        restoreTimes(file, path.join(saved, String(at)));
        assert.equal(statSync(file).size, statSync(path.join(saved, String(at))).size);
      }
      rmSync(saved, { recursive: true });
      const reloaded = await loadIndexedCorpus(corpus.root, options(cache.env));
      assert.notEqual(reloaded.cache, 'hit');
      const all = texts(reloaded.corpus.passages);
      assert.match(all, /Omega article/);
      assert.doesNotMatch(all, /Alpha article/);
    } finally {
      corpus.cleanup();
      cache.cleanup();
    }
  });

  it('a chmod alone (a file unreadable when cached, readable now) changes the key', async () => {
    const corpus = temporaryCorpus(largeCorpusFiles('Mode'));
    try {
      const file = path.join(corpus.root, 'story1', 'a1.txt');
      chmodSync(file, 0o000);
      const unreadable = await corpusKey(corpus.root, 'test');
      chmodSync(file, 0o644);
      assert.notEqual((await corpusKey(corpus.root, 'test')).key, unreadable.key);
      // Only the change time differs: same mode, size and modification time as before.
      const readable = await corpusKey(corpus.root, 'test');
      chmodSync(file, 0o600);
      await delay(50);
      chmodSync(file, 0o644);
      assert.notEqual((await corpusKey(corpus.root, 'test')).key, readable.key);
    } finally {
      corpus.cleanup();
    }
  });

  it('a corpus changed within the last moments is loaded from its files but not cached yet', async () => {
    const corpus = temporaryCorpus(largeCorpusFiles('Racy'));
    const cache = freshCacheHome();
    try {
      const loaded = await loadIndexedCorpus(corpus.root, { version: 'test', env: cache.env });
      assert.equal(loaded.cache, 'skipped');
      assert.ok(loaded.corpus.passages.length >= 5000);
      assert.equal(existsSync(cache.folder) ? readdirSync(cache.folder).length : 0, 0);
    } finally {
      corpus.cleanup();
      cache.cleanup();
    }
  });
});

describe('cache trust (issue 15, case 2) and privacy (case 3)', () => {
  const corpus = temporaryCorpus(largeCorpusFiles('Trust'));
  after(() => corpus.cleanup());

  it('a cache body edited in place fails its checksum: a miss, with a one-line note', async () => {
    const cache = freshCacheHome();
    try {
      const file = await cachedFile(corpus.root, cache.env);
      const bytes = readFileSync(file);
      const planted = Buffer.from(bytes.toString('latin1').replaceAll('reports fact 12 about', 'denies facts 12 about'), 'latin1');
      assert.equal(planted.length, bytes.length);
      assert.notDeepEqual(planted, bytes);
      writeFileSync(file, planted);
      const reloaded = await loadIndexedCorpus(corpus.root, options(cache.env, { holdNotes: true }));
      assert.notEqual(reloaded.cache, 'hit');
      assert.doesNotMatch(texts(reloaded.corpus.passages), /denies facts/);
      assert.equal(reloaded.notes.length, 1);
      assert.match(reloaded.notes[0]!, /failed its checksum; rebuilt from the files/);
      // The workbench says it once it ends.
      assert.deepEqual(takeHeldCacheNotes(), reloaded.notes);
      assert.deepEqual(takeHeldCacheNotes(), []);
      assert.equal((await loadIndexedCorpus(corpus.root, options(cache.env))).cache, 'hit', 'the rebuilt file is used again');
    } finally {
      cache.cleanup();
    }
  });

  it('a cache file others can write is not used, and the note names it and the fix', async () => {
    const cache = freshCacheHome();
    try {
      const file = await cachedFile(corpus.root, cache.env);
      chmodSync(file, 0o666);
      const reloaded = await loadIndexedCorpus(corpus.root, options(cache.env));
      assert.notEqual(reloaded.cache, 'hit');
      assert.deepEqual(reloaded.notes, [`cache file ${file} can be written by group or others; not used (fix: rm ${file})`]);
    } finally {
      cache.cleanup();
    }
  });

  it('a cache folder others can write is not used at all', async () => {
    const cache = freshCacheHome();
    try {
      await cachedFile(corpus.root, cache.env);
      chmodSync(cache.folder, 0o777);
      const reloaded = await loadIndexedCorpus(corpus.root, options(cache.env));
      assert.equal(reloaded.cache, 'unavailable');
      assert.deepEqual(reloaded.notes, [`cache folder ${cache.folder} can be written by group or others; not used (fix: chmod 700 ${cache.folder})`]);
    } finally {
      cache.cleanup();
    }
  });

  it('a cache file or folder that belongs to another user is not used', { skip: !isRoot && 'needs root to give a file to another user' }, async () => {
    const cache = freshCacheHome();
    try {
      const file = await cachedFile(corpus.root, cache.env);
      chownSync(file, 65534, 65534);
      const planted = await loadIndexedCorpus(corpus.root, options(cache.env));
      assert.notEqual(planted.cache, 'hit');
      assert.match(planted.notes.join('\n'), /^cache file .* belongs to another user \(uid 65534\); not used \(fix: rm /);
      chownSync(cache.folder, 65534, 65534);
      const foreignFolder = await loadIndexedCorpus(corpus.root, options(cache.env));
      assert.equal(foreignFolder.cache, 'unavailable');
      assert.match(foreignFolder.notes.join('\n'), /^cache folder .* belongs to another user \(uid 65534\); not used/);
    } finally {
      cache.cleanup();
    }
  });

  it('the folder is 0700 and its files 0600 whatever the umask; an older 0755 folder is closed', async () => {
    const cache = freshCacheHome();
    const umask = process.umask(0o022);
    try {
      const file = await cachedFile(corpus.root, cache.env);
      assert.equal(statSync(cache.folder).mode & 0o777, 0o700);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      chmodSync(cache.folder, 0o755);
      process.umask(0o000);
      assert.equal((await loadIndexedCorpus(corpus.root, options(cache.env))).cache, 'hit');
      assert.equal(statSync(cache.folder).mode & 0o777, 0o700);
      rmSync(cache.folder, { recursive: true });
      const rewritten = await cachedFile(corpus.root, cache.env);
      assert.equal(statSync(cache.folder).mode & 0o777, 0o700);
      assert.equal(statSync(rewritten).mode & 0o777, 0o600);
    } finally {
      process.umask(umask);
      cache.cleanup();
    }
  });
});

describe('what stands at the cache path (issue 15, cases 7 and 9)', () => {
  const corpus = temporaryCorpus(largeCorpusFiles('Path'));
  const writtenAt = Date.now();
  after(() => corpus.cleanup());

  it('a 1 GB sparse file is refused on its size, before a byte of it is read', async () => {
    const cache = freshCacheHome();
    try {
      const file = await cachedFile(corpus.root, cache.env);
      truncateSync(file, 1024 ** 3);
      const readBefore = cacheReadCounters.bytesRead;
      const reloaded = await loadIndexedCorpus(corpus.root, options(cache.env));
      assert.equal(cacheReadCounters.bytesRead - readBefore, 0);
      assert.notEqual(reloaded.cache, 'hit');
      assert.match(reloaded.notes.join('\n'), /is larger than this corpus can produce/);
    } finally {
      cache.cleanup();
    }
  });

  it('a symbolic link (to /dev/zero or anywhere) is not followed', async () => {
    const cache = freshCacheHome();
    try {
      const file = await cachedFile(corpus.root, cache.env);
      rmSync(file);
      symlinkSync('/dev/zero', file);
      const readBefore = cacheReadCounters.bytesRead;
      const reloaded = await loadIndexedCorpus(corpus.root, options(cache.env));
      assert.equal(cacheReadCounters.bytesRead - readBefore, 0);
      assert.notEqual(reloaded.cache, 'hit');
      assert.match(reloaded.notes.join('\n'), /is a symbolic link; not used/);
    } finally {
      cache.cleanup();
    }
  });

  it('a damaged header is refused having read the header alone', async () => {
    const cache = freshCacheHome();
    try {
      const file = await cachedFile(corpus.root, cache.env);
      const bytes = readFileSync(file);
      bytes.writeBigUInt64LE(10n ** 12n, 8);
      writeFileSync(file, bytes);
      const readBefore = cacheReadCounters.bytesRead;
      const reloaded = await loadIndexedCorpus(corpus.root, options(cache.env));
      assert.ok(cacheReadCounters.bytesRead - readBefore <= 16);
      assert.match(reloaded.notes.join('\n'), /is damaged or not crosscheck's/);
    } finally {
      cache.cleanup();
    }
  });

  it('a named pipe does not hang the program: it answers, warns once and exits', async () => {
    await settle(writtenAt);
    const cache = freshCacheHome();
    try {
      mkdirSync(cache.folder, { recursive: true, mode: 0o700 });
      const fifo = path.join(cache.folder, (await corpusKey(corpus.root, programVersion())).name);
      const made = spawnSync('mkfifo', [fifo]);
      assert.equal(made.status, 0, 'mkfifo');
      const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'crosscheck.js'), 'search', 'harbour fact 42', '--corpus', corpus.root, '--limit', '1'], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '', ...cache.env },
        // Without the fix the program waits forever for a writer: this ends it so the test fails instead.
        timeout: 120_000,
      });
      assert.equal(result.signal, null, 'the program ended by itself');
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /reports fact 42 about the harbour/);
      assert.match(result.stderr, /^crosscheck: cache file .* is not a regular file; not used \(fix: rm .*\)\n$/);
    } finally {
      cache.cleanup();
    }
  });

  it('an XDG_CACHE_HOME that cannot be created (/proc/nope) costs the cache, with one line saying so', async () => {
    await settle(writtenAt);
    const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'crosscheck.js'), 'search', 'harbour fact 42', '--corpus', corpus.root, '--limit', '1'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', XDG_CACHE_HOME: '/proc/nope' },
      // mkdirSync(recursive) under /proc loops forever: this ends it so the test fails instead.
      timeout: 120_000,
    });
    assert.equal(result.signal, null, 'the program ended by itself');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /reports fact 42 about the harbour/);
    assert.equal(result.stderr, 'crosscheck: cache folder /proc/nope/crosscheck cannot be created (no such folder, and none can be made there); running without a cache\n');
  });
});

/** A child that writes a 256 MB entry in the background and is stopped mid-write as `how` says. */
const MID_WRITE_CHILD = `
import { readdirSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { writeEntryInBackground } from './src/core/cacheWrite.ts';
const [folder, how] = process.argv.slice(-2);
if (how === 'SIGHUP-with-workbench') {
  // The workbench's own SIGHUP handler removes every listener and raises the signal again.
  process.on('SIGHUP', () => { process.removeAllListeners('SIGHUP'); process.kill(process.pid, 'SIGHUP'); });
}
writeEntryInBackground(folder, '0123456789abcdef0123456789abcdef.bin', [Buffer.alloc(256 * 1024 * 1024, 1)]).catch(() => {});
while (!readdirSync(folder).some((name) => name.endsWith('.tmp'))) await nextTurn();
if (how === 'exit') process.exit(3);
else if (how === 'throw') throw new Error('a crash mid-write');
else process.kill(process.pid, how.startsWith('SIGHUP') ? 'SIGHUP' : how);
await new Promise((resolve) => setTimeout(resolve, 60_000));
`;

describe('no leaks (issue 15, case 13)', () => {
  for (const how of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR2', 'SIGXCPU', 'SIGHUP-with-workbench', 'exit', 'throw']) {
    it(`a program stopped mid-write (${how}) removes its temporary file`, async () => {
      const cache = freshCacheHome();
      try {
        mkdirSync(cache.folder, { recursive: true, mode: 0o700 });
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', MID_WRITE_CHILD, cache.folder, how], {
          cwd: PROJECT_ROOT,
          env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.test.json' },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (...ended) => resolve(ended)));
        if (how.startsWith('SIG')) assert.equal(signal, how.replace('-with-workbench', ''), stderr);
        else assert.notEqual(code, 0, stderr);
        assert.deepEqual(readdirSync(cache.folder), [], 'no temporary file, no half-written entry');
      } finally {
        cache.cleanup();
      }
    });
  }

  it('temporary files of killed writers (kill -9) or over an hour old are swept at the next start; a live writer keeps its own', async () => {
    const cache = freshCacheHome();
    const corpus = temporaryCorpus(largeCorpusFiles('Sweep'));
    try {
      mkdirSync(cache.folder, { recursive: true, mode: 0o700 });
      const name = '0123456789abcdef0123456789abcdef.bin';
      // A pid above Linux's largest possible one: no such process.
      const dead = path.join(cache.folder, `${name}.99999999.00000000.tmp`);
      const oldLive = path.join(cache.folder, `${name}.1.00000001.tmp`);
      const live = path.join(cache.folder, `${name}.1.00000002.tmp`);
      const foreign = path.join(cache.folder, 'notes.txt');
      for (const file of [dead, oldLive, live, foreign]) writeFileSync(file, 'x'.repeat(1000), { mode: 0o600 });
      const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
      utimesSync(oldLive, twoHoursAgo, twoHoursAgo);
      await loadIndexedCorpus(corpus.root, options(cache.env));
      const left = readdirSync(cache.folder);
      assert.ok(!left.includes(path.basename(dead)));
      assert.ok(!left.includes(path.basename(oldLive)));
      assert.ok(left.includes(path.basename(live)));
      assert.ok(left.includes('notes.txt'));
      assert.equal(sweepStaleTemporaries(cache.folder), 0);
    } finally {
      corpus.cleanup();
      cache.cleanup();
    }
  });

  it('keeps only the newest entry of each corpus: three edits leave one file, not four', async () => {
    const cache = freshCacheHome();
    const corpus = temporaryCorpus(largeCorpusFiles('Edited'));
    try {
      await cachedFile(corpus.root, cache.env);
      for (let edit = 1; edit <= 3; edit++) {
        writeFileSync(path.join(corpus.root, 'story2', 'a2.txt'), `Harbour report\n\nEdit number ${edit} of the article.\n`);
        assert.equal((await loadIndexedCorpus(corpus.root, options(cache.env))).cache, 'written');
      }
      const entries = readdirSync(cache.folder);
      assert.equal(entries.length, 1, entries.join(', '));
      const reloaded = await loadIndexedCorpus(corpus.root, options(cache.env));
      assert.equal(reloaded.cache, 'hit');
      assert.match(texts(reloaded.corpus.passages), /Edit number 3 of the article/);
    } finally {
      corpus.cleanup();
      cache.cleanup();
    }
  });

  it('holds the folder under CROSSCHECK_CACHE_MAX_BYTES, dropping the least recently used corpus', async () => {
    const cache = freshCacheHome();
    const first = temporaryCorpus(largeCorpusFiles('First'));
    const second = temporaryCorpus(largeCorpusFiles('Second'));
    try {
      const firstFile = await cachedFile(first.root, cache.env);
      const roomForOne = String(Math.floor(statSync(firstFile).size * 1.5));
      const capped = { ...cache.env, CROSSCHECK_CACHE_MAX_BYTES: roomForOne };
      assert.equal((await loadIndexedCorpus(second.root, options(capped))).cache, 'written');
      const entries = listEntries(cache.folder);
      assert.deepEqual(entries.map((entry) => entry.header?.root), [second.root]);
      assert.equal((await loadIndexedCorpus(first.root, options({ ...cache.env, CROSSCHECK_CACHE_MAX_BYTES: '0' }))).cache, 'skipped', '0 turns the cache off');
      const tooSmall = await loadIndexedCorpus(first.root, options({ ...cache.env, CROSSCHECK_CACHE_MAX_BYTES: '10K' }));
      assert.equal(tooSmall.cache, 'unavailable');
      assert.match(tooSmall.notes.join('\n'), /would pass the cache's size cap of 10240 bytes \(CROSSCHECK_CACHE_MAX_BYTES\); not written/);
      assert.deepEqual(listEntries(cache.folder).map((entry) => entry.header?.root), [second.root], 'nothing written, nothing lost');
    } finally {
      first.cleanup();
      second.cleanup();
      cache.cleanup();
    }
  });
});

describe('crosscheck cache --list and --clear', () => {
  it('lists each entry with its corpus, size and age, and clears only crosscheck files', async () => {
    const cache = freshCacheHome();
    const corpus = temporaryCorpus(largeCorpusFiles('Listed'));
    try {
      assert.equal(runCli(['cache', '--list'], cache.env).status, 1, 'an empty cache: nothing found');
      const file = await cachedFile(corpus.root, cache.env);
      writeFileSync(path.join(cache.folder, 'notes.txt'), 'not ours');
      const listed = runCli(['cache', '--list'], cache.env);
      assert.equal(listed.status, 0, listed.stderr);
      const lines = listed.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 2, listed.stdout);
      assert.match(lines[0]!, new RegExp(`^ +\\d+(\\.\\d)? (KB|MB)  just now +${corpus.root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      assert.match(lines[1]!, /^1 entry, .* of 1\.00 GB in /);
      const json = JSON.parse(runCli(['cache', '--json'], cache.env).stdout) as { entries: Array<{ corpus: string; bytes: number; file: string }> };
      assert.deepEqual(json.entries.map((entry) => [entry.corpus, entry.bytes, entry.file]), [[corpus.root, statSync(file).size, file]]);
      const cleared = runCli(['cache', '--clear'], cache.env);
      assert.equal(cleared.status, 0, cleared.stderr);
      assert.match(cleared.stdout, /^removed 1 cache file\(s\), /);
      assert.deepEqual(readdirSync(cache.folder), ['notes.txt']);
      assert.match(runCli(['cache', '--help']).stdout, /--clear +remove crosscheck's cache files/);
      assert.equal(runCli(['cache', '--list', '--clear'], cache.env).status, 2);
    } finally {
      corpus.cleanup();
      cache.cleanup();
    }
  });
});
