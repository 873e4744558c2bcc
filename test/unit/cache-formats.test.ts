import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadIndexedCorpus } from '../../src/core/open.js';
import { temporaryCorpus } from '../helpers/corpus.js';

/** A JSON Lines corpus with a CSV beside it, large enough to be cached, with metadata in every record. */
function recordFiles(): Record<string, string> {
  const lines: string[] = [];
  for (let record = 0; record < 60; record++) {
    const sentences = Array.from({ length: 90 }, (_, sentence) => `Article ${record} says fact number ${sentence} about the harbour.`);
    lines.push(JSON.stringify({ id: `r${record}`, outlet: record % 2 ? 'Fox News' : 'The Times', date: `2020-01-${String((record % 28) + 1).padStart(2, '0')}`, cluster: `s${record % 3}`, body_text: sentences.join(' ') }));
  }
  return { 'articles.jsonl': `${lines.join('\n')}\n`, 'more.csv': 'body_text,outlet,cluster\n"One more article about the harbour.",Wire,s0\n' };
}

describe('the index cache with records', () => {
  const cacheHome = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-cache-'));
  const env = { XDG_CACHE_HOME: cacheHome };
  const folder = temporaryCorpus(recordFiles());
  after(() => {
    rmSync(cacheHome, { recursive: true, force: true });
    folder.cleanup();
  });
  const fields = { text: 'body_text', story: 'cluster' };

  it('keeps every document field (outlet, date, record, label, format) through the cache', async () => {
    const first = await loadIndexedCorpus(folder.root, { env, fields, racyWindowMs: 0 });
    assert.equal(first.cache, 'written');
    assert.equal(first.corpus.documents.length, 61);
    const second = await loadIndexedCorpus(folder.root, { env, fields, racyWindowMs: 0 });
    assert.equal(second.cache, 'hit');
    assert.deepEqual(second.corpus.documents, first.corpus.documents);
    const record = second.corpus.documents[5]!;
    assert.deepEqual([record.outlet, record.day, record.record, record.format, record.story], ['Fox News', '2020-01-06', 6, 'jsonl', 's2']);
    assert.match(record.label, /^Fox News 2020-01-06/);
    assert.equal(second.corpus.documents[60]!.format, 'csv');
  });

  it('reads the records again under other --fields, never a cache made with different ones', async () => {
    const other = await loadIndexedCorpus(folder.root, { env, fields: { text: 'body_text' }, racyWindowMs: 0 });
    assert.notEqual(other.cache, 'hit');
    assert.deepEqual(other.corpus.stories, []);
  });
});
