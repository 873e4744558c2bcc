/**
 * Who said each quotation. The patterns, tried in this order on the quote's own sentence:
 * - after the quote: `"…," said X`, `"…," X said`, `"…," she said`, `"…," according to X`,
 *   `…, X said.` at the sentence's end (a partial quote inside reported speech);
 * - before it: `X said: "…"`, `X told reporters, "…"`, `said X: "…"`, reported speech
 *   (`She said that China was the "…"`), a coordinated verb (`X commented … and said "…"`);
 * - otherwise an unattributed statement continuing a named speaker's quote in the same paragraph,
 *   or opening the paragraph after one where that speaker spoke, is theirs (`follow-on`).
 * Names lose their roles and resolve surnames to the full name introduced earlier in the same
 * article; pronouns resolve to the last person (he, she) or organisation (it, they) that spoke in
 * this or the previous paragraph; when nothing in the text says who spoke, the speaker is null.
 */
import type { ParagraphSentences, Span } from '../sentences.js';
import {
  NameBook,
  PRONOUNS,
  REFERENCE_NOUNS,
  isCapitalised,
  isOrganisation,
  isNameWord,
  isPossessive,
  isRole,
  joinsName,
  nameText,
  tokenize,
  type Token,
} from './names.js';
import { WEEKDAYS } from '../text/calendar.js';
import { REPORTING_VERBS, alternation } from '../text/reportingVerbs.js';
import type { QuoteKind, QuoteSpan, SpeakerEvidence } from './types.js';

const VERB_WORDS = alternation(REPORTING_VERBS);
/** Verbs whose inverted form (`"…," told X`) never names the speaker: X is who was told. */
const OBJECT_VERBS = new Set(['told', 'tells', 'urged', 'implored', 'advised', 'assured', 'begged', 'chided', 'asking']);
const VERB = new RegExp(`\\b(?:${VERB_WORDS})\\b`, 'gi');
const LEADING_VERB = new RegExp(`^[\\s,.!?…—–-]*(?:${VERB_WORDS})\\b`, 'i');
const ACCORDING_TO = /\baccording to\b/gi;

/** Words that may stand between a speaker and the verb: "Twitter on Thursday said", "Hua then said". */
const FILLERS = new Set([
  ...`has had have would will also then later further again repeatedly previously earlier reportedly once on
  today yesterday tonight last this week month year morning afternoon evening himself herself themselves itself`.split(/\s+/),
  ...WEEKDAYS.map((day) => day.toLowerCase()),
]);
const DETERMINERS = new Set(['the', 'its', 'his', 'her', 'their', 'a', 'an']);
/**
 * Characters read on either side of a quote or a verb. Attribution sits next to the quote; the cap
 * keeps a hostile file (one 5 MB "sentence" full of quotes) linear.
 */
const WINDOW = 400;
/** A comma-separated piece longer than this is a clause, not a name with its role. */
const APPOSITION_WORDS = 8;
/** Lower-case words that may precede a role and a name: "former Representative Thomas Davis", "state Senate President". */
const ROLE_MODIFIERS = new Set(['former', 'state', 'federal', 'senior', 'top', 'acting', 'then', 'longtime', 'campaign', 'press', 'party']);
/** Party and state markers after a name, "David Long (R)", "(D-Calif.)": read as spaces. */
const PARTY_MARKER = /\((?:[RDI](?:-[A-Za-z. ]{1,20})?)\)/g;

export interface Attribution {
  speaker: string | null;
  evidence: SpeakerEvidence | null;
  /** The sentence(s) holding the quote, as written. */
  context: string;
}

interface NameMention {
  kind: 'name';
  name: string;
  /** Offset of the name in the document, to resolve a surname against names introduced before it. */
  at: number;
}

/**
 * `vague`: the attribution names a speaker the text leaves unnamed ("one official said", "said a
 * spokesman for the ministry", "said his brother"): an explicit cue, so no earlier speaker is carried over.
 */
type Mention =
  | NameMention
  | { kind: 'pronoun'; pronoun: string }
  | { kind: 'reference'; noun: string }
  /** "the president said": whoever the article titled so, if only one person. */
  | { kind: 'role'; role: string; at: number }
  | { kind: 'vague' };

/** Words that tie a name to the person before it: "Herbert Flynn of Fort Coffee", "a spokesman for Acme". */
const PLACE_PREPOSITIONS = new Set(['of', 'for', 'from', 'at', 'with', 'in', 'on', 'by', 'to']);
/** Nouns after a name that make it a modifier of unnamed people: "Interior Department officials described …". */
const UNNAMED_HEADS = new Set(
  `officials official aides aide sources source lawmakers leaders members representatives staff staffers employees
  workers experts analysts investigators authorities prosecutors police officers spokesman spokeswoman spokesperson
  spokespeople executives researchers scientists critics supporters residents witnesses protesters students fans`.split(/\s+/),
);
/** Words opening an unnamed source: "one official said", "another spokesperson added". */
const VAGUE_OPENERS = new Set(['a', 'an', 'one', 'another', 'some', 'several', 'two', 'three', 'many', 'other', 'his', 'her', 'their', 'the', 'its', 'our', 'my']);

/** A name run of two or more words (or an initial and a surname): a person, not a lone capitalised word. */
function personRunEndingAt(tokens: readonly Token[], last: number): Token[] {
  const run: Token[] = [];
  for (let index = last; index >= 0 && isNameWord(tokens[index]!) && (run.length === 0 || joinsName(tokens[index], run[0]!)); index--) run.unshift(tokens[index]!);
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

/** The speaker named just before a verb, reading backwards over fillers; `whole` demands nothing else precede it. */
function mentionBefore(tokens: readonly Token[], whole: boolean): Mention | null {
  let index = tokens.length - 1;
  while (index >= 0 && FILLERS.has(tokens[index]!.lower) && !(index === 0 && whole && isNameWord(tokens[index]!))) index--;
  if (index < 0) return null;
  const last = tokens[index]!;
  if (PRONOUNS.has(last.lower)) return whole && index > 0 ? null : { kind: 'pronoun', pronoun: last.lower };
  if (REFERENCE_NOUNS.has(last.lower) && index > 0 && DETERMINERS.has(tokens[index - 1]!.lower)) {
    return whole && index > 1 ? null : { kind: 'reference', noun: last.lower };
  }
  if (isRole(last) && !isCapitalised(last) && index > 0 && tokens[index - 1]!.lower === 'the') {
    return whole && index > 1 ? null : { kind: 'role', role: last.lower, at: last.start };
  }
  const run: Token[] = [];
  while (index >= 0 && isNameWord(tokens[index]!) && (run.length === 0 || joinsName(tokens[index], run[0]!))) run.unshift(tokens[index--]!);
  if (run.length === 0) {
    // "…," another spokesperson added / one official said: a speaker, but not a named one.
    if (whole && tokens.length <= 6 && VAGUE_OPENERS.has(tokens[0]!.lower) && tokens.every((token) => !isCapitalised(token))) return { kind: 'vague' };
    return null;
  }
  let before = index;
  // "X and Y said": two speakers, and the quote is not Y's alone.
  let coordinated = before;
  while (coordinated >= 0 && (isRole(tokens[coordinated]!) || isCapitalised(tokens[coordinated]!) || ROLE_MODIFIERS.has(tokens[coordinated]!.lower))) coordinated--;
  // "Sherlock star and Doctor Who writer X" describes one person; "lawmakers and Gov. X" are two.
  if (coordinated > 0 && tokens[coordinated]!.lower === 'and' && !isRole(tokens[coordinated - 1]!)) return { kind: 'vague' };
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

/** Lower-case words that may describe a speaker before the name after a verb: "said the 32-year-old protester Paris Kyriakides". */
const DESCRIPTION_WORDS = 5;

/** The speaker named just after a verb: roles and titles, then the name ("said Chinese spokesman Hua Chuning"). */
function mentionAfter(tokens: readonly Token[]): { mention: Mention; used: number } | null {
  const first = tokens[0];
  if (!first) return null;
  if (PRONOUNS.has(first.lower)) return { mention: { kind: 'pronoun', pronoun: first.lower }, used: 1 };
  if (DETERMINERS.has(first.lower) && tokens[1] && REFERENCE_NOUNS.has(tokens[1].lower)) {
    return { mention: { kind: 'reference', noun: tokens[1].lower }, used: 2 };
  }
  // "said the senator" (and nothing named after it)
  const role = tokens[1];
  if (first.lower === 'the' && role && isRole(role) && !isCapitalised(role) && !(tokens[2] && isNameWord(tokens[2]) && joinsName(role, tokens[2]))) {
    return { mention: { kind: 'role', role: role.lower, at: role.start }, used: 2 };
  }
  let name: Token[] = [];
  let used = 0;
  let described = 0;
  for (const [index, token] of tokens.entries()) {
    if (index > 0 && !joinsName(tokens[index - 1], token)) break;
    if (isRole(token) || ROLE_MODIFIERS.has(token.lower)) name = [];
    else if (isNameWord(token)) name.push(token);
    // A possessive ends the name: "said Hua Twitter’s removal" names Hua.
    else if (isCapitalised(token) && isPossessive(token)) break;
    else if (isCapitalised(token) || (token.lower === 'the' && name.length === 0)) name = [];
    // A description before any name ("the 32-year-old protester"); a preposition ends it ("a spokesman for …").
    else if (name.length === 0 && !PLACE_PREPOSITIONS.has(token.lower) && described < DESCRIPTION_WORDS && !/^(?:that|and|in|on|after|before|while|when|as|but)$/.test(token.lower)) described++;
    else break;
    used = index + 1;
  }
  if (name.length === 0) {
    // "said one official", "said his brother": an explicit cue with nobody named.
    return used > 0 && VAGUE_OPENERS.has(first.lower) ? { mention: { kind: 'vague' }, used } : null;
  }
  if (tokens[used] && PLACE_PREPOSITIONS.has(tokens[used]!.lower) === false && UNNAMED_HEADS.has(tokens[used]!.lower)) return { mention: { kind: 'vague' }, used: used + 1 };
  return { mention: { kind: 'name', name: nameText(name), at: name[0]!.start }, used };
}

/** The first person a clause names (two name words or more, not a body): `Homeland star David Harewood`. */
function firstPersonIn(tokens: readonly Token[]): NameMention | null {
  for (let index = 0; index < tokens.length; index++) {
    if (!isNameWord(tokens[index]!)) continue;
    let end = index;
    while (end + 1 < tokens.length && isNameWord(tokens[end + 1]!) && joinsName(tokens[end], tokens[end + 1]!)) end++;
    const run = tokens.slice(index, end + 1);
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

/** The named subject opening a sentence (after an introductory "In late May," clause). */
function sentenceSubject(tokens: readonly Token[], knownWords: ReadonlySet<string>): NameMention | null {
  let from = 0;
  const comma = tokens.findIndex((token, index) => index > 0 && index <= INTRODUCTION_WORDS && token.gap.includes(','));
  // An opening participle or adverb ("Saying …,", "Finally,") is not a name.
  if (comma > 0 && (!isNameWord(tokens[0]!) || /(?:ing|ly)$/.test(tokens[0]!.lower))) from = comma;
  let name: Token[] = [];
  let next: Token | undefined;
  for (let index = from; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (index > from && !joinsName(tokens[index - 1], token)) break;
    if (isRole(token)) name = [];
    else if (isNameWord(token)) name.push(token);
    else if (!isCapitalised(token)) {
      next = token;
      break;
    }
  }
  if (name.length === 0) return null;
  // "Interior Department officials said": the officials speak, and they are not named.
  if (next && UNNAMED_HEADS.has(next.lower)) return null;
  // A lone capitalised word opening a sentence ("Many") is a name only if the article capitalises it
  // elsewhere too, or a title stands before it ("Mr. Farenthold").
  const titled = (token: Token): boolean => {
    const at = tokens.indexOf(token);
    return at > 0 && isRole(tokens[at - 1]!) && joinsName(tokens[at - 1], token);
  };
  if (name.length === 1 && !knownWords.has(name[0]!.text) && !titled(name[0]!)) return null;
  return { kind: 'name', name: nameText(name), at: name[0]!.start };
}

interface Found {
  mention: Mention;
  pattern: SpeakerEvidence['pattern'];
  /** The attribution words as written. */
  words: string;
}

/** The speaker named in `text` from `from` on, with the words that name them ("Chinese spokesman Hua Chuning"). */
function mentionAfterAt(text: string, from: number, base: number): { mention: Mention; used: number; words: string } | null {
  const tokens = tokenize(text.slice(from));
  const after = mentionAfter(tokens.map((token) => ({ ...token, start: token.start + base + from })));
  if (!after) return null;
  return { ...after, words: text.slice(from, from + tokens[after.used - 1]!.end).trim() };
}

/**
 * Speech verbs in `text`. A capitalised match is a verb only where a sentence or the text starts
 * ("Added Gibbs:"); mid-sentence it is a noun ("the United States is …").
 */
function verbsIn(text: string): RegExpExecArray[] {
  const verbs: RegExpExecArray[] = [];
  for (const match of text.matchAll(VERB)) {
    const code = match[0].charCodeAt(0);
    if (code >= 65 && code <= 90 && /[\p{L}\p{N},;]\s*$/u.test(text.slice(Math.max(0, match.index - 3), match.index))) continue;
    verbs.push(match);
  }
  return verbs;
}

function evidencePattern(mention: Mention, pattern: SpeakerEvidence['pattern']): SpeakerEvidence['pattern'] {
  return mention.kind === 'pronoun' ? 'pronoun' : pattern;
}

/** Attribution in the text after the closing mark, up to the end of its sentence. */
function afterQuote(suffix: string, base: number): Found | null {
  const lead = LEADING_VERB.exec(suffix);
  if (lead) {
    const verb = lead[0].replace(/^[\s,.!?…—–-]+/, '');
    // `"…," told CNN` never names the speaker: CNN was told.
    const after = OBJECT_VERBS.has(verb.toLowerCase()) ? null : mentionAfterAt(suffix, lead[0].length, base);
    if (after) return { mention: after.mention, pattern: evidencePattern(after.mention, 'said-name'), words: `${verb} ${after.words}` };
  }
  const according = /^[\s,.]*according to\s+/i.exec(suffix);
  if (according) {
    const after = mentionAfterAt(suffix, according[0].length, base);
    if (after) return { mention: after.mention, pattern: 'according-to', words: `according to ${after.words}` };
  }
  for (const match of verbsIn(suffix)) {
    // The words since the quote, or since the last comma: `"…," X said` or `…, X said.` around a partial quote.
    const clauseStart = suffix.lastIndexOf(',', match.index) + 1;
    const clause = suffix.slice(clauseStart, match.index);
    const tokens = tokenize(clause).map((token) => ({ ...token, start: token.start + base + clauseStart }));
    let vague = false;
    if (tokens.length > 0) {
      const mention = mentionBefore(tokens, true);
      if (mention?.kind === 'vague') vague = true;
      else if (mention) return { mention, pattern: evidencePattern(mention, 'name-said'), words: `${clause.trim()} ${match[0]}` };
    } else if (!OBJECT_VERBS.has(match[0].toLowerCase())) {
      const after = mentionAfterAt(suffix, match.index + match[0].length, base);
      if (after) return { mention: after.mention, pattern: evidencePattern(after.mention, 'said-name'), words: `${match[0]} ${after.words}` };
    }
    // Appositions between the quote and the verb: `"…," Representative John Lewis, Democrat of
    // Georgia, said`, `"…," the White House press secretary, Sarah Huckabee Sanders, told` or
    // `"…," Commodore Jane Roe, a navy spokeswoman, told CNN`.
    let chunkStart = 0;
    for (const chunk of suffix.slice(0, clauseStart).split(',')) {
      const named = tokenize(chunk).map((token) => ({ ...token, start: token.start + base + chunkStart }));
      chunkStart += chunk.length + 1;
      const appositive = named.length > 0 && named.length <= APPOSITION_WORDS ? mentionBefore(named, true) : null;
      if (appositive?.kind === 'name') return { mention: appositive, pattern: 'name-said', words: `${appositive.name} … ${match[0]}` };
    }
    if (vague) return { mention: { kind: 'vague' }, pattern: 'name-said', words: `${clause.trim()} ${match[0]}` };
    if (tokens.length > 0) continue;
  }
  return null;
}

/** An apposition between a name and its verb: `X Y, the editor in chief of Z, wrote`, `X, Republican of Ohio, said`. */
const APPOSITION = /,\s+[^,]{2,120},\s*(?:also\s+|later\s+|then\s+)?$/;

function describeMention(mention: Mention, verb: string): string {
  if (mention.kind === 'name') return `${mention.name} ${verb}`;
  if (mention.kind === 'reference') return `the ${mention.noun} ${verb}`;
  if (mention.kind === 'pronoun') return `${mention.pronoun} ${verb}`;
  if (mention.kind === 'role') return `the ${mention.role} ${verb}`;
  return verb;
}

/** Attribution in the sentence before the opening mark: `X said: "…"`, reported speech, `according to X`. */
function beforeQuote(prefix: string, base: number, knownWords: ReadonlySet<string>, sentenceTokens: readonly Token[]): Found | null {
  const verbs = verbsIn(prefix);
  const lastVerb = verbs[verbs.length - 1] ?? null;
  let lastAccording: RegExpExecArray | null = null;
  for (const match of prefix.matchAll(ACCORDING_TO)) lastAccording = match;
  if (lastAccording && (!lastVerb || lastAccording.index > lastVerb.index)) {
    const after = mentionAfterAt(prefix, lastAccording.index + lastAccording[0].length, base);
    if (after) return { mention: after.mention, pattern: 'according-to', words: `according to ${after.words}` };
  }
  const colon = /:\s*$/.test(prefix);
  if (!lastVerb) {
    // A colon introduction without a speech verb: `X deflected with a non sequitur: "…"`, `X Y, The Z Journal: "…"`.
    if (!colon) return null;
    const tokens = tokenize(prefix).map((token) => ({ ...token, start: token.start + base }));
    const subject = sentenceSubject(tokens, knownWords) ?? firstPersonIn(tokens);
    // A colon introduction naming nobody ("a post provides the following commentary:") still says who did not speak.
    return subject ? { mention: subject, pattern: 'subject', words: `${subject.name} …:` } : { mention: { kind: 'vague' }, pattern: 'subject', words: ':' };
  }
  const verbEnd = lastVerb.index + lastVerb[0].length;
  const afterVerb = prefix.slice(verbEnd);
  // `said Hua: "…"`: the name follows the verb and only a colon or comma follows the name.
  const named = OBJECT_VERBS.has(lastVerb[0].toLowerCase()) ? null : mentionAfterAt(prefix, verbEnd, base);
  if (named && named.mention.kind === 'name' && tokenize(afterVerb).length === named.used && /[:,]\s*$/.test(afterVerb)) {
    return { mention: named.mention, pattern: 'said-name', words: `${lastVerb[0]} ${named.words}` };
  }
  const beforeVerb = prefix.slice(0, lastVerb.index);
  const mentionEndingAt = (end: number): Mention | null => mentionBefore(tokenize(prefix.slice(0, end)).map((token) => ({ ...token, start: token.start + base })), false);
  // `Janette Brimmer, an attorney with Earthjustice, said`: the name before the apposition speaks.
  const apposition = APPOSITION.exec(beforeVerb);
  let mention = apposition ? mentionEndingAt(apposition.index) : null;
  if (mention?.kind !== 'name') mention = mentionEndingAt(lastVerb.index) ?? mention;
  if (mention?.kind === 'pronoun' && (mention.pronoun === 'he' || mention.pronoun === 'she')) {
    // "Mr. X continued to deny it, but he acknowledged …": the person this sentence is about.
    const own = sentenceSubject(tokenize(beforeVerb).map((token) => ({ ...token, start: token.start + base })), knownWords);
    if (own) return { mention: own, pattern: 'pronoun', words: `${own.name} … ${mention.pronoun} ${lastVerb[0]}` };
  }
  if (mention) return { mention, pattern: evidencePattern(mention, 'name-before'), words: describeMention(mention, lastVerb[0]).trim() };
  const subject = sentenceSubject(sentenceTokens, knownWords);
  if (subject) return { mention: subject, pattern: 'subject', words: `${subject.name} … ${lastVerb[0]}` };
  // A speech verb in the quote's own sentence whose subject is unnamed ("a handbook described …
  // as"): an explicit cue, so no earlier speaker is carried over.
  return { mention: { kind: 'vague' }, pattern: 'name-before', words: lastVerb[0] };
}

/** Sentence spans in document order with the index of their paragraph. */
interface Sentence extends Span {
  paragraph: number;
}

function sentencesOf(layout: readonly ParagraphSentences[]): Sentence[] {
  return layout.flatMap((paragraph, index) => paragraph.sentences.map((sentence) => ({ ...sentence, paragraph: index })));
}

/** Index of the sentence holding `offset` (the last one starting at or before it). */
function sentenceAt(sentences: readonly Sentence[], offset: number): number {
  let low = 0;
  let high = sentences.length - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sentences[middle]!.start <= offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** Capitalised words the article uses mid-sentence (after a lower-case word): names, not sentence openers. */
function midSentenceCapitals(tokens: readonly Token[]): Set<string> {
  const words = new Set<string>();
  for (let index = 1; index < tokens.length; index++) {
    if (isCapitalised(tokens[index]!) && !isCapitalised(tokens[index - 1]!) && joinsName(tokens[index - 1], tokens[index]!)) words.add(tokens[index]!.text);
  }
  return words;
}

interface Named {
  name: string;
  /** Index of the last sentence that names them or refers to them by he/she. */
  sentence: number;
}

/** Words after which a verb shares the sentence's subject: "X praised it, while saying …". */
const CLAUSE_LINKS = new Set(['and', 'while', 'but', 'then', 'also', 'before', 'after', 'when', 'as']);

/** Sentences a he/she may reach back to its referent (each sentence about them renews it). */
const PRONOUN_REACH = 3;

/**
 * The speaker of each quotation span (in the same order). `kinds` says which are statements: a
 * follow-on quote is assumed to continue the previous speaker only when it is a statement.
 */
export function attributeQuotes(
  text: string,
  layout: readonly ParagraphSentences[],
  spans: readonly QuoteSpan[],
  kinds: readonly QuoteKind[],
): Attribution[] {
  if (spans.length === 0) return [];
  const names = new NameBook(text);
  const knownWords = midSentenceCapitals(tokenize(text));
  const sentences = sentencesOf(layout);
  // Quoted words are masked so that a verb or a name inside a quote is never read as attribution.
  let masked = '';
  let from = 0;
  for (const span of spans) {
    masked += text.slice(from, span.start) + text.slice(span.start, span.end).replace(/[^\n]/g, '_');
    from = span.end;
  }
  masked += text.slice(from);
  masked = masked.replace(PARTY_MARKER, (marker) => ' '.repeat(marker.length));

  /**
   * Who the text is about, sentence by sentence: a named person opening a sentence or reporting
   * speech becomes the referent of he/she; a sentence opening with he/she keeps them; another named
   * speaker or subject replaces them (carry-over never crosses a sentence naming someone else).
   */
  const referent: { person: Named | null; named: Named | null; spoke: Named | null } = { person: null, named: null, spoke: null };
  const paragraphSpeaker = new Map<number, string>();
  const noteNamed = (name: string, sentence: number, paragraph: number, spoke: boolean): void => {
    const named = { name, sentence };
    referent.named = named;
    if (names.isPerson(name)) referent.person = named;
    if (spoke) {
      paragraphSpeaker.set(paragraph, name);
      referent.spoke = named;
    }
  };
  const resolve = (mention: Mention, sentence: number): string | null => {
    // The capitals of a headline-style line run words together: a name there is trusted only if short.
    if (mention.kind === 'name') return names.inHeadline(mention.at) && mention.name.split(' ').length > 3 ? null : names.resolve(mention.name, mention.at);
    if (mention.kind === 'vague') return null;
    if (mention.kind === 'role') return names.roleHolder(mention.role, mention.at);
    const recent = (named: Named | null): string | null => (named && sentence - named.sentence <= PRONOUN_REACH ? named.name : null);
    if (mention.kind === 'reference') return referent.named && !names.isPerson(referent.named.name) ? recent(referent.named) : null;
    if (mention.pronoun === 'he' || mention.pronoun === 'she') return recent(referent.person);
    if (mention.pronoun === 'it' || mention.pronoun === 'they') return referent.named && !names.isPerson(referent.named.name) ? recent(referent.named) : null;
    return null;
  };

  /**
   * The speaker named right before a verb in reported speech (an apposition skipped); else the
   * sentence's subject, which is who the sentence is about but not said to speak (`direct` false).
   */
  const clauseSpeaker = (sentenceText: string, offset: number, verbAt: number, tokens: readonly Token[]): { mention: Mention; direct: boolean } | null => {
    const from = Math.max(0, verbAt - WINDOW);
    const clause = sentenceText.slice(from, verbAt);
    // The sentence's tokens between two offsets (binary search: a long sentence is read once).
    const firstAtOrAfter = (position: number): number => {
      let low = 0;
      let high = tokens.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (tokens[middle]!.start < position) low = middle + 1;
        else high = middle;
      }
      return low;
    };
    const clauseFirst = firstAtOrAfter(offset + from);
    const tokensOf = (end: number): readonly Token[] => tokens.slice(clauseFirst, firstAtOrAfter(offset + from + end));
    const apposition = APPOSITION.exec(clause);
    const named = apposition ? mentionBefore(tokensOf(apposition.index), false) : null;
    if (named?.kind === 'name') return { mention: named, direct: true };
    const clauseTokens = tokensOf(clause.length);
    const mention = mentionBefore(clauseTokens, false);
    if (mention?.kind === 'name' || mention?.kind === 'pronoun') return { mention, direct: true };
    if (mention?.kind === 'vague') return null;
    const subject = sentenceSubject(tokens, knownWords);
    if (!subject) return null;
    // "X praised the move, while saying …" is X speaking; in "X was on patrol, a ministry statement
    // said" the verb has a subject of its own, and X is only who the sentence is about.
    let leftAt = clauseTokens.length - 1;
    while (leftAt >= 0 && FILLERS.has(clauseTokens[leftAt]!.lower)) leftAt--;
    const left = clauseTokens[leftAt];
    const ownSubject = left !== undefined && !isCapitalised(left) && !CLAUSE_LINKS.has(left.lower) && !/[,;]\s*$/.test(clause);
    return { mention: subject, direct: !ownSubject };
  };

  const results: Attribution[] = [];
  let nextSentence = 0;
  // Reported speech without quote marks ("Hua said while she …") and named subjects set who is spoken of.
  const trackSentencesBefore = (offset: number): void => {
    while (nextSentence < sentences.length && sentences[nextSentence]!.end <= offset) {
      const at = nextSentence++;
      const sentence = sentences[at]!;
      const sentenceText = masked.slice(sentence.start, sentence.end);
      const tokens = tokenize(sentenceText, sentence.start);
      let spoke = false;
      for (const match of verbsIn(sentenceText)) {
        const speaking = clauseSpeaker(sentenceText, sentence.start, match.index, tokens);
        const mention = speaking?.mention;
        if (mention?.kind === 'name' && !names.inHeadline(mention.at)) {
          noteNamed(names.resolve(mention.name, mention.at), at, sentence.paragraph, speaking!.direct);
          spoke = true;
        } else if (mention?.kind === 'pronoun' && (mention.pronoun === 'he' || mention.pronoun === 'she') && referent.person) referent.person.sentence = at;
      }
      if (spoke) continue;
      const subject = sentenceSubject(tokens, knownWords);
      if (subject && !names.inHeadline(subject.at) && (subject.name.includes(' ') || names.isPerson(subject.name))) noteNamed(names.resolve(subject.name, subject.at), at, sentence.paragraph, false);
      else if (tokens[0] && (tokens[0].lower === 'he' || tokens[0].lower === 'she') && referent.person) referent.person.sentence = at;
    }
  };

  spans.forEach((span, index) => {
    const first = sentenceAt(sentences, span.openMark);
    const last = sentenceAt(sentences, Math.max(span.openMark, span.end - 1));
    const sentenceStart = sentences[first]?.start ?? span.openMark;
    const sentenceEnd = Math.max(sentences[last]?.end ?? span.end, span.end);
    const paragraph = sentences[first]?.paragraph ?? 0;
    trackSentencesBefore(sentenceStart);
    const contextStart = Math.max(Math.min(sentenceStart, span.openMark), span.openMark - WINDOW);
    const contextEnd = Math.min(sentenceEnd, span.end + WINDOW);
    const context = `${contextStart > sentenceStart ? '… ' : ''}${text.slice(contextStart, contextEnd).replace(/\s+/g, ' ').trim()}${contextEnd < sentenceEnd ? ' …' : ''}`;

    const following = spans[index + 1];
    const suffixStart = span.closeMark === null ? span.end : span.closeMark + 1;
    const suffixEnd = following && following.openMark < sentenceEnd ? following.openMark : sentenceEnd;
    const suffix = suffixStart < suffixEnd ? masked.slice(suffixStart, Math.min(suffixEnd, suffixStart + WINDOW)) : '';
    let prefixStart = Math.max(Math.min(sentenceStart, span.openMark), span.openMark - WINDOW);
    // A colon introduction on the line before: `X added his congratulations:` then the quote.
    const previous = sentences[first - 1];
    if (previous && /^\s*$/.test(masked.slice(prefixStart, span.openMark)) && /:\s*$/.test(masked.slice(previous.start, sentenceStart))) {
      const previousText = masked.slice(previous.start, sentenceStart);
      const lastQuote = Math.max(previousText.lastIndexOf('_"'), previousText.lastIndexOf('_”'));
      prefixStart = Math.max(previous.start + (lastQuote >= 0 ? lastQuote + 2 : 0), span.openMark - WINDOW);
    }
    const prefix = masked.slice(prefixStart, span.openMark);
    const sentenceTokens = tokenize(masked.slice(prefixStart, Math.min(sentenceEnd, prefixStart + WINDOW))).map((token) => ({ ...token, start: token.start + prefixStart }));

    const found = afterQuote(suffix, suffixStart) ?? beforeQuote(prefix, prefixStart, knownWords, sentenceTokens);
    let speaker = found ? resolve(found.mention, first) : null;
    let evidence: SpeakerEvidence | null =
      found && speaker ? { pattern: found.pattern, text: found.words, written: found.mention.kind === 'name' ? found.mention.name : speaker } : null;

    // Only a quote with no attribution at all continues a speaker: an explicit cue in its own
    // sentence ("one official said", "he said" with no man named before) always wins.
    if (speaker === null && found === null && kinds[index] === 'statement') {
      // A statement nobody is named for continues the speaker of this paragraph's earlier quote,
      // or, when it opens its paragraph, the speaker of the paragraph before, unless someone
      // else was named as speaker or subject in between.
      const opensParagraph = /^\s*$/.test(masked.slice(layout[paragraph]?.paragraph.start ?? span.openMark, span.openMark));
      let earlier: Attribution | undefined;
      for (let at = index - 1; at >= 0 && !earlier; at--) {
        if (sentences[sentenceAt(sentences, spans[at]!.openMark)]?.paragraph !== paragraph) break;
        if (results[at]!.speaker !== null) earlier = results[at];
      }
      const previousSpeaker = opensParagraph ? paragraphSpeaker.get(paragraph - 1) : undefined;
      // In a file of one sentence a line, reported speech in the sentence just before counts as a paragraph.
      const justSpoke = referent.spoke && referent.spoke === referent.named && referent.spoke.sentence === first - 1 ? referent.spoke.name : undefined;
      const continued = justSpoke ?? earlier?.speaker ?? previousSpeaker ?? null;
      if (continued !== null && (referent.named === null || referent.named.name === continued)) {
        speaker = continued;
        const how = justSpoke ? 'follows the sentence where this speaker spoke' : earlier ? 'continues the quote before it' : 'follows the paragraph where this speaker spoke';
        evidence = { pattern: 'follow-on', text: how, written: continued };
      }
    }
    if (speaker !== null) noteNamed(speaker, last, paragraph, true);
    results.push({ speaker, evidence, context });
  });
  return results;
}
