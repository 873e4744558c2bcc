import '../helpers/forceColor.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PartialJob } from '../../src/core/partialJob.js';
import { QuoteIndex, type PartialQuoteIndex } from '../../src/core/quotes/index.js';
import type { Corpus } from '../../src/core/types.js';
import { Workspace } from '../../src/core/workspace.js';
import { renderWorkbench } from '../helpers/app.js';
import { bundledCorpus } from '../helpers/corpus.js';
import { KEYS, press, waitForFrame } from '../helpers/ink.js';

/** A workspace whose quote index stops after an unfinished index (the first two documents') until the test releases it. */
class HeldQuotesWorkspace extends Workspace {
  private released = false;
  private readonly held: PartialJob<QuoteIndex, PartialQuoteIndex>;

  constructor(corpus: Corpus) {
    super(corpus);
    const final = QuoteIndex.fromCorpus(corpus);
    const firstTwo = new Set(corpus.documents.slice(0, 2).map((document) => document.source));
    const unfinished = new QuoteIndex(final.quotes.filter((quote) => firstTwo.has(quote.source)));
    const isReleased = (): boolean => this.released;
    this.held = new PartialJob(function* (partials) {
      partials.publish({ index: unfinished, documentsRead: 2, documentsTotal: 5 });
      while (!isReleased()) yield;
      return final;
    });
  }

  override quoteIndex(): PartialJob<QuoteIndex, PartialQuoteIndex> {
    return this.held;
  }

  release(): void {
    this.released = true;
  }
}

const groupRows = (frame: string): string[] => frame.split('\n').filter((line) => /^[›\s]\s*\d+ src\s/.test(line));

describe('the Quotes pane while the quotes are found', () => {
  it('lists the groups of the documents read so far, saying how far it has got, then every group', async () => {
    const workspace = new HeldQuotesWorkspace(await bundledCorpus());
    const app = renderWorkbench(workspace, { columns: 80, rows: 24 });
    try {
      await press(app.stdin, KEYS.enter, '2');
      let frame = await waitForFrame(app.lastFrame, (text) => groupRows(text).length > 0);
      assert.match(frame, /finding quotes… 40%/);
      assert.doesNotMatch(frame, /\d+ quotes\b/, 'no count of quotes while unfinished');
      assert.ok(groupRows(frame).every((line) => /^[›\s]\s*[12] src\s/.test(line)), 'two documents read: no group of three sources yet');
      workspace.release();
      frame = await waitForFrame(app.lastFrame, (text) => /\d+ quotes\b/.test(text));
      assert.doesNotMatch(frame, /finding quotes/);
      assert.match(groupRows(frame)[0] ?? '', /^› 3 src +Hua Chunying +“/, 'the finished list: a quote three sources carry first');
    } finally {
      workspace.release();
      app.unmount();
    }
  });
});
