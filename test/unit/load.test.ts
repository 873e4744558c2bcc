import assert from 'node:assert/strict';
import { chmodSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { decodeBytes } from '../../src/core/decode.js';
import { CorpusError, loadCorpus, passagesOfAll } from '../../src/core/load.js';
import { BUNDLED_CORPUS, bundledCorpus, temporaryCorpus } from '../helpers/corpus.js';

describe('the bundled corpus', () => {
  it('loads five documents whose ids are the file stems', async () => {
    const corpus = await bundledCorpus();
    assert.deepEqual(
      corpus.documents.map((document) => document.source),
      readdirSync(BUNDLED_CORPUS).map((name) => name.replace(/\.txt$/, '')).sort(),
    );
    assert.equal(corpus.warnings.length, 0);
    assert.deepEqual(corpus.stories, []);
  });

  it('cites every passage at the line where it starts in the file on disk', async () => {
    const corpus = await bundledCorpus();
    for (const passage of corpus.passages) {
      const lines = readFileSync(path.join(BUNDLED_CORPUS, `${passage.source}.txt`), 'utf8').split('\n');
      const line = lines[passage.line - 1];
      assert.ok(line !== undefined, `${passage.source}:${passage.line} is past the end of the file`);
      assert.ok(line.includes(passage.text.slice(0, 30)), `${passage.source}:${passage.line} does not start "${passage.text.slice(0, 30)}"`);
    }
  });

  it('adds the missing final newline without changing the files', async () => {
    const corpus = await bundledCorpus();
    for (const document of corpus.documents) {
      assert.ok(document.normalizations.includes('final-newline'));
      assert.ok(document.text.endsWith('\n'));
      assert.ok(!readFileSync(document.path, 'utf8').endsWith('\n'), 'the corpus file itself is untouched');
    }
  });

  it('reads a headline as the title, and the first words otherwise', async () => {
    const corpus = await bundledCorpus();
    const titles = new Map(corpus.documents.map((document) => [document.source, document.title]));
    assert.equal(titles.get('004_b0ee60363008b165'), 'China demands Twitter deletes anti-China accounts');
    assert.equal(titles.get('000_067ac5e56125b280'), 'The Chinese government says that it has been the victim...');
  });
});

describe('decoding', () => {
  it('strips a UTF-8 BOM, turns CRLF into LF and composes to NFC', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Jourova\r\nJourova\u0301 said\r\n')]);
    const result = decodeBytes(bytes);
    assert.ok(result.ok);
    assert.equal(result.text, 'Jourova\nJourová said\n');
    assert.deepEqual(result.normalizations, ['bom', 'crlf', 'nfc']);
  });

  it('reads invalid UTF-8 as Windows-1252 with a warning', () => {
    const result = decodeBytes(new Uint8Array([...Buffer.from('caf'), 0xe9, 0x0a]));
    assert.ok(result.ok);
    assert.equal(result.text, 'café\n');
    assert.deepEqual(result.warnings, ['not valid UTF-8; read as Windows-1252']);
  });

  it('decodes UTF-16 with a byte-order mark', () => {
    const result = decodeBytes(new Uint8Array([0xff, 0xfe, ...Buffer.from('Hua said\n', 'utf16le')]));
    assert.ok(result.ok);
    assert.equal(result.text, 'Hua said\n');
  });

  it('refuses binary files', () => {
    const result = decodeBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    assert.equal(result.ok, false);
  });
});

describe('loading a folder with bad files', () => {
  it('reports and skips each bad file while the rest loads', async () => {
    const folder = temporaryCorpus({
      'good.txt': 'Twitter said it removed 170,000 accounts.',
      'binary.txt': new Uint8Array([1, 2, 0, 3]),
      'empty.txt': '',
      'huge.txt': 'x'.repeat(2048),
      'latin1.md': new Uint8Array([...Buffer.from('Caf'), 0xe9, 0x2e]),
      'notes.pdf': 'not an article',
      'story/nested.txt': 'A nested article.',
      'unreadable.txt': 'secret',
    });
    chmodSync(path.join(folder.root, 'unreadable.txt'), 0o000);
    const runningAsRoot = process.getuid?.() === 0;
    try {
      const corpus = await loadCorpus(folder.root, { maxFileBytes: 1024 });
      const sources = corpus.documents.map((document) => document.source);
      assert.deepEqual(sources, ['good', 'latin1', 'story/nested', ...(runningAsRoot ? ['unreadable'] : [])]);
      const reasons = Object.fromEntries(corpus.warnings.map((warning) => [warning.file, warning.reason]));
      assert.match(reasons['binary.txt'] ?? '', /binary/);
      assert.match(reasons['empty.txt'] ?? '', /empty/);
      assert.match(reasons['huge.txt'] ?? '', /too large/);
      assert.match(reasons['latin1.md'] ?? '', /Windows-1252/);
      if (!runningAsRoot) assert.match(reasons['unreadable.txt'] ?? '', /permission denied/);
      assert.equal(corpus.ignoredFiles, 1);
      assert.deepEqual(corpus.stories, ['story']);
      assert.equal(corpus.documents.find((document) => document.source === 'story/nested')?.story, 'story');
    } finally {
      folder.cleanup();
    }
  });

  it('never writes into the corpus folder', async () => {
    const folder = temporaryCorpus({ 'a.txt': 'One sentence.', 'b.txt': 'Another.' });
    try {
      const before = readdirSync(folder.root).map((name) => [name, statSync(path.join(folder.root, name)).mtimeMs]);
      await loadCorpus(folder.root);
      const after = readdirSync(folder.root).map((name) => [name, statSync(path.join(folder.root, name)).mtimeMs]);
      assert.deepEqual(after, before);
    } finally {
      folder.cleanup();
    }
  });

  it('fails clearly on a missing folder and on a folder without articles', async () => {
    await assert.rejects(loadCorpus('/nonexistent/crosscheck-corpus'), (error: unknown) => error instanceof CorpusError && /not found/.test(error.message));
    const folder = temporaryCorpus({ 'readme.pdf': 'x' });
    try {
      await assert.rejects(loadCorpus(folder.root), (error: unknown) => error instanceof CorpusError && /no article files in this folder \(\.txt, \.md, \.jsonl/.test(error.message));
    } finally {
      folder.cleanup();
    }
  });
});

describe('splitting a large corpus into passages', () => {
  it('pauses every few hundred documents (a first start of Reuters split it in one block of up to a second) and numbers the passages in corpus order', async () => {
    const files: Record<string, string> = {};
    for (let article = 0; article < 600; article++) files[`a${String(article).padStart(3, '0')}.txt`] = `Title ${article}\n\nThe first sentence of ${article}. The second one said more.\n`;
    const folder = temporaryCorpus(files);
    try {
      const corpus = await loadCorpus(folder.root);
      let pauses = 0;
      const steps = passagesOfAll(corpus.documents);
      let step = steps.next();
      for (; !step.done; step = steps.next()) pauses++;
      assert.ok(pauses >= 2, `${pauses} pauses`);
      assert.deepEqual(step.value, corpus.passages);
      assert.deepEqual(step.value.map((passage) => passage.id), step.value.map((_, at) => at));
    } finally {
      folder.cleanup();
    }
  });
});
