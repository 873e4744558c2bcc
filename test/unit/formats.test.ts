import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { dayOf } from '../../src/core/formats/dates.js';
import { FieldUse, FieldsError, fieldMapOf, parseFieldsOption } from '../../src/core/formats/fields.js';
import { jsonlDocuments } from '../../src/core/formats/jsonl.js';
import type { RecordContext } from '../../src/core/formats/records.js';
import { CorpusError, loadCorpus } from '../../src/core/load.js';
import { runAtOnce } from '../../src/core/slices.js';
import { storiesOf } from '../../src/core/stories.js';
import type { Corpus } from '../../src/core/types.js';
import { PROJECT_ROOT, temporaryCorpus } from '../helpers/corpus.js';
import { nonEmpty } from '../helpers/assertions.js';

async function withCorpus<T>(files: Record<string, string | Uint8Array>, run: (root: string) => T | Promise<T>): Promise<T> {
  const folder = temporaryCorpus(files);
  try {
    return await run(folder.root);
  } finally {
    folder.cleanup();
  }
}

const jsonl = (...records: unknown[]): string => records.map((record) => (typeof record === 'string' ? record : JSON.stringify(record))).join('\n') + '\n';

function passageAt(corpus: Corpus, source: string, words: string): { line: number } {
  const passage = corpus.passages.find((candidate) => candidate.source === source && candidate.text.includes(words));
  assert.ok(passage, `no passage of ${source} holds "${words}"`);
  return passage;
}

describe('text files with front matter', () => {
  const file = ['---', 'title: Senate passes the bill', 'outlet: Fox News', 'date: 2017-11-10', 'url: https://example.com/a', 'story: tax-bill', '---', 'The Senate passed the bill on Friday.', '', 'Critics said it was rushed.', ''].join('\n');

  it('reads the metadata, keeps it out of the passages, and keeps line numbers of the file', async () => {
    await withCorpus({ 'fox.md': file }, async (root) => {
      const corpus = await loadCorpus(root);
      const [document] = corpus.documents;
      assert.ok(document);
      assert.equal(document.title, 'Senate passes the bill');
      assert.equal(document.outlet, 'Fox News');
      assert.equal(document.date, '2017-11-10');
      assert.equal(document.day, '2017-11-10');
      assert.equal(document.url, 'https://example.com/a');
      assert.equal(document.story, 'tax-bill');
      assert.deepEqual(corpus.stories, ['tax-bill']);
      assert.equal(document.format, 'text');
      assert.equal(document.record, null);
      assert.ok(corpus.passages.length > 0);
      assert.ok(nonEmpty(corpus.passages).every((passage) => !passage.text.includes('outlet') && !passage.text.includes('---')));
      const lines = file.split('\n');
      for (const passage of corpus.passages) assert.ok(lines[passage.line - 1]!.startsWith(passage.text.slice(0, 12)), `line ${passage.line}`);
      assert.equal(passageAt(corpus, 'fox', 'Critics').line, 10);
    });
  });

  it('reads a block that is not YAML as text, with a warning', async () => {
    await withCorpus({ 'a.md': '---\ntitle: [unclosed\n---\nThe text of the article.\n' }, async (root) => {
      const corpus = await loadCorpus(root);
      assert.equal(corpus.documents.length, 1);
      assert.equal(corpus.documents[0]!.outlet, null);
      assert.match(corpus.warnings.map((warning) => warning.reason).join('\n'), /front matter is not valid YAML/);
    });
  });
});

describe('JSON Lines', () => {
  it('recognises news-please, trafilatura and BASIL fields without flags', async () => {
    const records = jsonl(
      { maintext: 'News-please text here.', title: 'NP title', date_publish: '2017-11-10 08:00:00', source_domain: 'www.nytimes.com', url: 'https://nytimes.com/x' },
      { text: 'Trafilatura text here.', title: 'TF title', date: '2017-11-11', sitename: 'Fox News', source: 'https://foxnews.com/y' },
      { doc_id: 'b_2', cluster_id: 'c1', outlet: 'HuffPost', source: 'hpo', 'main-event': 'The event', text: 'BASIL text here.', date: '2017-11-12', url: 'https://huffpost.com/z' },
    );
    await withCorpus({ 'articles.jsonl': records }, async (root) => {
      const corpus = await loadCorpus(root);
      const [newsPlease, trafilatura, basil] = corpus.documents;
      assert.ok(newsPlease && trafilatura && basil);
      assert.deepEqual([newsPlease.outlet, newsPlease.title, newsPlease.day, newsPlease.url], ['www.nytimes.com', 'NP title', '2017-11-10', 'https://nytimes.com/x']);
      assert.deepEqual([trafilatura.outlet, trafilatura.url, trafilatura.day], ['Fox News', 'https://foxnews.com/y', '2017-11-11']);
      assert.deepEqual([basil.source, basil.outlet, basil.url, basil.story, basil.storyName], ['b_2', 'HuffPost', 'https://huffpost.com/z', 'c1', 'The event']);
      assert.deepEqual(corpus.documents.map((document) => document.record), [1, 2, 3]);
      assert.deepEqual(corpus.documents.map((document) => document.format), ['jsonl', 'jsonl', 'jsonl']);
      assert.equal(newsPlease.source, 'articles#1', 'a record without an id is FILE#LINE');
      assert.equal(trafilatura.text, 'Trafilatura text here.\n');
    });
  });

  it('reports a bad line, an empty text and a non-object with their line, and loads the rest', async () => {
    const records = jsonl({ text: 'First article.' }, '{"text": "broken', '', { text: '   ' }, '[1, 2]', { title: 'no text' }, { text: 'Last article.' });
    await withCorpus({ 'a.jsonl': records }, async (root) => {
      const corpus = await loadCorpus(root);
      assert.deepEqual(corpus.documents.map((document) => [document.record, document.text]), [[1, 'First article.\n'], [7, 'Last article.\n']]);
      const skipped = corpus.warnings.filter((warning) => warning.skipped);
      assert.deepEqual(skipped.map((warning) => [warning.file, warning.line]), [['a.jsonl', 2], ['a.jsonl', 4], ['a.jsonl', 5], ['a.jsonl', 6]]);
      assert.match(skipped[0]!.reason, /invalid JSON/);
      assert.match(skipped[1]!.reason, /no article text/);
      assert.match(skipped[2]!.reason, /not a JSON object/);
    });
  });

  it('reads in chunks, never the whole file, and skips a record over the cap unread', async () => {
    const big = 'x'.repeat(5000);
    const records = jsonl({ text: 'One.' }, { text: big }, { text: 'Three.' }, { text: 'Four.' });
    await withCorpus({ 'a.jsonl': records }, (root) => {
      const reads: number[] = [];
      const warnings: RecordContext['warnings'] = [];
      const context: RecordContext = {
        file: { absolute: `${root}/a.jsonl`, open: `${root}/a.jsonl`, noFollow: false, relative: 'a.jsonl', base: 'a', folderStory: null },
        format: 'jsonl',
        fields: fieldMapOf(),
        use: new FieldUse({}),
        warnings,
      };
      const documents = runAtOnce(jsonlDocuments(context, { chunkBytes: 64, maxRecordBytes: 1000, onRead: (bytes) => reads.push(bytes) }));
      assert.deepEqual(documents.map((document) => document.text), ['One.\n', 'Three.\n', 'Four.\n']);
      assert.deepEqual(documents.map((document) => document.record), [1, 3, 4]);
      assert.ok(reads.length > 50 && reads.every((bytes) => bytes <= 64));
      assert.deepEqual(warnings.map((warning) => [warning.line, warning.skipped]), [[2, true]]);
      assert.match(warnings[0]!.reason, /record too large/);
    });
  });

  it('loads a JSON Lines file larger than the whole-file limit', async () => {
    const records = jsonl(...Array.from({ length: 200 }, (_, index) => ({ id: `n${index}`, text: `Article number ${index} says something.` })));
    await withCorpus({ 'a.jsonl': records }, async (root) => {
      const corpus = await loadCorpus(root, { maxFileBytes: 1024 });
      assert.ok(records.length > 1024);
      assert.equal(corpus.documents.length, 200);
    });
  });

  it('takes other field names from --fields, and refuses a mapping naming a field no record has', async () => {
    const records = jsonl({ story_text: 'Mapped text.', paper: 'The Paper', grp: 'g1' });
    await withCorpus({ 'a.ndjson': records }, async (root) => {
      const corpus = await loadCorpus(root, { fields: parseFieldsOption('text=story_text,outlet=paper,story=grp') });
      assert.deepEqual(corpus.documents.map((document) => [document.text, document.outlet, document.story]), [['Mapped text.\n', 'The Paper', 'g1']]);
      await assert.rejects(loadCorpus(root, { fields: parseFieldsOption('text=story_text,date=published_on') }), (error: unknown) => error instanceof FieldsError && /date=published_on/.test(error.message));
    });
    assert.throws(() => parseFieldsOption('body=text'), /unknown key "body"/);
    assert.throws(() => parseFieldsOption('text='), /names no field/);
  });

  it('says why a corpus that is one empty file cannot be used', async () => {
    await withCorpus({ 'empty.jsonl': '' }, async (root) => {
      await assert.rejects(loadCorpus(`${root}/empty.jsonl`), (error: unknown) => error instanceof CorpusError && /empty file/.test(error.message));
    });
  });

  it('cites two records with one id apart', async () => {
    await withCorpus({ 'a.jsonl': jsonl({ id: 'x', text: 'One.' }, { id: 'x', text: 'Two.' }) }, async (root) => {
      const corpus = await loadCorpus(root);
      assert.deepEqual(corpus.documents.map((document) => document.source), ['x', 'a#2']);
    });
  });
});

describe('CSV and TSV', () => {
  it('parses quoted fields, embedded newlines, doubled quotes and a BOM, and cites the line each row starts on', async () => {
    const csv = '\ufefftitle,text,outlet,date\r\n"A, title","First line\r\n\r\nsecond ""quoted"" paragraph.",Fox News,2017-11-10\r\nB,Plain text.,NYT,2017-11-09\r\n';
    await withCorpus({ 'export.csv': csv }, async (root) => {
      const corpus = await loadCorpus(root);
      assert.deepEqual(
        corpus.documents.map((document) => [document.title, document.text, document.outlet, document.record, document.format]),
        [
          ['A, title', 'First line\n\nsecond "quoted" paragraph.\n', 'Fox News', 2, 'csv'],
          ['B', 'Plain text.\n', 'NYT', 5, 'csv'],
        ],
      );
      assert.equal(corpus.warnings.length, 0);
    });
  });

  it('reports a row with the wrong number of fields and loads the others', async () => {
    const csv = 'text,outlet\nOne.,A\nTwo.,B,extra\nThree.,C\n';
    await withCorpus({ 'a.csv': csv }, async (root) => {
      const corpus = await loadCorpus(root);
      assert.deepEqual(corpus.documents.map((document) => [document.text, document.record]), [['One.\n', 2], ['Three.\n', 4]]);
      const skipped = corpus.warnings.filter((warning) => warning.skipped);
      assert.equal(skipped.length, 1);
      assert.equal(skipped[0]!.line, 3);
      assert.match(skipped[0]!.reason, /fields/);
    });
  });

  it('reads tab-separated values', async () => {
    await withCorpus({ 'a.tsv': 'text\tsitename\nTabbed text, with a comma.\tThe Site\n' }, async (root) => {
      const corpus = await loadCorpus(root);
      assert.deepEqual(corpus.documents.map((document) => [document.text, document.outlet]), [['Tabbed text, with a comma.\n', 'The Site']]);
    });
  });
});

const PAGE = `<!doctype html><html><head>
<title>Senate passes bill | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Senate passes bill">
<meta property="article:published_time" content="2017-11-10T08:00:00Z">
<meta property="og:url" content="https://example.com/senate">
<meta http-equiv="refresh" content="0;url=https://example.invalid/elsewhere">
<script>globalThis.crosscheckPwned = true; document.write('INJECTED');</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Senate passes bill</h1>
<p>The Senate passed the tax bill early on Saturday after a long night of negotiations between party leaders and holdouts.</p>
<p>"This is a historic day," the majority leader said, adding that the bill would cut taxes for most families over the next decade.</p>
<p>Critics said the bill was rushed and that senators had hours, not days, to read the final text of almost five hundred pages.</p>
<script>globalThis.crosscheckPwned = true;</script>
</article>
<footer>Copyright Example News</footer>
</body></html>`;

describe('HTML pages', () => {
  it('takes the article text and the page metadata, running no script and following no refresh', async () => {
    await withCorpus({ 'senate.html': PAGE }, async (root) => {
      const corpus = await loadCorpus(root);
      const [document] = corpus.documents;
      assert.ok(document);
      assert.deepEqual([document.title, document.outlet, document.day, document.url, document.format], ['Senate passes bill', 'Example News', '2017-11-10', 'https://example.com/senate', 'html']);
      assert.match(document.text, /The Senate passed the tax bill/);
      assert.match(document.text, /Critics said/);
      assert.doesNotMatch(document.text, /INJECTED|crosscheckPwned|Copyright|Home/);
      assert.equal((globalThis as { crosscheckPwned?: boolean }).crosscheckPwned, undefined);
      assert.ok(document.text.split('\n\n').length >= 3, 'one paragraph a <p>');
    });
  });

  it('loads the HTML parser only when a page is read: a corpus of text files starts without it', async () => {
    await withCorpus({ 'senate.html': PAGE, 'plain.txt': 'Some text.\n' }, (root) => {
      const loaderUrl = pathToFileURL(path.join(PROJECT_ROOT, 'dist', 'core', 'load.js')).href;
      const loadedAfter = (file: string): string => {
        const script = `import { createRequire } from 'node:module';
const { loadCorpus } = await import(${JSON.stringify(loaderUrl)});
await loadCorpus(${JSON.stringify(path.join(root, file))});
const loaded = Object.keys(createRequire(import.meta.url).cache).some((module) => module.includes('/node_modules/linkedom/'));
process.stdout.write(String(loaded));`;
        return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      };
      assert.equal(loadedAfter('plain.txt'), 'false');
      assert.equal(loadedAfter('senate.html'), 'true');
    });
  });

  it('skips a page with no article text, with a warning', async () => {
    await withCorpus({ 'empty.html': '<html><head><title>x</title></head><body><script>1</script></body></html>', 'ok.txt': 'Some text.\n' }, async (root) => {
      const corpus = await loadCorpus(root);
      assert.deepEqual(corpus.documents.map((document) => document.source), ['ok']);
      assert.deepEqual(corpus.warnings.map((warning) => [warning.file, warning.reason]), [['empty.html', 'no article text found in the page']]);
    });
  });
});

describe('dates', () => {
  it('reads unambiguous dates as the day written, and abstains on the rest', () => {
    assert.equal(dayOf('2017-11-10T23:30:00-05:00'), '2017-11-10');
    assert.equal(dayOf('26-FEB-1987 15:01:01.79'), '1987-02-26');
    assert.equal(dayOf('Fri, 10 Nov 2017 08:00:00 GMT'), '2017-11-10');
    assert.equal(dayOf('November 10, 2017'), '2017-11-10');
    assert.equal(dayOf('10/11/2017'), null);
    assert.equal(dayOf('yesterday'), null);
  });
});

const BASIL = '/work/shared/corpora/basil/articles.jsonl';
const REUTERS = '/work/shared/corpora/reuters21578/articles.jsonl';

describe('the shared corpora as JSON Lines', () => {
  it('loads BASIL: 300 articles, 100 stories, outlets and dates', { skip: !existsSync(BASIL) }, async () => {
    const corpus = await loadCorpus(BASIL);
    assert.equal(corpus.documents.length, 300);
    assert.equal(corpus.stories.length, 100);
    assert.equal(corpus.warnings.length, 0);
    assert.deepEqual(new Set(corpus.documents.map((document) => document.outlet)).size, 3);
    assert.ok(nonEmpty(corpus.documents).every((document) => document.day !== null && document.url !== null));
    const stories = storiesOf(corpus);
    assert.equal(stories.length, 100);
    assert.ok(nonEmpty(stories).every((story) => story.name !== story.id && story.first !== null && story.sources.length === 3));
    const firstLine = JSON.parse(readFileSync(BASIL, 'utf8').split('\n', 1)[0]!) as { doc_id: string; outlet: string };
    assert.equal(corpus.documents[0]!.source, firstLine.doc_id);
    assert.equal(corpus.documents[0]!.outlet, firstLine.outlet);
  });

  it('loads Reuters-21578: every record with a body, the empty ones reported', { skip: !existsSync(REUTERS) }, async () => {
    const corpus = await loadCorpus(REUTERS);
    assert.equal(corpus.documents.length, 19779);
    assert.equal(corpus.warnings.filter((warning) => warning.skipped).length, 21578 - 19779);
    assert.ok(nonEmpty(corpus.warnings).every((warning) => /no article text/.test(warning.reason)));
  });
});
