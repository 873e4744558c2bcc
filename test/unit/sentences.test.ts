import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passagesOf } from '../../src/core/passages.js';
import { isHardWrapped, splitParagraphs } from '../../src/core/sentences.js';

/** Sentence texts of a one-document text. */
function sentences(text: string): string[] {
  return passagesOf(text.endsWith('\n') ? text : `${text}\n`, 'doc', null, 0).map((passage) => passage.text);
}

describe('sentence splitting on real corpus sentences', () => {
  it('splits at full stops followed by a capital', () => {
    assert.deepEqual(
      sentences('Doctors in the city of Wuhan who acted as whistle-blowers were accused of trouble-making and initially silenced. Two subsequently died of the disease.'),
      [
        'Doctors in the city of Wuhan who acted as whistle-blowers were accused of trouble-making and initially silenced.',
        'Two subsequently died of the disease.',
      ],
    );
  });

  it('does not break after a state abbreviated as the agencies do, unless a sentence opener follows', () => {
    assert.deepEqual(sentences('Prominent Republicans call for Ariz. Gov. Jan Brewer to veto bill allowing denial of service.'), [
      'Prominent Republicans call for Ariz. Gov. Jan Brewer to veto bill allowing denial of service.',
    ]);
    assert.equal(sentences('The mayor of Springfield, Ill., said so. She moved to Wash. The move was quiet.').length, 3);
    assert.equal(sentences('She fell ill. Doctors came.').length, 2, 'a word, not the state');
    assert.equal(sentences('The head of the division succeeds Robert Penn. Penn was named vice president.').length, 2, 'a surname, not the state');
  });

  it('does not break after U.S. before a name, nor inside (U.S.)', () => {
    const text =
      'In late May, Twitter begun fact-checking the postings by U.S. President Donald Trump and labelled two of them as “misleading.” That led Trump to accuse Twitter of election meddling.';
    assert.deepEqual(sentences(text), [
      'In late May, Twitter begun fact-checking the postings by U.S. President Donald Trump and labelled two of them as “misleading.”',
      'That led Trump to accuse Twitter of election meddling.',
    ]);
    assert.equal(sentences('It was made by China, and (U.S.) Republicans and some right-wing networks were responsible.').length, 1);
  });

  it('breaks after U.S. when a sentence starter follows', () => {
    assert.deepEqual(sentences('Tension has grown with the U.S. The company did not comment.'), [
      'Tension has grown with the U.S.',
      'The company did not comment.',
    ]);
  });

  it('does not break on Inc., Dr., initials or a month before a date', () => {
    assert.equal(sentences('Without stating how it intends to compel Twitter Inc. to carry out the shutdown, China said so.').length, 1);
    assert.equal(sentences('The report was written by Dr. Fergus Hanson and J. Smith for the institute.').length, 1);
    assert.equal(sentences('The law was passed on Jan. 5 by the legislature.').length, 1);
  });

  it('keeps decimals whole', () => {
    const text =
      '“Just a couple of days ago, U.S. news outlets reported that there were some 2.6 million tweets regarding the COVID-19 in the latter half of March,” Hua continued.';
    assert.deepEqual(sentences(text), [text]);
  });

  it('keeps a multi-sentence quotation and its attribution together', () => {
    const text =
      '“It holds no water at all to equate China’s response to the epidemic with disinformation. If Twitter wants to make a difference, it should shut down those accounts that have been organized and coordinated to attack and discredit China,” said Foreign Ministry spokeswoman Hua Chunying on Friday. She said that China was the “biggest victim of false information.”';
    const result = sentences(text);
    assert.equal(result.length, 2);
    assert.match(result[0]!, /^“It holds no water.*on Friday\.$/);
    assert.equal(result[1], 'She said that China was the “biggest victim of false information.”');
  });

  it('does not break at an ellipsis inside a quotation', () => {
    const text =
      'Commission vice president Vera Jourova told reporters, "If we have evidence, we should not shy away from naming and shaming... We have witnessed a lot of accusations."';
    assert.equal(sentences(text).length, 1);
  });

  it('keeps a question inside quotes with the attribution after it', () => {
    const text =
      '“If Twitter deems messages commending China’s coronavirus response as disinformation and decides to remove them, what about those that are slanderous, malicious, and factually proven to be disinformation?” Hua said. “Not making a move against these networks would be a plain example of double standards.”';
    const result = sentences(text);
    assert.equal(result.length, 2);
    assert.match(result[0]!, /disinformation\?” Hua said\.$/);
  });

  it('attaches a stray closing mark to the sentence before it', () => {
    const result = sentences('And denigrate China account. "This is the biggest victim of false information." "');
    assert.deepEqual(result, ['And denigrate China account.', '"This is the biggest victim of false information." "']);
  });

  it('treats single line breaks as sentence ends in line-per-sentence text, as spaces in wrapped text', () => {
    assert.deepEqual(sentences('China claims to be a victim\nChina claims to be a victim\n'), [
      'China claims to be a victim',
      'China claims to be a victim',
    ]);
    const wire = 'Standard Oil Co and BP North America\nInc said they plan to form a venture to manage the money market\nborrowing and investment activities of both companies.\n    BP North America is a subsidiary of British Petroleum Co\nPlc <BP>, which also owns a 55 pct interest in Standard Oil.\n';
    assert.equal(isHardWrapped(wire), true);
    assert.deepEqual(sentences(wire), [
      'Standard Oil Co and BP North America Inc said they plan to form a venture to manage the money market borrowing and investment activities of both companies.',
      'BP North America is a subsidiary of British Petroleum Co Plc <BP>, which also owns a 55 pct interest in Standard Oil.',
    ]);
  });

  it('starts paragraphs at blank lines and at indented lines', () => {
    const text = 'One.\n\nTwo.\n    Three.\nstill three.\n';
    const spans = splitParagraphs(text).map((span) => text.slice(span.start, span.end));
    assert.deepEqual(spans, ['One.', 'Two.', 'Three.\nstill three.']);
  });
});
