/**
 * Errors in the workbench (issue 14, item 6): a query the syntax refuses is said in the pane, as an
 * answer; any other exception in a pane's work is a bug, and ends the workbench as one rather than
 * being shown as a query error.
 */
import '../helpers/forceColor.js';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { PartialJob } from '../../src/core/partialJob.js';
import type { PartialQuoteIndex, QuoteIndex } from '../../src/core/quotes/index.js';
import type { PassageIndex } from '../../src/core/searchIndex.js';
import { SharedJob, type Steps } from '../../src/core/slices.js';
import { Workspace } from '../../src/core/workspace.js';
import { renderWorkbench } from '../helpers/app.js';
import { bundledCorpus } from '../helpers/corpus.js';
import { KEYS, press, waitForFrame } from '../helpers/ink.js';

/** More | alternatives than a query may combine: refused by the syntax. */
const REFUSED = 'a | b c | d e | f g | h i | j k | l m | n';

function* failing<T>(): Steps<T> {
  yield;
  throw new TypeError('planted_bug in a pane job');
}

/** A workspace whose search index (or quotes) cannot be built: a bug, not a user error. */
class BrokenWorkspace extends Workspace {
  private readonly brokenIndex = new SharedJob<PassageIndex>(failing);
  private readonly brokenQuotes = new PartialJob<QuoteIndex, PartialQuoteIndex>(failing);
  constructor(
    corpus: Workspace['corpus'],
    private readonly broken: 'search' | 'quotes',
  ) {
    super(corpus);
  }
  override passageIndex(): SharedJob<PassageIndex> {
    return this.broken === 'search' ? this.brokenIndex : super.passageIndex();
  }
  override quoteIndex(): PartialJob<QuoteIndex, PartialQuoteIndex> {
    return this.broken === 'quotes' ? this.brokenQuotes : super.quoteIndex();
  }
}

let corpus: Workspace['corpus'];
before(async () => {
  corpus = await bundledCorpus();
});

describe('errors in the workbench', () => {
  it('a query the syntax refuses: "Query not understood", and the pane keeps working', async () => {
    const app = renderWorkbench(new Workspace(corpus));
    await waitForFrame(app.lastFrame, (text) => text.includes('passages'));
    await press(app.stdin, REFUSED);
    const frame = await waitForFrame(app.lastFrame, (text) => /Query not understood/.test(text));
    assert.match(frame, /query error/);
    assert.match(frame, /too many \| alternatives/);
    app.unmount();
  });

  for (const pane of ['search', 'quotes'] as const) {
    it(`an exception in the ${pane} pane's work is a bug: the workbench ends with it, never a query error`, async () => {
      const app = renderWorkbench(new BrokenWorkspace(corpus, pane));
      if (pane === 'quotes') {
        await waitForFrame(app.lastFrame, (text) => text.includes('passages'));
        await press(app.stdin, KEYS.enter, '2');
      }
      // Ink's error boundary ends the app with the error (ui/run.tsx then writes the report). Every
      // frame is read, not the last: under CI, Ink writes its last output once more as it unmounts.
      const frame = await waitForFrame(() => app.frames.join('\n'), (text) => text.includes('planted_bug'));
      assert.doesNotMatch(frame, /Query not understood|Query error/);
      assert.match(frame, /TypeError|planted_bug in a pane job/);
      app.unmount();
    });
  }
});
