/**
 * Unfinished quote indexes (issue 13, item 3): while a large corpus's quotes are found, the
 * Quotes pane lists the groups of the documents read so far. The index finally built must be the
 * one built at once; partials are made only when someone waits for them, and ever rarer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadCorpus } from '../../src/core/load.js';
import { partialQuoteCounters, QuoteIndex, type PartialQuoteIndex } from '../../src/core/quotes/index.js';
import type { Corpus } from '../../src/core/types.js';
import { Workspace, workspaceCounters } from '../../src/core/workspace.js';
import { temporaryCorpus } from '../helpers/corpus.js';
import { nonEmpty } from '../helpers/assertions.js';

/** Many short wire stories, each quoting one of a few speakers, some quotes carried by several. */
function quotingFiles(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let file = 0; file < count; file++) {
    const speaker = ['Paul Volcker', 'James Baker', 'Nakasone', 'Karl Otto Poehl'][file % 4]!;
    files[`wire-${String(file).padStart(5, '0')}.txt`] =
      `Rates report ${file}\n\n"The dollar has fallen far enough and rates will hold ${file % 50}," ${speaker} said on Tuesday.\n\nMarkets were quiet in session ${file}.\n`;
  }
  return files;
}

const groupsOf = (index: QuoteIndex): unknown[] => index.groups.map((group) => [group.reference.id, group.members.map((member) => [member.quote.id, member.similarity, member.relation]), group.speaker, group.kind]);

describe('unfinished quote indexes', () => {
  let folder: { root: string; cleanup(): void };
  let corpus: Corpus;
  before(async () => {
    folder = temporaryCorpus(quotingFiles(9000));
    corpus = await loadCorpus(folder.root);
  });
  after(() => folder.cleanup());

  it('come while the quotes are found, of ever more documents, and the last index is the one built at once', async () => {
    const job = new Workspace(corpus).quoteIndex();
    const partials: PartialQuoteIndex[] = [];
    const stop = job.onPartial((partial) => partials.push(partial));
    const index = await job.get();
    stop();
    assert.ok(index);
    assert.equal(job.partial, null, 'no unfinished index once the index is built');
    assert.deepEqual(groupsOf(index), groupsOf(QuoteIndex.fromCorpus(corpus)));
    // After 1,024 documents, then 8,192: two of 9,000 documents.
    assert.deepEqual(
      partials.map((partial) => [partial.documentsRead, partial.documentsTotal]),
      [
        [1024, 9000],
        [8192, 9000],
      ],
    );
    for (const partial of nonEmpty(partials)) {
      assert.ok(partial.index.groups.length > 0, 'groups before the index is complete');
      const read = new Set(corpus.documents.slice(0, partial.documentsRead).map((document) => document.source));
      assert.ok(nonEmpty(partial.index.quotes).every((quote) => read.has(quote.source)), 'only quotes of the documents read');
    }
  });

  it('are not made when no one waits for them', async () => {
    const built = workspaceCounters.quoteIndexes;
    const made = partialQuoteCounters.made;
    const index = await new Workspace(corpus).quoteIndex().get();
    assert.ok(index && index.groups.length > 0);
    assert.equal(workspaceCounters.quoteIndexes, built + 1);
    assert.equal(partialQuoteCounters.made, made);
  });
});
