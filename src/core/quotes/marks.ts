/**
 * Quotation spans in a document, read from its quotation marks, repairing the damage real news
 * text carries so that one bad mark does not derail the rest of the article:
 * - curly (“ ” ‘ ’), straight (" ') and guillemet (« ») marks; straight marks open or close by
 *   which side of them has a word;
 * - a quote running over paragraphs leaves its closing mark off and reopens the next paragraph;
 * - an opening mark used as a closer (`propagate them. “` at a paragraph's end), a stray mark
 *   (`information." "`), a quote that never closes (ends with its paragraph);
 * - apostrophes (China’s, don't, 'til, the accounts’ content) are not quote marks: single quotes
 *   count only as a pair inside one paragraph, outside a double quotation; a straight double mark
 *   between letters (`Indonesia"s`) is an apostrophe too; two apostrophes in a row (`''The`) are one
 *   straight double mark.
 */
import type { Span } from '../sentences.js';
import { CLOSER_ATTRIBUTION_WORDS, alternation } from '../text/reportingVerbs.js';
import type { MarkDamage, QuoteSpan } from './types.js';

const DOUBLE_OPENERS = new Set(['“', '«', '„']);
const DOUBLE_CLOSERS = new Set(['”', '»']);
const STRAIGHT_DOUBLE = '"';
const SINGLE_OPENERS = new Set(['‘', "'"]);
const SINGLE_CLOSERS = new Set(['’', "'"]);
const MARKS = new Set([...DOUBLE_OPENERS, ...DOUBLE_CLOSERS, STRAIGHT_DOUBLE, ...SINGLE_OPENERS, ...SINGLE_CLOSERS]);
/** Single-quoted spans are headline phrases, not whole paragraphs: a closer further away is an apostrophe. */
const SINGLE_QUOTE_MAX = 400;
/** Elisions that start with an apostrophe: 'til, 'em, 'cause, '90s. */
const ELISION = /^(?:til|tis|twas|em|cause|cos|n|round|bout|nother|s|\d)(?![\p{L}])/iu;
/** A short attribution right after a mark (`, "he said.`, `, "Owen said.`): the mark closes, spaced wrongly. */
const SPACED_CLOSER = new RegExp(`^(?:\\p{Ll}|(?:[\\p{L}.'’-]+,? ){0,12}(?:${alternation(CLOSER_ATTRIBUTION_WORDS)})\\b)`, 'u');
/** Characters after which a mark opens a quotation: space, an opening bracket or dash. */
const OPENING_CONTEXT = /[\s([{—–\-/“‘"'«]/;

interface OpenQuote {
  openMark: number;
  /** Content pieces, one per paragraph the quote runs over. */
  pieces: Span[];
  pieceStart: number;
  damage: MarkDamage[];
}

function isSpace(char: string | undefined): boolean {
  return char === undefined || /\s/.test(char);
}

function isLetterOrDigit(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/** The offset of a paragraph's last non-space character: past it, only whitespace remains. */
function lastCharacter(text: string, paragraph: Span): number {
  let at = paragraph.end - 1;
  while (at > paragraph.start && isSpace(text[at])) at--;
  return at;
}

function trimmed(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return { start, end };
}

function finish(text: string, open: OpenQuote, closeMark: number | null): QuoteSpan | null {
  const pieces = open.pieces.map((piece) => trimmed(text, piece)).filter((piece) => piece.end > piece.start);
  if (pieces.length === 0) return null;
  const words = pieces
    .map((piece) => text.slice(piece.start, piece.end))
    .join(' ')
    .replace(/\s+/g, ' ')
    // A comma inside the closing mark is the house style's, not the speaker's.
    .replace(/[,;:]$/, '');
  // Nothing to quote, or the text between two quotes read as one (`, the host said. The…`) after a lost mark.
  if (!/[\p{L}\p{N}]/u.test(words) || /^[,.;:!?]/.test(words)) return null;
  return {
    start: pieces[0]!.start,
    end: pieces[pieces.length - 1]!.end,
    text: words,
    openMark: open.openMark,
    closeMark,
    paragraphs: open.pieces.length,
    damage: closeMark === null ? [...open.damage, 'unclosed'] : open.damage,
  };
}

/** Where a quote's content ends at the mark at `at`: a doubled apostrophe's first half is part of the mark. */
function contentEnd(text: string, at: number): number {
  return text[at] === "'" && text[at - 1] === "'" ? at - 1 : at;
}

/** The offset of a paragraph's first non-space character. */
function firstCharacter(text: string, paragraph: Span): number {
  let at = paragraph.start;
  while (at < paragraph.end && isSpace(text[at])) at++;
  return at;
}

/**
 * Where single quotes close within one paragraph. What ends a single quote (a closing mark after a
 * word, a double mark, a blank line) does not depend on where it opened, and openers come in order,
 * so the last answer is remembered and the paragraph is read once however many apostrophes it has.
 */
class SingleQuoteCloser {
  private from = -1;
  private event = -1;

  constructor(
    private readonly text: string,
    private readonly paragraphEnd: number,
  ) {}

  /** The first closing mark or barrier at or after `from`, or the paragraph's end. */
  private nextEvent(from: number): number {
    if (from >= this.from && from <= this.event) return this.event;
    const { text } = this;
    let at = from;
    for (; at < this.paragraphEnd; at++) {
      const char = text[at]!;
      if (char === '\n' && text[at + 1] === '\n') break;
      if (DOUBLE_OPENERS.has(char) || DOUBLE_CLOSERS.has(char) || char === STRAIGHT_DOUBLE) break;
      if (SINGLE_CLOSERS.has(char) && !isSpace(text[at - 1]) && !isLetterOrDigit(text[at + 1])) break;
    }
    this.from = from;
    this.event = at;
    return at;
  }

  /** The closing mark of a single quote opened at `opener`, or null when it does not close nearby. */
  closeOf(opener: number): number | null {
    if (ELISION.test(this.text.slice(opener + 1, opener + 8))) return null;
    const event = this.nextEvent(opener + 2);
    const char = this.text[event];
    return event < this.paragraphEnd && event - opener <= SINGLE_QUOTE_MAX && char !== undefined && SINGLE_CLOSERS.has(char) ? event : null;
  }
}

/** Whether a paragraph opens with a quote mark: the convention for a quote that runs on into it. */
function reopensQuote(text: string, next: Span | undefined): boolean {
  if (next === undefined) return false;
  const first = text[firstCharacter(text, next)];
  return DOUBLE_OPENERS.has(first ?? '') || first === STRAIGHT_DOUBLE;
}

/**
 * An attribution ending a paragraph whose closing mark was left off: `“… the preview, Tyler Roe,
 * technical manager of research, says.` (a comma, a capitalised name, at most a short apposition,
 * a speech verb).
 */
const TRAILING_ATTRIBUTION = /,\s+\p{Lu}[^,"“”]{0,60}(?:,[^,"“”]{1,100},)?\s+(?:says|said|adds|added|explains|explained)\s*\.?\s*$/u;

/** Where a quote that never closes ends, at `end` or before the attribution its line ends with. */
function beforeTrailingAttribution(text: string, start: number, end: number): number {
  // A quote run on over lines is a lost mark's, not one quotation: where it ends is anyone's guess.
  if (text.slice(start, end).trimEnd().includes('\n')) return end;
  const tail = Math.max(start, end - 200);
  const attribution = TRAILING_ATTRIBUTION.exec(text.slice(tail, end));
  return attribution ? tail + attribution.index : end;
}

/** Where a quote left open at a paragraph's end ends: in a one-sentence-a-line file, with its line, not with the whole block. */
function unclosedQuoteEnd(text: string, open: OpenQuote, paragraph: Span, linesAreSentences: boolean): number {
  const lineEnd = linesAreSentences ? text.indexOf('\n', open.pieceStart) : -1;
  return lineEnd !== -1 && lineEnd < paragraph.end ? lineEnd : paragraph.end;
}

/**
 * Every quotation in `text`, in order. `paragraphs` are the document's paragraph spans (as
 * splitParagraphs gives them); a quote never runs past a paragraph unless the next one reopens it.
 * `linesAreSentences` (a file that is not hard-wrapped) ends an unclosed quote at its line's end.
 */
export function findQuoteSpans(text: string, paragraphs: readonly Span[], options: { linesAreSentences?: boolean } = {}): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open: OpenQuote | null = null;
  const emit = (span: QuoteSpan | null): void => {
    if (span) spans.push(span);
  };
  const start = (mark: number, damage: MarkDamage[] = []): OpenQuote => ({ openMark: mark, pieces: [], pieceStart: mark + 1, damage });
  const close = (quote: OpenQuote, at: number, mark: number | null): void => {
    quote.pieces.push({ start: quote.pieceStart, end: mark === null ? beforeTrailingAttribution(text, quote.pieceStart, contentEnd(text, at)) : contentEnd(text, at) });
    emit(finish(text, quote, mark));
  };

  paragraphs.forEach((paragraph, paragraphIndex) => {
    let at = paragraph.start;
    if (open) {
      // The convention for a quote over paragraphs: this paragraph reopens it; skip that mark.
      at = firstCharacter(text, paragraph) + 1;
      open.pieceStart = at;
    }
    const last = lastCharacter(text, paragraph);
    const singles = new SingleQuoteCloser(text, paragraph.end);
    for (; at < paragraph.end; at++) {
      if (!MARKS.has(text[at]!)) continue;
      // Two apostrophes typed for a double mark (`''The fall was …`): one straight double mark, read at the second.
      if (text[at] === "'" && text[at + 1] === "'") continue;
      const char = text[at] === "'" && text[at - 1] === "'" ? STRAIGHT_DOUBLE : text[at]!;
      const before = at > paragraph.start ? text[at - 1] : undefined;
      const after = at + 1 < paragraph.end ? text[at + 1] : undefined;
      const canOpen = !isSpace(after) && (before === undefined || OPENING_CONTEXT.test(before));
      const canClose = !isSpace(before) && (after === undefined || !isLetterOrDigit(after));
      const blankAfter = at >= last;

      if (DOUBLE_OPENERS.has(char)) {
        if (open) {
          if (blankAfter || isSpace(after) || (canClose && !canOpen)) {
            open.damage.push('opener-as-closer');
            close(open, at, at);
            open = null;
          } else {
            // The quote before never closed; this mark starts the next one.
            close(open, at, null);
            open = start(at);
          }
        } else if (!blankAfter) open = start(at);
      } else if (DOUBLE_CLOSERS.has(char)) {
        if (open) {
          close(open, at, at);
          open = null;
        } else if (canOpen && !canClose && !blankAfter) open = start(at, ['closer-as-opener']);
      } else if (char === STRAIGHT_DOUBLE) {
        // Between two letters a straight mark is an apostrophe typed with the wrong key (`Indonesia"s`).
        if (isLetterOrDigit(before) && /\p{L}/u.test(after ?? '')) continue;
        if (open) {
          // A mark between spaces cannot open a quote: it closes the open one (`it. " After`).
          if (canClose || blankAfter || isSpace(after) || SPACED_CLOSER.test(text.slice(at + 1, at + 60))) {
            close(open, at, at);
            open = null;
          } else {
            close(open, at, null);
            open = start(at);
          }
        } else if (!blankAfter && !isSpace(after)) open = start(at);
      } else if (!open && SINGLE_OPENERS.has(char) && canOpen && !(char === "'" && isLetterOrDigit(before))) {
        const closer = singles.closeOf(at);
        if (closer !== null) {
          emit(finish(text, { openMark: at, pieces: [{ start: at + 1, end: closer }], pieceStart: at + 1, damage: [] }, closer));
          at = closer;
        }
      }
    }
    if (!open) return;
    if (reopensQuote(text, paragraphs[paragraphIndex + 1])) {
      open.pieces.push({ start: open.pieceStart, end: paragraph.end });
    } else {
      close(open, unclosedQuoteEnd(text, open, paragraph, options.linesAreSentences === true), null);
      open = null;
    }
  });
  return spans;
}
