import '../helpers/forceColor.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildClaimsMap } from '../../src/core/compare/claims.js';
import { ClaimsJob } from '../../src/core/compare/claimsJob.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import type { ClaimsMap } from '../../src/core/compare/types.js';
import type { Corpus } from '../../src/core/types.js';
import { Workspace } from '../../src/core/workspace.js';
import { renderWorkbench } from '../helpers/app.js';
import { bundledCorpus } from '../helpers/corpus.js';
import { KEYS, press, waitForFrame } from '../helpers/ink.js';
import { nonEmpty } from '../helpers/assertions.js';

/** A workspace whose claims map stops after its first unfinished map until the test releases it. */
class HeldClaimsWorkspace extends Workspace {
  private released = false;
  private readonly held: ClaimsJob;

  constructor(corpus: Corpus) {
    super(corpus);
    const final = buildClaimsMap(new ClaimComparer(corpus), corpus.stories[0] ?? null);
    const unchecked: ClaimsMap = { ...final, claims: final.claims.map((claim) => ({ ...claim, conflicts: [] })) };
    const isReleased = (): boolean => this.released;
    this.held = new ClaimsJob(function* (partials) {
      partials.publish({ map: unchecked, passagesRead: 40, passagesTotal: 100 });
      while (!isReleased()) yield;
      return final;
    });
  }

  override claimsMap(): ClaimsJob {
    return this.held;
  }

  release(): void {
    this.released = true;
  }
}

const claimRows = (frame: string): string[] => frame.split('\n').filter((line) => /^ *\d+ [●!·]/.test(line));

describe('the Claims pane while the map is made', () => {
  it('lists the claims formed so far under a note that the list is unfinished, then the whole map with its conflicts', async () => {
    const workspace = new HeldClaimsWorkspace(await bundledCorpus());
    const app = renderWorkbench(workspace, { columns: 80, rows: 24 });
    await press(app.stdin, KEYS.enter, '4');
    let frame = await waitForFrame(app.lastFrame, (text) => /\d+ claims/.test(text));
    assert.match(frame, /Finding claims… 40% of passages read; the list may still change/);
    const unfinished = claimRows(frame);
    assert.ok(unfinished.length > 0, 'claim rows before the map is complete');
    assert.ok(nonEmpty(unfinished).every((line) => !/^ *\d+ .*!/.test(line.slice(0, 20))), 'no conflict marked while unfinished');
    workspace.release();
    frame = await waitForFrame(app.lastFrame, (text) => /\d+ claims/.test(text) && !/Finding/.test(text));
    const first = claimRows(frame)[0] ?? '';
    assert.match(first, /^ *1 ([●!] ){5}The move came a day after Twitter/);
    assert.match(first, /!/, 'the finished map marks the Thursday/Friday conflict');
    app.unmount();
  });
});
