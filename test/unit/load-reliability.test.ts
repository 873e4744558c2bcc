/**
 * Loading that holds up against what scrapers and file systems produce: real Windows-1252, names
 * that are not UTF-8, files whose size lies, pipes and devices, links out of the corpus, deep or
 * looping folders. Work is bounded by counters (system calls made), never by the clock.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { decodeBytes, decodeWindows1252 } from '../../src/core/decode.js';
import { CorpusError, listCorpusFiles, loadCorpus } from '../../src/core/load.js';
import { readBounded } from '../../src/core/readFile.js';
import { MAX_DEPTH, displayFileName, walkCorpus } from '../../src/core/walk.js';
import type { LoadWarning } from '../../src/core/types.js';
import { runCli } from '../helpers/cli.js';
import { temporaryCorpus } from '../helpers/corpus.js';

/** Windows-1252's 0x80-0x9F as its code page table defines them (null: undefined there). */
const WINDOWS_1252_HIGH: ReadonlyArray<number | null> = [
  0x20ac, null, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, null, 0x017d, null,
  null, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, null, 0x017e, 0x0178,
];

describe('Windows-1252 (issue 15, case 4)', () => {
  for (const [offset, expected] of WINDOWS_1252_HIGH.entries()) {
    const byte = 0x80 + offset;
    const hex = `0x${byte.toString(16).toUpperCase()}`;
    const shown = expected === null ? 'U+FFFD (undefined in Windows-1252)' : `U+${expected.toString(16).toUpperCase().padStart(4, '0')}`;
    it(`${hex} becomes ${shown}`, () => {
      // "x" + byte + newline: never valid UTF-8, so the file is read as Windows-1252.
      const result = decodeBytes(new Uint8Array([0x78, byte, 0x0a]));
      assert.ok(result.ok);
      assert.equal(result.text.codePointAt(1), expected ?? 0xfffd);
      assert.match(result.warnings[0] ?? '', /^not valid UTF-8; read as Windows-1252/);
      if (expected === null) assert.match(result.warnings[0] ?? '', /1 byte\(s\) it leaves undefined shown as U\+FFFD/);
      else assert.doesNotMatch(result.warnings[0] ?? '', /undefined/);
    });
  }

  it('keeps Latin-1 letters (0xA0-0xFF) as Latin-1 and counts the undefined bytes', () => {
    const decoded = decodeWindows1252(new Uint8Array([0xe9, 0xfc, 0x81, 0x9d, 0xa3]));
    assert.equal(decoded.text, 'éü\uFFFD\uFFFD£');
    assert.equal(decoded.undefinedBytes, 2);
  });

  it('finds a quotation in a Windows-1252 file, with curly quotes in plain and JSON output', () => {
    const cp1252 = (text: string): Uint8Array =>
      new Uint8Array([...text].map((char) => ({ '“': 0x93, '”': 0x94, '’': 0x92, '—': 0x97, '…': 0x85, '€': 0x80 })[char] ?? char.charCodeAt(0)));
    const folder = temporaryCorpus({
      'wire.txt': cp1252('Hua Chunying said: “This is the biggest victim of false information” — a €5 claim…\n'),
      'paper.txt': 'Hua Chunying said: “This is the biggest victim of false information.”\n',
    });
    try {
      const env = { XDG_CACHE_HOME: `${folder.root}-cache`, HOME: `${folder.root}-cache` };
      const plain = runCli(['quotes', 'biggest victim', '--corpus', folder.root], env);
      assert.equal(plain.status, 0, plain.stderr);
      assert.match(plain.stdout, /\(2 sources\)/);
      assert.match(plain.stdout, /wire\.txt:1/);
      const json = runCli(['sources', '--json', '--corpus', folder.root], env);
      assert.match(json.stdout, /“This is the biggest victim of false information” — a €5 claim…/);
      assert.doesNotMatch(json.stdout, /\\u009[0-9a-f]|\\u008[0-9a-f]/i, 'no C1 control stands in for punctuation');
    } finally {
      folder.cleanup();
      rmSync(`${folder.root}-cache`, { recursive: true, force: true });
    }
  });
});

describe('file names that are not UTF-8 (issue 15, case 5)', () => {
  it('writes each byte outside a valid UTF-8 sequence as a visible \\xFF, keeping valid characters', () => {
    assert.equal(displayFileName(Buffer.from('plain.txt')), 'plain.txt');
    assert.equal(displayFileName(Buffer.from([0x62, 0x61, 0x64, 0xff, 0x2e, 0x74, 0x78, 0x74])), 'bad\\xFF.txt');
    assert.equal(displayFileName(Buffer.from([0x63, 0xc3, 0xa9, 0xfe, 0xe2, 0x80, 0x9c, 0xe2, 0x80])), 'cé\\xFE“\\xE2\\x80');
  });

  it('loads bad\\xff, bad\\xfe and a real bad\\uFFFD once each, under distinct stable ids', async () => {
    const folder = temporaryCorpus({});
    try {
      const root = Buffer.from(folder.root);
      const write = (name: number[], text: string): void => writeFileSync(Buffer.concat([root, Buffer.from('/'), Buffer.from(name)]), text);
      const bad = [0x62, 0x61, 0x64];
      const txt = [0x2e, 0x74, 0x78, 0x74];
      write([...bad, 0xff, ...txt], 'The ff file said one thing.\n');
      write([...bad, 0xfe, ...txt], 'The fe file said another.\n');
      write([...bad, 0xef, 0xbf, 0xbd, ...txt], 'The replacement file said a third.\n');
      const first = await loadCorpus(folder.root);
      const ids = first.documents.map((document) => [document.source, document.text]);
      assert.deepEqual(ids, [
        ['bad\uFFFD', 'The replacement file said a third.\n'],
        ['bad\\xFE', 'The fe file said another.\n'],
        ['bad\\xFF', 'The ff file said one thing.\n'],
      ]);
      assert.deepEqual(first.warnings, []);
      const second = await loadCorpus(folder.root);
      assert.deepEqual(second.documents.map((document) => document.source), ids.map(([id]) => id), 'the same ids on every load');
      // The index cache stats what listCorpusFiles returns: each must name its own file.
      const listed = await listCorpusFiles(folder.root);
      assert.equal(listed.length, 3);
      assert.deepEqual(listed.map((file) => statSync(file).size).sort(), [26, 28, 35]);
    } finally {
      folder.cleanup();
    }
  });

  it('never gives two documents the same id, even where an escaped name meets a real one', async () => {
    const folder = temporaryCorpus({ 'bad\\xFF.md': 'A literal backslash name, md.\n', 'bad\\xFF.txt': 'A literal backslash name, txt.\n' });
    try {
      writeFileSync(Buffer.concat([Buffer.from(`${folder.root}/bad`), Buffer.from([0xff]), Buffer.from('.txt')]), 'The real 0xFF name.\n');
      const corpus = await loadCorpus(folder.root);
      const ids = corpus.documents.map((document) => document.source);
      assert.equal(ids.length, 3);
      assert.equal(new Set(ids).size, 3, ids.join(', '));
      assert.deepEqual(ids, ['bad\\xFF', 'bad\\xFF.txt', 'bad\\xFF.txt~2']);
      assert.equal(corpus.documents[2]?.text, 'The real 0xFF name.\n');
      assert.ok(corpus.warnings.some((warning) => /cited as bad\\xFF\.txt~2/.test(warning.reason)));
    } finally {
      folder.cleanup();
    }
  });
});

describe('reads bounded by what is read (issue 15, case 7)', () => {
  const procfs = existsSync('/proc/self/maps');

  it('skips a file that reports size 0 but holds more than the limit (/proc/self/maps)', { skip: !procfs }, async () => {
    await assert.rejects(
      loadCorpus('/proc/self/maps', { maxFileBytes: 256 }),
      (error: unknown) => error instanceof CorpusError && /too large \(over .* read, though the file system reports 0 bytes/.test(error.message),
    );
  });

  it('stops reading /proc/self/pagemap (size 0, practically endless) at the limit', { skip: !existsSync('/proc/self/pagemap') }, () => {
    const outcome = readBounded('/proc/self/pagemap', 1024 * 1024);
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && /too large/.test(outcome.reason));
  });

  it('reads a named pipe or a device never: skipped with a reason, without waiting', async () => {
    const folder = temporaryCorpus({ 'real.txt': 'A real article said so.\n' });
    try {
      const fifo = path.join(folder.root, 'pipe.txt');
      execFileSync('mkfifo', [fifo]);
      symlinkSync('/dev/zero', path.join(folder.root, 'zero.txt'));
      const outcome = readBounded(fifo, 1024);
      assert.deepEqual(outcome, { ok: false, reason: 'not a regular file' });
      const corpus = await loadCorpus(folder.root);
      assert.deepEqual(corpus.documents.map((document) => document.source), ['real']);
      assert.equal(corpus.ignoredFiles, 1, 'the pipe is not an article');
      assert.match(corpus.warnings.find((warning) => warning.file === 'zero.txt')?.reason ?? '', /outside the corpus folder: not followed/);
      for (const root of [fifo, '/dev/zero']) {
        await assert.rejects(loadCorpus(root), (error: unknown) => error instanceof CorpusError && /not a folder or a regular file/.test(error.message));
      }
    } finally {
      folder.cleanup();
    }
  });
});

/** A chain of `levels` folders named d/d/d/..., an article at the top and one at the bottom. */
function nestedCorpus(levels: number): { root: string; cleanup(): void } {
  const folder = temporaryCorpus({ 'top.txt': 'The top article said so.\n' });
  const bottom = path.join(folder.root, ...Array.from({ length: levels }, () => 'd'));
  mkdirSync(bottom, { recursive: true });
  writeFileSync(path.join(bottom, 'bottom.txt'), 'The bottom article said so.\n');
  return folder;
}

describe('walking folders (issue 15, case 11)', () => {
  it('stops 1,000 nested folders at the depth limit with a clear warning, in work linear in what it read', async () => {
    const folder = nestedCorpus(1000);
    try {
      const warnings: LoadWarning[] = [];
      const walk = await walkCorpus(folder.root, warnings);
      assert.deepEqual(walk.files.map((file) => file.relative), ['top.txt']);
      assert.deepEqual(walk.capsHit, [`folders nested more than ${MAX_DEPTH} levels deep were not read`]);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!.reason, /nested more than 64 levels deep: not read/);
      assert.equal(walk.counts.readdirs, MAX_DEPTH + 1);
      assert.ok(walk.counts.stats <= MAX_DEPTH + 2, `${walk.counts.stats} stat calls`);
      assert.equal(walk.counts.realpaths, 1, 'the root alone is resolved, not every level');
    } finally {
      folder.cleanup();
    }
  });

  it('walks 1,000 levels when allowed, with one stat and one readdir a level', async () => {
    const folder = nestedCorpus(1000);
    try {
      const walk = await walkCorpus(folder.root, [], { maxDepth: 2000 });
      assert.deepEqual(walk.files.map((file) => file.relative.split('/').length), [1001, 1]);
      assert.equal(walk.counts.readdirs, 1001);
      assert.ok(walk.counts.stats <= 1002, `${walk.counts.stats} stat calls`);
      assert.equal(walk.counts.realpaths, 1);
    } finally {
      folder.cleanup();
    }
  });

  it('does not follow links to / or /proc/self out of the corpus folder; follows one inside it once', async () => {
    const folder = temporaryCorpus({ 'story/article.txt': 'An article in a story said so.\n' });
    try {
      symlinkSync('/', path.join(folder.root, 'root'));
      symlinkSync('/proc/self', path.join(folder.root, 'self'));
      symlinkSync('story', path.join(folder.root, 'alias'));
      symlinkSync('..', path.join(folder.root, 'story', 'up'));
      const warnings: LoadWarning[] = [];
      const walk = await walkCorpus(folder.root, warnings);
      assert.deepEqual(walk.files.map((file) => file.relative), ['story/article.txt'], 'cited by its real path, once');
      assert.equal(walk.linksOutside, 2);
      const reasons = Object.fromEntries(warnings.map((warning) => [warning.file, warning.reason]));
      assert.match(reasons.root ?? '', /^symbolic link to \/, outside the corpus folder: not followed$/);
      assert.match(reasons.self ?? '', /^symbolic link to \/proc\/\d+, outside the corpus folder: not followed$/);
      assert.match(reasons.alias ?? '', /^folder already read \(by another path: a symbolic link\)$/);
      assert.match(reasons['story/up'] ?? '', /^folder already read/, 'a link back up is caught');
      assert.ok(walk.counts.entries <= 6, `${walk.counts.entries} entries`);
    } finally {
      folder.cleanup();
    }
  });

  it('--corpus /proc/self ends at once with a clear message, without walking the file system', { skip: !existsSync('/proc/self/root') }, async () => {
    const walk = await walkCorpus('/proc/self', []);
    assert.ok(walk.linksOutside > 0);
    assert.ok(walk.counts.entries < 20_000, `${walk.counts.entries} entries`);
    const home = temporaryCorpus({});
    const result = runCli(['sources', '--corpus', '/proc/self'], { XDG_CACHE_HOME: home.root, HOME: home.root });
    home.cleanup();
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^crosscheck: corpus \/proc\/self: no article files in this folder \([^)]*\); \d+ symbolic link\(s\) leading outside it were not followed\n$/);
  });

  it('stops at the entry limit and says so', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 30; index++) files[`a${String(index).padStart(2, '0')}.txt`] = `Article ${index} said so.\n`;
    const folder = temporaryCorpus(files);
    try {
      const corpus = await loadCorpus(folder.root, { maxEntries: 10 });
      assert.equal(corpus.documents.length, 10);
      assert.deepEqual(corpus.warnings.map((warning) => warning.reason), ['stopped after 10 entries: the rest of the folder was not read']);
    } finally {
      folder.cleanup();
    }
  });
});
