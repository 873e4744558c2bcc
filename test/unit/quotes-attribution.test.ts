/** Who said each quotation: one test a pattern, written from sentences of the bundled corpus. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractQuotes } from '../../src/core/quotes/extract.js';
import type { Quote } from '../../src/core/quotes/types.js';

function quotesOf(text: string): Quote[] {
  return extractQuotes({ source: 'article', story: null, text: `${text}\n` });
}

function speakers(text: string): Array<[string | null, string | null]> {
  return quotesOf(text).map((quote) => [quote.speaker, quote.speakerEvidence?.pattern ?? null]);
}

describe('speaker attribution', () => {
  it('"…," said X, dropping the roles before the name', () => {
    const [quote] = quotesOf('“It holds no water at all to equate China’s response to the epidemic with disinformation,” said Foreign Ministry spokeswoman Hua Chunying on Friday.');
    assert.equal(quote!.speaker, 'Hua Chunying');
    assert.equal(quote!.speakerEvidence?.pattern, 'said-name');
    assert.equal(quote!.speakerEvidence?.written, 'Hua Chunying');
  });

  it('"…," X said after a team and a player\'s position, and verbs of a raised voice (ECB+ development set 3)', () => {
    assert.deepEqual(speakers('"It is a 60-minute game," Colts defensive back Antoine Bethea said.'), [['Antoine Bethea', 'name-said']]);
    assert.deepEqual(speakers('"We will not bow to the markets," Prime Minister George Papandreou thundered.'), [['George Papandreou', 'name-said']]);
  });

  it('a participle shares the subject, a possessive and a description before its role left out (BASIL development set 3)', () => {
    assert.deepEqual(
      speakers('Trump’s personal lawyer John Dowd later said he was the one who wrote that tweet, saying he “did not mean to break news.”'),
      [['John Dowd', 'subject']],
    );
  });

  it('X, who said "…": the relative\'s antecedent speaks, not the sentence\'s subject, and only a name right before the comma', () => {
    assert.deepEqual(speakers('Mayor Jane Doe praised Senator John Smith, who said the bill was "a good start."'), [['John Smith', 'name-before']]);
    assert.deepEqual(speakers('Bombings in Upper Nile drew condemnation from the State Department, which said the "unjustified" attacks must stop.').map(([speaker]) => speaker), [null]);
  });

  it('the role before an apposition of place speaks: "The president, speaking at the White House, said" (BASIL development set)', () => {
    assert.deepEqual(
      speakers('President Barack Obama spoke on Monday.\n\nThe president, speaking at the White House, said he would use "whatever weight this office holds" to pass them.'),
      [['Barack Obama', 'name-before']],
    );
  });

  it('"…," said X, where X is named with a title and a comma-separated role after it', () => {
    assert.deepEqual(
      speakers('“Our analysis shows it is happy to use it to sow propaganda and disinformation internationally,” said Fergus Hanson, director of the Australian Strategic Policy Institute’s International Cyber Policy Centre.'),
      [['Fergus Hanson', 'said-name']],
    );
  });

  it('"…," X said, with the surname resolved to the full name introduced earlier', () => {
    const quotes = quotesOf(
      'Chinese Foreign Ministry spokeswoman Hua Chunying commented Friday on Twitter’s removal of Chinese accounts.\n\n“If Twitter deems messages commending China’s coronavirus response as disinformation and decides to remove them, what about those that are slanderous?” Hua said.',
    );
    assert.equal(quotes[0]!.speaker, 'Hua Chunying');
    assert.equal(quotes[0]!.speakerEvidence?.pattern, 'name-said');
    assert.equal(quotes[0]!.speakerEvidence?.written, 'Hua');
  });

  it('"…," said X with a surname only, resolved within the same article', () => {
    assert.deepEqual(
      speakers('Foreign Ministry spokeswoman Hua Chunying spoke on Friday.\n\n“Many tweets spread rumors that claim the coronavirus was a bio-weapon made by China,” said Hua.'),
      [['Hua Chunying', 'said-name']],
    );
  });

  it('X continued, and an unattributed quote after it in the same paragraph', () => {
    assert.deepEqual(
      speakers('“Just a couple of days ago, U.S. news outlets reported that there were some 2.6 million tweets regarding the COVID-19,” Hua continued. “Many of these tweets spread rumors that claim the coronavirus was a bio-weapon made by China.”'),
      [
        ['Hua', 'name-said'],
        ['Hua', 'follow-on'],
      ],
    );
  });

  it('X told reporters, "…"', () => {
    assert.deepEqual(
      speakers('Commission vice president for values and transparency Vera Jourova told reporters, "If we have evidence, we should not shy away from naming and shaming."'),
      [['Vera Jourova', 'name-before']],
    );
  });

  it('X said: "…"', () => {
    assert.deepEqual(
      speakers('Twitter said: "The network is mainly written in Chinese to spread the favorable geopolitical narrative of the Communist Party of China."'),
      [['Twitter', 'name-before']],
    );
  });

  it('according to X', () => {
    assert.deepEqual(
      speakers('The accounts were “tied to a Beijing-backed influence operation that spread messages favorable to the Chinese government,” according to Twitter.'),
      [['Twitter', 'according-to']],
    );
  });

  it('a pronoun resolves to the last person who spoke', () => {
    const quotes = quotesOf(
      '“If Twitter wants to make a difference, it should shut down those accounts,” said Foreign Ministry spokeswoman Hua Chunying on Friday. She said that China was the “biggest victim of false information.”',
    );
    assert.equal(quotes[1]!.speaker, 'Hua Chunying');
    assert.equal(quotes[1]!.speakerEvidence?.pattern, 'pronoun');
    assert.equal(quotes[1]!.speakerEvidence?.text, 'she said');
  });

  it('a pronoun with nobody named before it stays unattributed', () => {
    assert.deepEqual(speakers('She said that China was the “biggest victim of false information.”'), [[null, null]]);
  });

  it('a quote opening a paragraph continues the speaker of reported speech in the paragraph before', () => {
    assert.deepEqual(
      speakers('Hua said while she did not know what led to these removals, the move was untenable.\n\n“Both the efforts China has made to combat the pandemic and the results achieved are widely acknowledged.”'),
      [['Hua', 'follow-on']],
    );
  });

  it('an unattributed quote with nobody speaking before it has no speaker', () => {
    assert.deepEqual(
      speakers('China is preparing a national security law.\n\n"Many tweets have spread rumors that the corona virus is a biological weapon made in China."'),
      [[null, null]],
    );
  });

  it('organisations speak: "…, Twitter said." closing the sentence around a partial quote', () => {
    assert.deepEqual(
      speakers('The network was posting mostly in Chinese to “spread geopolitical narratives favorable to the Communist Party of China (CCP),” while also pushing misinformation about politics in Hong Kong, Twitter said.'),
      [['Twitter', 'name-said']],
    );
  });

  it('a partial quote in reported speech belongs to the sentence\'s speaker, past a day name', () => {
    assert.deepEqual(
      speakers('The move came a day after Twitter Thursday said that it had removed 23,750 accounts that were part of a “highly engaged core network.”'),
      [['Twitter', 'name-before']],
    );
  });

  it('a coordinated verb takes the subject of the sentence', () => {
    assert.deepEqual(
      speakers('Chinese Foreign Ministry spokeswoman Hua Chunying commented Friday on Twitter’s removal of Chinese accounts and said Twitter should instead focus on removing “accounts that spread malicious messages in an attempt to defame China.”'),
      [['Hua Chunying', 'subject']],
    );
  });

  it('a term in a sentence without a speaker has no speaker (not a guess)', () => {
    assert.deepEqual(speakers('The company suspended a larger network of about 150,000 “amplifier” accounts.'), [[null, null]]);
  });

  it('"the statement said" refers to the organisation that spoke before', () => {
    const quotes = quotesOf(
      'A core of 23,750 accounts were responsible for most of the content, Twitter said in a statement.\n\nThe network spread "geopolitical narratives favourable" to the Chinese Communist Party, the statement said.',
    );
    assert.equal(quotes[0]!.speaker, 'Twitter');
  });

  it('a verb inside another quotation is never read as attribution', () => {
    assert.deepEqual(
      speakers('“US Republicans said so,” the post read. “This is the biggest victim of false information.”'),
      [
        [null, null],
        [null, null],
      ],
    );
  });
});

describe('speaker evidence', () => {
  it('quotes the attribution words as written, up to the name', () => {
    const evidence = (text: string): string | undefined => quotesOf(text)[0]?.speakerEvidence?.text;
    assert.equal(evidence('“It holds no water,” said Foreign Ministry spokeswoman Hua Chunying on Friday.'), 'said Foreign Ministry spokeswoman Hua Chunying');
    assert.equal(evidence('There is a “nearly frantic” disinformation campaign aiming to slander China, said Hua Twitter’s removal.'), 'said Hua');
    assert.equal(evidence('“We are ready,” according to Fergus Hanson, director of the institute.'), 'according to Fergus Hanson');
    assert.equal(evidence('Hua said: “We are ready for anything that comes.”'), 'Hua said');
  });
});

describe('attribution seen in other corpora (BASIL)', () => {
  it('a name before an apposition: "…," Representative John Lewis, Democrat of Georgia, said', () => {
    assert.deepEqual(
      speakers('“We come here, and these members become our family,” Representative John Lewis, Democrat of Georgia, said at the Capitol before a game he had not intended to see.'),
      [['John Lewis', 'name-said']],
    );
  });

  it('an inverted attribution opening the sentence: Added Gibbs: "…"', () => {
    assert.deepEqual(speakers('Added Gibbs: "I think you would really have to ask somebody who says that."'), [['Gibbs', 'said-name']]);
  });

  it('a place is not a person a pronoun can stand for', () => {
    assert.deepEqual(
      speakers('Officials in the United States said the attack was under investigation.\n\n“This is a sobering reminder that attacks on any American are an attack on all of us,” he said.'),
      [[null, null]],
    );
  });
});

describe('attribution seen in ECB+', () => {
  it('the name before an apposition speaks, not the organisation inside it', () => {
    assert.deepEqual(
      speakers('Janette Brimmer, an attorney with Earthjustice, said the administration was "using global warming as a stalking horse to undo species protections on a broad scale."'),
      [['Janette Brimmer', 'name-before']],
    );
  });

  it('an acronym is not resolved to a longer name that ends with it', () => {
    assert.deepEqual(
      speakers('SeaMicro makes the Freedom Fabric AMD bought. According to AMD, SeaMicro will sell Intel-based servers “for the foreseeable future,” but an Opteron-based solution should arrive by the end of the year.'),
      [['AMD', 'according-to']],
    );
  });

  it('a long spaced attribution still closes the quote', () => {
    const quotes = quotesOf('"We are taking this proactive step to help ensure customers are protected, "Microsoft Trustworthy Computing director Yunsun Wee said in a blog posting.');
    assert.deepEqual(quotes.map((quote) => [quote.text, quote.speaker]), [['We are taking this proactive step to help ensure customers are protected', 'Yunsun Wee']]);
  });
});

describe('attribution with appositions and party markers (BASIL)', () => {
  it('a name between commas after its role: "…," the White House press secretary, Sarah Huckabee Sanders, told reporters', () => {
    assert.deepEqual(
      speakers('“Two words sum it up better than anything anybody else can say,” the White House press secretary, Sarah Huckabee Sanders, told reporters on Friday.'),
      [['Sarah Huckabee Sanders', 'name-said']],
    );
  });

  it('a party marker and a lower-case modifier do not hide the name: state Senate President Pro Tem David Long (R) said', () => {
    assert.deepEqual(
      speakers('“It is not the intent of the law to discriminate against anyone,” state Senate President Pro Tem David Long (R) said.'),
      [['David Long', 'name-said']],
    );
  });

  it('said former Representative X, with a role after the name', () => {
    assert.deepEqual(
      speakers('“There are some very angry people upset with the status quo,” said former Representative Thomas M. Davis III, a Virginia Republican.'),
      [['Thomas M. Davis III', 'said-name']],
    );
  });

  it('an anonymous official stays unattributed', () => {
    assert.deepEqual(speakers('“The program is subject to oversight by the courts and Congress,” the official said.'), [[null, null]]);
  });
});

describe('names that are not people (BASIL)', () => {
  it('a surname is not resolved to capitalised words of a headline', () => {
    assert.deepEqual(
      speakers('Obama Expresses Outrage Over Orlando Shooting\n\nPresident Barack Obama spoke on Sunday.\n\n“In the face of hate and violence, we will love one another,” Mr. Obama said.'),
      [['Barack Obama', 'name-said']],
    );
  });

  it('a role stays out of the name: Speaker Nancy Pelosi', () => {
    assert.deepEqual(
      speakers('Speaker Nancy Pelosi of California praised Mr. Schiff and said his work has been “in stark contrast to the irresponsible and almost criminal behavior of the previous chair.”'),
      [['Nancy Pelosi', 'subject']],
    );
  });

  it('a preposition opening a sentence is not a speaker', () => {
    assert.deepEqual(
      speakers('Amid the uproar, Moore’s campaign issued a statement saying the report is “baseless and false in every respect.”'),
      [[null, null]],
    );
  });
});

describe('abbreviated titles', () => {
  it('said Sen. Jane Doe, with the title\'s period', () => {
    assert.deepEqual(speakers('“We will not back down from this fight,” said Sen. Jane Doe, a Democrat.'), [['Jane Doe', 'said-name']]);
  });
});
