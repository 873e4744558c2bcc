/** Attribution forms and wrong-speaker classes, each on short made-up sentences. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractQuotes } from '../../src/core/quotes/extract.js';

function speakersOf(text: string): Array<string | null> {
  return extractQuotes({ source: 'article', story: null, text: `${text}\n` }).map((quote) => quote.speaker);
}

describe('attribution forms', () => {
  for (const verb of ['implored', 'interjected', 'gushed', 'fumed', 'shouted', 'exclaimed', 'quipped', 'conceded', 'joked', 'emailed', 'agreed', 'chimed in']) {
    it(`"…," X ${verb}`, () => {
      assert.deepEqual(speakersOf(`“We will open the bridge on time and nobody should doubt it,” Maria Olsen ${verb}.`), ['Maria Olsen']);
    });
  }

  it('initials and titles around the name: said A.J. X, Mr. X said, said the Rev. X Y', () => {
    assert.deepEqual(speakersOf('“The harbour will reopen next spring after the repairs,” club manager B.K. Larkin said.'), ['B.K. Larkin']);
    assert.deepEqual(speakersOf('Tomas Wendt runs the ferry.\n\n“The harbour will reopen next spring after the repairs,” Mr. Wendt said.'), ['Tomas Wendt']);
    assert.deepEqual(speakersOf('“The harbour will reopen next spring after the repairs,” said the Rev. Anna Pike.'), ['Anna Pike']);
  });

  it('a description before the name: said the 40-year-old baker X Y', () => {
    assert.deepEqual(speakersOf('“Nobody warned us about the flood before it came,” said the 40-year-old baker Lena Hart.'), ['Lena Hart']);
  });

  it('an apposition after the name: X Y, the editor of Z, wrote', () => {
    assert.deepEqual(speakersOf('Jonas Brill, the editor of the Valley Courier, wrote: “We will keep printing every week.”'), ['Jonas Brill']);
  });

  it('a role apposition between the quote and the verb: "…," X Y, a spokeswoman, told CNN', () => {
    assert.deepEqual(speakersOf('“We fired only to warn the boat away from the harbour,” Ada Quint, a navy spokeswoman, told CNN.'), ['Ada Quint']);
  });

  it('a colon introduction on the line before', () => {
    assert.deepEqual(speakersOf('Harbour master Piet Olde added his thanks to the crews:\n“Thank you all for the long nights at sea.”'), ['Piet Olde']);
  });

  it('a colon introduction without a speech verb', () => {
    assert.deepEqual(speakersOf('Clara Voss deflected with a joke: “The weather decides, not me, and the weather is kind today.”'), ['Clara Voss']);
  });

  it('a colon introduction naming only a place names no speaker', () => {
    // The name after "in" is where something happened, not who speaks.
    assert.deepEqual(speakersOf('Lisbon felt a mild "shake" this morning, after a stronger quake in Northern Morocco, emptying several towers:\n"Office workers said the floors swayed for a minute."'), [null, null]);
    // A person named after the place still introduces the quote.
    assert.deepEqual(speakersOf('After the quake in Porto Velho, a message from Maria Costa:\n"We are all safe and the school is standing."'), ['Maria Costa']);
  });

  it('a member of a party is nobody named: "said the Democrat who …"', () => {
    assert.deepEqual(speakersOf('The mayor has been "the first choice" for the post, said the Democrat who is familiar with the talks.'), [null]);
  });

  it('a quote continuing "said Senator X, Democrat of Y" is X\'s, though the article calls others Democrats', () => {
    const text =
      'One House Democrat is under fire: Representative Ivo Berg of Ohio, a moderate Democrat from Dayton.\n\n' +
      '“If you want a bridge, you have to pay for it, and nobody wants to pay,” said Senator Ada Lindqvist, Democrat of North Dakota. ' +
      '“You maybe get a speech, but you won’t get a bridge.”';
    assert.deepEqual(speakersOf(text), ['Ada Lindqvist', 'Ada Lindqvist']);
  });

  it('a quote continuing one whose speaker stands before a long apposition is never credited to a name inside it', () => {
    const text =
      '“The harbour belongs to the town,” Elsa Brandt, a Republican trying to unseat Representative Ole Dahl, a Democrat, in Ohio’s Third District, said in a statement. ' +
      '“Would any other town sell its harbour?”';
    const [first, second] = speakersOf(text);
    assert.equal(first, 'Elsa Brandt');
    assert.ok(second === 'Elsa Brandt' || second === null, `continued by ${second}`);
  });

  it('a place before the verb is not who speaks', () => {
    // The state after a city: the sentence's subject speaks.
    assert.deepEqual(speakersOf('Mr. Halvorsen, at another stop on Saturday, in Columbus, Ohio, called the plan “anachronistic.”'), ['Halvorsen']);
    // Someone unnamed "in" a place: nobody named, not the sentence's subject.
    assert.deepEqual(speakersOf('Ann Lowe sought to clarify her view after a poll in Wyoming said she “wants to close the mill.”'), [null]);
    // "Aceh district resident X": the place describes where the person lives.
    assert.deepEqual(speakersOf('"I saw many houses fall onto people," said central Aceh district resident Bensu Elianita to reporters.'), ['Bensu Elianita']);
    // A comma between "outside" and the name: the name speaks.
    assert.deepEqual(speakersOf('The old barn was weathered on the outside, Ivar Lund said. "But inside, there was all this beautiful timber."'), ['Ivar Lund']);
  });

  it('a name that is also a state code, after a city, is a name unless written as the code', () => {
    assert.deepEqual(speakersOf('After the talks in Cairo, Al told reporters: "We will meet again."'), ['Al']);
    assert.deepEqual(speakersOf('Jo Kent of Mobile, AL, told reporters: "We will meet again."'), ['Jo Kent']);
  });

  it('people the text does not name before the verb are nobody named, not the sentence\'s subject', () => {
    assert.deepEqual(speakersOf('Mr. Halvorsen pointed to what aides called “orphan districts” in the northern states.'), [null]);
    assert.deepEqual(speakersOf('Medicare and Treasury officials have said they would use a “place of residence” standard.'), [null]);
  });

  it('a common word capitalised as a sentence opens is not a first name', () => {
    // "Whether Sanders" is no second person called Sanders, so the surname is Ben Sanders'.
    const text =
      'Ben Sanders spoke in the hall.\n\nWhether Sanders will run again is not clear. Plus, the party is split.\n\n' +
      '“We will decide in the spring,” Sanders said.';
    assert.deepEqual(speakersOf(text), ['Ben Sanders']);
    assert.deepEqual(speakersOf('Plus Lund said the vote was “a farce.” Plus, it came late.'), ['Lund']);
  });

  it('titles written before a name are not part of it: prosecutor, producer, GM, CTO, undersheriff', () => {
    assert.deepEqual(speakersOf('"He betrayed the town," prosecutor Ada Voss said.'), ['Ada Voss']);
    assert.deepEqual(speakersOf('"We will build it," said Acme CTO Lena Hart.'), ['Lena Hart']);
    assert.deepEqual(speakersOf('Undersheriff Tom Berg said the man "did not want to wait."'), ['Tom Berg']);
  });

  it('"a Mormon", "an Ohioan": what someone is, not a name', () => {
    assert.deepEqual(speakersOf('A Mormon said the bill "goes too far for anyone in this state."'), [null]);
    assert.deepEqual(speakersOf('One candidate, Olle Berg, the mayor of Mesa, who is a Mormon, said that the bill “gives carte blanche to anybody.”').includes('Mormon'), false);
  });

  it('a name in the possessive is a full name the article gives', () => {
    assert.deepEqual(speakersOf('Mayor Ada Berg’s plan was cut on Monday.\n\n“We will fight on,” Berg said.'), ['Ada Berg']);
  });

  it('"the president" is completed only by a full name the article gives that title', () => {
    const text = 'Malia and Sasha Lund’s school was closed.\n\nPresident Lund spoke later.\n\nThe president remarked that it was “puzzling that I do this every year.”';
    assert.deepEqual(speakersOf(text), ['Lund']);
  });

  it('a party or a participle opening a sentence is not part of the name', () => {
    assert.deepEqual(speakersOf('Republican Ada Berg said the plan was “dead on arrival.”'), ['Ada Berg']);
    assert.deepEqual(speakersOf('Ivar Lund ran the port.\n\nFollowing Lund’s arrest, the port closed.\n\n“It was a mistake,” Lund said.'), ['Ivar Lund']);
  });

  it('a state after a city is a place; a name after a city and a comma may still speak', () => {
    assert.ok(!speakersOf('This month Bishop Karl Lind, of Peoria, Ill., said in a homily that the mayor was “following a similar path.”').includes('Ill'));
    assert.deepEqual(speakersOf('During a press conference in the state capital of Little Rock, Hutchinson said he wants the “right balance.”'), ['Hutchinson']);
  });

  it('"said the Democratic staffer", "tweeted former Housing and Urban Development Secretary X"', () => {
    assert.deepEqual(speakersOf('"We already have things on the calendar," said the Democratic staffer.'), [null]);
    assert.deepEqual(speakersOf('“The people deserve the full truth,” tweeted former Housing and Urban Development Secretary Ana Ruiz.'), ['Ana Ruiz']);
  });

  it('a group of people opening a sentence names nobody: "Associates described …", "Deputies said …"', () => {
    assert.deepEqual(speakersOf('Associates described his “outstanding loyalty.”'), [null]);
    assert.deepEqual(speakersOf('Deputies said the man had tattoos of “devil’s horns” on his forehead.'), [null]);
  });

  it('a page\'s headline and dateline are not the first sentence\'s subject, nor names', () => {
    const page = 'Greek Leader Calls Bank Deaths Murder\nPublished May 05, 2010\nThe prime minister has denounced what he called the "murder" of three bank workers.';
    assert.deepEqual(speakersOf(page), [null]);
    // A headline-like line of a wrapped wire story at the top: the name on the next line is the subject.
    assert.deepEqual(speakersOf('FED CHIEF SEES CALM\n\nFederal Reserve Board Vice Chairman\nManuel Ortiz said pressures "are very moderate."'), ['Manuel Ortiz']);
    // A wrapped line that starts with a date is running text: its name is a name.
    const wire = 'ACME SEES GROWTH\n\nAcme will report growth in the year ended\nMarch 7, chairman Ivo Brandt said in answer to\nquestions.\n    "We must never be complacent," Brandt said.';
    assert.deepEqual(speakersOf(wire), ['Ivo Brandt']);
  });

  it('a surname\'s particle opening a sentence stays in the name; a first name like a participle stays too', () => {
    const text = 'The talks went on, de Clercq told reporters.\n\nDe Clercq said the round was "one undertaking, with one track."';
    assert.deepEqual(speakersOf(text), ['De Clercq']);
    const lawyer = 'Irving Nathan, a Burlington lawyer, spoke after the vote.\n\n"Dominion relied on the insider," Nathan said.';
    assert.deepEqual(speakersOf(lawyer), ['Irving Nathan']);
  });

  it('officials named only by their country are nobody named: "U.S. Officials have said"', () => {
    assert.deepEqual(speakersOf('In recent statements U.S. Officials have said the dollar "has fallen far enough."'), [null]);
  });

  it('a quote after reported speech in the sentence before, in a one-sentence-a-line file', () => {
    assert.deepEqual(speakersOf('The mill will close in May.\nOwner Rita Baum said the costs had doubled.\n“We could not keep the lights on any longer.”'), ['Rita Baum']);
  });

  it('he/she resolves to the person the previous sentences are about', () => {
    assert.deepEqual(
      speakersOf('Karl Ness spoke to the crowd for an hour.\n\nHe aimed at both parties.\n\n“Neither side has kept a single promise to this town,” he said.'),
      ['Karl Ness'],
    );
  });
});

describe('references to a titled person', () => {
  it('"the governor said" is the one person the article titled governor', () => {
    assert.deepEqual(
      speakersOf('Gov. Ilse Marr signed the bill on Monday.\n\nThe governor, speaking in the capital, said she would veto “any bill that cuts the school budget again.”'),
      ['Ilse Marr'],
    );
  });

  it('stays unnamed when two people had that title', () => {
    assert.deepEqual(
      speakersOf('Gov. Ilse Marr met Gov. Otto Brink on Monday.\n\n“We agreed on nothing at all, not even the weather,” said the governor.'),
      [null],
    );
  });

  it('two roles joined by "and" describe one person', () => {
    assert.deepEqual(speakersOf('Film star and radio host Nils Arne added his thanks:\n“What a wonderful night this has been for all of us.”'), ['Nils Arne']);
  });
});

describe('wrong-speaker classes', () => {
  it('an explicit cue in the quote’s own sentence beats carry-over from the quote before', () => {
    assert.deepEqual(
      speakersOf('“We are ready for the season and the team is healthy,” coach Ben Tarr said.\n“We are disappointed in what happened last night,” team general manager C.D. Wolfe said in a statement.'),
      ['Ben Tarr', 'C.D. Wolfe'],
    );
  });

  it('carry-over stops at a sentence naming another speaker', () => {
    assert.deepEqual(
      speakersOf('“The shop was full every day of the week,” said Mona Riel.\nOlaf Brand, a neighbour, said he heard the alarm.\n“It rang for an hour before anyone came.”'),
      ['Mona Riel', 'Olaf Brand'],
    );
  });

  it('vague sources stay unnamed and are not credited to the previous speaker', () => {
    assert.deepEqual(
      speakersOf('“The budget is balanced for the first time,” said Vera Lind.\n“That is simply not true and everyone here knows it,” another spokesperson added.'),
      ['Vera Lind', null],
    );
    assert.deepEqual(speakersOf('“The plant will not reopen this year at all,” one official said.'), [null]);
    assert.deepEqual(speakersOf('“The road will stay closed until the snow melts,” said a spokesman for the Transport Ministry.'), [null]);
  });

  it('the person, not the place or business after "of"', () => {
    assert.deepEqual(speakersOf('“The water came up faster than anyone expected,” Walt Fenner of Fort Ridge said.'), ['Walt Fenner']);
  });

  it('a surname is the person, not the tower named after them', () => {
    assert.deepEqual(
      speakersOf('Developer Hal Strome opened the Strome Tower last year.\n\n“Sales have never been better than this month,” Strome said.'),
      ['Hal Strome'],
    );
  });

  it('the object of the verb is not the speaker: X told Y, X said to Y', () => {
    assert.deepEqual(speakersOf('“The ship was sailing without lights when we saw it,” told Reuters.'), [null]);
    assert.deepEqual(speakersOf('Mayor Ida Korn said to Paul Webb: “You will have the permit on Monday morning.”'), ['Ida Korn']);
  });

  it('a capitalised noun mid-sentence is not a verb: "the United States is …"', () => {
    assert.deepEqual(speakersOf('The United States is drafting a resolution that would allow ships to act in “hot pursuit” of the raiders.'), [null]);
  });

  it('unnamed people of a named body stay unnamed: "Interior Department officials described …"', () => {
    assert.deepEqual(speakersOf('Transport Department officials described the changes as “narrow and technical in every respect.”'), [null]);
  });

  it('the capitals of a headline-style line are not a name', () => {
    assert.deepEqual(
      speakersOf('Mara Lind Wins Harbour Race Again\nThe race ended at noon in heavy rain.\n“It was the hardest race of my whole life,” she said.'),
      [null],
    );
  });

  it('coordinated speakers are not one of them alone', () => {
    assert.deepEqual(speakersOf('“This is a power grab by a disappointed mayor,” council leader Ana Ruiz and deputy Tim Holt said.'), [null]);
  });
});
