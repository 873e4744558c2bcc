/** The story picker's search: by words of a story's name, its days or its outlets. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StoryFinder } from '../../src/core/storyFinder.js';
import type { StorySummary } from '../../src/core/stories.js';
import type { SourceDocument } from '../../src/core/types.js';

const stories: StorySummary[] = [
  { id: '01c59743-7082', name: 'James Mattis quits as defense secretary', first: '2018-12-20', last: '2018-12-23', sources: ['a1', 'a2'] },
  { id: '005a2961-0c2e', name: 'Trump holds birther meeting', first: '2011-04-07', last: '2011-04-07', sources: ['b1'] },
  { id: '2b95d2cf-e979', name: 'Steele calls Afghanistan a war of Obama’s choosing', first: null, last: null, sources: ['c1'] },
];
const label = (source: string, text: string): [string, SourceDocument] => [source, { label: text } as SourceDocument];
const documents = new Map([label('a1', 'Fox News 2018-12-23'), label('a2', 'The New York Times'), label('b1', 'HuffPost'), label('c1', 'Fox News')]);
const finder = new StoryFinder(stories, documents);

test('an empty query lists every story in corpus order, each with its days and outlets', () => {
  const all = finder.find('  ');
  assert.deepEqual(all.map((choice) => choice.story.id), stories.map((story) => story.id));
  assert.equal(all[0]!.line, 'James Mattis quits as defense secretary  2018-12-20 … 2018-12-23  Fox News 2018-12-23, The New York Times');
  assert.equal(all[2]!.line, 'Steele calls Afghanistan a war of Obama’s choosing  Fox News');
});

test('finds a story by a misspelt word of its name, by a day, by an outlet', () => {
  assert.equal(finder.find('matis')[0]?.story.id, '01c59743-7082');
  assert.equal(finder.find('afghanistn')[0]?.story.id, '2b95d2cf-e979');
  assert.equal(finder.find("'2011-04")[0]?.story.id, '005a2961-0c2e');
  assert.deepEqual(finder.find("'huffpost").map((choice) => choice.story.id), ['005a2961-0c2e']);
  assert.deepEqual(finder.find('zzzzqqq'), []);
});
