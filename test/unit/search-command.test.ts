import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { BUNDLED_CORPUS, temporaryCorpus } from '../helpers/corpus.js';

interface SearchJson {
  query: string;
  results: Array<{ source: string; line: number; paragraph: number; sentence: number; text: string; score: number; matches: Array<[number, number]> }>;
}

describe('crosscheck search', () => {
  it('prints PATH:LINE: passage, one hit a line, and exits 0', () => {
    const result = runCli(['search', "'23,750", '--limit', '2']);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    for (const line of lines) assert.match(line, /^corpus\/\d{3}_[0-9a-f]{16}\.txt:\d+: .*23,750/);
  });

  it('answers --json with sources, lines, scores and match ranges', () => {
    const result = runCli(['search', 'biggest victim', '--json']);
    assert.equal(result.status, 0, result.stderr);
    const json = JSON.parse(result.stdout) as SearchJson;
    assert.equal(json.query, 'biggest victim');
    assert.ok(json.results.length >= 3);
    const first = json.results[0]!;
    assert.ok(first.line >= 1 && first.paragraph >= 1 && first.sentence >= 1);
    assert.ok(first.score >= 0 && first.score <= 1);
    assert.ok(first.matches.some(([start, end]) => first.text.slice(start, end).toLowerCase() === 'biggest'));
  });

  it('limits to --source and rejects an unknown one with exit 2', () => {
    const only = runCli(['search', 'Twitter', '--source', '003_6631a8e0a366c5c7', '--json']);
    const json = JSON.parse(only.stdout) as SearchJson;
    assert.ok(json.results.length > 0 && json.results.every((hit) => hit.source === '003_6631a8e0a366c5c7'));
    const unknown = runCli(['search', 'Twitter', '--source', 'nope']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no source nope/);
  });

  it('exits 1 when nothing matches and 2 on usage or corpus errors, one line, no stack trace', () => {
    assert.equal(runCli(['search', 'zzzqqqxxx']).status, 1);
    for (const args of [['search'], ['search', 'x', '--bogus'], ['search', 'x', '--limit', 'ten'], ['search', 'x', '--corpus', '/nonexistent'], ['frobnicate']]) {
      const result = runCli(args);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.doesNotMatch(result.stderr, /at .*\.js:\d+/);
    }
  });

  it('takes the corpus from --corpus (before or after the command) and from CROSSCHECK_CORPUS', () => {
    const folder = temporaryCorpus({ 'wire.txt': 'Reuters reported a quiet day on the exchange.' });
    try {
      assert.match(runCli(['--corpus', folder.root, 'search', 'exchange']).stdout, /^\/.*\/wire\.txt:1: /);
      assert.match(runCli(['search', 'exchange', '--corpus', folder.root]).stdout, /^\/.*\/wire\.txt:1: /);
      assert.match(runCli(['search', 'exchange'], { CROSSCHECK_CORPUS: folder.root }).stdout, /^\/.*\/wire\.txt:1: /);
    } finally {
      folder.cleanup();
    }
  });

  it('neutralises escape sequences in plain output but keeps them exact in JSON', () => {
    const folder = temporaryCorpus({ 'evil.txt': 'Breaking \u001b]52;c;ZXZpbA==\u0007 news \u001b[31mred\u001b[0m here.' });
    try {
      const plain = runCli(['search', 'Breaking', '--corpus', folder.root]);
      assert.doesNotMatch(plain.stdout, /\u001b|\u0007/);
      assert.match(plain.stdout, /␛\]52;c;ZXZpbA==␇/);
      const json = JSON.parse(runCli(['search', 'Breaking', '--corpus', folder.root, '--json']).stdout) as SearchJson;
      assert.match(json.results[0]!.text, /\u001b\]52/);
    } finally {
      folder.cleanup();
    }
  });
});

describe('crosscheck sources', () => {
  it('lists every source with title and counts, as text and JSON', () => {
    const plain = runCli(['sources']);
    assert.equal(plain.status, 0);
    assert.match(plain.stdout, /^004_b0ee60363008b165 {2}31 lines, \d+ passages, 414 words$/m);
    assert.match(plain.stdout, /5 sources, \d+ passages$/m);
    const json = JSON.parse(runCli(['sources', '--json']).stdout) as { sources: Array<{ source: string; title: string; warnings: string[] }> };
    assert.equal(json.sources.length, 5);
    assert.equal(json.sources.find((source) => source.source === '001_bdd18a99971e829b')?.title, 'China Calls on Twitter to Remove Anti-Beijing Accounts Amid Censorship Spat');
  });

  it('names every skipped file and why', () => {
    const folder = temporaryCorpus({ 'ok.txt': 'Fine.', 'bin.txt': new Uint8Array([0, 1, 2]) });
    try {
      const result = runCli(['sources', '--corpus', folder.root]);
      assert.match(result.stdout, /^skipped bin\.txt: binary file/m);
      assert.match(result.stderr, /1 file\(s\) or record\(s\) skipped/);
    } finally {
      folder.cleanup();
    }
  });
});

describe('crosscheck without a command', () => {
  it('explains in one line that the workbench needs a terminal, exit 2', () => {
    const result = runCli(['--corpus', BUNDLED_CORPUS]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /needs a terminal/);
    assert.equal(result.stderr.trim().split('\n').length, 1);
  });

  it('prints help and version', () => {
    assert.match(runCli(['--help']).stdout, /Commands:\n {2}search/);
    assert.match(runCli(['search', '--help']).stdout, /^Usage: crosscheck search QUERY/);
    assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
