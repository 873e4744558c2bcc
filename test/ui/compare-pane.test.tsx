import '../helpers/forceColor.js';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { workspaceOf, type Workspace } from '../../src/ui/hooks/useWorkspace.js';
import { type Workbench } from '../helpers/app.js';
import { loadCorpus } from '../../src/core/load.js';
import { bundledCorpus, temporaryCorpus } from '../helpers/corpus.js';
import { renderWorkbench } from '../helpers/app.js';
import { KEYS, press, waitForFrame } from '../helpers/ink.js';
import { nonEmpty } from '../helpers/assertions.js';

let workspace: Workspace;
before(async () => {
  workspace = workspaceOf(await bundledCorpus());
});

function renderApp(columns: number, rows: number): Workbench {
  return renderWorkbench(workspace, { columns, rows });
}

/** Search for `query`, go to the results, and press c on the first hit. */
async function compareFirstHit(app: ReturnType<typeof renderApp>, query: string): Promise<string> {
  await press(app.stdin, query);
  // The answer to this query: fewer than all 104 passages, and no pending marker before the count.
  await waitForFrame(app.lastFrame, (text) => / [1-9]\d?\/104/.test(text));
  await press(app.stdin, KEYS.enter, 'c');
  return waitForFrame(app.lastFrame, (text) => /of 5 sources carry it/.test(text));
}

describe('the Compare pane', () => {
  for (const [columns, rows] of [[80, 24], [200, 50]] as const) {
    it(`at ${columns}x${rows}: a search hit is compared in two keys, every source carried or not reported`, async () => {
      const app = renderApp(columns, rows);
      const frame = await compareFirstHit(app, "'Tiananmen");
      assert.match(frame, /3 Compare/);
      assert.match(frame, /2 of 5 sources carry it/);
      // The hit's own source is the reference; the other carrier is diffed against it.
      assert.match(frame, /(000_067ac5e56125b280:5|003_6631a8e0a366c5c7:12) +100% +reference/);
      assert.match(frame, /000_067ac5e56125b280:5/);
      assert.match(frame, /003_6631a8e0a366c5c7:12/);
      assert.equal(frame.match(/not reported/g)?.length, 3);
      assert.ok(nonEmpty(frame.split('\n')).every((line) => line.length <= columns), 'nothing wider than the screen');
      app.unmount();
    });
  }

  it('shows conflicting facts, and r moves the reference to another carrying source', async () => {
    const app = renderApp(80, 40);
    let frame = await compareFirstHit(app, "'amplifier 'highly");
    assert.match(frame, /! weekday: (Friday|Thursday) \(others: (Thursday|Friday)\)/);
    const reference = /reference (\S+)/.exec(frame)?.[1];
    await press(app.stdin, 'r');
    frame = await waitForFrame(app.lastFrame, (text) => (/reference (\S+)/.exec(text)?.[1] ?? reference) !== reference);
    assert.match(frame, /of 5 sources carry it/);
    app.unmount();
  });

  it('n and p step through the claims map of the story, each opening its comparison', async () => {
    const app = renderApp(80, 24);
    const claimOf = (frame: string): string => frame.split('\n').find((line) => /^[›/] /.test(line)) ?? '';
    const start = claimOf(await compareFirstHit(app, "'Tiananmen"));
    await press(app.stdin, 'n');
    const second = claimOf(await waitForFrame(app.lastFrame, (text) => claimOf(text) !== start && /of 5 sources carry it/.test(text)));
    await press(app.stdin, 'n');
    const third = claimOf(await waitForFrame(app.lastFrame, (text) => claimOf(text) !== second && /of 5 sources carry it/.test(text)));
    assert.notEqual(third, start);
    await press(app.stdin, 'p');
    const back = await waitForFrame(app.lastFrame, (text) => claimOf(text) !== third && /of 5 sources carry it/.test(text));
    assert.equal(claimOf(back), second);
    app.unmount();
  });

  it('compares a typed claim after /', async () => {
    const app = renderApp(80, 24);
    await compareFirstHit(app, "'Tiananmen");
    await press(app.stdin, '/', KEYS.ctrlU);
    await press(app.stdin, 'Twitter also removed operations attributed to Russia and Turkey', KEYS.enter);
    const frame = await waitForFrame(app.lastFrame, (text) => /1 of 5 sources carry it/.test(text));
    assert.match(frame, /004_b0ee60363008b165:19/);
    assert.equal(frame.match(/not reported/g)?.length, 4);
    app.unmount();
  });
});

describe('the Claims pane', () => {
  for (const [columns, rows] of [[80, 24], [200, 50]] as const) {
    it(`at ${columns}x${rows}: the matrix, the claim all five carry first with its conflict marks`, async () => {
      const app = renderApp(columns, rows);
      await press(app.stdin, KEYS.enter, '4');
      const frame = await waitForFrame(app.lastFrame, (text) => /\d+ claims/.test(text));
      const rows_ = frame.split('\n');
      const first = rows_.find((line) => /^ *1 [●!·]/.test(line)) ?? '';
      assert.match(first, /^ *1 ([●!] ){5}The move came a day after Twitter/);
      assert.match(first, /!/, 'the Thursday/Friday conflict is marked');
      assert.match(frame, /A 000_067ac5e56125b280/);
      assert.ok(nonEmpty(rows_).every((line) => line.length <= columns));
      app.unmount();
    });
  }

  it('o picks a source from a list and keeps the claims it alone makes, one column; Enter compares one, Esc comes back to Claims', async () => {
    const app = renderApp(80, 24);
    await press(app.stdin, KEYS.enter, '4');
    await waitForFrame(app.lastFrame, (text) => /\d+ claims/.test(text));
    await press(app.stdin, 'o');
    await waitForFrame(app.lastFrame, (text) => /choose the source/.test(text) && /001_bdd18a99971e829b +\d+ claims no other source makes/.test(text));
    await press(app.stdin, 'j', KEYS.enter);
    let frame = await waitForFrame(app.lastFrame, (text) => /claims made by 001_bdd18a99971e829b alone/.test(text));
    const rows = frame.split('\n').filter((line) => /^ *\d+ [●!·]/.test(line));
    assert.ok(rows.length > 0);
    assert.ok(nonEmpty(rows).every((line) => /^ *\d+ [●!] \S/.test(line)), 'one column: the chosen source');
    assert.match(frame, /^A 001_bdd18a99971e829b$/m);
    const selected = rows[1]!.replace(/^ *\d+ [●!] /, '').slice(0, 30);
    await press(app.stdin, 'j', KEYS.enter);
    frame = await waitForFrame(app.lastFrame, (text) => /of 5 sources carry it/.test(text));
    assert.match(frame, /Compare │ view/);
    await press(app.stdin, KEYS.escape);
    frame = await waitForFrame(app.lastFrame, (text) => text.includes('Claims │'));
    assert.match(frame, /claims made by 001_bdd18a99971e829b alone/, 'the filter is kept');
    const back = frame.split('\n').find((line) => line.includes(selected));
    assert.ok(back, 'the claim compared is still listed');
    app.unmount();
  });
});

describe('the Claims pane at scale', () => {
  it('with 30 sources carrying a claim: the claim text stays readable at 80 columns, the columns scroll with l, / filters, ! keeps conflicts', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 30; index++) {
      const name = `outlet${String(index).padStart(2, '0')}.txt`;
      const day = index === 7 ? 'Tuesday' : 'Monday';
      files[name] = `The city council approved the new harbour bridge budget of 40 million euros on ${day}.\n\nOutlet ${index} also covered the weather in a separate note about rain.\n`;
    }
    const folder = temporaryCorpus(files);
    try {
      const wide = workspaceOf(await loadCorpus(folder.root));
      const app = renderWorkbench(wide, { columns: 80, rows: 24 });
      await press(app.stdin, KEYS.enter, '4');
      let frame = await waitForFrame(app.lastFrame, (text) => /\d+ claims/.test(text));
      const bridge = frame.split('\n').find((line) => /[●!] The city council approved the new/.test(line));
      assert.ok(bridge, `the claim's text shows beside its marks:\n${frame}`);
      assert.match(frame, /sources 1-19 of 30 \(h\/l\)/);
      assert.match(frame, /A outlet00 +B outlet01/, 'the legend packs several sources to a row');
      assert.match(frame, /S outlet18/, 'and names every column shown');
      await press(app.stdin, 'l');
      frame = await waitForFrame(app.lastFrame, (text) => /sources \d+-30 of 30/.test(text));
      await press(app.stdin, '/', 'bridge', KEYS.enter);
      frame = await waitForFrame(app.lastFrame, (text) => /^1 claim\b/m.test(text));
      assert.match(frame, /The city council approved/);
      await press(app.stdin, '!');
      frame = await waitForFrame(app.lastFrame, (text) => /with conflicts/.test(text));
      app.unmount();
    } finally {
      folder.cleanup();
    }
  });
});
