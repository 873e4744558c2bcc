/**
 * The workbench on an archive (`--db`), with a fake archive whose answers the test releases and a
 * clock the test moves: the newest query's answer alone is drawn, a newer key aborts the running
 * query, a slow answer and an unreachable archive are said in the status line, Quotes, Compare
 * and Claims work on the story picked with `s`, and `c` on a result compares it within its story.
 */
import '../helpers/forceColor.js';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { before, describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { ServiceFailure, type Catalog, type SearchAnswer, type ServiceSearchOptions } from '../../src/core/searchService.js';
import type { StoryMember } from '../../src/core/stories.js';
import type { Corpus } from '../../src/core/types.js';
import type { WorkbenchArchive } from '../../src/core/workbenchArchive.js';
import { Workspace } from '../../src/core/workspace.js';
import { App } from '../../src/ui/App.js';
import { RETRY_AFTER_MS, SLOW_AFTER_MS, type Timers } from '../../src/ui/hooks/useArchiveSearch.js';
import { ThemeContext, themeFor } from '../../src/ui/theme.js';
import { bundledCorpus } from '../helpers/corpus.js';
import { KEYS, plain, press, waitForFrame } from '../helpers/ink.js';

/** A clock that moves only when the test says. */
class ManualTimers implements Timers {
  private now = 0;
  private nextId = 1;
  private readonly waiting = new Map<number, { at: number; run: () => void }>();

  setTimeout(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.waiting.set(id, { at: this.now + ms, run });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.waiting.delete(handle as number);
  }

  /** Runs, in order, what falls due within `ms`. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.waiting.entries()].filter(([, wait]) => wait.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.waiting.delete(due[0]);
      this.now = due[1].at;
      due[1].run();
    }
    this.now = until;
  }
}

interface Call {
  query: string;
  signal: AbortSignal | undefined;
  resolve: (answer: SearchAnswer) => void;
  reject: (error: unknown) => void;
}

/** An archive on the bundled corpus (as the story `zoom`) whose searches wait until the test answers them. */
class FakeArchive implements WorkbenchArchive {
  readonly shown = 'postgresql://reader@db.example/news';
  readonly calls: Call[] = [];
  readonly storiesLoaded: string[] = [];

  constructor(private readonly corpus: Corpus) {}

  search(query: string, options: ServiceSearchOptions): Promise<SearchAnswer> {
    return new Promise((resolve, reject) => this.calls.push({ query, signal: options.signal, resolve, reject }));
  }

  /** What the in-memory search answers for `query`: the answer the test gives a call. */
  answerFor(query: string): Promise<SearchAnswer> {
    return new Workspace(this.corpus).searchService().search(query, { limit: 100 });
  }

  /** The latest search for `query` among those asked after the first `asked`, once it is asked. */
  async callFor(query: string, asked = 0): Promise<Call> {
    for (let attempt = 0; attempt < 300; attempt++) {
      const call = this.calls.slice(asked).filter((candidate) => candidate.query === query).at(-1);
      if (call) return call;
      await delay(10);
    }
    assert.fail(`no search for "${query}"; asked: ${this.calls.map((call) => call.query).join(', ')}`);
  }

  documentCorpus(source: string): Promise<Corpus> {
    const documents = this.corpus.documents.filter((document) => document.source === source);
    const passages = this.corpus.passages.filter((passage) => passage.source === source).map((passage, id) => ({ ...passage, id }));
    return Promise.resolve({ ...this.corpus, documents, passages });
  }

  storyMembers(): Promise<Array<StoryMember & { label: string }>> {
    return Promise.resolve(this.corpus.documents);
  }

  storyCorpus(story: string): Promise<Corpus> {
    this.storiesLoaded.push(story);
    return Promise.resolve(this.corpus);
  }

  sourceIds(): Promise<{ ids: string[]; unknown: string[] }> {
    return Promise.reject(new Error('not used by the workbench'));
  }

  stories(): Promise<string[]> {
    return Promise.resolve(this.corpus.stories);
  }

  storySources(): Promise<string[]> {
    return Promise.reject(new Error('not used by the workbench'));
  }

  catalog(): Promise<Catalog> {
    return Promise.reject(new Error('not used by the workbench'));
  }
}

let corpus: Corpus;
before(async () => {
  const bundled = await bundledCorpus();
  corpus = {
    ...bundled,
    documents: bundled.documents.map((document) => ({ ...document, story: 'zoom', storyName: 'Zoom and the Tiananmen calls' })),
    passages: bundled.passages.map((passage) => ({ ...passage, story: 'zoom' })),
    stories: ['zoom'],
  };
});

function renderOnArchive(archive: FakeArchive, timers: Timers): ReturnType<typeof render> {
  const env = { LANG: 'en_US.UTF-8' };
  return render(
    <ThemeContext.Provider value={themeFor(env)}>
      <App archive={archive} timers={timers} size={{ columns: 100, rows: 24 }} />
    </ThemeContext.Provider>,
  );
}

describe('the workbench on an archive', () => {
  it('draws only the newest query: a newer key aborts the running one, whose late answer is dropped', async () => {
    const archive = new FakeArchive(corpus);
    const app = renderOnArchive(archive, new ManualTimers());
    await waitForFrame(app.lastFrame, (frame) => frame.includes('Type to search the archive at postgresql://reader@db.example/news'));
    await press(app.stdin, 'a');
    const first = await archive.callFor('a');
    await press(app.stdin, 'b');
    const second = await archive.callFor('ab');
    assert.equal(first.signal?.aborted, true, "a's query was aborted by the next key");
    assert.equal(second.signal?.aborted, false);
    second.resolve(await archive.answerFor('Zoom'));
    await waitForFrame(app.lastFrame, (frame) => /› 003…:12 +Recently, the Zoom platform/.test(frame));
    // The slow answer for "a" comes late, with other passages: it is not drawn.
    first.resolve(await archive.answerFor('amplifier'));
    await press(app.stdin, KEYS.down);
    const frame = await waitForFrame(app.lastFrame, (text) => /› 000…:5 /.test(text));
    assert.doesNotMatch(frame, /amplifier/);
    assert.match(frame, /› ab/);
    app.unmount();
  });

  it('an operator with nothing after it asks nothing, and the pane still invites typing, as with nothing typed', async () => {
    const archive = new FakeArchive(corpus);
    const app = renderOnArchive(archive, new ManualTimers());
    await waitForFrame(app.lastFrame, (frame) => frame.includes('Type to search the archive'));
    await press(app.stdin, '!');
    await delay(50);
    assert.deepEqual(archive.calls.map((call) => call.query), []);
    const frame = plain(app.lastFrame());
    assert.match(frame, /› !/);
    assert.match(frame, /Type to search the archive at/);
    app.unmount();
  });

  it('says when the archive is slow, second by second, until the answer comes', async () => {
    const archive = new FakeArchive(corpus);
    const timers = new ManualTimers();
    const app = renderOnArchive(archive, timers);
    await press(app.stdin, 'zoom');
    const call = await archive.callFor('zoom');
    const frame = await waitForFrame(app.lastFrame, (text) => text.includes('Searching the archive for "zoom"'));
    assert.doesNotMatch(frame, /searching the archive…/);
    timers.advance(SLOW_AFTER_MS);
    await waitForFrame(app.lastFrame, (frame) => frame.includes('searching the archive… 1 s'));
    timers.advance(1000);
    await waitForFrame(app.lastFrame, (frame) => frame.includes('searching the archive… 2 s'));
    call.resolve(await archive.answerFor('Zoom'));
    // The status line follows the pane's render that drew the answer.
    await waitForFrame(app.lastFrame, (text) => text.includes('Recently, the Zoom platform') && !text.includes('searching the archive'));
    app.unmount();
  });

  it('says when the archive cannot be reached, keeps taking keys, and asks again until it answers', async () => {
    const archive = new FakeArchive(corpus);
    const timers = new ManualTimers();
    const app = renderOnArchive(archive, timers);
    await press(app.stdin, 'zoom');
    (await archive.callFor('zoom')).reject(new ServiceFailure('cannot reach PostgreSQL at postgresql://reader@db.example/news: connection refused'));
    await waitForFrame(app.lastFrame, (frame) => frame.includes('archive unreachable: retrying…'));
    // Keys still work: help opens and closes.
    await press(app.stdin, KEYS.enter, '?');
    await waitForFrame(app.lastFrame, (frame) => frame.includes('crosscheck keys'));
    await press(app.stdin, 'x');
    await waitForFrame(app.lastFrame, (frame) => !frame.includes('crosscheck keys'));
    const asked = archive.calls.length;
    timers.advance(RETRY_AFTER_MS);
    const retry = await archive.callFor('zoom', asked);
    assert.equal(archive.calls.length, asked + 1, 'the same query is asked once more');
    retry.resolve(await archive.answerFor('Zoom'));
    await waitForFrame(app.lastFrame, (text) => text.includes('Recently, the Zoom platform') && !text.includes('unreachable'));
    app.unmount();
  });

  it('shows the selected result among its neighbours, reads its whole document and marks it as evidence', async () => {
    const archive = new FakeArchive(corpus);
    const app = renderOnArchive(archive, new ManualTimers());
    await press(app.stdin, 'hua');
    (await archive.callFor('hua')).resolve(await archive.answerFor('Hua Chuning'));
    // The preview holds the passages around the hit, from its document.
    await waitForFrame(app.lastFrame, (frame) => frame.includes('003_6631a8e0a366c5c7:14') && frame.includes('Many tweets have spread rumors'));
    await press(app.stdin, KEYS.enter, KEYS.enter);
    const frame = await waitForFrame(app.lastFrame, (text) => text.includes('Search │ reader'));
    assert.match(frame, /Hua Chuning/);
    // The evidence keys cite the passage's document, which only the archive held.
    await press(app.stdin, 'm');
    await waitForFrame(app.lastFrame, (text) => text.includes('marked: 003_6631a8e0a366c5c7:14 (1 item in the list)'));
    app.unmount();
  });

  it('Quotes, Compare and Claims say how to pick a story, and work on the one picked with s', async () => {
    const archive = new FakeArchive(corpus);
    const app = renderOnArchive(archive, new ManualTimers());
    await press(app.stdin, KEYS.escape, '2');
    await waitForFrame(app.lastFrame, (frame) => frame.includes('Quotes works on one story of the archive at a time: s picks a story.'));
    await press(app.stdin, '3');
    await waitForFrame(app.lastFrame, (frame) => frame.includes('Compare works on one story'));
    await press(app.stdin, 's');
    await waitForFrame(app.lastFrame, (frame) => frame.includes('Zoom and the Tiananmen calls'));
    await press(app.stdin, KEYS.enter);
    const frame = await waitForFrame(app.lastFrame, (text) => text.includes('story zoom: 5 sources'));
    assert.deepEqual(archive.storiesLoaded, ['zoom']);
    assert.match(frame, /Claims/);
    await press(app.stdin, '2');
    await waitForFrame(app.lastFrame, (text) => !text.includes('works on one story') && /Quotes/.test(text));
    app.unmount();
  });

  it('c on a result loads its story and compares the passage there, anchored on it; Esc goes back to the result', async () => {
    const archive = new FakeArchive(corpus);
    const app = renderOnArchive(archive, new ManualTimers());
    // The first two results are one sentence, a heading and the line under it: only the anchor
    // tells which of the two the comparison is about.
    await press(app.stdin, 'demanding');
    (await archive.callFor('demanding')).resolve(await archive.answerFor('demanding'));
    await waitForFrame(app.lastFrame, (frame) => frame.includes('China claims to be a victim'));
    await press(app.stdin, KEYS.enter, KEYS.down);
    // The second result selected, with its preview.
    const selected = plain(await waitForFrame(app.lastFrame, (frame) => frame.includes('Search │ results') && plain(frame).split('\n')[3]?.startsWith('› ') === true && /^\S+:\d+ ¶\d+ /m.test(plain(frame))));
    // The preview's heading cites the selected passage in full: source:line.
    const cited = /^(\S+:\d+) ¶\d+ /m.exec(selected)?.[1];
    assert.ok(cited, `a preview heading in:\n${selected}`);
    await press(app.stdin, 'c');
    const frame = plain(await waitForFrame(app.lastFrame, (text) => text.includes('Compare │') && /100%\s+reference/.test(text)));
    assert.deepEqual(archive.storiesLoaded, ['zoom'], "the result's story is loaded, as the picker would");
    assert.match(frame, /story zoom: 5 sources/);
    // Anchored: the selected passage is the comparison's reference.
    assert.equal(/^(\S+)\s+100%\s+reference$/m.exec(frame)?.[1], cited);
    await press(app.stdin, KEYS.escape);
    const back = plain(await waitForFrame(app.lastFrame, (text) => text.includes('Search │ results')));
    assert.equal(/^› .*$/m.exec(back)?.[0], /^› .*$/m.exec(selected)?.[0], 'the same result is selected again');
    app.unmount();
  });
});
