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
import type { ParagraphSentences } from '../sentences.js';
import { WINDOW, afterQuote, beforeQuote, passiveAgent, verbsIn, type Found } from './cues.js';
import { NameBook, isCapitalised, isNameWord, isPossessive, joinsName, nameText, tokenize, type Token } from './names.js';
import { isTitle } from './titles.js';
import { Referents, sentenceAt, sentencesOf, type Sentence } from './referents.js';
import type { QuoteKind, QuoteSpan, SpeakerEvidence } from './types.js';

/**
 * Party and state markers after a name, "David Long (R)", "(D-Calif.)", ", R-Texas,": read as
 * spaces, so that the name before one is the speaker and the marker is no name ("R-TX said").
 */
const PARTY_MARKER = /\((?:[RDI](?:-[A-Za-z. ]{1,20})?)\)|,\s*[RDI]-\p{Lu}[\p{L}.]{0,12}(?=\s*,)/gu;

/** Reported speech close before a quote: "… that he's “…”". */
const REPORTED_THAT = /\bthat\b[^.;:]{0,60}$/;

/** Words right before a title that make it a name in use: "the “American Pie” star", "on “Today”", "NBC’s “Today”". */
const TITLE_LEAD = /(?:\b(?:[Tt]he|an?|on|in|of|to|at|from|with|by|for|like|as)|\b\p{Lu}[\p{L}.]*['’]s?)\s*$/u;

/** The cue of a title: nobody speaks it. */
const TITLE: Found = { mention: { kind: 'vague', why: 'a title, nobody’s words', label: true }, pattern: 'name-before', words: 'a title' };

export interface Attribution {
  speaker: string | null;
  evidence: SpeakerEvidence | null;
  /** Why no speaker is named, when the text gives a reason ("vague source: one official said"); else null. */
  abstention: string | null;
  /** An explicit cue named an unnamed source (not a title): a later quote does not carry an earlier speaker over it. */
  unnamedCue: boolean;
  /** The sentence(s) holding the quote, as written. */
  context: string;
}

/** Capitalised words the article uses mid-sentence (after a lower-case word): names, not sentence openers. */
function midSentenceCapitals(tokens: readonly Token[]): Set<string> {
  const words = new Set<string>();
  for (let index = 1; index < tokens.length; index++) {
    if (isCapitalised(tokens[index]!) && !isCapitalised(tokens[index - 1]!) && joinsName(tokens[index - 1], tokens[index]!)) words.add(tokens[index]!.text);
  }
  return words;
}

/** The text with quoted words masked, so that a verb or a name inside a quote is never read as attribution. */
function maskQuotes(text: string, spans: readonly QuoteSpan[]): string {
  let masked = '';
  let from = 0;
  for (const span of spans) {
    masked += text.slice(from, span.start) + text.slice(span.start, span.end).replace(/[^\n]/g, '_');
    from = span.end;
  }
  masked += text.slice(from);
  return masked.replace(PARTY_MARKER, (marker) => ' '.repeat(marker.length));
}

/** Where one quote stands: its sentences and the text around it where attribution is looked for. */
interface Surroundings {
  /** Indexes of the first and last sentence holding the quote. */
  first: number;
  last: number;
  paragraph: number;
  sentenceStart: number;
  /** The quote's sentence(s) as written, cut to a window around the quote. */
  context: string;
  /** Masked text after the closing mark, up to the sentence's end or the next quote. */
  suffix: string;
  suffixStart: number;
  /** Masked text before the opening mark, from the sentence's start or a colon introduction on the line before. */
  prefix: string;
  prefixStart: number;
  sentenceTokens: Token[];
}

function contextOf(text: string, span: QuoteSpan, sentenceStart: number, sentenceEnd: number): string {
  const contextStart = Math.max(Math.min(sentenceStart, span.openMark), span.openMark - WINDOW);
  const contextEnd = Math.min(sentenceEnd, span.end + WINDOW);
  return `${contextStart > sentenceStart ? '… ' : ''}${text.slice(contextStart, contextEnd).replace(/\s+/g, ' ').trim()}${contextEnd < sentenceEnd ? ' …' : ''}`;
}

/** Where the text before a quote starts: its sentence, or a colon introduction on the line before (`X added his congratulations:`). */
function prefixStartOf(masked: string, span: QuoteSpan, previous: Sentence | undefined, sentenceStart: number): number {
  const prefixStart = Math.max(Math.min(sentenceStart, span.openMark), span.openMark - WINDOW);
  if (!previous || !/^\s*$/.test(masked.slice(prefixStart, span.openMark)) || !/:\s*$/.test(masked.slice(previous.start, sentenceStart))) return prefixStart;
  const previousText = masked.slice(previous.start, sentenceStart);
  const lastQuote = Math.max(previousText.lastIndexOf('_"'), previousText.lastIndexOf('_”'));
  return Math.max(previous.start + (lastQuote >= 0 ? lastQuote + 2 : 0), span.openMark - WINDOW);
}

function surroundings(text: string, masked: string, sentences: readonly Sentence[], spans: readonly QuoteSpan[], index: number): Surroundings {
  const span = spans[index]!;
  const first = sentenceAt(sentences, span.openMark);
  const last = sentenceAt(sentences, Math.max(span.openMark, span.end - 1));
  const sentenceStart = sentences[first]?.start ?? span.openMark;
  const sentenceEnd = Math.max(sentences[last]?.end ?? span.end, span.end);
  const following = spans[index + 1];
  const suffixStart = span.closeMark === null ? span.end : span.closeMark + 1;
  const suffixEnd = following && following.openMark < sentenceEnd ? following.openMark : sentenceEnd;
  const suffix = suffixStart < suffixEnd ? masked.slice(suffixStart, Math.min(suffixEnd, suffixStart + WINDOW)) : '';
  const prefixStart = prefixStartOf(masked, span, sentences[first - 1], sentenceStart);
  const sentenceTokens = tokenize(masked.slice(prefixStart, Math.min(sentenceEnd, prefixStart + WINDOW))).map((token) => ({ ...token, start: token.start + prefixStart }));
  return {
    first,
    last,
    paragraph: sentences[first]?.paragraph ?? 0,
    sentenceStart,
    context: contextOf(text, span, sentenceStart, sentenceEnd),
    suffix,
    suffixStart,
    prefix: masked.slice(prefixStart, span.openMark),
    prefixStart,
    sentenceTokens,
  };
}

/** What the quotes before this one found, and the layout, for a follow-on quote. */
interface FollowOnInput {
  masked: string;
  layout: readonly ParagraphSentences[];
  sentences: readonly Sentence[];
  spans: readonly QuoteSpan[];
  results: readonly Attribution[];
  referents: Referents;
}

/**
 * Whether the quote's own sentence names a person other than `speaker` before it ("…, as Romney's
 * rivals lob charges that Ryan stands for “…”"): then it may be theirs, and it is not carried over.
 * Only people and groups count (a full name, a surname or titled name the article gives a person,
 * a capitalised plural), not a product or a place ("were Q-Tip boxes, but “…”"); the sentence's
 * first word is skipped.
 */
function namesSomeoneElse(prefix: string, speaker: string, isPerson: (name: string) => boolean): boolean {
  const own = new Set(speaker.split(' '));
  const tokens = tokenize(prefix);
  let run: Token[] = [];
  // A capitalised plural is a group that speaks ("Democrats", "Israelis").
  const someoneElse = (): boolean => run.length > 0 && run.some((token) => !own.has(token.text)) && (isPerson(nameText(run)) || (run.length === 1 && /\p{Ll}s$/u.test(run[0]!.text)));
  for (let index = 1; index < tokens.length; index++) {
    const token = tokens[index]!;
    // A possessive ends a name and belongs to it: "in Hugh Heffner's new magazine".
    const possessive = isCapitalised(token) && isPossessive(token) ? { ...token, text: token.text.replace(/['’]s?$/, '') } : null;
    const word = possessive ?? token;
    if (isNameWord(word) && (run.length === 0 || joinsName(run[run.length - 1], word))) {
      run.push(word);
      if (!possessive) continue;
    }
    if (someoneElse()) return true;
    run = isNameWord(word) && !possessive ? [word] : [];
  }
  return someoneElse();
}

/**
 * A statement nobody is named for continues the speaker of this paragraph's earlier quote, or,
 * when it opens its paragraph, the speaker of the paragraph before, unless someone else was named
 * as speaker or subject in between.
 */
function followOn({ masked, layout, sentences, spans, results, referents }: FollowOnInput, index: number, around: Surroundings): SpeakerEvidence | string | null {
  const span = spans[index]!;
  const { paragraph } = around;
  const opensParagraph = /^\s*$/.test(masked.slice(layout[paragraph]?.paragraph.start ?? span.openMark, span.openMark));
  let earlier: Attribution | undefined;
  // `“…,” the official said. “…”`: a quote of someone unnamed stands between, so the one before it is not continued.
  let unnamedBetween = false;
  for (let at = index - 1; at >= 0 && !earlier && !unnamedBetween; at--) {
    const quoteParagraph = sentences[sentenceAt(sentences, spans[at]!.openMark)]?.paragraph;
    // The last quote of the paragraph before counts too when this one opens its paragraph.
    if (quoteParagraph !== paragraph) {
      unnamedBetween = opensParagraph && quoteParagraph === paragraph - 1 && results[at]!.unnamedCue;
      break;
    }
    if (results[at]!.speaker !== null) earlier = results[at];
    else unnamedBetween = results[at]!.unnamedCue;
  }
  const previousSpeaker = opensParagraph ? referents.paragraphSpeaker.get(paragraph - 1) : undefined;
  // In a file of one sentence a line, reported speech in the sentence just before counts as a paragraph.
  const { spoke, named } = referents;
  const justSpoke = spoke && spoke === named && spoke.sentence === around.first - 1 ? spoke.name : undefined;
  if (!justSpoke && unnamedBetween) return 'follows a quote of someone unnamed';
  const continued = justSpoke ?? earlier?.speaker ?? previousSpeaker ?? null;
  if (continued === null) return null;
  if ((named !== null && named.name !== continued) || namesSomeoneElse(around.prefix, continued, (name) => referents.isPerson(name))) return 'someone else is named since the last speaker';
  const how = justSpoke ? 'follows the sentence where this speaker spoke' : earlier ? 'continues the quote before it' : 'follows the paragraph where this speaker spoke';
  return { pattern: 'follow-on', text: how, written: continued };
}

/**
 * `“…” because of its “…” and because it “…,” X said`: the cue after the last quote of a sentence
 * speaks for the quotes before it in that sentence, when no speech verb stands between them.
 */
function sentenceEndCue(text: string, masked: string, sentences: readonly Sentence[], spans: readonly QuoteSpan[], index: number): Found | null {
  const sentence = sentenceAt(sentences, Math.max(spans[index]!.openMark, spans[index]!.end - 1));
  let last = index;
  while (spans[last + 1] && sentenceAt(sentences, spans[last + 1]!.openMark) === sentence) last++;
  const close = spans[index]!.closeMark;
  // A title in the sentence ("In God We Trust") is nobody's words, whoever speaks at its end.
  if (last === index || close === null || isTitle(spans[index]!.text) || verbsIn(masked.slice(close + 1, spans[last]!.openMark)).length > 0) return null;
  const end = surroundings(text, masked, sentences, spans, last);
  return afterQuote(end.suffix, end.suffixStart);
}

/** Why a cue names nobody: "vague source: one official said", "he: no clear referent". */
function abstentionOf(found: Found): string {
  const { mention } = found;
  if (mention.kind === 'vague') return mention.why ?? `vague source: ${found.words}`;
  if (mention.kind === 'pronoun') return `"${found.words}": no clear referent`;
  if (mention.kind === 'role') return `"${found.words}": not one person the article titles so`;
  if (mention.kind === 'reference') return `"${found.words}": nobody named before`;
  return `"${found.words}": not read as a name`;
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
  const sentences = sentencesOf(layout);
  const masked = maskQuotes(text, spans);
  const names = new NameBook(text);
  // A surname opens a sentence as its subject ("Lauten later apologized") though never written mid-sentence alone.
  const knownWords = midSentenceCapitals(tokenize(text));
  for (const word of names.surnames()) knownWords.add(word);
  const referents = new Referents(masked, sentences, names, knownWords);
  // The end of the third line: where a scraped page's headline and dateline stand.
  const top = text.split('\n', 3).join('\n').length;
  const results: Attribution[] = [];
  spans.forEach((_, index) => {
    const around = surroundings(text, masked, sentences, spans, index);
    referents.readSentencesBefore(around.sentenceStart);
    // A title ("on the PBS program “Charlie Rose”") is nobody's words unless an attribution follows
    // it or reported speech holds it ("complained that the state had become “San Francisco East”").
    const title = isTitle(spans[index]!.text) && (TITLE_LEAD.test(around.prefix) || !REPORTED_THAT.test(around.prefix));
    const found =
      passiveAgent(around.prefix, around.suffix, around.suffixStart) ??
      afterQuote(around.suffix, around.suffixStart) ??
      // A page's headline or dateline the splitter joined to the first sentence (they end without a full stop) is
      // not its subject. Only at the top: further down, a wrapped line of capitals is running text.
      (title ? TITLE : beforeQuote(around.prefix, around.prefixStart, referents.knownWords, around.sentenceTokens.filter((token) => token.start >= top || !names.inHeadline(token.start)))) ??
      sentenceEndCue(text, masked, sentences, spans, index);
    let speaker = found ? referents.resolve(found.mention, around.first) : null;
    let evidence: SpeakerEvidence | null =
      found && speaker ? { pattern: found.pattern, text: found.words, written: found.mention.kind === 'name' ? found.mention.name : speaker } : null;
    let abstention = found && speaker === null ? abstentionOf(found) : null;
    // Only a quote with no attribution at all continues a speaker: an explicit cue in its own
    // sentence ("one official said", "he said" with no man named before) always wins.
    // A speech verb after the quote whose speaker could not be read is a cue too ("…," Doctor X of
    // the burns unit and two nurses told AFP): nobody is carried over to it.
    if (speaker === null && found === null && kinds[index] === 'statement') {
      const carried = verbsIn(around.suffix).length > 0 ? 'a speech verb whose speaker cannot be read' : followOn({ masked, layout, sentences, spans, results, referents }, index, around);
      if (typeof carried === 'string') abstention = carried;
      else evidence = carried;
      speaker = evidence?.written ?? null;
    }
    if (speaker !== null) referents.noteQuoteSpeaker(speaker, around.last, around.paragraph);
    // An unnamed source ("the official said", "one aide said"), not a title, nor a he or "the statement" the rules could not place.
    const unnamedCue = speaker === null && (found?.mention.kind === 'role' || (found?.mention.kind === 'vague' && found.mention.label !== true));
    results.push({ speaker, evidence, abstention, unnamedCue, context: around.context });
  });
  return results;
}
