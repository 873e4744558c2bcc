/** From a document's text to its title and passages. */
import { lastStartAtOrBefore } from './ranges.js';
import { splitDocument } from './sentences.js';
import type { Passage } from './types.js';

/** Joins the line breaks of a hard-wrapped sentence (and the indentation around them) with a space. */
export function joinLines(text: string): string {
  return text.replace(/[ \t]*\n\s*/g, ' ');
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

const TITLE_WORDS = 10;

/** The first line when it reads as a headline (short, no full stop); otherwise the first words. */
export function titleOf(text: string): string {
  const firstLine = text.split('\n').find((line) => line.trim().length > 0)?.trim() ?? '';
  const words = firstLine.split(/\s+/).filter(Boolean);
  const looksLikeHeadline =
    firstLine.length <= 160 && words.length >= 2 && !/[.,;:]["”’)]*$/.test(firstLine);
  if (looksLikeHeadline) return firstLine;
  if (words.length <= TITLE_WORDS) return firstLine;
  return `${words.slice(0, TITLE_WORDS).join(' ')}...`;
}

/** 1-based line number of every offset (a binary search over line starts computed once per document). */
export function lineLocator(text: string): (offset: number) => number {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => lastStartAtOrBefore(starts, starts.length, offset) + 1;
}

/** Splits a document into passages; `firstId` numbers them within the corpus. */
export function passagesOf(
  text: string,
  source: string,
  story: string | null,
  firstId: number,
): Passage[] {
  const lineOf = lineLocator(text);
  const passages: Passage[] = [];
  splitDocument(text).forEach(({ sentences }, paragraphIndex) => {
    sentences.forEach((span, sentenceIndex) => {
      passages.push({
        id: firstId + passages.length,
        source,
        story,
        line: lineOf(span.start),
        paragraph: paragraphIndex + 1,
        sentence: sentenceIndex + 1,
        text: joinLines(text.slice(span.start, span.end)),
        start: span.start,
        end: span.end,
      });
    });
  });
  return passages;
}
