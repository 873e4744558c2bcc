import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { runCli } from '../helpers/cli.js';
import { BIN, temporaryCorpus } from '../helpers/corpus.js';

const records = [
  { id: 'fox-1', outlet: 'Fox News', date: '2017-11-11', story: 'tax', title: 'Senate passes tax bill', url: 'https://fox.example/1', text: 'The Senate passed the tax bill on Saturday.\n\n"This is a historic day," the leader said.' },
  { id: 'nyt-1', outlet: 'The New York Times', date: '2017-11-10', story: 'tax', title: 'Tax bill passes', text: 'The Senate narrowly passed the tax bill late on Friday.\n\n"This is a historic day," the leader said.' },
  { id: 'fox-2', outlet: 'Fox News', date: '2018-01-05', story: 'storm', title: 'Storm hits coast', text: 'A winter storm hit the coast on Thursday, closing schools.' },
];
const JSONL = records.map((record) => JSON.stringify(record)).join('\n') + '\n';

/** Runs the program with its working folder at `cwd`, its cache in a temp folder. */
function runIn(cwd: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', XDG_CACHE_HOME: path.join(cwd, '.cache-for-test') }, stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('--format and citations', () => {
  let folder: { root: string; cleanup(): void };
  before(() => {
    folder = temporaryCorpus({ 'news/articles.jsonl': JSONL });
  });
  after(() => folder.cleanup());
  const corpusArgs = (): string[] => ['--corpus', 'news'];

  it('plain search cites PATH#RECORD:LINE relative to the working folder, with the outlet label', () => {
    const result = runIn(folder.root, ['search', 'tax bill', ...corpusArgs()]);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 2);
    assert.ok(lines.some((line) => line.startsWith('news/articles.jsonl#1:1: [Fox News 2017-11-11] The Senate passed the tax bill')), result.stdout);
    assert.ok(lines.some((line) => line.startsWith('news/articles.jsonl#2:1: [The New York Times] ')), result.stdout);
  });

  it('--json carries path, record, label, outlet, title, date and url', () => {
    const result = runIn(folder.root, ['search', 'winter storm', '--json', ...corpusArgs()]);
    const json = JSON.parse(result.stdout) as { results: Array<Record<string, unknown>> };
    assert.ok(json.results.length > 0);
    assert.deepEqual(
      { ...json.results[0], score: undefined, matches: undefined, text: undefined },
      { source: 'fox-2', label: 'Fox News 2018-01-05', outlet: 'Fox News', title: 'Storm hits coast', date: '2018-01-05', url: null, path: 'news/articles.jsonl', record: 3, story: 'storm', line: 1, paragraph: 1, sentence: 1, titleOnly: false, score: undefined, matches: undefined, text: undefined },
    );
  });

  it('jsonl and csv parse back to the same results as json', () => {
    const json = (JSON.parse(runIn(folder.root, ['search', 'tax bill', '--format', 'json', ...corpusArgs()]).stdout) as { results: Array<Record<string, unknown>> }).results;
    const jsonl = runIn(folder.root, ['search', 'tax bill', '--format', 'jsonl', ...corpusArgs()]).stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const csv = parse<Record<string, string>>(runIn(folder.root, ['search', 'tax bill', '--format', 'csv', ...corpusArgs()]).stdout, { columns: true });
    assert.ok(json.length >= 2);
    assert.equal(jsonl.length, json.length);
    assert.equal(csv.length, json.length);
    json.forEach((result, index) => {
      assert.equal(jsonl[index]!.text, result.text);
      assert.equal(jsonl[index]!.path, result.path);
      assert.equal(csv[index]!.text, result.text);
      assert.equal(csv[index]!.label, result.label);
      assert.equal(Number(csv[index]!.record), result.record);
      assert.equal(Number(csv[index]!.line), result.line);
    });
  });

  it('quickfix lines are path:line:col: text, pointing at the record line of the file', () => {
    const result = runIn(folder.root, ['search', 'tax bill', '--format', 'quickfix', ...corpusArgs()]);
    const lines = result.stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 2);
    for (const line of lines) {
      const match = /^([^:]+):(\d+):(\d+): (.+)$/.exec(line);
      assert.ok(match, line);
      assert.equal(match[1], 'news/articles.jsonl');
      assert.ok(['1', '2'].includes(match[2]!));
    }
  });

  it('markdown is a table with a header row and one row a result', () => {
    const lines = runIn(folder.root, ['search', 'tax bill', '--format', 'markdown', ...corpusArgs()]).stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 4);
    assert.match(lines[0]!, /^\| source \| label \|/);
    assert.match(lines[1]!, /^\|---\|/);
    const columns = lines[0]!.split(' | ').length;
    for (const line of lines.slice(2)) assert.equal(line.replace(/\\\|/g, '').split(' | ').length, columns, line);
  });

  it('an unknown format, or --json against another format, is a usage error (exit 2)', () => {
    for (const args of [['search', 'tax', '--format', 'xml'], ['search', 'tax', '--json', '--format', 'csv']]) {
      const result = runIn(folder.root, [...args, ...corpusArgs()]);
      assert.equal(result.status, 2, result.stderr);
      assert.equal(result.stderr.trim().split('\n').length, 1);
    }
  });

  it('stories lists each story with its name and days; --story narrows search and quotes', () => {
    const stories = JSON.parse(runIn(folder.root, ['stories', '--json', ...corpusArgs()]).stdout) as { stories: Array<{ id: string; name: string; first: string; last: string; sources: Array<{ label: string }> }> };
    assert.deepEqual(
      stories.stories.map((story) => [story.id, story.name, story.first, story.last, story.sources.map((source) => source.label)]),
      [
        ['storm', 'Storm hits coast', '2018-01-05', '2018-01-05', ['Fox News 2018-01-05']],
        ['tax', 'Tax bill passes', '2017-11-10', '2017-11-11', ['The New York Times', 'Fox News 2017-11-11']],
      ],
    );
    const onlyStorm = JSON.parse(runIn(folder.root, ['search', 'the', '--story', 'storm', '--json', ...corpusArgs()]).stdout) as { results: Array<{ story: string }> };
    assert.ok(onlyStorm.results.length > 0 && onlyStorm.results.every((result) => result.story === 'storm'));
    const quotes = JSON.parse(runIn(folder.root, ['quotes', '--story', 'tax', '--json', ...corpusArgs()]).stdout) as { quotes: Array<{ occurrences: Array<{ source: string; path: string; record: number }> }> };
    assert.ok(quotes.quotes.length > 0);
    assert.deepEqual(quotes.quotes[0]!.occurrences.map((occurrence) => [occurrence.path, occurrence.record]).sort(), [['news/articles.jsonl', 1], ['news/articles.jsonl', 2]]);
    const unknown = runIn(folder.root, ['search', 'the', '--story', 'nope', ...corpusArgs()]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no story "nope"/);
  });

  it('compare lists carrying sources by date and marks the earliest', () => {
    const result = runIn(folder.root, ['compare', 'The Senate passed the tax bill', '--story', 'tax', '--json', ...corpusArgs()]);
    const json = JSON.parse(result.stdout) as { sources: Array<{ source: string; carried: boolean; earliest: boolean; date: string }> };
    const carried = json.sources.filter((source) => source.carried);
    assert.deepEqual(carried.map((source) => [source.source, source.earliest]), [['nyt-1', true], ['fox-1', false]]);
    const plain = runIn(folder.root, ['compare', 'The Senate passed the tax bill', '--story', 'tax', ...corpusArgs()]).stdout;
    assert.match(plain, /news\/articles\.jsonl#2:1: \[The New York Times\] \d+% {2}[^\n]*earliest/);
  });

  it('a --fields mapping naming a missing field, and an unknown key, are usage errors; nothing is written into the corpus', () => {
    const missing = runIn(folder.root, ['search', 'tax', '--fields', 'text=body_text', ...corpusArgs()]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--fields text=body_text: no record/);
    const badKey = runIn(folder.root, ['search', 'tax', '--fields', 'words=text', ...corpusArgs()]);
    assert.equal(badKey.status, 2);
    assert.match(badKey.stderr, /unknown key "words"/);
    assert.deepEqual(readdirSync(path.join(folder.root, 'news')), ['articles.jsonl']);
  });
});

describe('paths with spaces, quotes and line breaks', () => {
  it('are cited exactly in JSON and CSV, and inertly in plain text', () => {
    const odd = 'odd "name" it\'s\nhere.txt';
    const root = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-odd-'));
    try {
      const folder = temporaryCorpus({ [`my folder/${odd}`]: 'A quiet day on the exchange.\n' });
      try {
        const json = JSON.parse(runCli(['search', 'exchange', '--json', '--corpus', path.join(folder.root, 'my folder')], { XDG_CACHE_HOME: root }).stdout) as { results: Array<{ path: string }> };
        assert.equal(json.results[0]!.path, path.join(folder.root, 'my folder', odd));
        const csv = parse<{ path: string }>(runCli(['search', 'exchange', '--format', 'csv', '--corpus', path.join(folder.root, 'my folder')], { XDG_CACHE_HOME: root }).stdout, { columns: true });
        assert.equal(csv[0]!.path, path.join(folder.root, 'my folder', odd));
        const plain = runCli(['search', 'exchange', '--corpus', path.join(folder.root, 'my folder')], { XDG_CACHE_HOME: root }).stdout;
        assert.equal(plain.split('\n').length, 2, 'one line: the newline in the name is shown as a marker');
        assert.ok(plain.startsWith(`${path.join(folder.root, 'my folder')}/odd "name" it's␊here.txt:1: `), plain);
      } finally {
        folder.cleanup();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

const BASIL = '/work/shared/corpora/basil/articles.jsonl';
describe('BASIL from articles.jsonl', () => {
  it('plain search names the outlets, not the hashes', { skip: !existsSync(BASIL) }, () => {
    const cache = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-cache-'));
    try {
      const result = runCli(['search', 'Steele Afghanistan', '--limit', '10', '--corpus', BASIL], { XDG_CACHE_HOME: cache });
      assert.equal(result.status, 0, result.stderr);
      const lines = result.stdout.trimEnd().split('\n');
      assert.ok(lines.length > 0);
      for (const line of lines) assert.match(line, /articles\.jsonl#\d+:\d+: \[(Fox News|The New York Times|HuffPost \(The Huffington Post\)) \d{4}-\d{2}-\d{2}\] /);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
