/**
 * Paragraph and sentence boundaries for news text.
 *
 * Rules, in order of how often they matter in real articles:
 * - Paragraphs end at blank lines; in wire copy (Reuters) an indented line also starts one.
 * - In hard-wrapped files a single line break is a space; elsewhere it ends a sentence
 *   (one-sentence-per-line exports, headlines above the text).
 * - A sentence ends at . ! ? or an ellipsis, after any closing quotes or brackets, when the next
 *   word starts with a capital, a digit or an opening quote.
 * - Not after abbreviations (Dr., Inc., Jan. 5), initials (J. Smith, U.S. Republicans), inside a
 *   quotation (a multi-sentence quote stays one passage, with its attribution), nor before a
 *   short attribution that follows a closing quote ("...?" Hua said).
 */
import { MONTH_ABBREVIATIONS } from './text/calendar.js';
import { SENTENCE_ATTRIBUTION_WORDS, alternation } from './text/reportingVerbs.js';

export interface Span {
  start: number;
  end: number;
}

const TERMINAL = /[.!?…]/;
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»', '›']);
const OPENING_QUOTES = new Set(['"', '“', '‘', "'", '«', '‹', '(', '[']);

/** Abbreviations after which a period does not end the sentence (compared lower-case, no dot). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ft', 'rev', 'gen', 'lt', 'col', 'capt',
  'cmdr', 'sgt', 'gov', 'sen', 'rep', 'pres', 'hon', 'atty', 'supt', 'messrs', 'mme', 'mlle',
  'const', 'det', 'insp', 'maj', 'cpl', 'pvt', 'adm',
  'inc', 'ltd', 'co', 'corp', 'plc', 'llc', 'bros', 'dept', 'univ', 'assn', 'est',
  'vs', 'etc', 'approx', 'ca', 'cf', 'al', 'fig', 'no', 'nos', 'vol', 'pp', 'op', 'ed', 'eds',
  'e.g', 'i.e', 'a.m', 'p.m',
]);
/**
 * US states as news agencies abbreviate them ("Ariz. Gov. Jan Brewer", "Springfield, Ill., said"),
 * capitalised; like initials, they end a sentence only before a word that opens one. Some are
 * words too ("ill.", "mass."): capitalised and not before a sentence opener, they are the state.
 * Not "Penn.": agencies write "Pa.", and Penn is a surname ("succeeds Robert Penn. Penn was named").
 */
const STATE_ABBREVIATIONS = new Set([
  'Ala', 'Ariz', 'Ark', 'Calif', 'Colo', 'Conn', 'Del', 'Fla', 'Ga', 'Ill', 'Ind', 'Kan', 'Kans', 'Ky', 'La', 'Md', 'Mass',
  'Mich', 'Minn', 'Miss', 'Mo', 'Mont', 'Neb', 'Nev', 'Okla', 'Ore', 'Pa', 'Tenn', 'Va', 'Vt', 'Wash', 'Wis', 'Wisc', 'Wyo',
]);
/** Month abbreviations end a sentence only when a date number does not follow. */
const MONTHS = new Set(MONTH_ABBREVIATIONS.map((month) => month.toLowerCase()));
/** Words that usually open a sentence: after "U.S." they mean the sentence did end there. */
const SENTENCE_STARTERS = new Set([
  'The', 'This', 'That', 'These', 'Those', 'It', 'Its', 'He', 'She', 'They', 'We', 'I', 'You',
  'But', 'And', 'In', 'On', 'At', 'A', 'An', 'As', 'If', 'When', 'While', 'However', 'There',
  'His', 'Her', 'Their', 'Our', 'Some', 'Many', 'Most', 'After', 'Before', 'Since', 'So',
]);
const ATTRIBUTION_VERBS = new RegExp(`^(?:${alternation(SENTENCE_ATTRIBUTION_WORDS)})$`, 'i');

/** A quotation longer than this is more likely a damaged mark than a real quote. */
const MAX_PROTECTED_QUOTE = 1200;

function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

interface Line {
  start: number;
  end: number; // exclusive, before the '\n'
  text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lines.push({ start, end, text: text.slice(start, end) });
    start = end + 1;
  }
  return lines;
}

function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return end > start ? { start, end } : null;
}

/** Paragraph spans (trimmed) of a normalised document. */
export function splitParagraphs(text: string): Span[] {
  const paragraphs: Span[] = [];
  let openStart = -1;
  let openEnd = -1;
  const close = (): void => {
    if (openStart >= 0) {
      const span = trimSpan(text, openStart, openEnd);
      if (span) paragraphs.push(span);
    }
    openStart = -1;
  };
  for (const line of linesOf(text)) {
    if (isBlank(line.text)) {
      close();
      continue;
    }
    if (openStart >= 0 && /^(?: {2,}|\t)\S/.test(line.text)) close();
    if (openStart < 0) openStart = line.start;
    openEnd = line.end;
  }
  close();
  return paragraphs;
}

/**
 * Whether single line breaks inside paragraphs are soft wraps: most lines that continue a
 * paragraph end mid-sentence (no closing punctuation), as in fixed-width wire copy.
 */
export function isHardWrapped(text: string): boolean {
  const lines = linesOf(text);
  let joins = 0;
  let openEnded = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const current = lines[i]!.text;
    const next = lines[i + 1]!.text;
    if (isBlank(current) || isBlank(next) || /^(?: {2,}|\t)\S/.test(next)) continue;
    joins++;
    if (!/[.!?…:;"”’)]\s*$/.test(current)) openEnded++;
  }
  return joins >= 3 && openEnded / joins >= 0.5;
}

/** Pairs quotation marks inside a block; returns the [open, close] index ranges they protect. */
function quotedRanges(block: string): Span[] {
  const ranges: Span[] = [];
  let openAt = -1;
  let openMark = '';
  for (let i = 0; i < block.length; i++) {
    const ch = block[i]!;
    if (ch !== '"' && ch !== '“' && ch !== '”') continue;
    const before = i > 0 ? block[i - 1]! : ' ';
    const after = i + 1 < block.length ? block[i + 1]! : ' ';
    const spaceBefore = /[\s([{—–-]/.test(before);
    const spaceAfter = /\s/.test(after);
    if (openAt < 0) {
      // A mark that opens: “, or a straight/right mark with text after and space before it.
      if (ch === '“' || (spaceBefore && !spaceAfter)) {
        openAt = i;
        openMark = ch;
      }
      continue;
    }
    // A quote is open: does this mark close it? “ used as a closer (before a space) counts.
    const closes = ch === '”' || (ch === '"' && openMark === '"') || (ch === '“' && spaceAfter) ||
      (ch === '"' && !spaceBefore);
    if (closes) {
      if (i - openAt <= MAX_PROTECTED_QUOTE) ranges.push({ start: openAt, end: i });
      openAt = -1;
    }
  }
  if (openAt >= 0 && block.length - openAt <= MAX_PROTECTED_QUOTE) {
    ranges.push({ start: openAt, end: block.length });
  }
  return ranges;
}

function wordBefore(block: string, index: number): string {
  let start = index;
  while (start > 0 && /[\p{L}\p{N}.'’&-]/u.test(block[start - 1]!)) start--;
  return block.slice(start, index);
}

function nextWord(block: string, index: number): string {
  const match = /^[\s"“‘'(«[]*([\p{L}\p{N}][\p{L}\p{N}'’.-]*)/u.exec(block.slice(index, index + 60));
  return match?.[1] ?? '';
}

/** The words from `index` up to the next sentence punctuation look like "Hua said" or "said X". */
function isShortAttribution(block: string, index: number): boolean {
  const rest = block.slice(index, index + 120);
  const clause = /^[^.!?…“"]*/.exec(rest)?.[0] ?? '';
  const words = clause.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 8) return false;
  return words.some((word) => ATTRIBUTION_VERBS.test(word.replace(/[^\p{L}]/gu, '')));
}

/** Whether a period right after `word` is an abbreviation's rather than a full stop. */
function isAbbreviation(word: string, following: string): boolean {
  const bare = word.replace(/^[^\p{L}]+/u, '').toLowerCase();
  if (bare.length === 0) return false;
  if (ABBREVIATIONS.has(bare)) return true;
  if (STATE_ABBREVIATIONS.has(word.replace(/^[^\p{L}]+/u, ''))) return !SENTENCE_STARTERS.has(following);
  if (MONTHS.has(bare)) return /^\d/.test(following);
  // Initials: "J." or "U.S." / "U.K." — a sentence starter after them means the sentence ended.
  if (/^\p{Lu}$/u.test(bare.toUpperCase()) && bare.length === 1) return !SENTENCE_STARTERS.has(following);
  if (/^(?:\p{L}\.)+\p{L}$/u.test(bare)) return !SENTENCE_STARTERS.has(following);
  return false;
}

/** Sentence spans inside one block of text (a paragraph, or a line of it). */
export function splitBlock(text: string, block: Span): Span[] {
  const body = text.slice(block.start, block.end);
  const protectedRanges = quotedRanges(body);
  // Ranges come sorted and disjoint, and `index` only grows: one forward pointer keeps a 5 MB line linear.
  let rangeAt = 0;
  const insideQuote = (index: number): boolean => {
    while (rangeAt < protectedRanges.length && protectedRanges[rangeAt]!.end < index) rangeAt++;
    const range = protectedRanges[rangeAt];
    return range !== undefined && index > range.start && index <= range.end;
  };

  const sentences: Span[] = [];
  let sentenceStart = 0;
  for (let i = 0; i < body.length; i++) {
    if (!TERMINAL.test(body[i]!)) continue;
    const terminalStart = i;
    while (i + 1 < body.length && TERMINAL.test(body[i + 1]!)) i++;
    let end = i + 1;
    let closedQuote = false;
    while (end < body.length && (CLOSERS.has(body[end]!) || TERMINAL.test(body[end]!))) {
      if (body[end] === '”' || body[end] === '"') closedQuote = true;
      end++;
    }
    i = end - 1;
    if (end >= body.length || !/\s/.test(body[end]!)) continue;
    let next = end;
    while (next < body.length && /\s/.test(body[next]!)) next++;
    const nextChar = body[next];
    if (nextChar === undefined) continue;
    const startsSentence = /[\p{Lu}\p{N}]/u.test(nextChar) || OPENING_QUOTES.has(nextChar);
    if (!startsSentence) continue;
    if (insideQuote(end)) continue;
    if (closedQuote && isShortAttribution(body, next)) continue;
    const punctuation = body.slice(terminalStart, i + 1);
    if (punctuation === '.' || /^\.[”"’')\]]+$/.test(punctuation)) {
      if (isAbbreviation(wordBefore(body, terminalStart), nextWord(body, next))) continue;
    }
    const span = trimSpan(text, block.start + sentenceStart, block.start + end);
    if (span) sentences.push(span);
    sentenceStart = next;
  }
  const last = trimSpan(text, block.start + sentenceStart, block.end);
  if (last) {
    const previous = sentences[sentences.length - 1];
    // A stray closing mark left alone after the last full stop belongs to that sentence.
    if (previous && !/[\p{L}\p{N}]/u.test(text.slice(last.start, last.end))) previous.end = last.end;
    else sentences.push(last);
  }
  return sentences;
}

export interface ParagraphSentences {
  paragraph: Span;
  sentences: Span[];
}

/** Every paragraph of a document with its sentences. */
export function splitDocument(text: string): ParagraphSentences[] {
  const wrapped = isHardWrapped(text);
  return splitParagraphs(text).map((paragraph) => {
    if (wrapped) return { paragraph, sentences: splitBlock(text, paragraph) };
    const sentences: Span[] = [];
    let lineStart = paragraph.start;
    while (lineStart < paragraph.end) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd === -1 || lineEnd > paragraph.end) lineEnd = paragraph.end;
      const line = trimSpan(text, lineStart, lineEnd);
      if (line) sentences.push(...splitBlock(text, line));
      lineStart = lineEnd + 1;
    }
    return { paragraph, sentences };
  });
}
