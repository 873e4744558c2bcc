/**
 * Issue 13, item 1: one redraw per key. The first frame drawn after a typed letter already shows
 * the rows and the preview the key settles on; a later frame may change only the count.
 */
import '../helpers/forceColor.js';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { before, describe, it } from 'node:test';
import { workspaceOf, type Workspace } from '../../src/ui/hooks/useWorkspace.js';
import { renderWorkbench } from '../helpers/app.js';
import { bundledCorpus } from '../helpers/corpus.js';
import { KEYS, plain, press, waitForFrame } from '../helpers/ink.js';

let workspace: Workspace;
before(async () => {
  workspace = workspaceOf(await bundledCorpus());
});

/** The frame without the query line's count: what a later frame of the same key must not change. */
function withoutCount(frame: string): string {
  return frame
    .split('\n')
    .map((row, at) => (at === 1 ? row.replace(/…?\d+\+?\/\d+\s*$/, '') : row))
    .join('\n');
}

const answered = (frame: string): boolean => /[^…]\b\d+\+?\/\d+\s*$/m.test(frame.split('\n')[1] ?? '');

/** The workbench at 80x24 with its index built and the query empty again. */
async function readyToType(): Promise<ReturnType<typeof renderWorkbench>> {
  const app = renderWorkbench(workspace, { columns: 80, rows: 24 });
  await waitForFrame(app.lastFrame, (text) => text.includes('passages'));
  // The index is built once the pane is drawn: wait for a first answer, then start afresh.
  await press(app.stdin, 'x');
  await waitForFrame(app.lastFrame, answered);
  await press(app.stdin, KEYS.ctrlU);
  await delay(150);
  return app;
}

describe('typing into the Search pane (issue 13)', () => {
  it("draws each letter's settled rows and preview in its first frame, later frames change only the count", async () => {
    const app = await readyToType();
    let checked = 0;
    let counts = new Set<string>();
    for (const letter of 'said chin') {
      const from = app.frames.length;
      app.stdin.write(letter);
      await waitForFrame(app.lastFrame, (text) => answered(text) && app.frames.length > from);
      await delay(150);
      const frames = app.frames.slice(from).map(plain);
      const settled = frames.at(-1)!;
      assert.ok(frames.length > 0, `'${letter}' drew a frame`);
      for (const frame of frames) assert.equal(withoutCount(frame), withoutCount(settled), `'${letter}': a frame before the settled one showed other rows`);
      counts = new Set([...counts, ...frames.map((frame) => frame.split('\n')[1]!.match(/\d+\+?\/\d+/)?.[0] ?? '')]);
      checked += frames.length;
    }
    assert.ok(checked >= 9, `${checked} frames checked`);
    assert.ok(counts.size > 1, `the count followed the query: ${[...counts].join(', ')}`);
    app.unmount();
  });

  it('renders a letter whose search its own frame finished once: no second render of the same screen', async () => {
    const app = await readyToType();
    for (const letter of 'twit') {
      const from = app.frames.length;
      app.stdin.write(letter);
      await waitForFrame(app.lastFrame, (text) => answered(text) && app.frames.length > from);
      await delay(150);
      // The bundled corpus is searched whole within the key's frame: nothing is left to a job.
      assert.equal(app.frames.length - from, 1, `'${letter}' drew ${app.frames.length - from} frames`);
    }
    assert.match(plain(app.lastFrame() ?? ''), /twit +\d+\/\d+/);
    app.unmount();
  });
});
