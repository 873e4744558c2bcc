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
  isNameWord,
  isPossessive,
  isRole,
  joinsName,
  nameText,
  tokenize,
  type Token,
} from './names.js';
import type { QuoteKind, QuoteSpan, SpeakerEvidence } from './types.js';

const VERB_WORDS =
  'said|says|say|told|tells|added|adds|continued|continues|asked|asks|stated|states|explained|explains|noted|notes|' +
  'wrote|writes|tweeted|claimed|claims|argued|argues|insisted|insists|stressed|stresses|warned|warns|declared|' +
  'commented|reiterated|maintained|announced|replied|responded|saying|labell?ed|labels|called|calls|described|' +
  'dubbed|urged|acknowledged|admitted|recalled|observed|remarked|suggested|conceded|cautioned|vowed|promised|' +
  'pledged|testified|posted|countered|complained|concluded|writing|adding';
const VERB = new RegExp(`\\b(?:${VERB_WORDS})\\b`, 'gi');
const LEADING_VERB = new RegExp(`^[\\s,.!?…—–-]*(?:${VERB_WORDS})\\b`, 'i');
const ACCORDING_TO = /\baccording to\b/gi;

/** Words that may stand between a speaker and the verb: "Twitter on Thursday said", "Hua then said". */
const FILLERS = new Set(
  `has had have would will also then later further again repeatedly previously earlier reportedly once on
  today yesterday tonight last this week month year morning afternoon evening monday tuesday wednesday
  thursday friday saturday sunday himself herself themselves itself`.split(/\s+/),
);
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

type Mention = NameMention | { kind: 'pronoun'; pronoun: string } | { kind: 'reference'; noun: string };

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
  const run: Token[] = [];
  while (index >= 0 && isNameWord(tokens[index]!) && (run.length === 0 || joinsName(tokens[index], run[0]!))) run.unshift(tokens[index--]!);
  if (run.length === 0) return null;
  if (whole) {
    // "…," Foreign Ministry spokeswoman Hua Chunying said: only roles and names may precede the name.
    for (let at = 0; at <= index; at++) {
      const token = tokens[at]!;
      const allowed = isCapitalised(token) || isRole(token) || DETERMINERS.has(token.lower) || ROLE_MODIFIERS.has(token.lower);
      if (!allowed && token.lower !== 'of' && token.lower !== 'for') return null;
    }
  }
  return { kind: 'name', name: nameText(run), at: run[0]!.start };
}

/** The speaker named just after a verb: roles and titles, then the name ("said Chinese spokesman Hua Chuning"). */
function mentionAfter(tokens: readonly Token[]): { mention: Mention; used: number } | null {
  const first = tokens[0];
  if (!first) return null;
  if (PRONOUNS.has(first.lower)) return { mention: { kind: 'pronoun', pronoun: first.lower }, used: 1 };
  if (DETERMINERS.has(first.lower) && tokens[1] && REFERENCE_NOUNS.has(tokens[1].lower)) {
    return { mention: { kind: 'reference', noun: tokens[1].lower }, used: 2 };
  }
  let name: Token[] = [];
  let used = 0;
  for (const [index, token] of tokens.entries()) {
    if (index > 0 && !joinsName(tokens[index - 1], token)) break;
    if (isRole(token) || ROLE_MODIFIERS.has(token.lower)) name = [];
    else if (isNameWord(token)) name.push(token);
    // A possessive ends the name: "said Hua Twitter’s removal" names Hua.
    else if (isCapitalised(token) && isPossessive(token)) break;
    else if (isCapitalised(token) || ((token.lower === 'of' || token.lower === 'for') && name.length > 0)) name = [];
    else break;
    used = index + 1;
  }
  if (name.length === 0) return null;
  return { mention: { kind: 'name', name: nameText(name), at: name[0]!.start }, used };
}

/** Words an introductory clause may have before the subject ("In a speech earlier this month, Hunter …"). */
const INTRODUCTION_WORDS = 8;

/** The named subject opening a sentence (after an introductory "In late May," clause). */
function sentenceSubject(tokens: readonly Token[], knownWords: ReadonlySet<string>): NameMention | null {
  let from = 0;
  const comma = tokens.findIndex((token, index) => index > 0 && index <= INTRODUCTION_WORDS && token.gap.includes(','));
  if (comma > 0 && !isNameWord(tokens[0]!)) from = comma;
  let name: Token[] = [];
  for (let index = from; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (index > from && !joinsName(tokens[index - 1], token)) break;
    if (isRole(token)) name = [];
    else if (isNameWord(token)) name.push(token);
    else if (!isCapitalised(token)) break;
  }
  if (name.length === 0) return null;
  // A lone capitalised word opening a sentence ("Many") is a name only if the article capitalises it elsewhere too.
  if (name.length === 1 && !knownWords.has(name[0]!.text)) return null;
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

/** Attribution in the text after the closing mark, up to the end of its sentence. */
function afterQuote(suffix: string, base: number): Found | null {
  const lead = LEADING_VERB.exec(suffix);
  if (lead) {
    const after = mentionAfterAt(suffix, lead[0].length, base);
    if (after) {
      const verb = lead[0].replace(/^[\s,.!?…—–-]+/, '');
      return { mention: after.mention, pattern: after.mention.kind === 'pronoun' ? 'pronoun' : 'said-name', words: `${verb} ${after.words}` };
    }
  }
  const according = /^[\s,.]*according to\s+/i.exec(suffix);
  if (according) {
    const after = mentionAfterAt(suffix, according[0].length, base);
    if (after) return { mention: after.mention, pattern: 'according-to', words: `according to ${after.words}` };
  }
  for (const match of suffix.matchAll(VERB)) {
    // The words since the quote, or since the last comma: `"…," X said` or `…, X said.` around a partial quote.
    const clauseStart = suffix.lastIndexOf(',', match.index) + 1;
    const clause = suffix.slice(clauseStart, match.index);
    const tokens = tokenize(clause).map((token) => ({ ...token, start: token.start + base + clauseStart }));
    if (tokens.length > 0) {
      const mention = mentionBefore(tokens, true);
      if (mention) return { mention, pattern: mention.kind === 'pronoun' ? 'pronoun' : 'name-said', words: `${clause.trim()} ${match[0]}` };
      continue;
    }
    const after = mentionAfterAt(suffix, match.index + match[0].length, base);
    if (after) return { mention: after.mention, pattern: 'said-name', words: `${match[0]} ${after.words}` };
    // Appositions between the quote and the verb: `"…," Representative John Lewis, Democrat of
    // Georgia, said` or `"…," the White House press secretary, Sarah Huckabee Sanders, told`.
    let chunkStart = 0;
    for (const chunk of suffix.slice(0, match.index).split(',')) {
      const named = tokenize(chunk).map((token) => ({ ...token, start: token.start + base + chunkStart }));
      chunkStart += chunk.length + 1;
      const appositive = named.length > 0 && named.length <= APPOSITION_WORDS ? mentionBefore(named, true) : null;
      if (appositive?.kind === 'name') return { mention: appositive, pattern: 'name-said', words: `${appositive.name} … ${match[0]}` };
    }
  }
  return null;
}

/** Attribution in the sentence before the opening mark: `X said: "…"`, reported speech, `according to X`. */
function beforeQuote(prefix: string, base: number, knownWords: ReadonlySet<string>, sentenceTokens: readonly Token[]): Found | null {
  let lastVerb: RegExpExecArray | null = null;
  for (const match of prefix.matchAll(VERB)) lastVerb = match;
  let lastAccording: RegExpExecArray | null = null;
  for (const match of prefix.matchAll(ACCORDING_TO)) lastAccording = match;
  if (lastAccording && (!lastVerb || lastAccording.index > lastVerb.index)) {
    const after = mentionAfterAt(prefix, lastAccording.index + lastAccording[0].length, base);
    if (after) return { mention: after.mention, pattern: 'according-to', words: `according to ${after.words}` };
  }
  if (!lastVerb) return null;
  const verbEnd = lastVerb.index + lastVerb[0].length;
  const afterVerb = prefix.slice(verbEnd);
  // `said Hua: "…"`: the name follows the verb and only a colon or comma follows the name.
  const named = mentionAfterAt(prefix, verbEnd, base);
  if (named && named.mention.kind === 'name' && tokenize(afterVerb).length === named.used && /[:,]\s*$/.test(afterVerb)) {
    return { mention: named.mention, pattern: 'said-name', words: `${lastVerb[0]} ${named.words}` };
  }
  // `Janette Brimmer, an attorney with Earthjustice, said`: the name before the apposition speaks.
  const apposition = /,\s+(?:a|an|the)\s[^,]+,\s*$/.exec(prefix.slice(0, lastVerb.index));
  const subjectEnd = apposition ? apposition.index : lastVerb.index;
  const before = tokenize(prefix.slice(0, subjectEnd)).map((token) => ({ ...token, start: token.start + base }));
  const mention = mentionBefore(before, false);
  if (mention) {
    const words =
      mention.kind === 'name' ? `${mention.name} ${lastVerb[0]}`
      : mention.kind === 'reference' ? `the ${mention.noun} ${lastVerb[0]}`
      : `${mention.pronoun} ${lastVerb[0]}`;
    return { mention, pattern: mention.kind === 'pronoun' ? 'pronoun' : 'name-before', words: words.trim() };
  }
  const subject = sentenceSubject(sentenceTokens, knownWords);
  if (subject) return { mention: subject, pattern: 'subject', words: `${subject.name} … ${lastVerb[0]}` };
  return null;
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

interface Speaking {
  name: string;
  paragraph: number;
}

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

  const lastSpoke: { person: Speaking | null; organisation: Speaking | null } = { person: null, organisation: null };
  const paragraphSpeaker = new Map<number, string>();
  const noteSpeaker = (name: string, paragraph: number): void => {
    const speaking = { name, paragraph };
    if (names.isPerson(name)) lastSpoke.person = speaking;
    else lastSpoke.organisation = speaking;
    paragraphSpeaker.set(paragraph, name);
  };
  const resolve = (mention: Mention, paragraph: number): string | null => {
    if (mention.kind === 'name') return names.resolve(mention.name, mention.at);
    const recent = (speaking: Speaking | null): string | null =>
      speaking && paragraph - speaking.paragraph <= 1 ? speaking.name : null;
    if (mention.kind === 'reference') return lastSpoke.organisation?.name ?? null;
    if (mention.pronoun === 'he' || mention.pronoun === 'she') return recent(lastSpoke.person);
    if (mention.pronoun === 'it' || mention.pronoun === 'they') return recent(lastSpoke.organisation);
    return null;
  };

  const results: Attribution[] = [];
  let nextSentence = 0;
  // Reported speech without quote marks ("Hua said while she …") also sets who is speaking.
  const trackSentencesBefore = (offset: number): void => {
    while (nextSentence < sentences.length && sentences[nextSentence]!.end <= offset) {
      const sentence = sentences[nextSentence++]!;
      const sentenceText = masked.slice(sentence.start, sentence.end);
      const tokens = tokenize(sentenceText.slice(0, WINDOW)).map((token) => ({ ...token, start: token.start + sentence.start }));
      for (const match of sentenceText.matchAll(VERB)) {
        const from = Math.max(0, match.index - WINDOW);
        const before = tokenize(sentenceText.slice(from, match.index)).map((token) => ({ ...token, start: token.start + sentence.start + from }));
        const mention = mentionBefore(before, false) ?? sentenceSubject(tokens, knownWords);
        if (mention?.kind === 'name') noteSpeaker(names.resolve(mention.name, mention.at), sentence.paragraph);
      }
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
    const prefixStart = Math.max(Math.min(sentenceStart, span.openMark), span.openMark - WINDOW);
    const prefix = masked.slice(prefixStart, span.openMark);
    const sentenceTokens = tokenize(masked.slice(prefixStart, Math.min(sentenceEnd, prefixStart + WINDOW))).map((token) => ({ ...token, start: token.start + prefixStart }));

    const found = afterQuote(suffix, suffixStart) ?? beforeQuote(prefix, prefixStart, knownWords, sentenceTokens);
    let speaker = found ? resolve(found.mention, paragraph) : null;
    let evidence: SpeakerEvidence | null =
      found && speaker ? { pattern: found.pattern, text: found.words, written: found.mention.kind === 'name' ? found.mention.name : speaker } : null;

    // Only a quote with no attribution at all continues a speaker: "he said" with no man named before stays null.
    if (speaker === null && found === null && kinds[index] === 'statement') {
      // A statement nobody is named for continues the speaker of this paragraph's earlier quote,
      // or, when it opens its paragraph, the speaker of the paragraph before.
      const opensParagraph = /^\s*$/.test(masked.slice(layout[paragraph]?.paragraph.start ?? span.openMark, span.openMark));
      let earlier: Attribution | undefined;
      for (let at = index - 1; at >= 0 && !earlier; at--) {
        if (sentences[sentenceAt(sentences, spans[at]!.openMark)]?.paragraph !== paragraph) break;
        if (results[at]!.speaker !== null) earlier = results[at];
      }
      const previous = opensParagraph ? paragraphSpeaker.get(paragraph - 1) : undefined;
      const continued = earlier?.speaker ?? previous ?? null;
      if (continued !== null) {
        speaker = continued;
        evidence = { pattern: 'follow-on', text: earlier ? 'continues the quote before it' : 'follows the paragraph where this speaker spoke', written: continued };
      }
    }
    if (speaker !== null) noteSpeaker(speaker, paragraph);
    results.push({ speaker, evidence, context });
  });
  return results;
}
