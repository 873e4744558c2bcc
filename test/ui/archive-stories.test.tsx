/**
 * On an archive, a story picked while an earlier pick is still loading is the one shown, whichever
 * of the two loads comes in last.
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { before, it } from 'node:test';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { useEffect, type ReactNode } from 'react';
import type { Corpus } from '../../src/core/types.js';
import type { WorkbenchArchive } from '../../src/core/workbenchArchive.js';
import { useArchiveStories } from '../../src/ui/app/useArchiveStories.js';
import { bundledCorpus } from '../helpers/corpus.js';

const notUsed = (): Promise<never> => Promise.reject(new Error('not used here'));

let bundled: Corpus;
before(async () => {
  bundled = await bundledCorpus();
});

/** The bundled corpus as the archive's story `story`. */
function corpusOf(story: string): Corpus {
  return { ...bundled, stories: [story], documents: bundled.documents.map((document) => ({ ...document, story, storyName: story })) };
}

/** An archive whose story loads wait until the test releases them. */
function slowArchive(): { archive: WorkbenchArchive; release: (story: string) => void } {
  const pending = new Map<string, () => void>();
  const archive = {
    shown: 'postgresql://reader@db.example/news',
    storyMembers: () => Promise.resolve([]),
    storyCorpus: (story: string) => new Promise<Corpus>((resolve) => pending.set(story, () => resolve(corpusOf(story)))),
    documentCorpus: notUsed,
    sourceIds: notUsed,
    stories: notUsed,
    storySources: notUsed,
    search: notUsed,
    catalog: notUsed,
  } satisfies WorkbenchArchive;
  return { archive, release: (story) => pending.get(story)?.() };
}

const timers = { setTimeout: (run: () => void, ms: number): unknown => setTimeout(run, ms), clearTimeout: (handle: unknown): void => clearTimeout(handle as NodeJS.Timeout) };

/** The probe's latest `choose`: what the story picker calls. */
const picker: { choose?: (story: string) => void } = {};

function Probe({ archive, loaded, onChoose }: { archive: WorkbenchArchive; loaded: string[]; onChoose: (choose?: (story: string) => void) => void }): ReactNode {
  const stories = useArchiveStories(archive, timers, (story) => loaded.push(story));
  // After every render: the latest choose, as the picker would call it.
  useEffect(() => {
    onChoose(stories?.choose);
  });
  return <Text>{`story=${stories?.story ?? 'none'} corpus=${stories?.workspace.corpus.stories.join(',') ?? ''}`}</Text>;
}

it('the story picked last is shown, though the one picked first finishes loading after it', async () => {
  const { archive, release } = slowArchive();
  const loaded: string[] = [];
  const app = render(<Probe archive={archive} loaded={loaded} onChoose={(choose) => (picker.choose = choose)} />);
  await delay(10);
  picker.choose?.('first');
  picker.choose?.('second');
  await delay(20);
  release('second');
  await delay(20);
  release('first');
  await delay(50);
  assert.equal(app.lastFrame(), 'story=second corpus=second');
  assert.deepEqual(loaded, ['second'], 'only the latest pick is reported as loaded');
  app.unmount();
});
