/** The story picker: s in Claims, a fuzzy filter over the stories' names, Enter shows that story's claims. */
import '../helpers/forceColor.js';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadCorpus } from '../../src/core/load.js';
import { workspaceOf, type Workspace } from '../../src/ui/hooks/useWorkspace.js';
import { renderWorkbench } from '../helpers/app.js';
import { temporaryCorpus } from '../helpers/corpus.js';
import { KEYS, press, waitForFrame } from '../helpers/ink.js';

const ALT_4 = '\u001b4';
const folder = temporaryCorpus({
  'harbour-bridge/fox.txt': 'Harbour bridge reopens after repairs\n\nThe harbour bridge reopened on Monday after six weeks of repairs.\n',
  'harbour-bridge/nyt.txt': 'Bridge open again\n\nThe harbour bridge reopened on Monday, six weeks after repairs began.\n',
  'city-election/fox.txt': 'Mayor wins second term\n\nThe mayor won a second term on Sunday with 54 percent of the vote.\n',
  'city-election/nyt.txt': 'Mayor re-elected\n\nThe mayor was re-elected on Sunday with 54 percent of the vote.\n',
});
let workspace: Workspace;
before(async () => {
  workspace = workspaceOf(await loadCorpus(folder.root));
});
after(() => folder.cleanup());

test('s lists the stories by name; typing filters them fuzzily; Enter shows the chosen story in Claims; Esc cancels', async () => {
  const app = renderWorkbench(workspace);
  await press(app.stdin, ALT_4);
  await waitForFrame(app.lastFrame, (text) => /claims in /.test(text));
  await press(app.stdin, 's');
  let frame = await waitForFrame(app.lastFrame, (text) => /2 stories/.test(text));
  assert.match(frame, /Mayor wins second term/);
  assert.match(frame, /Harbour bridge reopens after repairs/);
  await press(app.stdin, 'm', 'a', 'y', 'o', 'r');
  frame = await waitForFrame(app.lastFrame, (text) => /1 story\b/.test(text));
  assert.doesNotMatch(frame, /Harbour bridge/);
  await press(app.stdin, KEYS.enter);
  frame = await waitForFrame(app.lastFrame, (text) => /claims in city-election/.test(text));
  assert.match(frame, /The mayor/);
  await press(app.stdin, 's');
  await waitForFrame(app.lastFrame, (text) => /2 stories/.test(text));
  await press(app.stdin, KEYS.escape);
  frame = await waitForFrame(app.lastFrame, (text) => /claims in city-election/.test(text));
  assert.doesNotMatch(frame, /Choose a story/, 'the picker closed, the story kept');
  app.unmount();
});
