import '../helpers/forceColor.js';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { MAX_FUZZY_LENGTH } from '../../src/core/query.js';
import { workspaceOf, type Workspace } from '../../src/ui/hooks/useWorkspace.js';
import { renderWorkbench } from '../helpers/app.js';
import { bundledCorpus } from '../helpers/corpus.js';
import { KEYS, press, waitForFrame } from '../helpers/ink.js';

let workspace: Workspace;
before(async () => {
  workspace = workspaceOf(await bundledCorpus());
});

const NOTE = `query cut: a term over ${MAX_FUZZY_LENGTH} characters matched as exact text`;

describe('a query cut to bound its work (issue 15)', () => {
  it('Search says so in the status line, and the key hints come back once the query is short again', async () => {
    const app = renderWorkbench(workspace, { columns: 160, rows: 24, env: { LANG: 'en_US.UTF-8' } });
    await waitForFrame(app.lastFrame, (text) => text.includes('passages'));
    await press(app.stdin, 'a'.repeat(40));
    const cut = await waitForFrame(app.lastFrame, (text) => text.includes(NOTE));
    assert.ok(cut.split('\n').some((row) => row.includes('Search │ query') && row.includes(NOTE)), 'on the status line');
    await press(app.stdin, KEYS.escape);
    const cleared = await waitForFrame(app.lastFrame, (text) => text.includes('Esc clear'));
    assert.doesNotMatch(cleared, /query cut/);
    app.unmount();
  });

  it('the Quotes filter says so too', async () => {
    const app = renderWorkbench(workspace, { columns: 160, rows: 24, env: { LANG: 'en_US.UTF-8' } });
    await waitForFrame(app.lastFrame, (text) => text.includes('passages'));
    await press(app.stdin, KEYS.escape, '2');
    await waitForFrame(app.lastFrame, (text) => /\d+ quotes/.test(text));
    await press(app.stdin, '/', 'a'.repeat(40));
    const cut = await waitForFrame(app.lastFrame, (text) => text.includes(NOTE));
    assert.ok(cut.split('\n').some((row) => row.includes('Quotes │') && row.includes(NOTE)), 'on the status line');
    app.unmount();
  });
});
