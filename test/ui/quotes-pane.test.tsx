import '../helpers/forceColor.js';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { workspaceOf, type Workspace } from '../../src/ui/hooks/useWorkspace.js';
import { loadCorpus } from '../../src/core/load.js';
import { renderWorkbench, type Workbench } from '../helpers/app.js';
import { bundledCorpus, temporaryCorpus } from '../helpers/corpus.js';
import { KEYS, press, waitForFrame } from '../helpers/ink.js';

let workspace: Workspace;
before(async () => {
  workspace = workspaceOf(await bundledCorpus());
});

function renderApp(columns = 80, rows = 24, env: NodeJS.ProcessEnv = { LANG: 'en_US.UTF-8' }): Workbench {
  return renderWorkbench(workspace, { columns, rows, env });
}

/** Opens pane 2 from Search's results list (digits are typed while the query has the focus). */
async function openQuotes(app: ReturnType<typeof renderApp>): Promise<string> {
  await press(app.stdin, KEYS.enter, '2');
  return waitForFrame(app.lastFrame, (text) => /\d+ quotes?\b/.test(text));
}

describe('the Quotes pane', () => {
  it('lists statement groups, the most widely carried first, terms hidden', async () => {
    const app = renderApp();
    const frame = await openQuotes(app);
    assert.match(frame, /2 Quotes/);
    const rows = frame.split('\n');
    assert.match(rows[2]!, /^› 3 src +Hua Chunying +“/, 'a quote three sources carry comes first');
    assert.doesNotMatch(frame, /“amplifier”/, 'terms are hidden by default');
    assert.match(frame, /Quotes │ query/);
    app.unmount();
  });

  it('does not quit on a q that arrives in the same packet as the 2 that opens it', async () => {
    const app = renderApp();
    await press(app.stdin, KEYS.enter);
    await waitForFrame(app.lastFrame, (text) => /Search │ results/.test(text));
    // One write, as a fast typist's keys arrive over SSH: the q is meant for the Quotes filter.
    app.stdin.write('2q');
    await waitForFrame(app.lastFrame, (text) => /Quotes │ query/.test(text) && /› q /.test(text));
    await press(app.stdin, KEYS.ctrlU, 'biggest');
    const frame = await waitForFrame(app.lastFrame, (text) => /› biggest/.test(text));
    assert.match(frame, /2 Quotes/);
    app.unmount();
  });

  it('says so when the filter is a query the syntax refuses, and keeps working', async () => {
    const app = renderApp();
    await openQuotes(app);
    await press(app.stdin, 'a | b c | d e | f g | h i | j k | l m | n');
    const frame = await waitForFrame(app.lastFrame, (text) => /query error/.test(text));
    assert.match(frame, /Query error: /);
    await press(app.stdin, KEYS.ctrlU, 'biggest');
    await waitForFrame(app.lastFrame, (text) => /› biggest +\d+ quotes?\b/.test(text));
    app.unmount();
  });

  it('filters as you type and shows each source\'s version with the variant speaker flagged', async () => {
    const app = renderApp(100, 30);
    await openQuotes(app);
    await press(app.stdin, 'biggest victim');
    const frame = await waitForFrame(app.lastFrame, (text) => /^› 2 src/m.test(text) && text.includes('003_6631a8e0a366c5c7:14'));
    assert.match(frame, /1 quote$/m, 'one quote, not "1 quotes"');
    assert.match(frame, /000_067ac5e56125b280:7/);
    assert.match(frame, /Hua Chuning \(spelled differently; elsewhere Hua Chunying\)/);
    assert.match(frame, /She said that China was the “biggest victim/, 'the attribution sentence gives the context');
    app.unmount();
  });

  it('shows terms with t and hides them again', async () => {
    const app = renderApp();
    await openQuotes(app);
    await press(app.stdin, 'amplifier', KEYS.enter);
    await waitForFrame(app.lastFrame, (text) => text.includes('0 quotes') && text.includes('t shows terms too'));
    await press(app.stdin, 't');
    const frame = await waitForFrame(app.lastFrame, (text) => /quotes? (and|or) terms?/.test(text) && text.includes('“amplifier”'));
    assert.match(frame, /3 src +Twitter +term “amplifier”/);
    await press(app.stdin, 't');
    await waitForFrame(app.lastFrame, (text) => text.includes('0 quotes'));
    app.unmount();
  });

  it('opens a group, moves between its sources and reads one in Search with Enter', async () => {
    const app = renderApp();
    await openQuotes(app);
    await press(app.stdin, 'biggest victim');
    await waitForFrame(app.lastFrame, (text) => /1 quote$/m.test(text));
    await press(app.stdin, KEYS.enter, KEYS.enter);
    await waitForFrame(app.lastFrame, (text) => text.includes('Quotes │ sources'));
    await press(app.stdin, 'j', KEYS.enter);
    const frame = await waitForFrame(app.lastFrame, (text) => text.includes('Search │ reader'));
    const reference = workspace.corpus.passages.find((passage) => passage.source === '003_6631a8e0a366c5c7' && passage.text.startsWith('"This is the biggest'));
    assert.ok(reference, 'the quote has a passage of its own');
    assert.match(frame, new RegExp(`003_6631a8e0a366c5c7:${reference.line} `));
    app.unmount();
  });

  it('c on a group opens Compare on the quotation, with every source it carries', async () => {
    const app = renderApp();
    await openQuotes(app);
    await press(app.stdin, KEYS.enter, 'c');
    const frame = await waitForFrame(app.lastFrame, (text) => /of 5 sources carry it/.test(text));
    assert.match(frame, /Compare │ view/);
    assert.match(frame, /3 of 5 sources carry it/);
    app.unmount();
  });

  it('lists its keys in the help', async () => {
    const app = renderApp(80, 60);
    await openQuotes(app);
    await press(app.stdin, KEYS.enter, '?');
    const frame = await waitForFrame(app.lastFrame, (text) => text.includes('crosscheck keys'));
    assert.match(frame, /Quotes: the groups/, "the pane's own keys come first");
    assert.match(frame, /show \/ hide terms and labels/);
    app.unmount();
  });
});

describe('the Quotes pane on another corpus', () => {
  it('groups a quotation two outlets of one story carry, under the speaker they name', async () => {
    const folder = temporaryCorpus({
      'senate-vote/fox.txt': 'Senator Jane Doe spoke after the vote on Monday.\n\n"We will not back down from this fight over the budget," Doe told reporters.\n',
      'senate-vote/nyt.txt': 'The senator did not give ground.\n\n“We will not back down from this fight,” said Sen. Jane Doe, a Democrat.\n',
    });
    try {
      const other = workspaceOf(await loadCorpus(folder.root));
      const app = renderWorkbench(other);
      await press(app.stdin, KEYS.enter, '2');
      const frame = await waitForFrame(app.lastFrame, (text) => /1 quote\b/.test(text));
      assert.match(frame, /› 2 src +Jane Doe +“We will not back down from this fight over the bud/);
      // Sources are named by their label: the last part of the id, unique in the corpus.
      assert.match(frame, /^fox:3 {2}reference/m);
      assert.match(frame, /^nyt:3 +trimmed/m);
      app.unmount();
    } finally {
      folder.cleanup();
    }
  });
});
