/** Evidence out of the workbench: citations, the clipboard's OSC 52 bytes, the report, the editor command. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { evidenceReport, evidenceText, reportFileName, type Evidence } from '../../src/core/evidence.js';
import { QuoteIndex } from '../../src/core/quotes/index.js';
import type { SourceDocument } from '../../src/core/types.js';
import { osc52 } from '../../src/ui/evidence/clipboard.js';
import { openInEditor, openingFor } from '../../src/ui/evidence/editor.js';
import { bundledCorpus, PROJECT_ROOT } from '../helpers/corpus.js';

const corpus = await bundledCorpus();
const documents = new Map(corpus.documents.map((document) => [document.source, document]));
const amplifier = corpus.passages.find((passage) => passage.source === '004_b0ee60363008b165' && passage.text.includes('“amplifier”'))!;

describe('evidence text and citations', () => {
  it('a passage is copied with the citation an editor opens', () => {
    assert.ok(amplifier);
    const text = evidenceText({ kind: 'passage', passage: amplifier }, documents, PROJECT_ROOT);
    assert.equal(text.split('\n')[0], amplifier.text);
    assert.match(text, /\n— 004_b0ee60363008b165, “China demands Twitter deletes anti-China accounts” \(corpus\/004_b0ee60363008b165\.txt:13\)$/);
  });

  it('a quotation names its speaker, or says the text names none', () => {
    const group = QuoteIndex.fromCorpus(corpus).search({ query: "'biggest victim" })[0]!;
    const member = group.members[0]!;
    const named = evidenceText({ kind: 'quote', quote: member.quote, speaker: group.speaker }, documents, PROJECT_ROOT);
    assert.match(named, /^“[^”]*biggest victim[^”]*” \(Hua Chunying\)\n— /);
    assert.match(evidenceText({ kind: 'quote', quote: member.quote, speaker: null }, documents), /\(speaker not named in the text\)/);
  });

  it('corpus text with escape codes never reaches the clipboard or the report raw', () => {
    const hostile: SourceDocument = { ...documents.get(amplifier.source)!, outlet: 'Evil\u001b]52;c;ZXZpbA==\u0007 News', title: '\u001b[31mred' };
    const hostileDocuments = new Map([[hostile.source, hostile]]);
    const item: Evidence = { kind: 'passage', passage: { ...amplifier, text: 'Hi \u001b[2J there' } };
    for (const text of [evidenceText(item, hostileDocuments), evidenceReport([item], hostileDocuments, { corpus: 'c', written: new Date(0) })]) {
      assert.doesNotMatch(text, /\u001b|\u0007/);
      assert.match(text, /␛/);
    }
  });
});

describe('the report', () => {
  const comparison = new ClaimComparer(corpus).compare('The company suspended a core network of 23,750 highly active accounts');
  const items: Evidence[] = [{ kind: 'passage', passage: amplifier }, { kind: 'comparison', comparison }];
  const report = evidenceReport(items, documents, { corpus: 'corpus', written: new Date('2026-11-30T22:15:00Z'), cwd: PROJECT_ROOT });

  it('lists each item with its citation, and a comparison with every source: versions, conflicts, not reported', () => {
    assert.match(report, /^# Evidence\n\n2 items from corpus, 2026-11-30T22:15:00\.000Z/);
    assert.match(report, /^## 1\. 004_b0ee60363008b165:13$/m);
    assert.match(report, /\(corpus\/004_b0ee60363008b165\.txt:13\)$/m);
    assert.match(report, /^## 2\. compare: The company suspended/m);
    const carried = comparison.sources.filter((version) => version.carried);
    const absent = comparison.sources.filter((version) => !version.carried);
    assert.ok(carried.length >= 2 && absent.length >= 1, 'the claim is carried by some sources and not others');
    for (const version of carried) assert.match(report, new RegExp(`^- ${version.source}.*\\(corpus/${version.source}\\.txt:\\d+\\)`, 'm'));
    for (const version of absent) assert.match(report, new RegExp(`^- ${version.source}: not reported`, 'm'));
    assert.match(report, /^ {2}! weekday: friday|^ {2}! weekday: Friday/m);
  });

  it('names a new file each time', () => {
    const taken = new Set(['crosscheck-evidence-2026-11-30-2215.md']);
    assert.equal(reportFileName(new Date('2026-11-30T22:15:30Z'), (name) => taken.has(name)), 'crosscheck-evidence-2026-11-30-2215-2.md');
  });
});

describe('OSC 52', () => {
  it('encodes the text as base64 for the terminal clipboard', () => {
    const copy = osc52('Hua Chunying said “no”');
    assert.equal(copy.cut, false);
    const payload = /^\u001b\]52;c;([A-Za-z0-9+/=]+)\u0007$/.exec(copy.sequence)?.[1];
    assert.equal(Buffer.from(payload!, 'base64').toString('utf8'), 'Hua Chunying said “no”');
  });

  it('cuts a copy too long for terminals on a character boundary, and says so', () => {
    const copy = osc52('é'.repeat(60_000));
    assert.equal(copy.cut, true);
    const decoded = Buffer.from(/;c;(.*)\u0007/.exec(copy.sequence)![1]!, 'base64').toString('utf8');
    assert.match(decoded, /^é+$/);
  });
});

describe('the editor', () => {
  it('runs $EDITOR through sh with the line and the path as arguments, never in the shell string', () => {
    const opening = openingFor({ EDITOR: 'vim -R' }, "it's \"a\" file\nname.txt", 14);
    assert.ok(!('refused' in opening));
    assert.deepEqual(opening.args, ['-c', '$EDITOR "$@"', 'sh', '+14', "it's \"a\" file\nname.txt"]);
    const variableOf = (env: NodeJS.ProcessEnv): string => {
      const chosen = openingFor(env, 'a', 1);
      return 'refused' in chosen ? chosen.refused : chosen.variable;
    };
    assert.equal(variableOf({ VISUAL: 'code -w', EDITOR: 'vim' }), 'VISUAL');
    assert.equal(variableOf({ PAGER: 'less' }), 'PAGER');
    assert.deepEqual(openingFor({ EDITOR: ' ' }, 'a', 1), { refused: 'set EDITOR (or VISUAL, or PAGER) to open the source' });
  });

  it('opens a real path with spaces and quotes at its line, outside the workbench, and records come as their text', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-editor-'));
    try {
      const log = path.join(folder, 'args.log');
      const script = path.join(folder, 'fake-editor');
      writeFileSync(script, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > '${log}'\nhead -c 100 "$2" >> '${log}'\n`);
      chmodSync(script, 0o755);
      const document = { ...documents.get(amplifier.source)!, path: path.join(folder, `it's "odd".txt`) };
      writeFileSync(document.path, 'the file itself\n');
      let outsideRuns = 0;
      const said = openInEditor(document, 13, { PATH: process.env.PATH, EDITOR: script }, (run) => {
        outsideRuns++;
        run();
      });
      assert.equal(said, 'back from $EDITOR');
      assert.equal(outsideRuns, 1);
      assert.equal(readFileSync(log, 'utf8'), `+13\n${document.path}\nthe file itself\n`);

      const record = { ...document, format: 'jsonl' as const, record: 7, text: 'Line one.\nLine two.\n' };
      openInEditor(record, 2, { PATH: process.env.PATH, EDITOR: script }, (run) => run());
      const [line, opened, ...text] = readFileSync(log, 'utf8').split('\n');
      assert.equal(line, '+2');
      assert.notEqual(opened, document.path);
      assert.equal(text.join('\n'), 'Line one.\nLine two.\n');
      assert.equal(existsSync(opened!), false, 'the extracted text is removed after');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('says when no program is set, and runs nothing', () => {
    let ran = false;
    const said = openInEditor(documents.get(amplifier.source)!, 1, {}, () => (ran = true));
    assert.equal(ran, false);
    assert.match(said, /set EDITOR/);
  });
});

describe('the report as Markdown', () => {
  it('corpus words never become a heading, a list, a link or HTML; citations keep their # as written', () => {
    const passage = { ...amplifier, text: '# 1. Breaking: <b>[click](http://x)</b> *now*' };
    const record = { ...documents.get(amplifier.source)!, record: 4, format: 'jsonl' as const, path: `${PROJECT_ROOT}/news/articles.jsonl` };
    const report = evidenceReport([{ kind: 'passage', passage }], new Map([[record.source, record]]), { corpus: 'c', written: new Date(0), cwd: PROJECT_ROOT });
    assert.match(report, /^> \\# 1\. Breaking: \\<b\\>\\\[click\\\]\(http:\/\/x\)\\<\/b\\> \\\*now\\\*$/m);
    assert.match(report, /\(news\/articles\.jsonl#4:13\)$/m);
  });
});
