/**
 * Speaker classes found on the third development set (issue 10, round 4), each on made-up
 * sentences of the same form: a wrong speaker becomes none (or the right one), and a quote left
 * without a speaker says why when the text gives a reason.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractQuotes } from '../../src/core/quotes/extract.js';
import { groupQuotes } from '../../src/core/quotes/grouping.js';
import type { Quote } from '../../src/core/quotes/types.js';
import { detailLines } from '../../src/ui/components/QuoteDetail.js';
import { runCli } from '../helpers/cli.js';
import { temporaryCorpus } from '../helpers/corpus.js';

function quotesOf(text: string): Quote[] {
  return extractQuotes({ source: 'article', story: null, text: `${text}\n` });
}

function speakersOf(text: string): Array<string | null> {
  return quotesOf(text).map((quote) => quote.speaker);
}

describe('words that are not a speaker’s name', () => {
  it('a party and state tag between commas is not the speaker; the name before it is', () => {
    assert.deepEqual(
      speakersOf(
        'Sen. Jon Rask, R-TX, who heads the campaign committee, said Tuesday, "I think it is a blockbuster."\n\nSen. Ida Moll, D-Calif., the top Democrat on the panel, said on Sunday that the panel had seen "the makings of a case."',
      ),
      ['Jon Rask', 'Ida Moll'],
    );
  });

  it('an abbreviated weekday of a dateline is not a person a later he stands for', () => {
    assert.deepEqual(speakersOf('Wed May 5, 2010 7:12pm BST\nThree people were killed in the march.\nThe crowd left by nightfall.\n"We took these decisions, "he said.'), [null]);
  });

  it('"one Democrat" is one of a party, not the "Oregon Democrat" named elsewhere', () => {
    assert.deepEqual(
      speakersOf('Rep. Ann Vale (D-Ore.) kept her post.\n\n“There is a lot of anger,” said one Democrat who opposed her. “I am astounded.”\n\nThe Oregon Democrat spoke briefly to reporters.'),
      [null, null],
    );
  });

  it('a word "referred to as" or "known as" is a name in use, nobody’s words', () => {
    assert.deepEqual(speakersOf('Lyle Kern said an official estimate, referred to as a "score," is not yet ready.\nLyle Kern said the plan was known as the "ladder."'), [null, null]);
  });
});

describe('a he after several people', () => {
  it('a sentence whose subject is several people leaves a following he unnamed', () => {
    assert.deepEqual(
      speakersOf('Reps. Al Dorn of Oregon, and Jim Kell and Jay Lund of Washington are crafting a letter. They hope to get 60 signatures.\n\n"There is no majority for the deal," he told reporters.'),
      [null],
    );
  });

  it('one person with a place list is still the he', () => {
    assert.deepEqual(speakersOf('Al Dorn met the voters in Salem and Eugene.\n\n"There is no majority for the deal," he told reporters.'), ['Al Dorn']);
  });
});

describe('a partial quote inside someone else’s finding or charge', () => {
  it('the subject who announced or noted it is not the speaker', () => {
    assert.deepEqual(
      speakersOf(
        'Gov. Ella Brandt announced new rules on Monday, causing farm groups to charge that the "night rules" would ruin them.\n\nThe ministry noted that an internal review found officials "did not follow the rules."',
      ),
      [null, null],
    );
  });

  it('a finding of the speaker’s own, or a charge as a noun, is still the speaker’s', () => {
    assert.deepEqual(speakersOf('Lars Holm said he found the work "tedious."\n\nLars Holm said the charge was "baseless."'), ['Lars Holm', 'Lars Holm']);
  });
});

describe('classes left open by rounds 1 to 3', () => {
  it('a reporter’s question is not credited to the he that may be the one asked', () => {
    assert.deepEqual(
      speakersOf('Rep. Tom Hale spoke to voters on Monday.\n\nHe asked the congressman whether he "regrets the vote."\n\nRep. Tom Hale asked the voters if they "want more roads."'),
      [null, 'Tom Hale'],
    );
  });

  it('a word inside a person’s reported speech that is the claim of an "as" clause is not that person’s', () => {
    assert.deepEqual(
      speakersOf('Paul Roe says this is to preserve the program, not "end" it, as Bama’s campaign claims.\nPaul Roe says the plan will not "end" the program, as Tim Bama claims.'),
      [null, 'Tim Bama'],
    );
  });

  it('"it said" after a document became the subject is not the body named before', () => {
    assert.deepEqual(
      speakersOf('The State Department wrote to the embassy.\n\nA cable sent in June was blunt.\n\n"The talks are going nowhere," it said.\n\nThe State Department said it stood by its view.\n\n"We are right," it said.'),
      [null, 'State Department'],
    );
  });
});

describe('an attribution the quote marks hide', () => {
  it('a quote whose closing mark is left off ends before the attribution its paragraph ends with', () => {
    const quotes = quotesOf('“The patch is late,” Paul Hale says.\n\n“All versions are affected, including the preview, Tim Rook, technical manager of research for Tripwire, says.\n\nHe adds, “Use another browser until a patch is out.”');
    assert.deepEqual(
      quotes.map((quote) => [quote.text, quote.speaker]),
      [
        ['The patch is late', 'Paul Hale'],
        ['All versions are affected, including the preview', 'Tim Rook'],
        ['Use another browser until a patch is out.', 'Tim Rook'],
      ],
    );
  });

  it('a comma outside the closing mark still leaves the name and its role to read', () => {
    assert.deepEqual(speakersOf('“We will appeal”, Ruth Amsel, the firm’s chief lawyer, told reporters.'), ['Ruth Amsel']);
  });
});

describe('carrying a speaker over', () => {
  it('a quote of someone unnamed between stops an earlier speaker carrying over', () => {
    assert.deepEqual(
      speakersOf('"We are all concerned, "Council President Hans Roo said in Brussels.\nA senior fire official said crowds blocked the trucks.\n"Several minutes were lost, "the official said.\n"If we had come earlier, lives could have been saved. "'),
      ['Hans Roo', null, null],
    );
  });

  it('the cue after a sentence’s last quote speaks for the quotes before it in that sentence', () => {
    assert.deepEqual(
      speakersOf('"We are worried, "Council President Hans Roo said.\n"Norland is a unique case in the union" because of its "fragile debt" and because it "has hidden its deficits for years," Commissioner Olli Rask said.'),
      ['Hans Roo', 'Olli Rask', 'Olli Rask', 'Olli Rask'],
    );
  });
});

describe('guards found by reading every changed speaker of BASIL and ECB+ (outside the test set)', () => {
  it('a finding the speaker reports in a clause of their own ("showed"), or "bringing charges", stays the speaker’s', () => {
    assert.deepEqual(
      speakersOf('But Rita Benn, a lawyer, said his role showed that "whistle-blowers matter."\n\nMr. Ivo Vega complained that bringing charges so close to the vote would deliver a "solidly Republican" seat.'),
      ['Rita Benn', 'Ivo Vega'],
    );
  });

  it('an "as" clause with a pronoun is that pronoun’s', () => {
    assert.deepEqual(speakersOf('Tom Akin spoke on Monday.\n\nHe claimed a body can fend off pregnancy during a "legitimate rape," as he argued against abortion.'), ['Tom Akin']);
  });

  it('a name after a role or a description and a comma is the speaker', () => {
    assert.deepEqual(
      speakersOf(
        '“Of course I was surprised,” said the legislator, Representative Carl Seel. “I am honored.”\n\n“We are shocked,” said her nephew, Ravi Singh, 32, of Queens.\n\n“We are shocked,” said a spokeswoman, The Times reported.\n\n"We will not go to war, "said a Sudanese government spokesman, Rabie Atti.',
      ),
      ['Carl Seel', 'Carl Seel', 'Ravi Singh', null, 'Rabie Atti'],
    );
  });

  it('a clause after the verb ("insists he’ll make X pay") does not name the speaker', () => {
    assert.deepEqual(speakersOf('Tom Ruiz spoke in Ohio.\n\nThe front-runner, who has called migrants "thieves" and "liars," insists he’ll make Norland pay for a wall.'), [null, null]);
  });

  it('an adverb between an apposition and the verb still lets the name speak', () => {
    assert.deepEqual(speakersOf('At that March 2 event, which can be found online, Blum, speaking for the troops, clearly says, "We owe them our support."'), ['Blum']);
  });

  it('a body that spoke in the sentence just before is carried over past an unnamed source', () => {
    assert.deepEqual(
      speakersOf('“Attacks on people will not be tolerated,” the evangelist said.\nIn a statement, the White House urged the government to stop the bombings.\n“We urge the government to exercise restraint in responding to this provocation,” read the press release.'),
      [null, 'White House'],
    );
  });
});

describe('why a quote has no speaker', () => {
  it('says so for a vague source, several speakers and a pronoun with no referent', () => {
    const quotes = quotesOf('"The talks failed," one official said.\n\n"We will appeal," Ann Lee and Bo Park said.\n\n"It is over," she said.');
    assert.deepEqual(
      quotes.map((quote) => quote.speaker),
      [null, null, null],
    );
    assert.deepEqual(
      quotes.map((quote) => quote.speakerAbstention),
      ['vague source: one official said', 'several speakers', '"she said": no clear referent'],
    );
  });

  it('names nobody for one of a group capitalised as a sentence’s first word ("One said:", "Another added")', () => {
    const quotes = quotesOf('Residents heard shouting on the street.\n\nOne said: "It went on for an hour."\n\n"Nobody came out," Another added.');
    assert.deepEqual(
      quotes.map((quote) => [quote.speaker, quote.speakerAbstention]),
      [
        [null, 'vague source: One'],
        [null, 'vague source: Another'],
      ],
    );
  });

  it('names no reason where the text gives none, and none for a named speaker', () => {
    const quotes = quotesOf('The report was long.\n\n"The talks failed."\n\n"We will appeal," said Ann Lee.');
    assert.deepEqual(
      quotes.map((quote) => [quote.speaker, quote.speakerAbstention]),
      [
        [null, null],
        ['Ann Lee', null],
      ],
    );
  });
});

describe('the reason shown to the user', () => {
  const article = 'Talks broke down on Monday.\n\n"The talks have failed and we are leaving," one official said.\n';

  it('quotes --json carries speakerAbstention beside a null speaker', () => {
    const corpus = temporaryCorpus({ 'wire.txt': article });
    try {
      const result = runCli(['quotes', '--json', '--corpus', corpus.root]);
      assert.equal(result.status, 0, result.stderr);
      const json = JSON.parse(result.stdout) as { quotes: Array<{ occurrences: Array<{ speaker: string | null; speakerAbstention: string | null }> }> };
      assert.deepEqual(json.quotes[0]?.occurrences.map(({ speaker, speakerAbstention }) => [speaker, speakerAbstention]), [[null, 'vague source: one official said']]);
    } finally {
      corpus.cleanup();
    }
  });

  it('the Quotes pane’s detail says why the speaker is not named', () => {
    const [group] = groupQuotes(quotesOf(article));
    assert.ok(group);
    const header = detailLines(group, 100, false, '·').lines[0]!.map((segment) => segment.text).join('');
    assert.match(header, /speaker not named \(vague source: one official said\)/);
  });
});
