import '../helpers/forceColor.js';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { workspaceOf, type Workspace } from '../../src/ui/hooks/useWorkspace.js';
import { renderLoadingWorkbench, renderWorkbench, type Workbench } from '../helpers/app.js';
import { bundledCorpus } from '../helpers/corpus.js';
import { KEYS, press, waitForFrame } from '../helpers/ink.js';

let workspace: Workspace;
before(async () => {
  workspace = workspaceOf(await bundledCorpus());
});

function renderApp(columns = 80, rows = 24, env: NodeJS.ProcessEnv = { LANG: 'en_US.UTF-8' }): Workbench {
  return renderWorkbench(workspace, { columns, rows, env });
}

describe('the Search pane', () => {
  it('opens on the whole corpus with the query focused and a status line', async () => {
    const app = renderApp();
    const frame = await waitForFrame(app.lastFrame, (text) => text.includes('passages'));
    assert.match(frame, /1 Search/);
    assert.match(frame, new RegExp(`${workspace.corpus.passages.length}/${workspace.corpus.passages.length}`));
    assert.match(frame, /5 sources \d+ passages/);
    assert.match(frame, /› 000…:1 +The Chinese government says/);
    assert.equal(frame.split('\n').length, 24, 'the status line is on the last row, none left blank');
    app.unmount();
  });

  it('says search is not ready (an ellipsis before the count) until its index is built and warmed, then drops it', async () => {
    // A workspace of its own: its index is not built, let alone warmed, by an earlier test.
    const fresh = workspaceOf(await bundledCorpus());
    const total = fresh.corpus.passages.length;
    const app = renderWorkbench(fresh, { columns: 80, rows: 24, env: { LANG: 'en_US.UTF-8' } });
    await waitForFrame(app.lastFrame, (text) => text.includes(`…${total}/${total}`));
    const ready = await waitForFrame(app.lastFrame, (text) => new RegExp(` ${total}/${total}\\n`).test(text));
    assert.doesNotMatch(ready, new RegExp(`…${total}/${total}`));
    app.unmount();
  });

  it('ranks typed queries and shows the selection in context in the preview', async () => {
    const app = renderApp();
    await press(app.stdin, 'Hua Chuning');
    const frame = await waitForFrame(app.lastFrame, (text) => /\d+\/\d+/.test(text) && text.includes('Hua Chuning.'));
    const rows = frame.split('\n');
    assert.match(rows[2]!, /003…:14 .*Hua Chuning/, 'the misspelled name ranks first');
    assert.ok(rows.slice(3, 8).some((row) => row.includes('Hua Chunying')), 'the correct spelling follows');
    assert.match(frame, /003_6631a8e0a366c5c7:14 ¶7/);
    app.unmount();
  });

  it('moves with arrows and j/k, drills in with Enter and comes back with Esc', async () => {
    const app = renderApp();
    await press(app.stdin, "'amplifier", KEYS.enter);
    let frame = await waitForFrame(app.lastFrame, (text) => text.includes('/ ') && text.includes('results'));
    assert.match(frame.split('\n')[2]!, /^›/);
    await press(app.stdin, 'j', KEYS.down);
    await waitForFrame(app.lastFrame, (text) => /^›/.test(text.split('\n')[4] ?? ''));
    await press(app.stdin, 'k');
    await waitForFrame(app.lastFrame, (text) => /^›/.test(text.split('\n')[3] ?? ''));
    await press(app.stdin, KEYS.enter);
    frame = await waitForFrame(app.lastFrame, (text) => text.includes('Search │ reader'));
    assert.doesNotMatch(frame, /^›/m, 'the reader takes the whole pane');
    await press(app.stdin, KEYS.escape);
    await waitForFrame(app.lastFrame, (text) => text.includes('Search │ results'));
    app.unmount();
  });

  it('says so when nothing matches', async () => {
    const app = renderApp();
    await press(app.stdin, 'zzzqqqxxx');
    await waitForFrame(app.lastFrame, (text) => text.includes('Nothing matches "zzzqqqxxx"'));
    app.unmount();
  });

  it('opens help with ? and closes it with any key, keeping the query', async () => {
    const app = renderApp();
    await press(app.stdin, 'twitter', KEYS.enter, '?');
    let frame = await waitForFrame(app.lastFrame, (text) => text.includes('crosscheck keys'));
    assert.match(frame, /Search: the results/, "the pane's own keys come first");
    assert.match(frame, /switch pane/);
    await press(app.stdin, 'x');
    frame = await waitForFrame(app.lastFrame, (text) => !text.includes('crosscheck keys'));
    assert.match(frame, /\/ twitter/);
    app.unmount();
  });

  it('scrolls a help taller than the screen with j and PgDn, and shows that more follows', async () => {
    const app = renderApp(80, 24);
    await press(app.stdin, KEYS.enter, '?');
    let frame = await waitForFrame(app.lastFrame, (text) => text.includes('crosscheck keys'));
    assert.match(frame, /more \(j or PgDn\)/);
    assert.doesNotMatch(frame, /Query syntax/);
    await press(app.stdin, KEYS.pageDown, 'j', 'j');
    await waitForFrame(app.lastFrame, (text) => text.includes('Lists and views') || text.includes('Text fields'));
    await press(app.stdin, 'G');
    frame = await waitForFrame(app.lastFrame, (text) => text.includes("'exact"));
    assert.doesNotMatch(frame, /more \(j or PgDn\)/);
    await press(app.stdin, 'x');
    await waitForFrame(app.lastFrame, (text) => !text.includes('crosscheck keys'));
    app.unmount();
  });

  it('highlights matched characters', async () => {
    const app = renderApp();
    await press(app.stdin, "'Zoom");
    await waitForFrame(app.lastFrame, (text) => text.includes('2/'));
    // The frame keeps its escapes: the match is bold.
    assert.match(app.lastFrame() ?? '', /\u001b\[1m(?:\u001b\[[0-9;]*m)*Zoom/);
    app.unmount();
  });

  it('redraws a row whose passage stays but whose matches grow as the query does (rows are memoised)', async () => {
    const app = renderApp();
    await press(app.stdin, "'Zoo");
    await waitForFrame(app.lastFrame, (text) => /'Zoo +2\//.test(text));
    assert.match(app.lastFrame() ?? '', /\u001b\[1m(?:\u001b\[[0-9;]*m)*Zoo(?:\u001b\[[0-9;]*m)+m/, 'the m is not part of the match yet');
    await press(app.stdin, 'm');
    await waitForFrame(app.lastFrame, (text) => /'Zoom +2\//.test(text));
    assert.match(app.lastFrame() ?? '', /\u001b\[1m(?:\u001b\[[0-9;]*m)*Zoom/, 'the same rows now mark the m too');
    app.unmount();
  });

  it('quits on q from the list but types q into the query', async () => {
    const app = renderApp();
    await press(app.stdin, 'q');
    await waitForFrame(app.lastFrame, (text) => text.includes('› q'));
    await press(app.stdin, KEYS.enter, 'q');
    await waitForFrame(app.lastFrame, () => true);
    // After q from the list the app has exited: further keys change nothing.
    const before = app.lastFrame();
    await press(app.stdin, 'j');
    assert.equal(app.lastFrame(), before);
    app.unmount();
  });

  it('keeps what is typed while the corpus loads, q too, and opens the query on it', async () => {
    const { app, finishLoading } = renderLoadingWorkbench(workspace);
    await waitForFrame(app.lastFrame, (text) => /Loading/.test(text) && /type to search/.test(text));
    await press(app.stdin, 'Hua Chuqning', ...Array<string>(5).fill(KEYS.backspace), 'ning');
    let frame = await waitForFrame(app.lastFrame, (text) => text.includes('› Hua Chuning'));
    assert.match(frame, /Loading/, 'still loading: nothing was dropped and q did not quit');
    finishLoading();
    frame = await waitForFrame(app.lastFrame, (text) => /› Hua Chuning +\d+\/104/.test(text));
    assert.match(frame, /Hua Chun(y)?ing/);
    app.unmount();
  });

  it('keeps a key that arrives between the first ready frame and the pane taking the keys', async () => {
    const { app, finishLoading } = renderLoadingWorkbench(workspace);
    await waitForFrame(app.lastFrame, (text) => /Loading/.test(text));
    // The worst moment: while Ink writes the first ready frame, before any effect of the new pane ran.
    const writeFrame = app.stdout.write;
    let sent = false;
    app.stdout.write = (frame: string) => {
      writeFrame(frame);
      if (!sent && frame.includes('search passages')) {
        sent = true;
        app.stdin.write('H');
      }
    };
    finishLoading();
    await waitForFrame(app.lastFrame, (text) => /› H +\d+\/104/.test(text));
    await press(app.stdin, 'ua');
    await waitForFrame(app.lastFrame, (text) => /› Hua +\d+\/104/.test(text));
    assert.ok(sent);
    app.unmount();
  });

  it('says the terminal is too small below the minimum', async () => {
    const app = renderApp(50, 12);
    const frame = await waitForFrame(app.lastFrame, (text) => text.includes('too small'));
    assert.match(frame, /50x12/);
    assert.match(frame.replace(/\s+/g, ' '), /crosscheck needs 60x16; enlarge the window\. q quits\./, 'the message is whole, wrapped, not cut');
    app.unmount();
  });

  it('keeps the query and the selection through a terminal made too small and back; meanwhile only q quits', async () => {
    const app = renderApp();
    await press(app.stdin, 'Twitter');
    await waitForFrame(app.lastFrame, (text) => /› Twitter +\d+\/104/.test(text));
    await press(app.stdin, KEYS.down, KEYS.down);
    const before = await waitForFrame(app.lastFrame, (text) => text.split('\n')[4]?.startsWith('›') === true);
    app.resize(50, 12);
    await waitForFrame(app.lastFrame, (text) => text.includes('Terminal too small: 50x12'));
    // Keys a hidden pane would take do nothing while the workbench cannot be seen.
    await press(app.stdin, 'x', KEYS.down);
    app.resize(80, 24);
    const after = await waitForFrame(app.lastFrame, (text) => !text.includes('too small') && /› Twitter +\d+\/104/.test(text));
    assert.equal(after, before, 'the same query, results and selection as before');
    app.unmount();
  });

  it('draws ASCII under LANG=C', async () => {
    const app = renderApp(80, 24, { LANG: 'C' });
    const frame = await waitForFrame(app.lastFrame, (text) => text.includes('passages'));
    assert.doesNotMatch(frame, /[─│›…]/);
    app.unmount();
  });
});
