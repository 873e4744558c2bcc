import '../helpers/forceColor.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadCorpus } from '../../src/core/load.js';
import { workspaceOf, type Workspace } from '../../src/ui/hooks/useWorkspace.js';
import { renderWorkbench } from '../helpers/app.js';
import { temporaryCorpus } from '../helpers/corpus.js';
import { press, waitForFrame } from '../helpers/ink.js';

const records = [
  { doc_id: '005a2961-0c2e-4575-8eec-770ba52a08e0_2', cluster_id: '005a2961-0c2e-4575-8eec-770ba52a08e0', outlet: 'Fox News', date: '2011-04-07', text: 'Donald Trump held a meeting about the birth certificate on Thursday.' },
  { doc_id: '005a2961-0c2e-4575-8eec-770ba52a08e0_1', cluster_id: '005a2961-0c2e-4575-8eec-770ba52a08e0', outlet: 'The New York Times', date: '2011-04-06', text: 'Donald Trump met advisers about the birth certificate question.' },
];

describe('sources on screen', () => {
  let folder: { root: string; cleanup(): void };
  let workspace: Workspace;
  before(async () => {
    folder = temporaryCorpus({ 'articles.jsonl': records.map((record) => JSON.stringify(record)).join('\n') });
    workspace = workspaceOf(await loadCorpus(folder.root));
  });
  after(() => folder.cleanup());

  it('Search rows and the preview name the outlet, not the id', async () => {
    const app = renderWorkbench(workspace, { columns: 100, rows: 24, env: { LANG: 'en_US.UTF-8' } });
    await press(app.stdin, 'birth certificate');
    const frame = await waitForFrame(app.lastFrame, (text) => /\d+\/\d+/.test(text) && text.includes('Fox News'));
    assert.match(frame, /Fox News:1 +Donald Trump held/);
    assert.match(frame, /The New York Times:1 +Donald Trump met/);
    assert.doesNotMatch(frame, /005a2961/);
    app.unmount();
  });
});
