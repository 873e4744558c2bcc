/**
 * Hostile corpora: text that tries to drive the terminal, and files that are broken, huge, many,
 * missing, unreadable or looping. Each fixture is built here, in a temporary folder.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, rmSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadCorpus } from '../../src/core/load.js';
import { neutralize } from '../../src/core/sanitize.js';
import { runCli } from '../helpers/cli.js';
import { temporaryCorpus } from '../helpers/corpus.js';
import { folderSnapshot, HOSTILE_ARTICLE, TERMINAL_ACTIVE } from '../helpers/hostile.js';
import { nonEmpty } from '../helpers/assertions.js';



describe('terminal-active text in articles', () => {
  it('neutralize leaves nothing terminal-active and marks each such character visibly', () => {
    const safe = neutralize(HOSTILE_ARTICLE, { keepNewlines: true });
    assert.doesNotMatch(safe, TERMINAL_ACTIVE);
    assert.match(safe, /␛\[31mred␛\[0m/, 'the colour code shows as text');
    assert.match(safe, /␛\]52;c;ZWNobyBwd25lZA==␇/, 'the clipboard write shows as text');
    assert.match(safe, /⍰evil⍰/, 'bidi overrides show as markers');
    assert.match(safe, /Zero⍰width⍰join⍰ here/, 'zero-width characters show as markers');
    assert.match(safe, /Tags ⍰{6} hide text, fillers ⍰⍰ and annotations ⍰x⍰ too/, 'tag characters, fillers and annotations show as markers');
    const ascii = neutralize(HOSTILE_ARTICLE, { ascii: true });
    assert.doesNotMatch(ascii, TERMINAL_ACTIVE);
    assert.doesNotMatch(ascii, /\n/, 'single-line mode joins lines');
    assert.match(ascii, /\^\[\[31mred/, 'ASCII markers in caret notation');
  });

  it('plain search and sources output show markers, never the sequences', () => {
    const folder = temporaryCorpus({ 'hostile\u001b]0;title\u0007.txt': HOSTILE_ARTICLE, 'calm.txt': 'Officials said nothing.\n' });
    const before = folderSnapshot(folder.root);
    try {
      for (const args of [['search', 'Officials'], ['search', "'link"], ['search', "'Bidi"], ['search', "'Zero"], ['sources']]) {
        const result = runCli([...args, '--corpus', folder.root]);
        assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
        assert.doesNotMatch(result.stdout.replace(/\n/g, ''), TERMINAL_ACTIVE, `${args.join(' ')} printed a raw control character`);
        assert.doesNotMatch(result.stderr.replace(/\n/g, ''), TERMINAL_ACTIVE);
        assert.match(result.stdout, /␛/, `${args.join(' ')} shows the escape as a marker`);
      }
      assert.deepEqual(folderSnapshot(folder.root), before, 'nothing was written into the corpus folder');
    } finally {
      folder.cleanup();
    }
  });

  it('every command, plain and --json, keeps quoted hostile text inert', () => {
    const help = runCli(['--help']).stdout;
    const commands = (help.split(/\nCommands:\n/)[1]?.split(/\n\n/)[0] ?? '').split('\n').map((line) => line.trim().split(/\s+/)[0] ?? '').filter(Boolean);
    const folder = temporaryCorpus({
      'hostile.txt': HOSTILE_ARTICLE,
      'quoted.txt': 'Hua said: “Delete \u001b]52;c;cHduZWQ=\u0007 the \u202eaccounts\u202c now.” Hua added: “Twitter \u001b[2J\u009b5n must act.”\n',
      'copy.txt': 'Hua Chunying said: “Delete \u001b]52;c;cHduZWQ=\u0007 the \u202eaccounts\u202c now.”\n',
    });
    try {
      // `index` needs a database (--db): db-command.test.ts indexes hostile text and checks its output.
      for (const command of commands.filter((name) => name !== 'index')) {
        for (const json of [false, true]) {
          const options = [...(json ? ['--json'] : []), '--corpus', folder.root];
          // Commands that need an argument (search QUERY) get one word of the articles.
          let args = [command, ...options];
          let result = runCli(args);
          if (result.status === 2) result = runCli((args = [command, 'Hua', ...options]));
          assert.ok(result.status === 0 || result.status === 1, `${args.join(' ')}: exit ${result.status} ${result.stderr}`);
          assert.doesNotMatch(result.stdout.replace(/\n/g, ''), TERMINAL_ACTIVE, `${args.join(' ')} printed a raw control character`);
          if (json) JSON.parse(result.stdout);
        }
      }
    } finally {
      folder.cleanup();
    }
  });

  it('JSON output keeps the exact text, with every terminal-active character escaped', () => {
    const folder = temporaryCorpus({ 'hostile.txt': HOSTILE_ARTICLE });
    try {
      const result = runCli(['search', "'C1 | 'Bidi | 'Zero | 'clipboard | 'link | 'Tags", '--json', '--corpus', folder.root]);
      assert.equal(result.status, 0, result.stderr);
      assert.doesNotMatch(result.stdout.replace(/\n/g, ''), TERMINAL_ACTIVE, 'the JSON text itself is safe to print');
      const parsed = JSON.parse(result.stdout) as { results: Array<{ text: string }> };
      const texts = parsed.results.map((hit) => hit.text);
      for (const line of HOSTILE_ARTICLE.split('\n').slice(3, 9)) {
        assert.ok(texts.includes(line), `JSON lost the exact text of ${JSON.stringify(line)}`);
      }
    } finally {
      folder.cleanup();
    }
  });

  it('error messages and help never echo a control sequence from the command line', () => {
    const cases = [
      ['search', 'x', '--limit', '\u001b]0;pwned\u0007'],
      ['\u001b[2Jnonsense'],
      ['search', 'x', '--corpus', '/nonexistent/\u001b]52;c;eA==\u0007'],
      ['--help'],
      ['search', '--help'],
      ['sources', '--help'],
    ];
    for (const args of cases) {
      const result = runCli(args);
      assert.doesNotMatch(result.stdout.replace(/\n/g, ''), TERMINAL_ACTIVE, `${JSON.stringify(args)} stdout`);
      assert.doesNotMatch(result.stderr.replace(/\n/g, ''), TERMINAL_ACTIVE, `${JSON.stringify(args)} stderr`);
    }
    assert.match(runCli(['\u001b[2Jnonsense']).stderr, /␛\[2Jnonsense/);
  });
});

describe('broken, huge, many, missing and looping files', () => {
  it('skips each bad file with a clear reason while the rest loads, and writes nothing', async (t) => {
    const folder = temporaryCorpus({
      'good.txt': 'Twitter said it removed 170,000 accounts.\n',
      'latin1.txt': new Uint8Array([...Buffer.from('Caf'), 0xe9, 0x20, 0x81, 0x2e, 0x0a]),
      'utf16le.txt': new Uint8Array([0xff, 0xfe, ...Buffer.from('Hua said so.\n', 'utf16le')]),
      'utf16be.txt': new Uint8Array([0xfe, 0xff, ...Buffer.from('Hua said so.\n', 'utf16le').swap16()]),
      'nul.txt': new Uint8Array([...Buffer.from('text then'), 0x00, ...Buffer.from('binary')]),
      'empty.txt': '',
      'blank.md': ' \n\n\t\n',
      'unreadable.txt': 'secret',
      'vanishing.txt': 'Gone before it was read.\n',
      'turned-folder.txt': 'A file that becomes a folder.\n',
      'turned-pipe.txt': 'A file that becomes a named pipe, which must not hang the load.\n',
      'turned-unreadable.txt': 'A file that becomes unreadable.\n',
    });
    const root = folder.root;
    // Read first (sorted before the rest), so the loader's parallel reads have not reached the
    // files sabotaged below when the first read reports progress.
    for (let index = 0; index < FILLERS; index++) writeFileSync(path.join(root, `a-filler-${String(index).padStart(3, '0')}.txt`), `Filler ${index}.\n`);
    ftruncateAt(path.join(root, 'sparse-100mb.txt'), 100 * 1024 * 1024);
    symlinkSync('loop-b.txt', path.join(root, 'loop-a.txt'));
    symlinkSync('loop-a.txt', path.join(root, 'loop-b.txt'));
    mkdirSync(path.join(root, 'story'));
    writeFileSync(path.join(root, 'story', 'nested.txt'), 'A nested article.\n');
    symlinkSync('..', path.join(root, 'story', 'parent-loop'));
    symlinkSync('does-not-exist.txt', path.join(root, 'dangling.txt'));
    const unreadable = path.join(root, 'unreadable.txt');
    chmodSync(unreadable, 0o000);
    const runningAsRoot = process.getuid?.() === 0;
    if (runningAsRoot) {
      // root reads any mode-000 file.
      rmSync(unreadable);
      symlinkSync(UNREADABLE_EVEN_TO_ROOT, unreadable);
    }
    const before = folderSnapshot(root);
    const rssBefore = process.memoryUsage().rss;
    try {
      let sabotaged = false;
      const corpus = await loadCorpus(root, {
        // The first file read is done: the sabotaged ones, after the fillers in the listing, are not read yet.
        onProgress: () => {
          if (sabotaged) return;
          sabotaged = true;
          rmSync(path.join(root, 'vanishing.txt'));
          rmSync(path.join(root, 'turned-folder.txt'));
          mkdirSync(path.join(root, 'turned-folder.txt'));
          rmSync(path.join(root, 'turned-pipe.txt'));
          execFileSync('mkfifo', [path.join(root, 'turned-pipe.txt')]);
          rmSync(path.join(root, 'turned-unreadable.txt'));
          symlinkSync(UNREADABLE_EVEN_TO_ROOT, path.join(root, 'turned-unreadable.txt'));
        },
      });
      const rssGrowth = process.memoryUsage().rss - rssBefore;
      const loaded = corpus.documents.map((document) => document.source).filter((source) => !source.startsWith('a-filler-'));
      assert.equal(corpus.documents.length - loaded.length, FILLERS);
      assert.deepEqual(loaded, ['good', 'latin1', 'story/nested', 'utf16be', 'utf16le']);
      const reasons = new Map(corpus.warnings.map((warning) => [warning.file, `${warning.skipped ? 'skipped' : 'loaded'}: ${warning.reason}`]));
      const expected: Array<[string, RegExp]> = [
        ['latin1.txt', /^loaded: not valid UTF-8; read as Windows-1252/],
        ['utf16le.txt', /^loaded: decoded from UTF-16LE/],
        ['utf16be.txt', /^loaded: decoded from UTF-16BE/],
        ['nul.txt', /^skipped: binary file/],
        ['empty.txt', /^skipped: empty file/],
        ['blank.md', /^skipped: empty file/],
        ['sparse-100mb.txt', /^skipped: too large \(100\.0 MiB; the limit is 8 MiB\)/],
        ['loop-a.txt', /^skipped: symbolic link loop/],
        ['loop-b.txt', /^skipped: symbolic link loop/],
        ['story/parent-loop', /^skipped: folder already read \(by another path: a symbolic link\)/],
        ['dangling.txt', /^skipped: broken symbolic link/],
        ['vanishing.txt', /^skipped: disappeared before it could be read/],
        ['turned-folder.txt', /^skipped: is a folder, not a file/],
        ['turned-pipe.txt', /^skipped: not a regular file/],
        // A file listed as a file and swapped for a link before it is read: the link is not followed.
        ['turned-unreadable.txt', /^skipped: became a symbolic link after it was listed: not followed/],
        // root reads any mode-000 file, so it gets a link to a kernel file outside the corpus instead.
        ['unreadable.txt', runningAsRoot ? /^skipped: symbolic link to \/proc\/sys\/vm\/drop_caches, outside the corpus folder: not followed/ : /^skipped: permission denied/],
      ];
      for (const [file, reason] of expected) assert.match(reasons.get(file) ?? 'no warning', reason, file);
      assert.equal(corpus.warnings.length, expected.length, [...reasons].join('\n'));
      t.diagnostic(`${expected.length} bad files reported, ${loaded.length} loaded besides the fillers`);
      assert.equal(corpus.documents.find((document) => document.source === 'latin1')?.text, 'Café \uFFFD.\n');
      assert.equal(corpus.documents.find((document) => document.source === 'utf16be')?.text, 'Hua said so.\n');
      assert.ok(rssGrowth < 64 * 1024 * 1024, `the 100 MB file was skipped unread (RSS grew ${rssGrowth} bytes)`);
      // The sabotage changed four files; everything else is as it was.
      const untouched = (entries: string[]): string[] => entries.filter((entry) => !/^(vanishing|turned-folder|turned-pipe|turned-unreadable)\.txt /.test(entry));
      assert.deepEqual(untouched(folderSnapshot(root)), untouched(before));
    } finally {
      if (!runningAsRoot) chmodSync(unreadable, 0o600);
      folder.cleanup();
    }

  });

  it('loads a single 5 MB line with bounded memory, every passage at its place', async () => {
    const sentence = 'The ministry said 2.6 million “fake” accounts were removed on Jan. 5 by Twitter Inc. in the U.S. ';
    const line = sentence.repeat(Math.ceil((5 * 1024 * 1024) / sentence.length));
    const folder = temporaryCorpus({ 'one-line.txt': line, 'small.txt': 'A small article.\n' });
    const rssBefore = process.memoryUsage().rss;
    try {
      const corpus = await loadCorpus(folder.root);
      const document = corpus.documents.find((candidate) => candidate.source === 'one-line');
      assert.ok(document, 'the long line loaded');
      assert.equal(document.lines, 1);
      const passages = corpus.passages.filter((passage) => passage.source === 'one-line');
      assert.ok(passages.length > 50_000, `${passages.length} passages`);
      assert.ok(nonEmpty(passages).every((passage) => passage.line === 1 && document.text.slice(passage.start, passage.end) === passage.text));
      const rssGrowth = process.memoryUsage().rss - rssBefore;
      assert.ok(rssGrowth < 1024 * 1024 * 1024, `RSS grew ${rssGrowth} bytes for a 5 MB file`);
    } finally {
      folder.cleanup();
    }
  });

  it('loads 20,000 small files', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 20_000; index++) {
      files[`wire/${String(index).padStart(5, '0')}.txt`] = `Report ${index} said the count was ${index * 7}.\n`;
    }
    const folder = temporaryCorpus(files);
    try {
      const corpus = await loadCorpus(folder.root);
      assert.equal(corpus.documents.length, 20_000);
      assert.equal(corpus.passages.length, 20_000);
      assert.deepEqual(corpus.warnings, []);
      assert.equal(corpus.passages[19_999]?.text, 'Report 19999 said the count was 139993.');
    } finally {
      folder.cleanup();
    }
  });

  it('takes a file where a folder is expected, and reports a folder where a file is expected', async () => {
    const folder = temporaryCorpus({ 'article.txt': 'One article given as the corpus.\n', 'notes.txt/inner.txt': 'Inside a folder named like a file.\n' });
    try {
      const single = await loadCorpus(path.join(folder.root, 'article.txt'));
      assert.deepEqual(single.documents.map((document) => document.source), ['article']);
      const whole = await loadCorpus(folder.root);
      assert.deepEqual(whole.documents.map((document) => document.source), ['article', 'notes.txt/inner']);
      const viaCli = runCli(['search', "'inside", '--corpus', path.join(folder.root, 'notes.txt', 'inner.txt')]);
      assert.equal(viaCli.status, 0, viaCli.stderr);
      const notAFolder = runCli(['search', 'x', '--corpus', path.join(folder.root, 'article.txt', 'sub')]);
      assert.equal(notAFolder.status, 2);
      assert.match(notAFolder.stderr, /^crosscheck: corpus .*: (not found|not a folder)/);
      assert.equal(notAFolder.stderr.trim().split('\n').length, 1, 'one line, no stack trace');
    } finally {
      folder.cleanup();
    }
  });
});

const FILLERS = 200;
/** A kernel file that refuses reads even to root, who reads any mode-000 file. */
const UNREADABLE_EVEN_TO_ROOT = '/proc/sys/vm/drop_caches';

/** A sparse file of `size` bytes: no disk blocks, no time spent writing. */
function ftruncateAt(file: string, size: number): void {
  const descriptor = openSync(file, 'w');
  try {
    ftruncateSync(descriptor, size);
  } finally {
    closeSync(descriptor);
  }
}
