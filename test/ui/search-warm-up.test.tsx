/**
 * Issue 13: the first letter typed after start was several times slower than the next ones, since
 * V8 had not yet compiled the search's code. Once the index is built and nothing is typed, the
 * Search pane types a few queries unseen, and only then calls search ready; a key typed meanwhile
 * stops that at once and is answered with the index as it is.
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { before, it } from 'node:test';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import type { ReactNode } from 'react';
import { PassageIndex } from '../../src/core/searchIndex.js';
import type { Corpus } from '../../src/core/types.js';
import { useSearch, useWarmIndex } from '../../src/ui/hooks/useSearch.js';
import { bundledCorpus } from '../helpers/corpus.js';

let corpus: Corpus;
before(async () => {
  corpus = await bundledCorpus();
});

/** A fresh index whose searches (fresh or narrowed) record their query. */
function recordingIndex(): { index: PassageIndex; queries: string[] } {
  const index = new PassageIndex(corpus);
  const queries: string[] = [];
  const fresh = index.searchSteps.bind(index);
  const narrowed = index.narrowedSteps.bind(index);
  index.searchSteps = (query, options) => {
    queries.push(query);
    return fresh(query, options);
  };
  index.narrowedSteps = (earlier, query, options) => {
    queries.push(query);
    return narrowed(earlier, query, options);
  };
  return { index, queries };
}

/** Polls `done` for up to 10 s (a loaded machine is slow; nothing here measures time). */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; waited < 10_000 && !done(); waited += 20) await delay(20);
}

function Probe({ index, query }: { index: PassageIndex; query: string }): ReactNode {
  const ready = useWarmIndex(index, query);
  const search = useSearch(ready, corpus.passages, query);
  return <Text>{`${ready ? 'ready' : 'warming'}|${search.answered}|${search.results.length}`}</Text>;
}

it('with nothing typed, the ready index is searched unseen, once, and what is shown does not change', async () => {
  const { index, queries } = recordingIndex();
  const app = render(<Probe index={index} query="" />);
  assert.equal(app.lastFrame(), `warming||${corpus.passages.length}`, 'not ready before the warm-up, every passage listed');
  await until(() => queries.length > 3 && !queries.includes('Hua'));
  assert.ok(queries.length > 3, `warm-up searches ran: ${JSON.stringify(queries)}`);
  // Its last query, then ready once it is marked done.
  await until(() => queries.includes("'said"));
  await until(() => app.lastFrame()?.startsWith('ready') === true);
  assert.equal(app.lastFrame(), `ready||${corpus.passages.length}`, 'ready after the warm-up; the blank query still lists every passage');
  const warmUp = queries.length;
  app.rerender(<Probe index={index} query="Hua" />);
  app.rerender(<Probe index={index} query="" />);
  await delay(300);
  assert.deepEqual(queries.slice(warmUp).filter((query) => query !== 'Hua' && !'Hua'.startsWith(query)), [], 'no second warm-up for the same index');
  app.unmount();
});

it('a key typed before the warm-up ends stops it: only the typed query is searched from then on', async () => {
  const { index, queries } = recordingIndex();
  const app = render(<Probe index={index} query="" />);
  await until(() => queries.length > 0);
  assert.ok(queries.length > 0, 'the warm-up had begun');
  app.rerender(<Probe index={index} query="Twitter" />);
  const typedAt = queries.length;
  await delay(300);
  assert.deepEqual(
    queries.slice(typedAt).filter((query) => query !== 'Twitter'),
    [],
    'nothing but the typed query after the key',
  );
  assert.match(app.lastFrame() ?? '', /^ready\|Twitter\|\d+/, 'the typed query is answered at once, warm or not');
  app.unmount();
});
