/** The evidence keys in the workbench: y copies with the citation, m marks, x writes the report, e opens the editor. */
import '../helpers/forceColor.js';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { workspaceOf, type Workspace } from '../../src/ui/hooks/useWorkspace.js';
import { renderWorkbench } from '../helpers/app.js';
import { bundledCorpus } from '../helpers/corpus.js';
import { KEYS, press, waitForFrame } from '../helpers/ink.js';

let workspace: Workspace;
let folder: string;
before(async () => {
  workspace = workspaceOf(await bundledCorpus());
  folder = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-evidence-keys-'));
});
after(() => rmSync(folder, { recursive: true, force: true }));

const statusLine = (frame: string): string => frame.split('\n').at(-1) ?? '';
/** Types the query and waits for its three results, then goes to them. */
async function amplifierResults(app: ReturnType<typeof renderWorkbench>): Promise<void> {
  await press(app.stdin, "'amplifier");
  await waitForFrame(app.lastFrame, (text) => text.includes(' 3/104'));
  await press(app.stdin, KEYS.enter);
  await waitForFrame(app.lastFrame, (text) => statusLine(text).includes('results'));
}
const copiedText = (bytes: string): string => Buffer.from(/^\u001b\]52;c;([A-Za-z0-9+/=]*)\u0007$/.exec(bytes)![1]!, 'base64').toString('utf8');

describe('evidence keys', () => {
  it('y copies the selected result with its citation through OSC 52, and says so; in the query, y is typed', async () => {
    const written: string[] = [];
    const app = renderWorkbench(workspace, { evidence: { writeToTerminal: (bytes) => written.push(bytes), cwd: folder } });
    await amplifierResults(app);
    await press(app.stdin, 'y');
    const frame = await waitForFrame(app.lastFrame, (text) => statusLine(text).includes('copied'));
    assert.match(statusLine(frame), /copied: 004_b0ee60363008b165:13/);
    assert.equal(written.length, 1);
    assert.match(copiedText(written[0]!), /^The company suspended a core network of 23,750 highly active accounts.*\n— 004_b0ee60363008b165, “China demands Twitter deletes anti-China accounts” \(.*004_b0ee60363008b165\.txt:13\)$/s);
    // In the query, y is a letter.
    await press(app.stdin, '/', 'y');
    await waitForFrame(app.lastFrame, (text) => text.includes("'amplifiery"));
    assert.equal(written.length, 1, 'typed into the query, not copied');
    app.unmount();
  });

  it('m marks results (again: unmarks), the count shows, and x writes them as a Markdown report in the working folder', async () => {
    const app = renderWorkbench(workspace, { evidence: { cwd: folder } });
    await amplifierResults(app);
    await press(app.stdin, 'm');
    await waitForFrame(app.lastFrame, (text) => /1 marked/.test(statusLine(text)));
    await press(app.stdin, 'x');
    await waitForFrame(app.lastFrame, (text) => /wrote 1 item to crosscheck-evidence-/.test(statusLine(text)));
    await press(app.stdin, 'm');
    await waitForFrame(app.lastFrame, (text) => /unmarked/.test(statusLine(text)) && !/marked {2}/.test(statusLine(text)));
    await press(app.stdin, 'x');
    await waitForFrame(app.lastFrame, (text) => /evidence list is empty/.test(statusLine(text)));
    const reports = readdirSync(folder).filter((name) => name.startsWith('crosscheck-evidence-'));
    assert.equal(reports.length, 1);
    const report = readFileSync(path.join(folder, reports[0]!), 'utf8');
    assert.match(report, /^# Evidence\n\n1 item from /);
    assert.match(report, /^## 1\. 004_b0ee60363008b165:13$/m);
    assert.match(report, /^> The company suspended a core network/m);
    app.unmount();
  });

  it('m in Compare marks the comparison; x writes every source: versions, conflicts and not reported', async () => {
    const cwd = mkdtempSync(path.join(folder, 'compare-'));
    const app = renderWorkbench(workspace, { evidence: { cwd } });
    await amplifierResults(app);
    await press(app.stdin, 'c');
    await waitForFrame(app.lastFrame, (text) => /sources carry it/.test(text));
    await press(app.stdin, 'm', 'x');
    await waitForFrame(app.lastFrame, (text) => /wrote 1 item/.test(statusLine(text)));
    const [name] = readdirSync(cwd);
    const report = readFileSync(path.join(cwd, name!), 'utf8');
    assert.match(report, /^## 1\. compare: The company suspended/m);
    assert.match(report, /^ {2}! weekday: Friday \(others: Thursday\)/m);
    assert.match(report, /^- 003_6631a8e0a366c5c7: not reported/m);
    app.unmount();
  });

  it('e opens the selected passage in $EDITOR at its line, outside the workbench; without an editor it says how to set one', async () => {
    const log = path.join(folder, 'editor.log');
    const editor = path.join(folder, 'editor.sh');
    writeFileSync(editor, `#!/bin/sh\nprintf '%s\\n' "$@" > '${log}'\n`);
    chmodSync(editor, 0o755);
    let outside = 0;
    const app = renderWorkbench(workspace, { evidence: { env: { PATH: process.env.PATH, EDITOR: editor }, runOutside: (run) => (outside++, run()) } });
    await amplifierResults(app);
    await press(app.stdin, 'e');
    await waitForFrame(app.lastFrame, (text) => /back from \$EDITOR/.test(statusLine(text)));
    assert.equal(outside, 1);
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n').map((line) => line.replace(/^.*\/corpus\//, 'corpus/')), ['+13', 'corpus/004_b0ee60363008b165.txt']);
    app.unmount();

    const bare = renderWorkbench(workspace, { evidence: { env: {}, runOutside: (run) => run() } });
    await amplifierResults(bare);
    await press(bare.stdin, 'e');
    await waitForFrame(bare.lastFrame, (text) => /set EDITOR/.test(statusLine(text)));
    bare.unmount();
  });
});
