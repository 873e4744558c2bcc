/** Date stamps around an article (ECB+ pages outside the annotated sets): the page's day, no event's, and no claim. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildClaimsMap } from '../../src/core/compare/claims.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { extractFacts } from '../../src/core/compare/facts.js';
import { isDateStamp } from '../../src/core/compare/stamps.js';
import { loadCorpus } from '../../src/core/load.js';
import { temporaryCorpus } from '../helpers/corpus.js';

describe('a date stamp', () => {
  it('is a date or a time with only a stamp\'s words, or a byline\'s name, around it', () => {
    for (const stamp of ['Published on Friday, 27 September 2013', 'Mar. 8 5:46 PM EST', '11 November 2011 Last updated at 12:41 GMT', 'Posted by Jane Roe on Wednesday, September 18, 2013', 'UPDATED: 22:07 GMT, 7 July 2012']) {
      assert.equal(isDateStamp(stamp), true, stamp);
    }
    for (const sentence of ['The quake struck on Sunday, May 3.', 'Friday, March 8, 2013: Creighton beat Wichita State 68-65', 'Obama won 52 percent on Tuesday.']) {
      assert.equal(isDateStamp(sentence), false, sentence);
    }
  });

  it('gives no facts', () => {
    assert.deepEqual(extractFacts('Published on Friday, 27 September 2013'), []);
  });

  const pages = temporaryCorpus({
    'vote/alpha.txt': 'Election called\n\nPublished on Friday, 27 September 2013\n\nThe country will hold its first two-party parliamentary election in December, officials said.\n',
    'vote/beta.txt': 'Election date set\n\nPublished on Friday, 4 October 2013\n\nThe country will hold its first two-party parliamentary election in December, officials said.\n',
  });
  after(() => pages.cleanup());

  it('is no claim of the map, and pages stamped on two days do not disagree', async () => {
    const comparer = new ClaimComparer(await loadCorpus(pages.root));
    const map = buildClaimsMap(comparer, 'vote');
    assert.ok(!map.claims.some((claim) => /Published/.test(claim.summary)), map.claims.map((claim) => claim.summary).join(' / '));
    assert.deepEqual(map.claims.flatMap((claim) => claim.conflicts), []);
    const versions = comparer.compare('The country will hold its first two-party parliamentary election in December', { story: 'vote' }).sources;
    assert.equal(versions.filter((version) => version.carried).length, 2);
    assert.deepEqual(versions.flatMap((version) => version.conflicts), [], 'the stamp before is not the day of the sentence');
  });
});
