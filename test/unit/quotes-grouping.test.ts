/** The same quotation across sources, name variants, and filtering groups. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { extractQuotes } from '../../src/core/quotes/extract.js';
import { groupQuotes, memberDiff } from '../../src/core/quotes/grouping.js';
import { canonicalSpeakers, sameNameVariant } from '../../src/core/quotes/speakerNames.js';
import { quoteStems as contentStems } from '../../src/core/text/stems.js';
import { GROUP_FUSE_OPTIONS, QuoteIndex } from '../../src/core/quotes/index.js';
import type { Quote, QuoteGroup } from '../../src/core/quotes/types.js';
import { runInSlices } from '../../src/core/slices.js';
import { compileQuery, filtersTest, parseQuery } from '../../src/core/query.js';
import Fuse from 'fuse.js';
import { bundledCorpus } from '../helpers/corpus.js';
import { nonEmpty } from '../helpers/assertions.js';

function quotesFrom(articles: Record<string, string>): Quote[] {
  const quotes: Quote[] = [];
  for (const [source, text] of Object.entries(articles)) quotes.push(...extractQuotes({ source, story: null, text: `${text}\n` }, quotes.length));
  return quotes;
}

function groupWith(groups: readonly QuoteGroup[], words: string): QuoteGroup {
  const found = groups.find((group) => group.members.some((member) => member.quote.text.includes(words)));
  assert.ok(found, `a group holding "${words}"`);
  return found;
}

describe('grouping quotations across sources', () => {
  const articles = {
    dw: '“It holds no water at all to equate China’s response to the epidemic with disinformation. If Twitter wants to make a difference, it should shut down those accounts that have been organized and coordinated to attack and discredit China,” said Foreign Ministry spokeswoman Hua Chunying on Friday. She said that China was the “biggest victim of false information.” It removed 150,000 “amplifier” accounts.',
    arabic: '"There is absolutely no fair balance between China\'s response to this epidemic and the misinformation it publishes. If Twitter wants to make a difference, it should be closed," said Chinese spokesman Hua Chuning. "This is the biggest victim of false information."',
    wire: 'Twitter suspended about 150,000 “amplifier” accounts. “Both the efforts China has made to combat the pandemic and the results achieved are widely acknowledged,” Hua Chunying said.',
    newsweek: 'Twitter also suspended 150,000 "amplifier" accounts.',
  };
  const groups = groupQuotes(quotesFrom(articles));

  it('joins a verbatim term across every source carrying it', () => {
    const amplifier = groupWith(groups, 'amplifier');
    assert.equal(amplifier.sources, 3);
    assert.ok(nonEmpty(amplifier.members).every((member) => member.relation === 'verbatim' && member.similarity === 1));
    assert.equal(amplifier.kind, 'term');
  });

  it('joins a trimmed quotation to the fuller one, the fuller being the reference', () => {
    const victim = groupWith(groups, 'biggest victim');
    assert.equal(victim.sources, 2);
    assert.equal(victim.reference.text, 'This is the biggest victim of false information.');
    const partial = victim.members.find((member) => member.quote.source === 'dw')!;
    assert.equal(partial.relation, 'trimmed');
    assert.deepEqual(
      memberDiff(victim, partial).filter((change) => change.kind === 'delete').map((change) => change.text.trim()),
      ['This is the'],
    );
  });

  it('joins a re-translation (altered) and marks what differs word by word', () => {
    const balance = groupWith(groups, 'fair balance');
    assert.deepEqual(balance.members.map((member) => member.quote.source).sort(), ['arabic', 'dw']);
    const altered = balance.members.find((member) => member.quote !== balance.reference)!;
    assert.equal(altered.relation, 'altered');
    assert.ok(altered.similarity > 0.3 && altered.similarity < 1);
    const changes = memberDiff(balance, altered);
    assert.ok(changes.some((change) => change.kind === 'insert') && changes.some((change) => change.kind === 'delete'));
    assert.ok(changes.some((change) => change.kind === 'same' && change.text.includes('If Twitter wants to make a difference')));
  });

  it('links speaker name variants and flags the odd spelling', () => {
    const balance = groupWith(groups, 'fair balance');
    assert.equal(balance.speaker, 'Hua Chunying');
    const arabic = balance.members.find((member) => member.quote.source === 'arabic')!;
    assert.equal(arabic.quote.speaker, 'Hua Chuning');
    assert.equal(arabic.speakerVariant, true);
    assert.equal(balance.members.find((member) => member.quote.source === 'dw')!.speakerVariant, false);
  });

  it('keeps different quotations apart', () => {
    const efforts = groupWith(groups, 'Both the efforts');
    assert.equal(efforts.members.length, 1);
    assert.notEqual(groupWith(groups, 'fair balance'), groupWith(groups, 'biggest victim'));
  });

  it('does not let a quote bridge two quotations it shares different runs with', () => {
    const chained = groupQuotes(
      quotesFrom({
        navy: '"The pirates surrendered quite easily, even though they pretended to be plain fishermen for some time," the officer said.',
        wire: '"The pirates surrendered quite easily, even though they pretended to be fishermen, and the commandos found a large arms cache with three outboard motors on the dhow," the navy said.',
        times: '"We found a large arms cache with three outboard motors, satellite phones, navigation charts, fuel drums, binoculars, grappling hooks, ladders, knives and forged registration papers from Yemen and Somalia hidden under the nets," the captain said.',
      }),
    );
    const sourcesOf = (group: QuoteGroup): string[] => group.members.map((member) => member.quote.source).sort();
    assert.deepEqual(chained.map(sourcesOf).sort(), [['navy'], ['times', 'wire']]);
  });

  it('tells name variants from different people', () => {
    assert.equal(sameNameVariant('Hua Chuning', 'Hua Chunying'), true);
    assert.equal(sameNameVariant('Hua Chunying', 'Zhang Ming'), false);
    assert.equal(sameNameVariant('John Smith', 'Jane Smith'), false);
    assert.equal(sameNameVariant('Twitter', 'Twiter'), false, 'one-word names are not linked');
    const canonical = canonicalSpeakers(quotesFrom(articles));
    assert.equal(canonical.get('Hua Chuning'), 'Hua Chunying');
  });

  it('folds British spellings and stems words', () => {
    assert.deepEqual(contentStems('geopolitical narratives favourable'), contentStems('geopolitical narrative favorable'));
  });
});

describe('the QuoteIndex of the bundled corpus', () => {
  let index: QuoteIndex;
  before(async () => {
    index = QuoteIndex.fromCorpus(await bundledCorpus());
  });

  it('is the same built in slices, which pause between articles so the workbench keeps taking keys', async () => {
    let slices = 0;
    const sliced = await runInSlices(QuoteIndex.build(await bundledCorpus()), { sliceMs: 0, onSlice: () => slices++ });
    assert.ok(sliced);
    assert.ok(slices > 5, `${slices} slices`);
    const summary = (groups: readonly QuoteGroup[]): unknown => groups.map((group) => [group.speaker, group.reference.text, group.members.map((member) => [member.quote.source, member.relation])]);
    assert.deepEqual(summary(sliced.groups), summary(index.groups));
    assert.equal(sliced.quotes.length, index.quotes.length);
  });

  it('lists statements first, the most widely carried first, terms only when asked', () => {
    const statements = index.search();
    assert.ok(nonEmpty(statements).every((group) => group.kind === 'statement'));
    assert.equal(statements[0]!.sources, 3);
    for (let at = 1; at < statements.length; at++) assert.ok(statements[at - 1]!.sources >= statements[at]!.sources);
    const all = index.search({ allKinds: true });
    assert.ok(all.some((group) => group.kind === 'term' && group.reference.text === 'amplifier'));
    assert.ok(all.length > statements.length);
  });

  it('ranks groups by match to a query, typo tolerant', () => {
    const [first] = index.search({ query: 'bigest victim' });
    assert.ok(first);
    assert.match(first.reference.text, /biggest victim of false information/);
    assert.equal(first.sources, 2);
  });

  it('filters by speaker under any spelling', () => {
    const byVariant = index.search({ speaker: 'chuning' });
    assert.ok(byVariant.length >= 4);
    assert.ok(nonEmpty(byVariant).every((group) => group.members.some((member) => member.quote.speaker === 'Hua Chuning')));
    assert.deepEqual(
      index.search({ speaker: 'Jourova' }).map((group) => group.speaker),
      ['Vera Jourova', 'Vera Jourova'],
    );
  });

  it('takes the search syntax: exact terms and exclusions', () => {
    assert.equal(index.search({ query: "'double standards" }).length, 1);
    const holdsRumors = (groups: QuoteGroup[]): boolean => groups.some((group) => group.reference.text.includes('spread rumors'));
    assert.equal(holdsRumors(index.search({ query: 'tweets' })), true);
    assert.equal(holdsRumors(index.search({ query: 'tweets !rumors' })), false);
  });
});

describe('filtering many quote groups in slices', () => {
  it('pauses between slices and ranks exactly as one Fuse.js search over every group', async () => {
    // 600 distinct statements, none attributed: 600 groups, several slices of the index.
    const topics = ['harbour', 'budget', 'tariff', 'election', 'vaccine', 'pipeline', 'drought', 'strike'];
    const sentences = Array.from({ length: 600 }, (_, n) => `Officials wrote: “Report ${n} on the ${topics[n % 8]} ${topics[(n * 3) % 8]} said ${n * 7} things.”`);
    const index = new QuoteIndex(quotesFrom({ wire: sentences.join('\n\n') }));
    assert.equal(index.groups.length, 600);
    const records = index.groups.map((group) => ({ text: group.members.map((member) => member.quote.text).join(' / '), speaker: '' }));
    const reference = new Fuse(records, GROUP_FUSE_OPTIONS);
    for (const query of ['harbor', 'budget electon', "'vaccine", 'drought | strike', 'report !pipeline']) {
      let slices = 0;
      const sliced = await runInSlices(index.searchSteps({ query, allKinds: true }), { sliceMs: 0, onSlice: () => slices++ });
      const compiled = compileQuery(parseQuery(query));
      const expected = reference
        .search(compiled.fuse!)
        .filter((result) => filtersTest(compiled.filters)(`${records[result.refIndex]!.text} `))
        .map((result) => index.groups[result.refIndex]!);
      assert.ok(sliced.length > 0, query);
      assert.deepEqual(sliced.map((group) => group.id), expected.map((group) => group.id), query);
      assert.ok(slices > 2, `${query}: ${slices} slices`);
    }
  });
});


describe('grouping keeps different people and different stories apart', () => {
  function storyQuotes(articles: Array<{ story: string; source: string; text: string }>): Quote[] {
    const quotes: Quote[] = [];
    for (const article of articles) quotes.push(...extractQuotes({ source: `${article.story}/${article.source}`, story: article.story, text: `${article.text}\n` }, quotes.length));
    return quotes;
  }
  const sourcesTogether = (groups: readonly QuoteGroup[], words: string): string[] => groupWith(groups, words).members.map((member) => member.quote.source).sort();

  it('a common phrase shared across stories does not join two different quotations', () => {
    const groups = groupQuotes(
      storyQuotes([
        { story: 'a', source: 'one', text: '“I am a candidate for president of the United States of America,” said Lena Park.' },
        { story: 'a', source: 'two', text: '“She is a serious contender for president of the United States of America,” said Lena Park.' },
        { story: 'b', source: 'one', text: '“This is a sad day for every president of the United States of America,” said Omar Veld.' },
        { story: 'c', source: 'one', text: '“Nobody respects the president of the United States of America more than our soldiers,” said Ines Roth.' },
      ]),
    );
    assert.deepEqual(sourcesTogether(groups, 'candidate'), ['a/one']);
    assert.deepEqual(sourcesTogether(groups, 'serious contender'), ['a/two']);
  });

  it('two sources crediting similar words to different people are two groups', () => {
    const groups = groupQuotes(
      storyQuotes([
        { story: 'a', source: 'one', text: '“We will rebuild the old harbour wall before the winter storms arrive,” said Mayor Tilda Brun.' },
        { story: 'a', source: 'two', text: '“We will rebuild the old harbour wall before the winter storms,” said council leader Emil Sand.' },
      ]),
    );
    assert.deepEqual(sourcesTogether(groups, 'harbour wall before the winter storms arrive'), ['a/one']);
  });

  it('the same quotation with a surname in one source and the full name in the other is one group', () => {
    const groups = groupQuotes(
      storyQuotes([
        { story: 'a', source: 'one', text: 'Mayor Tilda Brun spoke on Monday. “We will rebuild the old harbour wall before the winter storms arrive,” Brun said.' },
        { story: 'a', source: 'two', text: '“We will rebuild the old harbour wall before the winter storms arrive,” said Tilda Brun.' },
      ]),
    );
    assert.deepEqual(sourcesTogether(groups, 'harbour wall'), ['a/one', 'a/two']);
  });

  it('across stories only long near-verbatim wording joins', () => {
    const groups = groupQuotes(
      storyQuotes([
        { story: 'a', source: 'one', text: '“I’m not going to pay for that new stadium,” said Ola Berg on “The Late Night Harbour Show.”' },
        { story: 'b', source: 'two', text: 'Ada Holm will appear on “The Late Night Harbour Show.”' },
        { story: 'b', source: 'one', text: '“I’m not going to pay for your mistakes and you should not pay for mine,” said Ola Berg.' },
        { story: 'c', source: 'one', text: '“The river will not be dredged again in my lifetime or in my children’s lifetime,” said Ada Holm.' },
        { story: 'd', source: 'one', text: 'She repeated that “the river will not be dredged again in my lifetime or in my children’s lifetime,” said Ada Holm.' },
      ]),
    );
    assert.deepEqual(sourcesTogether(groups, 'new stadium'), ['a/one']);
    assert.deepEqual(sourcesTogether(groups, 'Late Night Harbour Show'), ['a/one']);
    assert.deepEqual(sourcesTogether(groups, 'dredged'), ['c/one', 'd/one']);
  });
});
