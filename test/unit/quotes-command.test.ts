import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { temporaryCorpus } from '../helpers/corpus.js';
import { nonEmpty } from '../helpers/assertions.js';

interface QuotesJson {
  quotes: Array<{
    text: string;
    speaker: string | null;
    kind: 'statement' | 'term';
    occurrences: Array<{
      source: string;
      line: number;
      text: string;
      speaker: string | null;
      similarity: number;
      verbatim: boolean;
      diff: Array<{ value: string; added: boolean; removed: boolean }>;
    }>;
  }>;
}

describe('crosscheck quotes', () => {
  it('prints a block a group: speaker and quote, then PATH:LINE and each version', () => {
    const result = runCli(['quotes', 'biggest victim']);
    assert.equal(result.status, 0, result.stderr);
    const [head, ...members] = result.stdout.trimEnd().split('\n\n')[0]!.split('\n');
    assert.equal(head, 'Hua Chunying: "This is the biggest victim of false information." (2 sources)');
    assert.deepEqual(members, [
      '  corpus/000_067ac5e56125b280.txt:7: (trimmed) biggest victim of false information.',
      '  corpus/003_6631a8e0a366c5c7.txt:14: (speaker spelled "Hua Chuning") This is the biggest victim of false information.',
    ]);
  });

  it('answers --json with every occurrence, its speaker, similarity and whether it is verbatim', () => {
    const result = runCli(['quotes', 'biggest victim', '--json']);
    assert.equal(result.status, 0, result.stderr);
    const json = JSON.parse(result.stdout) as QuotesJson;
    const first = json.quotes[0]!;
    assert.equal(first.speaker, 'Hua Chunying');
    assert.equal(first.kind, 'statement');
    assert.deepEqual(
      first.occurrences.map(({ source, line, speaker, verbatim }) => [source, line, speaker, verbatim]),
      [
        ['000_067ac5e56125b280', 7, 'Hua Chunying', false],
        ['003_6631a8e0a366c5c7', 14, 'Hua Chuning', true],
      ],
    );
    assert.ok(nonEmpty(first.occurrences).every((occurrence) => occurrence.similarity > 0 && occurrence.similarity <= 1));
    const trimmed = first.occurrences[0]!;
    assert.deepEqual(
      trimmed.diff.filter((change) => change.removed).map((change) => change.value.trim()),
      ['This is the'],
      'the diff shows what the trimmed version leaves out',
    );
    assert.deepEqual(first.occurrences[1]!.diff, [], 'the reference has no diff');
  });

  it('lists terms only with --all-kinds, and filters by --speaker', () => {
    const statements = JSON.parse(runCli(['quotes', '--json']).stdout) as QuotesJson;
    assert.ok(nonEmpty(statements.quotes).every((quote) => quote.kind === 'statement'));
    const all = JSON.parse(runCli(['quotes', '--all-kinds', '--json']).stdout) as QuotesJson;
    assert.ok(all.quotes.some((quote) => quote.text === 'amplifier' && quote.occurrences.length === 3));
    const jourova = JSON.parse(runCli(['quotes', '--speaker', 'jourova', '--json']).stdout) as QuotesJson;
    assert.equal(jourova.quotes.length, 2);
    assert.ok(nonEmpty(jourova.quotes).every((quote) => quote.speaker === 'Vera Jourova'));
  });

  it('exits 1 when nothing matches and 2 on a bad option', () => {
    const nothing = runCli(['quotes', 'zzzqqqxxx']);
    assert.equal(nothing.status, 1);
    assert.equal(nothing.stdout, '');
    const bad = runCli(['quotes', '--speakr', 'Hua']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^crosscheck: .*--speakr/);
  });

  it('works on a folder of other articles, and neutralises escapes in plain output', () => {
    const corpus = temporaryCorpus({
      'fox.txt': 'Senator Jane Doe spoke on Monday.\n\n"We will not back down from this fight," Doe told reporters.\n',
      'nyt.txt': 'The senator repeated her line. "We will not back down from this fight," said Sen. Jane Doe.\n',
      'blog.txt': '"Evil \u001b[31mred\u001b[0m text is what this quote prints," said Mallory Smith.\n',
    });
    try {
      const result = runCli(['quotes', '--corpus', corpus.root]);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^Jane Doe: "We will not back down from this fight" \(2 sources\)\n {2}\/.*\/fox\.txt:3: /m);
      assert.match(result.stdout, /\n {2}\/.*\/nyt\.txt:1: We will not back down/);
      assert.doesNotMatch(result.stdout, /\u001b/);
      assert.match(result.stdout, /Evil ␛\[31mred/);
    } finally {
      corpus.cleanup();
    }
  });
});
