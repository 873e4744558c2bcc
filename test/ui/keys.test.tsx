/** Keys a newcomer relies on, in every pane: help, switching while typing, paste, Esc back, scrolling. */
import '../helpers/forceColor.js';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { workspaceOf, type Workspace } from '../../src/ui/hooks/useWorkspace.js';
import { activeBindings } from '../../src/ui/keys/dispatch.js';
import { BINDINGS } from '../../src/ui/keys/keymap.js';
import { PASTE_END, PASTE_START } from '../../src/ui/keys/read.js';
import type { PaneControls, PaneKey } from '../../src/ui/navigation.js';
import { renderWorkbench, type Workbench } from '../helpers/app.js';
import { bundledCorpus } from '../helpers/corpus.js';
import { KEYS, press, waitForFrame } from '../helpers/ink.js';

const F1 = '\u001bOP';
const ALT_2 = '\u001b2';
const CTRL_N = '\u000e';

let workspace: Workspace;
before(async () => {
  workspace = workspaceOf(await bundledCorpus());
});

function renderApp(columns = 80, rows = 24): Workbench {
  return renderWorkbench(workspace, { columns, rows });
}

function statusLine(frame: string): string {
  return frame.split('\n').at(-1) ?? '';
}

/** The row the selection pointer is on, in the Search results. */
function selectedRow(frame: string): string {
  return frame.split('\n').find((line) => /^› \S+…:\d+/.test(line)) ?? '';
}

describe('the first screen', () => {
  it('? opens the help while the query is empty, and the status line says so at 80 columns', async () => {
    const app = renderApp();
    let frame = await waitForFrame(app.lastFrame, (text) => text.includes('104/104'));
    assert.match(statusLine(frame), /\? help/);
    await press(app.stdin, '?');
    frame = await waitForFrame(app.lastFrame, (text) => text.includes('crosscheck keys'));
    assert.doesNotMatch(frame, /Nothing matches/);
    await press(app.stdin, 'x');
    frame = await waitForFrame(app.lastFrame, (text) => !text.includes('crosscheck keys'));
    assert.match(frame, /› +search passages/, 'the query is still empty');
    app.unmount();
  });

  it('with text in the query, ? is typed and F1 opens the help', async () => {
    const app = renderApp();
    await press(app.stdin, 'why?');
    let frame = await waitForFrame(app.lastFrame, (text) => text.includes('› why?'));
    assert.match(statusLine(frame), /F1 help/);
    await press(app.stdin, F1);
    frame = await waitForFrame(app.lastFrame, (text) => text.includes('crosscheck keys'));
    assert.match(frame, /crosscheck keys/);
    app.unmount();
  });

  it('Alt-2 switches pane while typing, keeping the query; Ctrl-N moves in the results while typing', async () => {
    const app = renderApp();
    await press(app.stdin, 'Hua');
    await waitForFrame(app.lastFrame, (text) => / \d+\/104/.test(text) && !text.includes('104/104'));
    const first = selectedRow(app.lastFrame() ?? '');
    await press(app.stdin, CTRL_N);
    const frame = await waitForFrame(app.lastFrame, (text) => selectedRow(text) !== '' && selectedRow(text) !== first);
    assert.match(frame, /› Hua/, 'still typing');
    await press(app.stdin, ALT_2);
    await waitForFrame(app.lastFrame, (text) => text.includes('Quotes │'));
    await press(app.stdin, '\u001bOQ');
    await waitForFrame(app.lastFrame, (text) => text.includes('Search │ query') && text.includes('› Hua'));
    app.unmount();
  });

  it('the status line ends with the way to the help in every pane at 80 columns', async () => {
    const app = renderApp();
    await waitForFrame(app.lastFrame, (text) => text.includes('104/104'));
    await press(app.stdin, KEYS.enter);
    for (const digit of ['1', '2', '3', '4']) {
      await press(app.stdin, digit);
      const frame = await waitForFrame(app.lastFrame, (text) => /[?] help|F1 help/.test(statusLine(text)) && !/Loading|Finding/.test(text));
      assert.ok(statusLine(frame).length <= 80);
      assert.match(statusLine(frame), /(\? help|F1 help) +\d+ sources/, `pane ${digit}`);
      if (digit === '2') await press(app.stdin, KEYS.enter);
    }
    app.unmount();
  });
});

describe('a paste', () => {
  for (const [kind, data] of [
    ['bracketed', `${PASTE_START}Twitter accounts\rquestions about it${PASTE_END}`],
    ['raw, in one burst', 'Twitter accounts\rquestions about it'],
  ] as const) {
    it(`(${kind}) goes into the query as one line and runs nothing: no q quits, no Enter moves`, async () => {
      const app = renderApp();
      await waitForFrame(app.lastFrame, (text) => text.includes('104/104'));
      app.stdin.write(data);
      const frame = await waitForFrame(app.lastFrame, (text) => text.includes('› Twitter accounts questions about it'));
      assert.match(statusLine(frame), /Search │ query/);
      await press(app.stdin, 'x');
      await waitForFrame(app.lastFrame, (text) => text.includes('› Twitter accounts questions about itx'), 3000);
      app.unmount();
    });
  }

  it('from a list, goes into the pane\'s field, never as keys (a multi-line claim in Compare)', async () => {
    const app = renderApp();
    await press(app.stdin, KEYS.enter, '3');
    await waitForFrame(app.lastFrame, (text) => text.includes('Compare │ view'));
    app.stdin.write(`${PASTE_START}Twitter removed\nroughly 170,000 accounts\nnow${PASTE_END}`);
    const frame = await waitForFrame(app.lastFrame, (text) => text.includes('Twitter removed roughly 170,000 accounts now'));
    assert.match(statusLine(frame), /Compare │ claim/);
    app.unmount();
  });
});

describe('Esc goes back to the exact place', () => {
  it("Search 'amplifier, Enter, j, c, Esc: the query and the selected passage (002…:3) come back", async () => {
    const app = renderApp();
    await press(app.stdin, "'amplifier");
    await waitForFrame(app.lastFrame, (text) => / 3\/104/.test(text));
    await press(app.stdin, KEYS.enter, 'j');
    await waitForFrame(app.lastFrame, (text) => /^› 002…:3/m.test(text));
    await press(app.stdin, 'c');
    await waitForFrame(app.lastFrame, (text) => /of 5 sources carry it/.test(text));
    await press(app.stdin, KEYS.escape);
    const frame = await waitForFrame(app.lastFrame, (text) => text.includes('Search │ results'));
    assert.match(frame, /\/ 'amplifier/);
    assert.match(selectedRow(frame), /^› 002…:3/);
    app.unmount();
  });

  it('Quotes, Enter on a source with a query already in Search: the reader shows that passage; Esc returns to the source', async () => {
    const app = renderApp();
    await press(app.stdin, 'Zoom', KEYS.enter, '2');
    await waitForFrame(app.lastFrame, (text) => /Quotes │ query/.test(text) && /\d+ quotes?\b/.test(text));
    await press(app.stdin, 'biggest victim');
    await waitForFrame(app.lastFrame, (text) => /1 quote$/m.test(text));
    await press(app.stdin, KEYS.enter, KEYS.enter);
    await waitForFrame(app.lastFrame, (text) => text.includes('Quotes │ sources'));
    await press(app.stdin, 'j', KEYS.enter);
    const victim = workspace.corpus.passages.find((passage) => passage.source === '003_6631a8e0a366c5c7' && passage.text.startsWith('"This is the biggest'))!;
    let frame = await waitForFrame(app.lastFrame, (text) => text.includes('Search │ reader'));
    assert.match(frame, new RegExp(`003_6631a8e0a366c5c7:${victim.line} `));
    assert.match(frame, /"This is the biggest/);
    await press(app.stdin, KEYS.escape);
    frame = await waitForFrame(app.lastFrame, (text) => text.includes('Quotes │ sources'));
    assert.match(frame, /\/ biggest victim/);
    await press(app.stdin, '1');
    frame = await waitForFrame(app.lastFrame, (text) => text.includes('Search │'));
    assert.match(frame, /\/ Zoom|› Zoom/, "Search's own query is untouched");
    app.unmount();
  });

  it('in Compare, Esc leaves a typed claim, then goes back to Search', async () => {
    const app = renderApp();
    await press(app.stdin, "'amplifier");
    await waitForFrame(app.lastFrame, (text) => / 3\/104/.test(text));
    await press(app.stdin, KEYS.enter, 'c');
    await waitForFrame(app.lastFrame, (text) => /of 5 sources carry it/.test(text));
    await press(app.stdin, '/', 'Twitter suspended accounts');
    await waitForFrame(app.lastFrame, (text) => text.includes('Compare │ claim'));
    await press(app.stdin, KEYS.escape);
    await waitForFrame(app.lastFrame, (text) => text.includes('Compare │ view'));
    await press(app.stdin, KEYS.escape);
    await waitForFrame(app.lastFrame, (text) => text.includes('Search │ results'));
    app.unmount();
  });
});

describe('Compare reads and scrolls', () => {
  it('scrolls within its content: after 30 j, k moves at once; G shows the end; Enter reads the reference', async () => {
    const app = renderApp(80, 24);
    await press(app.stdin, "'amplifier");
    await waitForFrame(app.lastFrame, (text) => / 3\/104/.test(text));
    await press(app.stdin, KEYS.enter, 'c');
    const top = await waitForFrame(app.lastFrame, (text) => /of 5 sources carry it/.test(text));
    assert.doesNotMatch(top, /conflict\(s\)/, 'plural, not conflict(s)');
    assert.match(top, /^\/ The company suspended a core network/m, 'the claim line shows how the claim starts');
    assert.match(top, /1 conflict\b/);
    await press(app.stdin, ...Array<string>(30).fill('j'));
    const bottom = await waitForFrame(app.lastFrame, (text) => text.includes('not reported'));
    await press(app.stdin, 'k');
    await waitForFrame(app.lastFrame, (text) => text !== bottom);
    await press(app.stdin, 'g');
    await waitForFrame(app.lastFrame, (text) => text === top);
    await press(app.stdin, 'G');
    await waitForFrame(app.lastFrame, (text) => text === bottom);
    await press(app.stdin, KEYS.enter);
    const reader = await waitForFrame(app.lastFrame, (text) => text.includes('Search │ reader'));
    assert.match(reader, /004_b0ee60363008b165:13 /);
    app.unmount();
  });

  it('side by side, each column is its own source\'s words, deletions as short [-…-] notes, no glued words', async () => {
    const app = renderApp(200, 50);
    await press(app.stdin, "'amplifier");
    await waitForFrame(app.lastFrame, (text) => / 3\/104/.test(text));
    await press(app.stdin, KEYS.enter, 'j', 'j', 'c');
    const frame = await waitForFrame(app.lastFrame, (text) => /of 5 sources carry it/.test(text));
    assert.doesNotMatch(frame, /suspended move came/, 'no word salad of both versions');
    app.unmount();
  });
});

describe('the reader', () => {
  it('Enter reads the whole article scrolled to the passage; G/g go to its end and start; / finds words, n goes to the next line found', async () => {
    const app = renderApp(80, 24);
    await press(app.stdin, "'amplifier");
    await waitForFrame(app.lastFrame, (text) => / 3\/104/.test(text));
    await press(app.stdin, KEYS.enter, KEYS.enter);
    const opened = await waitForFrame(app.lastFrame, (text) => text.includes('Search │ reader'));
    assert.match(opened, /004_b0ee60363008b165:13 /);
    assert.match(opened, /“amplifier”/, 'the passage is in view');
    await press(app.stdin, 'g');
    const start = await waitForFrame(app.lastFrame, (text) => text !== opened);
    const article = workspace.corpus.passages.filter((passage) => passage.source === '004_b0ee60363008b165');
    assert.ok(start.includes(article[0]!.text.slice(0, 40)), 'g shows the first paragraph of the article');
    await press(app.stdin, 'G');
    const end = await waitForFrame(app.lastFrame, (text) => text !== start);
    assert.ok(end.includes(article.at(-1)!.text.slice(0, 30)), 'G shows the last paragraph');
    await press(app.stdin, '/', 'Twitter');
    await waitForFrame(app.lastFrame, (text) => /find › Twitter +\d+ lines? found/.test(text));
    await press(app.stdin, KEYS.enter, 'g');
    const found = await waitForFrame(app.lastFrame, (text) => text.includes('Search │ reader') && text.includes(article[0]!.text.slice(0, 40)));
    await press(app.stdin, 'n');
    await waitForFrame(app.lastFrame, (text) => text !== found && text.includes('Search │ reader'));
    await press(app.stdin, KEYS.escape);
    await waitForFrame(app.lastFrame, (text) => text.includes('Search │ results'));
    app.unmount();
  });
});

describe('the key map and the panes', () => {
  it('every binding of a pane area has a handler there (or anywhere): what the help lists works', async () => {
    const seen = new Map<PaneKey, () => PaneControls>();
    const app = renderWorkbench(workspace, { inspect: (pane, controls) => seen.set(pane, controls) });
    await press(app.stdin, 'Hua', KEYS.enter);
    await waitForFrame(app.lastFrame, (text) => text.includes('Search │ results'));
    await press(app.stdin, KEYS.enter, 'c');
    await waitForFrame(app.lastFrame, (text) => /of 5 sources carry it/.test(text));
    await press(app.stdin, '4');
    await waitForFrame(app.lastFrame, (text) => /\d+ claims/.test(text));
    const global = { quit: () => undefined, help: () => undefined, pane: () => undefined, 'next-area': () => undefined, 'previous-area': () => undefined, back: () => undefined, suspend: () => undefined, copy: () => undefined, 'open-editor': () => undefined, mark: () => undefined, export: () => undefined, 'pick-story': () => undefined };
    // Only these may be missing: Esc's back (a condition's alternative), and h/l in Claims, live
    // only when the source columns scroll.
    const optional = new Set(['back', 'columns-left', 'columns-right']);
    let checked = 0;
    for (const [pane, controls] of seen) {
      const { layers, field } = controls();
      const target = { field, layers, conditions: { 'field-empty': true, history: true } };
      const live = new Set(activeBindings(target, global).map(({ binding }) => binding));
      for (const layer of layers) {
        for (const binding of BINDINGS.filter((candidate) => candidate.scope === layer.scope)) {
          if (optional.has(binding.action)) continue;
          assert.ok(live.has(binding), `${pane}: ${binding.scope} ${binding.keys.join(' ')} (${binding.action}) has a handler`);
          checked++;
        }
      }
    }
    assert.ok(checked > 20, `${checked} bindings checked`);
    app.unmount();
  });
});
