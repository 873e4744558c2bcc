/** Finding quotation spans, on real sentences from the bundled corpus and the ECB+ corpus, damage included. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { extractQuotes } from '../../src/core/quotes/extract.js';
import type { Quote } from '../../src/core/quotes/types.js';
import { nonEmpty } from '../helpers/assertions.js';

function quotesOf(text: string): Quote[] {
  return extractQuotes({ source: 'article', story: null, text: `${text}\n` });
}

function texts(text: string): string[] {
  return quotesOf(text).map((quote) => quote.text);
}

describe('quotation marks', () => {
  it('takes a straight double mark between letters as an apostrophe, in or out of a quote', () => {
    assert.deepEqual(texts('Newspapers criticised Norland"s new budget on Monday.'), []);
    assert.deepEqual(texts('The minister said "Norland"s budget is balanced" on Monday.'), ['Norland"s budget is balanced']);
  });

  it('reads a curly multi-sentence quote and a partial quote in the next sentence', () => {
    const quotes = quotesOf(
      '“It holds no water at all to equate China’s response to the epidemic with disinformation. If Twitter wants to make a difference, it should shut down those accounts that have been organized and coordinated to attack and discredit China,” said Foreign Ministry spokeswoman Hua Chunying on Friday. She said that China was the “biggest victim of false information.”',
    );
    assert.deepEqual(
      quotes.map((quote) => quote.text),
      [
        'It holds no water at all to equate China’s response to the epidemic with disinformation. If Twitter wants to make a difference, it should shut down those accounts that have been organized and coordinated to attack and discredit China',
        'biggest victim of false information.',
      ],
    );
    assert.ok(nonEmpty(quotes).every((quote) => quote.span.damage.length === 0));
  });

  it('reads straight double quotes and ignores a stray mark left at the end of a paragraph', () => {
    const text =
      '"There is absolutely no fair balance between China\'s response to this epidemic and the misinformation it publishes. If Twitter wants to make a difference, it should be closed," said Chinese spokesman Hua Chuning. That was organized and coordinated to attack. And denigrate China account. "This is the biggest victim of false information." "\n\n"Many tweets have spread rumors that the corona virus is a biological weapon made in China." .';
    assert.deepEqual(texts(text), [
      "There is absolutely no fair balance between China's response to this epidemic and the misinformation it publishes. If Twitter wants to make a difference, it should be closed",
      'This is the biggest victim of false information.',
      'Many tweets have spread rumors that the corona virus is a biological weapon made in China.',
    ]);
  });

  it('takes an opening mark used as a closer at the end of a paragraph as the closer', () => {
    const quotes = quotesOf(
      '“Just a couple of days ago, U.S. news outlets reported that there were some 2.6 million tweets regarding the COVID-19,” Hua continued. “Many of these tweets spread rumors that claim the coronavirus was a bio-weapon made by China. “\n\n“If Twitter deems messages commending China’s coronavirus response as disinformation and decides to remove them, what about those?” Hua said.',
    );
    assert.equal(quotes.length, 3);
    assert.equal(quotes[1]!.text, 'Many of these tweets spread rumors that claim the coronavirus was a bio-weapon made by China.');
    assert.deepEqual(quotes[1]!.span.damage, ['opener-as-closer']);
    assert.match(quotes[2]!.text, /^If Twitter deems/, 'the next paragraph is not swallowed');
  });

  it('ends a quote that never closes at its paragraph, and reads the next paragraph normally', () => {
    const quotes = quotesOf(
      'Commission vice president for values and transparency Vera Jourova told reporters, "If we have evidence, we should not shy away from naming and shaming... We have witnessed a lot of accusations that the coronavirus has been developed in U.S. laboratories\n\nChina\'s mission to the EU rejected the bloc\'s assertion that Beijing is peddling disinformation. Spokesperson Zhang Ming said China has no interest in any "battle of narratives" and stressed Beijing\'s desire for collaboration.',
    );
    assert.equal(quotes.length, 2);
    assert.match(quotes[0]!.text, /developed in U\.S\. laboratories$/);
    assert.deepEqual(quotes[0]!.span.damage, ['unclosed']);
    assert.equal(quotes[0]!.span.closeMark, null);
    assert.equal(quotes[1]!.text, 'battle of narratives');
    assert.equal(quotes[1]!.line, 3);
  });

  it('continues a quote over paragraphs when the closing mark is left off and the next paragraph reopens', () => {
    const quotes = quotesOf('“Many tweets spread rumors that claim the coronavirus was a bio-weapon made by China.\n\n“Not making a move against these networks would be a plain example of double standards,” said Hua.');
    assert.equal(quotes.length, 1);
    assert.equal(quotes[0]!.span.paragraphs, 2);
    assert.equal(quotes[0]!.text, 'Many tweets spread rumors that claim the coronavirus was a bio-weapon made by China. Not making a move against these networks would be a plain example of double standards');
    assert.equal(quotes[0]!.line, 1);
  });

  it('takes a closing mark used as an opener as the opener', () => {
    const quotes = quotesOf('”Many tweets spread rumors,” said Hua.');
    assert.deepEqual(quotes.map((quote) => [quote.text, quote.span.damage]), [['Many tweets spread rumors', ['closer-as-opener']]]);
  });

  it('closes a quote whose closing mark is spaced on the wrong side (ECB+ wire copy)', () => {
    const quotes = quotesOf('Epstein was asked at the Winter Meetings if the Red Sox could sign a marquee free agent this winter.\n"I think there\'s a chance of it, "he said.\n"There\'s definitely a chance that we don\'t."');
    assert.deepEqual(
      quotes.map((quote) => quote.text),
      ["I think there's a chance of it", "There's definitely a chance that we don't."],
    );
  });

  it('does not read apostrophes as quotation marks', () => {
    assert.deepEqual(
      texts('The company suspended a larger network of about 150,000 accounts used to boost the core accounts’ content. China’s mission said it won’t rock ’n’ roll, and we don\'t wait \'til the \'90s.'),
      [],
    );
  });

  it('reads a pair of single quotes outside a double quote', () => {
    assert.deepEqual(texts('The headline read ‘Twitter must go’ on Friday.'), ['Twitter must go']);
    assert.deepEqual(texts("He called it a 'plain example of double standards' in a briefing."), ['plain example of double standards']);
  });

  it('tells statements from terms and labels', () => {
    const kinds = quotesOf(
      'Twitter labelled two of them as “misleading.” It removed 150,000 “amplifier” accounts of a “highly engaged core network,” which “failed to achieve considerable traction.” Hua said: “We will win.”',
    ).map((quote) => [quote.text, quote.kind]);
    assert.deepEqual(kinds, [
      ['misleading.', 'term'],
      ['amplifier', 'term'],
      ['highly engaged core network', 'term'],
      ['failed to achieve considerable traction.', 'statement'],
      ['We will win.', 'statement'],
    ]);
  });

  it('cites the line of the opening mark', () => {
    const quotes = quotesOf('Headline\n\nFirst paragraph.\n\nTwitter said the network "failed to achieve considerable traction" last year.');
    assert.equal(quotes[0]!.line, 5);
  });
});

describe('damage seen in ECB+ wire copy', () => {
  it('closes on a mark standing between spaces, so the text after it is not swallowed', () => {
    const quotes = quotesOf('"She was a very dear person. " Roesler said Page had been in hospital for three weeks. "Her career began in 1950," he said.');
    assert.deepEqual(
      quotes.map((quote) => quote.text),
      ['She was a very dear person.', 'Her career began in 1950'],
    );
  });

  it('closes a curly quote on a straight mark spaced before an attribution', () => {
    const quotes = quotesOf('“The average user does not run the restricted sites mode, "Henry explains, "I recommend employing the mitigating factors."');
    assert.deepEqual(
      quotes.map((quote) => quote.text),
      ['The average user does not run the restricted sites mode', 'I recommend employing the mitigating factors.'],
    );
  });

  it('keeps a short sentence of short words a statement', () => {
    assert.deepEqual(quotesOf('“It is so.” Hua said.').map((quote) => quote.kind), ['statement']);
  });

  it('takes a title in title case for a label', () => {
    assert.deepEqual(
      quotesOf('He has won positive reviews for turns in films like "The Prestige" and "Kate and Leopold."').map((quote) => quote.kind),
      ['term', 'term'],
    );
  });
});

describe('quote extraction on arbitrary text (property)', () => {
  const pieces = ['"', '“', '”', '‘', '’', "'", '«', '»', ' ', ' ', '\n', '\n\n', '.', ',', 'said Hua', 'She said', 'China’s', 'word', 'Twitter', '\u001b[31m', '\u202e'];
  const documents = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 60 }).map((parts) => parts.join(''));

  it('never throws; every quote cites a line of its file, and its span holds its words', () => {
    fc.assert(
      fc.property(documents, (body) => {
        const text = `${body}\n`;
        const lines = text.split('\n').length;
        for (const quote of extractQuotes({ source: 'article', story: null, text })) {
          assert.ok(quote.line >= 1 && quote.line <= lines);
          assert.ok(quote.span.start >= 0 && quote.span.end <= text.length && quote.span.start < quote.span.end);
          assert.equal(text[quote.span.openMark] !== undefined, true);
          const first = quote.text.split(' ')[0]!;
          assert.ok(text.slice(quote.span.start, quote.span.end).includes(first), `"${first}" inside its span`);
        }
      }),
      { numRuns: 500 },
    );
  });
});
