/**
 * Reading who a clause names as its speaker, from the tokens next to a speech verb: a name with
 * its roles ("Foreign Ministry spokeswoman Hua Chunying"), a pronoun, "the senator", or an
 * explicit cue that names nobody ("one official said"), which is `vague`.
 */
import {
  PRONOUNS,
  REFERENCE_NOUNS,
  followsTitleOf,
  isBareSurnameRole,
  isCapitalised,
  isOrganisation,
  isNameWord,
  isNameWordAfter,
  isPossessive,
  isReferenceRole,
  isRole,
  isSurnameRole,
  joinsName,
  nameText,
  withoutOffice,
  type Token,
} from './names.js';
import { PARTY_MEMBERS } from './nameWords.js';
import { LOCATIVE_PREPOSITIONS, placePreposition } from './places.js';
import { WEEKDAYS } from '../text/calendar.js';
import { REPORTING_VERBS } from '../text/reportingVerbs.js';

const SPEECH_VERBS = new Set(REPORTING_VERBS);

/** Words that may stand between a speaker and the verb: "Twitter on Thursday said", "Hua then said". */
export const FILLERS = new Set([
  ...`has had have would will also then later further again repeatedly previously earlier reportedly once on first
  today yesterday tonight last this week month year morning afternoon evening himself herself themselves itself`.split(/\s+/),
  ...WEEKDAYS.map((day) => day.toLowerCase()),
]);
const DETERMINERS = new Set(['the', 'its', 'his', 'her', 'their', 'a', 'an']);
/** Lower-case words that may precede a role and a name: "former Representative Thomas Davis", "state Senate President". */
const ROLE_MODIFIERS = new Set(['former', 'state', 'federal', 'senior', 'top', 'acting', 'then', 'longtime', 'campaign', 'press', 'party']);

export interface NameMention {
  kind: 'name';
  name: string;
  /** Offset of the name in the document, to resolve a surname against names introduced before it. */
  at: number;
}

/**
 * `vague`: the attribution names a speaker the text leaves unnamed ("one official said", "said a
 * spokesman for the ministry", "said his brother"): an explicit cue, so no earlier speaker is carried over.
 */
export type Mention =
  | NameMention
  | { kind: 'pronoun'; pronoun: string }
  | { kind: 'reference'; noun: string }
  /** "the president said": whoever the article titled so, if only one person. */
  | { kind: 'role'; role: string; at: number }
  /** `why`: the reason no speaker is named, when more than the cue's words; `label`: a title or a name in use, nobody's words. */
  | { kind: 'vague'; why?: string; label?: boolean };

/** Words that tie a name to the person before it: "Herbert Flynn of Fort Coffee", "a spokesman for Acme". */
const PLACE_PREPOSITIONS = new Set(['of', 'for', 'from', 'at', 'with', 'in', 'on', 'by', 'to']);
/** Nouns after a name that make it a modifier of unnamed people: "Interior Department officials described …". */
export const UNNAMED_HEADS = new Set(
  `officials official aides aide staffer sources source lawmakers leaders members representatives staff staffers employees
  workers experts analysts investigators authorities prosecutors police officers spokesman spokeswoman spokesperson
  spokespeople executives researchers scientists critics supporters residents witnesses protesters students fans
  associates colleagues friends relatives neighbors neighbours deputies environmentalists activists advocates`.split(/\s+/),
);
/** A name of one word that only says which party someone belongs to: "the Democrat who is familiar with …" names nobody. */
function onlyParty(run: readonly Token[]): boolean {
  return run.length === 1 && PARTY_MEMBERS.has(run[0]!.lower);
}
/** Words that count one of a group: "said one Democrat" names nobody. */
const COUNTING_OPENERS = new Set(['a', 'an', 'one', 'another', 'some', 'several', 'two', 'three', 'many']);
/** Words opening an unnamed source: "one official said", "another spokesperson added". */
const VAGUE_OPENERS = new Set(['a', 'an', 'one', 'another', 'some', 'several', 'two', 'three', 'many', 'other', 'his', 'her', 'their', 'the', 'its', 'our', 'my']);

/** A name run of two or more words (or an initial and a surname): a person, not a lone capitalised word. */
function personRunEndingAt(tokens: readonly Token[], last: number): Token[] {
  const run: Token[] = [];
  for (let index = last; index >= 0 && isNameWordAfter(tokens[index - 1], tokens[index]!) && (run.length === 0 || joinsName(tokens[index], run[0]!)); index--) run.unshift(tokens[index]!);
  return run;
}

/**
 * The person before "of"/"for"/"at" when the name next to the verb is a place or a body: `Herbert
 * Flynn of Fort Coffee said` names Herbert Flynn; `a spokesman for the Interior Department said`
 * names nobody.
 */
function personBeforePreposition(tokens: readonly Token[], preposition: number): Mention {
  for (let index = preposition - 1; index >= 0 && preposition - index <= 6; index--) {
    const token = tokens[index]!;
    if (/[,;:]/.test(tokens[index + 1]!.gap)) break;
    if (isNameWord(token)) {
      const run = personRunEndingAt(tokens, index);
      const name = nameText(run);
      if (run.length >= 2 && !isOrganisation(name)) return { kind: 'name', name, at: run[0]!.start };
      break;
    }
  }
  return { kind: 'vague' };
}

/**
 * Who stands before a place's preposition (at `preposition`; the place starts at `start`): an
 * unnamed one ("a poll in Wyoming said") is a vague source; after a name or a comma, or before an
 * "of" ("the mayor of Washington, DC, suggested"), the sentence's subject is left to other rules (null).
 */
function placeHolder(tokens: readonly Token[], preposition: number, start: number): Mention | null {
  const holder = tokens[preposition - 1];
  if (!LOCATIVE_PREPOSITIONS.has(tokens[preposition]!.lower) || !holder || !/^\s+$/.test(tokens[preposition]!.gap) || isCapitalised(holder) || isFiller(holder)) return null;
  return { kind: 'vague', why: `unnamed: ${holder.text} in ${tokens[start]!.text}` };
}

/** A word that may stand between a speaker and the verb: "X on Thursday said", "X calmly said". */
function isFiller(token: Token): boolean {
  return FILLERS.has(token.lower) || /^[a-z]{4,}ly$/.test(token.text);
}

/** "King said", "Judge told": a capitalised title-like surname with no determiner or title before it. */
function isLoneSurnameRole(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index]!;
  const previous = tokens[index - 1];
  return isCapitalised(token) && isBareSurnameRole(token.text) && (previous === undefined || (!isCapitalised(previous) && !DETERMINERS.has(previous.lower)));
}

/** The speaker named just before a verb, reading backwards over fillers; `whole` demands nothing else precede it. */
export function mentionBefore(tokens: readonly Token[], whole: boolean): Mention | null {
  let index = tokens.length - 1;
  while (index >= 0 && isFiller(tokens[index]!) && !(index === 0 && whole && isNameWord(tokens[index]!))) index--;
  if (index < 0) return null;
  const last = tokens[index]!;
  if (PRONOUNS.has(last.lower)) return whole && index > 0 ? null : { kind: 'pronoun', pronoun: last.lower };
  if (REFERENCE_NOUNS.has(last.lower) && index > 0 && DETERMINERS.has(tokens[index - 1]!.lower)) {
    // "X issued a statement saying": a new statement is X's, not one named before.
    if (['a', 'an'].includes(tokens[index - 1]!.lower)) return null;
    return whole && index > 1 ? null : { kind: 'reference', noun: last.lower };
  }
  if (isRole(last) && !isCapitalised(last) && index > 0 && tokens[index - 1]!.lower === 'the') {
    return whole && index > 1 ? null : { kind: 'role', role: last.lower, at: last.start };
  }
  const run: Token[] = [];
  while (index >= 0 && isNameWordAfter(tokens[index - 1], tokens[index]!) && (run.length === 0 || joinsName(tokens[index], run[0]!))) run.unshift(tokens[index--]!);
  // "King said": a title-like surname standing alone (resolved against the article's full names).
  if (run.length === 0 && isLoneSurnameRole(tokens, index)) run.unshift(tokens[index--]!);
  // "…, in Columbus, Ohio, called": a place, not who speaks (the sentence's subject may be); in "a poll in
  // Wyoming said" the poll speaks, unnamed.
  const preposition = run.length > 0 ? placePreposition(tokens, index + 1) : -1;
  if (preposition >= 0) return placeHolder(tokens, preposition, index + 1);
  // "Authorities described …", "Police said": people, but nobody named.
  // "Police said", "U.S. Officials have said": people, but nobody named.
  if (UNNAMED_HEADS.has(run[run.length - 1]?.lower ?? '') || onlyParty(run)) return { kind: 'vague' };
  // "a Mormon said", "X, who is a Mormon, said": what someone is, not their name; after a comma the name
  // stands earlier in the clause.
  if (run.length === 1 && index >= 0 && (tokens[index]!.lower === 'a' || tokens[index]!.lower === 'an')) {
    return tokens.slice(0, index).some((token) => token.gap.includes(',')) || tokens[index]!.gap.includes(',') ? null : { kind: 'vague', why: `unnamed: ${tokens[index]!.text} ${run[0]!.text}` };
  }
  // "One said:", "Another added": one of a group the text spoke of, capitalised only as a sentence's first word.
  if (run.length === 1 && COUNTING_OPENERS.has(run[0]!.lower)) return { kind: 'vague', why: `vague source: ${run[0]!.text}` };
  if (run.length === 0) {
    // "what aides called “…”", "critics say": the verb's subject is people the text does not name. (After a
    // quote, "“…,” aides said Mr. X told …" reads on to the next verb.)
    if (!whole && UNNAMED_HEADS.has(last.lower)) return { kind: 'vague', why: `unnamed: ${last.text}` };
    // "…," another spokesperson added / one official said: a speaker, but not a named one.
    if (whole && tokens.length <= 6 && VAGUE_OPENERS.has(tokens[0]!.lower) && tokens.every((token) => !isCapitalised(token))) return { kind: 'vague' };
    return null;
  }
  // "Secretary of State Jane Roe said": the office is not part of the name.
  if (followsTitleOf(tokens, index + 1)) return { kind: 'name', name: nameText(withoutOffice(run)), at: run[0]!.start };
  let before = index;
  // "X and Y said": two speakers, and the quote is not Y's alone.
  let coordinated = before;
  while (coordinated >= 0 && (isRole(tokens[coordinated]!) || isCapitalised(tokens[coordinated]!) || ROLE_MODIFIERS.has(tokens[coordinated]!.lower))) coordinated--;
  // "Sherlock star and Doctor Who writer X" describes one person; "lawmakers and Gov. X" are two.
  if (coordinated > 0 && tokens[coordinated]!.lower === 'and' && !isRole(tokens[coordinated - 1]!)) return { kind: 'vague', why: 'several speakers' };
  if (before >= 0 && DETERMINERS.has(tokens[before]!.lower)) before--;
  if (before >= 0 && PLACE_PREPOSITIONS.has(tokens[before]!.lower)) return personBeforePreposition(tokens, before);
  if (whole) {
    // "…," Foreign Ministry spokeswoman Hua Chunying said: only roles and names may precede the name,
    // or any description ending in a role ("team general manager A.J. Smith").
    const describedByRole = index >= 0 && isRole(tokens[index]!) && index < 6;
    for (let at = 0; at <= index && !describedByRole; at++) {
      const token = tokens[at]!;
      const allowed = isCapitalised(token) || isRole(token) || DETERMINERS.has(token.lower) || ROLE_MODIFIERS.has(token.lower);
      if (!allowed) return null;
    }
  }
  return { kind: 'name', name: nameText(run), at: run[0]!.start };
}

/** Capitalised words, then a title, then a name, from `from` on without a comma: the rest of an office ("Urban Development Secretary X"). */
function officeAhead(tokens: readonly Token[], from: number): boolean {
  for (let at = from; at < from + 5 && tokens[at] && isCapitalised(tokens[at]!) && !/[,;:]/.test(tokens[at]!.gap); at++) {
    if (isRole(tokens[at]!) && tokens[at + 1] && isNameWord(tokens[at + 1]!)) return true;
  }
  return false;
}

/** Lower-case words that may describe a speaker before the name after a verb: "said the 32-year-old protester Paris Kyriakides". */
const DESCRIPTION_WORDS = 5;

/** The speaker named just after a verb: roles and titles, then the name ("said Chinese spokesman Hua Chuning"). */
export function mentionAfter(tokens: readonly Token[]): { mention: Mention; used: number } | null {
  const first = tokens[0];
  if (!first) return null;
  if (PRONOUNS.has(first.lower)) return { mention: { kind: 'pronoun', pronoun: first.lower }, used: 1 };
  if (DETERMINERS.has(first.lower) && tokens[1] && REFERENCE_NOUNS.has(tokens[1].lower)) {
    return { mention: { kind: 'reference', noun: tokens[1].lower }, used: 2 };
  }
  // "said his brother": the one person the article called someone's brother, if any.
  const kinAt = ['his', 'her', 'their'].includes(first.lower) ? [1, 2].find((at) => tokens[at] && isReferenceRole(tokens[at]) && !isCapitalised(tokens[at])) : undefined;
  const kin = kinAt === undefined ? undefined : tokens[kinAt]!;
  if (kin && kinAt !== undefined && !(tokens[kinAt + 1] && isNameWord(tokens[kinAt + 1]!))) return { mention: { kind: 'role', role: kin.lower, at: kin.start }, used: kinAt + 1 };
  // "said the senator" (and nothing named after it)
  const role = tokens[1];
  if (first.lower === 'the' && role && isReferenceRole(role) && !isCapitalised(role) && !(tokens[2] && isNameWord(tokens[2]) && joinsName(role, tokens[2]))) {
    // "said the spokesman, Nick Merrill": the name after the comma.
    const named = tokens[2] && isNameWord(tokens[2]) && /^,\s*$/.test(tokens[2].gap) ? mentionAfter(tokens.slice(2)) : null;
    if (named?.mention.kind === 'name') return { mention: named.mention, used: named.used + 2 };
    return { mention: { kind: 'role', role: role.lower, at: role.start }, used: 2 };
  }
  let name: Token[] = [];
  let used = 0;
  let described = 0;
  let office = false;
  for (const [index, token] of tokens.entries()) {
    const previous = tokens[index - 1];
    if (index > 0 && !joinsName(previous, token)) break;
    // A capitalised modifier is part of a name ("the Associated Press"), a lower-case one of a role ("press secretary").
    if ((isRole(token) && !isSurnameRole(previous, token)) || (ROLE_MODIFIERS.has(token.lower) && !isCapitalised(token))) name = [];
    else if (isNameWordAfter(previous, token)) name.push(token);
    // "said Secretary of State Jane Roe": the title's "of".
    else if (name.length === 0 && followsTitleOf(tokens, index + 1) && tokens[index + 1] && isCapitalised(tokens[index + 1]!)) office = true;
    // A possessive ends the name: "said Hua Twitter’s removal" names Hua.
    else if (isCapitalised(token) && isPossessive(token)) break;
    // "former Housing and Urban Development Secretary X": an office's "and", when a title follows before any comma.
    else if (token.lower === 'and' && name.length > 0 && officeAhead(tokens, index + 1)) name = [];
    // "said central Aceh district resident X": the name before a place noun is where the person is from.
    else if (name.length > 0 && PLACE_NOUNS.has(token.lower)) name = [];
    else if (isCapitalised(token) || (token.lower === 'the' && name.length === 0)) name = [];
    // A description before any name ("the 32-year-old protester"); a preposition ends it ("a spokesman for …").
    // A pronoun starts a clause, not a description ("insists he'll make X pay").
    else if (name.length === 0 && !PLACE_PREPOSITIONS.has(token.lower) && described < DESCRIPTION_WORDS && !/^(?:that|and|in|on|after|before|while|when|as|but)$/.test(token.lower) && !PRONOUNS.has(token.lower.split(/['’]/)[0]!)) described++;
    else break;
    used = index + 1;
  }
  if (name.length === 0) {
    // "said one official", "said his brother": an explicit cue with nobody named.
    if (used === 0 || !VAGUE_OPENERS.has(first.lower)) return null;
    return namedAfterRole(tokens, 1, true) ?? { mention: { kind: 'vague' }, used };
  }
  if (tokens[used] && PLACE_PREPOSITIONS.has(tokens[used]!.lower) === false && UNNAMED_HEADS.has(tokens[used]!.lower)) return { mention: { kind: 'vague' }, used: used + 1 };
  // "said one Democrat", "said a Republican": one of a group, not a name, unless the name follows
  // its role ("said a Sudanese government spokesman, Rabie A. Atti").
  // "said the Democrat who …": a member of a party, unnamed.
  if (name.length === 1 && name[0] === tokens[1] && (COUNTING_OPENERS.has(first.lower) || (first.lower === 'the' && onlyParty(name)))) {
    return namedAfterRole(tokens, used, false) ?? { mention: { kind: 'vague' }, used };
  }
  if (office) name = withoutOffice(name);
  return { mention: { kind: 'name', name: nameText(name), at: name[0]!.start }, used };
}

/** Words a role may take after a counted group word: "a Sudanese government spokesman". */
const ROLE_REACH = 3;

/**
 * The name after a comma that closes a role or a description: `a Sudanese government spokesman,
 * Rabie A. Atti`, `the legislator, Representative Carl Seel`, `her nephew, Ravi Singh, 32`; the name
 * must end there (a comma, a period or the end), not start a clause ("a spokeswoman, The Times reported").
 */
function namedAfterRole(tokens: readonly Token[], from: number, anyNoun: boolean): { mention: Mention; used: number } | null {
  for (let at = from; at < from + ROLE_REACH && tokens[at] && !isCapitalised(tokens[at]!); at++) {
    const next = tokens[at + 1];
    if (!(anyNoun || isReferenceRole(tokens[at]!)) || !next || !/^,\s*$/.test(next.gap) || !isCapitalised(next)) continue;
    const named = mentionAfter(tokens.slice(at + 1));
    const after = named ? tokens[at + 1 + named.used] : undefined;
    if (named?.mention.kind !== 'name' || (after && !/[,.;]/.test(after.gap))) return null;
    return { mention: named.mention, used: at + 1 + named.used };
  }
  return null;
}

/** The first person a clause names (two name words or more, not a body): `Homeland star David Harewood`. */
export function firstPersonIn(tokens: readonly Token[]): NameMention | null {
  for (let index = 0; index < tokens.length; index++) {
    if (!isNameWord(tokens[index]!)) continue;
    let end = index;
    while (end + 1 < tokens.length && isNameWord(tokens[end + 1]!) && joinsName(tokens[end], tokens[end + 1]!)) end++;
    const run = tokens.slice(index, end + 1);
    // "a quake in Southern Iran": where something happened, not who.
    if (index > 0 && LOCATIVE_PREPOSITIONS.has(tokens[index - 1]!.lower)) {
      index = end;
      continue;
    }
    const name = nameText(run);
    // A surname after a title counts too: "Mr. Farenthold".
    const titled = index > 0 && isRole(tokens[index - 1]!) && joinsName(tokens[index - 1], tokens[index]!);
    if ((run.length >= 2 || titled) && !isOrganisation(name)) return { kind: 'name', name, at: run[0]!.start };
    index = end;
  }
  return null;
}

/** Words an introductory clause may have before the subject ("In a speech earlier this month, Hunter …"). */
const INTRODUCTION_WORDS = 8;
/** Prepositions opening a sentence: a name right after one is not its subject ("In Suka village a landslide …"). */
const OPENING_PREPOSITIONS = new Set(
  'in on at from for with by after before during under near outside inside across since through into over among amid despite following'.split(' '),
);
/** Nouns that make the name before them a place: "Lake village", "Harbour district". */
const PLACE_NOUNS = new Set('village town city district province county region area camp island valley suburb neighborhood neighbourhood'.split(' '));

/** The named subject starting at token `from`, or null. */
function subjectFrom(tokens: readonly Token[], from: number, knownWords: ReadonlySet<string>): NameMention | null {
  const opener = tokens[from];
  if (!opener || OPENING_PREPOSITIONS.has(opener.lower)) return null;
  // "The 76-year-old Pelosi", "The former governor Smith": a description between the article and the name.
  const described = DETERMINERS.has(opener.lower);
  let name: Token[] = [];
  let next: Token | undefined;
  let office = false;
  for (let index = from; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (index > from && !joinsName(tokens[index - 1], token)) break;
    if (isRole(token) && !isSurnameRole(tokens[index - 1], token)) name = [];
    else if (isNameWordAfter(tokens[index - 1], token)) name.push(token);
    else if (name.length === 0 && followsTitleOf(tokens, index + 1)) office = true;
    else if (!isCapitalised(token)) {
      if (described && name.length === 0 && (/[-\d]/.test(token.text) || ROLE_MODIFIERS.has(token.lower))) continue;
      // "Trump’s personal lawyer John Dowd": a possessive and the words before a role describe the person named after it.
      const possessive = /['’]s$/.test(tokens[index - 1]?.text ?? '') || /^['’]/.test(token.gap);
      if (possessive && tokens.slice(index + 1, index + 3).some((later) => isRole(later) && !isCapitalised(later))) {
        name = [];
        continue;
      }
      next = token;
      break;
    }
  }
  if (office) name = withoutOffice(name);
  if (name.length === 0 || onlyParty(name)) return null;
  // "Jones’ campaign told": a possessive describes the subject, it is not the subject.
  if (/^['’]/.test(tokens[tokens.indexOf(name[name.length - 1]!) + 1]?.gap ?? '')) return null;
  // After an article the name must end the subject ("The 76-year-old X said", "The Y Navy in May said", "The X, …"):
  // in "A Romney campaign aide said" it only describes the aide.
  if (described && next && !next.gap.includes(',') && !SPEECH_VERBS.has(next.lower) && !FILLERS.has(next.lower) && !OPENING_PREPOSITIONS.has(next.lower)) return null;
  // "Interior Department officials said": the officials speak, and they are not named; "Lake village" is a place.
  if (next && (UNNAMED_HEADS.has(next.lower) || PLACE_NOUNS.has(next.lower))) return null;
  // A lone capitalised word opening a sentence ("Many") is a name only if the article capitalises it
  // elsewhere too, or a title stands before it ("Mr. Farenthold").
  const titled = (token: Token): boolean => {
    const at = tokens.indexOf(token);
    return at > 0 && isRole(tokens[at - 1]!) && joinsName(tokens[at - 1], token);
  };
  if (name.length === 1 && !knownWords.has(name[0]!.text) && !titled(name[0]!)) return null;
  return { kind: 'name', name: nameText(name), at: name[0]!.start };
}

/** Words opening a subordinate clause: the sentence's subject comes after its comma ("When X spoke, Y replied"). */
const SUBORDINATORS = new Set('when while after before as if because although though since until once whereas unless'.split(' '));

/** The named subject opening a sentence (after an introductory "In late May," clause). */
export function sentenceSubject(tokens: readonly Token[], knownWords: ReadonlySet<string>): NameMention | null {
  const opener = tokens[0];
  if (!opener) return null;
  // "When Mr. X went after Y's remark about …, Mr. Z reminded him": X is not the subject, however long the clause.
  if (SUBORDINATORS.has(opener.lower)) {
    // A comma inside a masked quote ("about the “___,” Mr. Z") leaves only its closing mark.
    const comma = tokens.findIndex((token, index) => index > 0 && /,|_["”]/.test(token.gap));
    return comma > 0 ? subjectFrom(tokens, comma, knownWords) : null;
  }
  const comma = tokens.findIndex((token, index) => index > 0 && index <= INTRODUCTION_WORDS && token.gap.includes(','));
  // An opening participle or adverb ("Saying …,", "Finally,") or a preposition ("In late May,") is not a name;
  // a title or an article may open the subject itself ("Mr. X, …", "The 76-year-old X, …").
  const participle = /(?:ing|ly)$/.test(opener.lower);
  const mayOpenSubject = !participle && (isNameWord(opener) || isRole(opener) || DETERMINERS.has(opener.lower));
  if (comma <= 0) return subjectFrom(tokens, 0, knownWords);
  if (!mayOpenSubject) return subjectFrom(tokens, comma, knownWords);
  return subjectFrom(tokens, 0, knownWords) ?? (isNameWord(opener) ? null : subjectFrom(tokens, comma, knownWords));
}

