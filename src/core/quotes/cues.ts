/**
 * The attribution cues around one quotation: after it (`"…," said X`, `"…," X said`, `according
 * to X`, appositions) and before it (`X said: "…"`, reported speech, a colon introduction).
 */
import { REPORTING_VERBS, alternation } from '../text/reportingVerbs.js';
import { firstPersonIn, mentionAfter, mentionBefore, sentenceSubject, type Mention } from './mentions.js';
import { isCapitalised, isNameWord, isPossessive, isReferenceRole, tokenize, type Token } from './names.js';
import type { SpeakerEvidence } from './types.js';

const VERB_WORDS = alternation(REPORTING_VERBS);
/** Verbs whose inverted form (`"…," told X`) never names the speaker: X is who was told. */
const OBJECT_VERBS = new Set(['told', 'tells', 'urged', 'implored', 'advised', 'assured', 'begged', 'chided', 'asking']);
const VERB = new RegExp(`\\b(?:${VERB_WORDS})\\b`, 'gi');
const LEADING_VERB = new RegExp(`^[\\s,.!?…—–-]*(?:${VERB_WORDS})\\b`, 'i');
const ACCORDING_TO = /\baccording to\b/gi;

/**
 * Characters read on either side of a quote or a verb. Attribution sits next to the quote; the cap
 * keeps a hostile file (one 5 MB "sentence" full of quotes) linear.
 */
export const WINDOW = 400;
/** Relatives named in an apposition before the name: `“…,” the victim’s son, Carl, said`. */
const KIN = new Set('son daughter wife husband mother father brother sister widow widower uncle aunt cousin nephew niece grandson granddaughter grandmother grandfather friend partner'.split(' '));
/** Words opening a description of the person named after it: `“…,” one of the women, X Y, said`. */
const DESCRIPTION_OPENERS = new Set(['the', 'a', 'an', 'one', 'his', 'her', 'their', 'its']);
/** A comma-separated piece longer than this is a clause, not a name with its role. */
const APPOSITION_WORDS = 8;

export interface Found {
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
export function verbsIn(text: string): RegExpExecArray[] {
  const verbs: RegExpExecArray[] = [];
  for (const match of text.matchAll(VERB)) {
    const code = match[0].charCodeAt(0);
    if (code >= 65 && code <= 90 && /[\p{L}\p{N},;]\s*$/u.test(text.slice(Math.max(0, match.index - 3), match.index))) continue;
    // "the so-called “Ring of Fire”": a name in use, not anyone's words.
    if (/\bso[\s-]$/i.test(text.slice(Math.max(0, match.index - 4), match.index))) continue;
    verbs.push(match);
  }
  return verbs;
}

function evidencePattern(mention: Mention, pattern: SpeakerEvidence['pattern']): SpeakerEvidence['pattern'] {
  return mention.kind === 'pronoun' ? 'pronoun' : pattern;
}

/** Prepositions of a short phrase after a speaker's name: "Dr. X of the unit told", "X at the scene said". */
const TRAILING_PREPOSITIONS = new Set(['of', 'at', 'from', 'with']);

/** The tokens without a short lower-case phrase after the name ("of the burns unit"), or none when there is none. */
function withoutTrailingPhrase(tokens: readonly Token[]): Token[] {
  for (let at = tokens.length - 2; at >= 1 && tokens.length - at <= 4; at--) {
    if (isCapitalised(tokens[at + 1]!)) return [];
    if (TRAILING_PREPOSITIONS.has(tokens[at]!.lower)) return isNameWord(tokens[at - 1]!) ? tokens.slice(0, at) : [];
  }
  return [];
}

/** Attribution in the text after the closing mark, up to the end of its sentence. */
export function afterQuote(suffix: string, base: number): Found | null {
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
    // `not “end” it, as X’s campaign claims`: the quote is the claim of the clause after "as".
    if (tokens[0]?.lower === 'as' && tokens.length > 1) {
      const claimant = mentionBefore(tokens.slice(1), true);
      if (claimant?.kind === 'name' || claimant?.kind === 'pronoun') return { mention: claimant, pattern: evidencePattern(claimant, 'name-said'), words: `${clause.trim()} ${match[0]}` };
      return { mention: { kind: 'vague', why: 'the claim of someone unnamed' }, pattern: 'name-said', words: `${clause.trim()} ${match[0]}` };
    }
    let vague: Mention | null = null;
    if (tokens.length > 0) {
      const mention = mentionBefore(tokens, true) ?? mentionBefore(withoutTrailingPhrase(tokens), true);
      if (mention?.kind === 'vague') vague = mention;
      else if (mention) return { mention, pattern: evidencePattern(mention, 'name-said'), words: `${clause.trim()} ${match[0]}` };
    } else if (!OBJECT_VERBS.has(match[0].toLowerCase())) {
      const after = mentionAfterAt(suffix, match.index + match[0].length, base);
      if (after) return { mention: after.mention, pattern: evidencePattern(after.mention, 'said-name'), words: `${match[0]} ${after.words}` };
    }
    // Appositions between the quote and the verb: `"…," Representative John Lewis, Democrat of
    // Georgia, said`, `"…," the White House press secretary, Sarah Huckabee Sanders, told` or
    // `"…," Commodore Jane Roe, a navy spokeswoman, told CNN`.
    // Only a role may come before the name: in `“…” designed for her, died in Beverly Hills,
    // California, her spokesman said` the clause says where, and California did not speak.
    // A comma right after the closing mark (`”, X, a navy spokeswoman, said`) opens the first chunk.
    let chunkStart = /^\s*,/.exec(suffix)?.[0].length ?? 0;
    for (const chunk of suffix.slice(chunkStart, clauseStart).split(',')) {
      const named = tokenize(chunk).map((token) => ({ ...token, start: token.start + base + chunkStart }));
      chunkStart += chunk.length + 1;
      if (named.length === 0 || named.length > APPOSITION_WORDS) break;
      const appositive = mentionBefore(named, true);
      if (appositive?.kind === 'name') return { mention: appositive, pattern: 'name-said', words: `${appositive.name} … ${match[0]}` };
      // "the governor-general of X province,", "one of the women,": a description of the person named next.
      const describes = named.some((token) => isReferenceRole(token) || KIN.has(token.lower)) || DESCRIPTION_OPENERS.has(named[0]!.lower);
      if (!describes) break;
    }
    if (vague) return { mention: vague, pattern: 'name-said', words: `${clause.trim()} ${match[0]}` };
    if (tokens.length > 0) continue;
  }
  return null;
}

/** A passive label before a quote: "has been labeled “…” by X", "was described as “…” by X". */
const PASSIVE_LABEL = /\b(?:been|was|were|is|are|be|being)\s+(?:[a-z]+ly\s+)?(?:labell?ed|called|described|dubbed|termed|branded|characteri[sz]ed)\s+(?:as\s+)?$/i;

/** The agent of a passive label: `… was labeled “suspicious” by James Steele, chief of …`. */
export function passiveAgent(prefix: string, suffix: string, base: number): Found | null {
  const by = /^[\s,]*by\s+/.exec(suffix);
  if (!by || !PASSIVE_LABEL.test(prefix)) return null;
  const after = mentionAfterAt(suffix, by[0].length, base);
  return after ? { mention: after.mention, pattern: 'said-name', words: `by ${after.words}` } : null;
}

/** A he or she opening a subordinate clause: "… as he tweeted", "… while she wrote". */
const SUBORDINATE_PRONOUN = /\b(?:as|while|when|after|before|because|since|until)\s+(?:he|she)\s+(?:[a-z]+ly\s+)?$/i;

/** Nouns for what someone said: "Trump’s comments about …", "her remarks that …". */
const SPEECH_NOUNS = new Set(
  `comment comments remark remarks words statement tweet tweets claim claims assertion warning promise pledge description
  complaint complaints argument message objection criticism answer reply response explanation`.split(/\s+/),
);

/**
 * A quote inside what a named person is said to have said: `… inspired by Trump’s comments about
 * Kelly having “blood coming out of her eyes”` is Trump's, not the sentence subject's.
 */
function possessiveSpeech(text: string, base: number): Found | null {
  // Most attributions hold no possessive: skip reading their words.
  if (!/['’]s?\s/.test(text)) return null;
  const tokens = tokenize(text, base);
  let found: Found | null = null;
  tokens.forEach((token, index) => {
    const noun = [tokens[index + 1], tokens[index + 2]].find((next) => next && SPEECH_NOUNS.has(next.lower));
    if (!noun || !isCapitalised(token) || !isPossessive(token) || (noun !== tokens[index + 1] && !/^ +$/.test(noun.gap))) return;
    const owner: Token = { ...token, text: token.text.replace(/['’]s?$/, '') };
    const run = [...tokens.slice(Math.max(0, index - 2), index).filter((word, at, words) => isNameWord(word) && words.slice(at + 1).every(isNameWord)), owner];
    const name = run.map((word) => word.text).join(' ');
    found = { mention: { kind: 'name', name, at: run[0]!.start }, pattern: 'name-before', words: `${token.text} ${noun.text}` };
  });
  return found;
}

/** A verb, at most two more words, and a preposition: a quoted title follows ("said on", "wrote Sunday in"). */
const TITLE_AFTER_VERB = /^\s+(?:[\p{L}]+\s+){0,2}(?:on|in|at|aboard|via)\s*$/u;

/** An object and "if"/"whether" after "asked": `asked the congressman if he “…”`. */
const QUESTION_TO = /^\s+(?:[\p{L}'’.-]+\s+){1,4}(?:if|whether)\b/u;

/** A verb sharing the subject of the clause before: "… but said", "… and then told". */
const LINKED_PREDICATE = /\b(?:and|but)\s+(?:also\s+|then\s+|later\s+)?$/i;

/** An apposition between a name and its verb: `X Y, the editor in chief of Z, wrote`, `X, Republican of Ohio, said`. */
export const APPOSITION = /,\s+[^,]{2,120},\s*(?:also\s+|later\s+|then\s+|[a-z]{3,}ly\s+)?$/;

function describeMention(mention: Mention, verb: string): string {
  if (mention.kind === 'name') return `${mention.name} ${verb}`;
  if (mention.kind === 'reference') return `the ${mention.noun} ${verb}`;
  if (mention.kind === 'pronoun') return `${mention.pronoun} ${verb}`;
  if (mention.kind === 'role') return `the ${mention.role} ${verb}`;
  return verb;
}

/**
 * Verbs of a finding or a charge: words after them are their subject's ("a review found", "groups
 * to charge that"); a charge or an allegation only with "that" (not "bringing charges so close").
 */
const CLAIM_VERB = /\b(?:found|finds|concluded|concludes|(?:charge[sd]?|alleged?|alleges)(?=\s+that\b))\b/gi;
/** Who may make the claim for the speaker: "X said he found …", "the agency said it concluded …". */
const OWN_CLAIMANTS = new Set(['he', 'she', 'they', 'it', 'i', 'we', 'had', 'has', 'have', 'was', 'were']);
/** Words making a claim verb a noun: "said the charge was “baseless”". */
const NOUN_MARKERS = new Set(['the', 'a', 'an', 'this', 'that', 'no', 'any', 'his', 'her', 'its', 'their']);

/** Whether the words between a speech verb and the quote report someone else's finding or charge. */
function othersClaim(afterVerb: string): boolean {
  let claim: RegExpExecArray | null = null;
  for (const match of afterVerb.matchAll(CLAIM_VERB)) claim = match;
  if (!claim) return false;
  const before = tokenize(afterVerb.slice(0, claim.index));
  const previous = before[before.length - 1]?.lower;
  return previous !== undefined && !OWN_CLAIMANTS.has(previous) && !NOUN_MARKERS.has(previous);
}

/** A name in use right before the quote: "a price tag, referred to as a “score,”", "known as the “bagman”". */
const NAME_IN_USE = /\b(?:referred to|known)\s+as\s+(?:an?\s+|the\s+)?$/i;

/** A relative pronoun right before the speech verb, after a comma (`X, who later said`). */
const RELATIVE_BEFORE_VERB = /,\s*(who|which)\s+(?:also\s+|later\s+|then\s+|[a-z]{3,}ly\s+)?$/i;

/** Attribution in the sentence before the opening mark: `X said: "…"`, reported speech, `according to X`. */
export function beforeQuote(prefix: string, base: number, knownWords: ReadonlySet<string>, sentenceTokens: readonly Token[]): Found | null {
  if (NAME_IN_USE.test(prefix)) return { mention: { kind: 'vague', why: 'a name in use', label: true }, pattern: 'name-before', words: 'known as' };
  const verbs = verbsIn(prefix);
  const lastVerb = verbs[verbs.length - 1] ?? null;
  const sinceVerb = lastVerb ? lastVerb.index + lastVerb[0].length : 0;
  const owner = possessiveSpeech(prefix.slice(sinceVerb), base + sinceVerb);
  if (owner) return owner;
  // `said on “Fox and Friends”`: a title right after the verb and a preposition is nobody's words.
  if (lastVerb && TITLE_AFTER_VERB.test(prefix.slice(sinceVerb))) return { mention: { kind: 'vague', why: 'a title, nobody’s words', label: true }, pattern: 'name-before', words: `${lastVerb[0]} …` };
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
    return subject ? { mention: subject, pattern: 'subject', words: `${subject.name} …:` } : { mention: { kind: 'vague', why: 'an introduction naming no one' }, pattern: 'subject', words: ':' };
  }
  const verbEnd = lastVerb.index + lastVerb[0].length;
  const afterVerb = prefix.slice(verbEnd);
  // "X noted that an internal review found officials “…”": the words are the review's, not X's.
  if (othersClaim(afterVerb)) return { mention: { kind: 'vague', why: 'inside another’s finding or charge' }, pattern: 'name-before', words: lastVerb[0] };
  // `said Hua: "…"`: the name follows the verb and only a colon or comma follows the name.
  const named = OBJECT_VERBS.has(lastVerb[0].toLowerCase()) ? null : mentionAfterAt(prefix, verbEnd, base);
  if (named && named.mention.kind === 'name' && tokenize(afterVerb).length === named.used && /[:,]\s*$/.test(afterVerb)) {
    return { mention: named.mention, pattern: 'said-name', words: `${lastVerb[0]} ${named.words}` };
  }
  const beforeVerb = prefix.slice(0, lastVerb.index);
  const mentionEndingAt = (end: number): Mention | null => mentionBefore(tokenize(prefix.slice(0, end)).map((token) => ({ ...token, start: token.start + base })), false);
  // `Janette Brimmer, an attorney with Earthjustice, said`: the name before the apposition speaks.
  // `X praised novelist Y, saying "…"`: a participle after a comma shares the sentence's subject, not Y's.
  // `… drew fire from Senator John Smith, who said it was “…”`, `the State Department, which said`: the
  // relative's antecedent speaks, not the sentence's subject.
  const relative = RELATIVE_BEFORE_VERB.exec(beforeVerb);
  const antecedent = relative ? mentionEndingAt(relative.index) : null;
  // The name must stand right before the comma: in "bombings in Upper Nile sparked condemnation from the State Department, which said" it is not Upper Nile.
  const nextToComma = antecedent?.kind === 'name' && beforeVerb.slice(0, relative!.index).trimEnd().endsWith(antecedent.name.split(/\s+/).pop()!);
  if (antecedent?.kind === 'name' && nextToComma) return { mention: antecedent, pattern: 'name-before', words: `${antecedent.name}, ${relative![1]} ${lastVerb[0]}` };
  const participle = /,\s*$/.test(beforeVerb) && /ing$/i.test(lastVerb[0]);
  const apposition = participle ? null : APPOSITION.exec(beforeVerb);
  let mention = apposition ? mentionEndingAt(apposition.index) : null;
  if (mention?.kind !== 'name' && !participle) {
    // `The president, speaking at the White House, said`: the apposition's place names nobody, the role before it speaks.
    const atVerb = mentionEndingAt(lastVerb.index);
    if (atVerb && !(mention?.kind === 'role' && atVerb.kind === 'vague')) mention = atVerb;
  }
  // "He asked the congressman whether he “…”": the he who asks is not the last person named, who is asked.
  if (mention?.kind === 'pronoun' && QUESTION_TO.test(afterVerb) && /^ask/i.test(lastVerb[0])) {
    return { mention: { kind: 'vague', why: 'a question whose asker is not named' }, pattern: 'pronoun', words: `${mention.pronoun} ${lastVerb[0]}` };
  }
  if (mention?.kind === 'pronoun' && (mention.pronoun === 'he' || mention.pronoun === 'she')) {
    // "Mr. X continued to deny it, but he acknowledged …": the person this sentence is about.
    // "Sci-fi fan Tom Fletcher was the envy of his friends as he tweeted": in a subordinate clause the
    // pronoun is the person the sentence named before it.
    const clause = tokenize(beforeVerb).map((token) => ({ ...token, start: token.start + base }));
    const own = sentenceSubject(clause, knownWords) ?? (SUBORDINATE_PRONOUN.test(beforeVerb) ? firstPersonIn(clause) : null);
    if (own) return { mention: own, pattern: 'pronoun', words: `${own.name} … ${mention.pronoun} ${lastVerb[0]}` };
  }
  if (mention) return { mention, pattern: evidencePattern(mention, 'name-before'), words: describeMention(mention, lastVerb[0]).trim() };
  const subject = sentenceSubject(sentenceTokens, knownWords);
  if (subject) return { mention: subject, pattern: 'subject', words: `${subject.name} … ${lastVerb[0]}` };
  // "He said … but said her books “…”": a second verb of the he or she the sentence opens with.
  const opener = sentenceTokens[0]?.lower;
  if ((opener === 'he' || opener === 'she') && (participle || LINKED_PREDICATE.test(beforeVerb))) {
    // "He said X called him and told him to “…”": the verb may be X's, so it is nobody's for sure.
    const between = sentenceTokens.filter((token) => token.start > sentenceTokens[0]!.start && token.start < base + lastVerb.index);
    if (firstPersonIn(between)) return { mention: { kind: 'vague', why: 'the verb may be another person’s' }, pattern: 'pronoun', words: `${opener} … ${lastVerb[0]}` };
    return { mention: { kind: 'pronoun', pronoun: opener }, pattern: 'pronoun', words: `${opener} … ${lastVerb[0]}` };
  }
  // A speech verb in the quote's own sentence whose subject is unnamed ("a handbook described …
  // as"): an explicit cue, so no earlier speaker is carried over.
  return { mention: { kind: 'vague', why: 'a speech verb with no named subject' }, pattern: 'name-before', words: lastVerb[0] };
}

