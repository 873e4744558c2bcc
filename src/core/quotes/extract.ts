/** Every quotation of a document or a corpus: spans, kinds, speakers, lines. */
import { lineLocator } from '../passages.js';
import { isHardWrapped, splitDocument, type ParagraphSentences } from '../sentences.js';
import { runAtOnce, type Steps } from '../slices.js';
import type { Corpus, Passage } from '../types.js';
import { attributeQuotes } from './attribution.js';
import { isTitle, quoteWords } from './titles.js';
import { findQuoteSpans } from './marks.js';
import type { Quote, QuoteKind } from './types.js';

/** A mark that can open a quotation (’ alone only closes or elides): without one, a document quotes nobody. */
const ANY_MARK = /["“”‘'«»„]/;

/** Up to this many words a quotation is a term or label ("amplifier", "highly engaged core network"). */
const TERM_MAX_WORDS = 4;

/**
 * A statement is a clause or more; a term is a label of a few words. A short quote that reads as
 * a whole sentence ("We will win.") is still a statement.
 */
export function quoteKind(text: string): QuoteKind {
  const words = quoteWords(text);
  // A title in title case ("Kate and Leopold.", "Take Me Out to the Ball Game") is a label.
  if (isTitle(text)) return 'term';
  if (words.length > TERM_MAX_WORDS) return 'statement';
  return /^\p{Lu}/u.test(text) && /[.!?]["'”’]?$/.test(text) && words.length > 1 ? 'statement' : 'term';
}

export interface DocumentInput {
  source: string;
  story: string | null;
  text: string;
}

/** Quotes of one document; `layout` defaults to the sentence splitter's paragraphs and sentences. */
export function extractQuotes(document: DocumentInput, firstId = 0, layout: readonly ParagraphSentences[] = splitDocument(document.text)): Quote[] {
  const { text } = document;
  // Most wire stories quote nobody: skip the layout work for them.
  if (!ANY_MARK.test(text)) return [];
  const spans = findQuoteSpans(
    text,
    layout.map((paragraph) => paragraph.paragraph),
    { linesAreSentences: !isHardWrapped(text) },
  );
  const kinds = spans.map((span) => quoteKind(span.text));
  const attributions = attributeQuotes(text, layout, spans, kinds);
  const lineOf = lineLocator(text);
  return spans.map((span, index) => ({
    id: firstId + index,
    source: document.source,
    story: document.story,
    line: lineOf(span.openMark),
    span,
    text: span.text,
    speaker: attributions[index]!.speaker,
    speakerEvidence: attributions[index]!.evidence,
    speakerAbstention: attributions[index]!.abstention,
    kind: kinds[index]!,
    attribution: attributions[index]!.context,
  }));
}

/** A document's layout rebuilt from its passages, so a corpus is not split into sentences twice. */
function layoutOf(passages: readonly Passage[]): ParagraphSentences[] {
  const layout: ParagraphSentences[] = [];
  let current: ParagraphSentences | null = null;
  let currentNumber = -1;
  for (const passage of passages) {
    if (!current || passage.paragraph !== currentNumber) {
      current = { paragraph: { start: passage.start, end: passage.end }, sentences: [] };
      currentNumber = passage.paragraph;
      layout.push(current);
    }
    current.paragraph.end = passage.end;
    current.sentences.push({ start: passage.start, end: passage.end });
  }
  return layout;
}

/** Every quotation in the corpus, documents in corpus order. */
export function extractCorpusQuotes(corpus: Corpus): Quote[] {
  return runAtOnce(extractCorpusQuoteSteps(corpus));
}

/** The quotes of the documents read so far (`read` of them): extractCorpusQuoteSteps's progress. */
export type QuoteProgress = (quotes: readonly Quote[], read: number) => Steps<void>;

/** extractCorpusQuotes, pausing after each document (see slices.ts) and telling `progress`, when given. */
export function* extractCorpusQuoteSteps(corpus: Corpus, progress?: QuoteProgress): Steps<Quote[]> {
  const bySource = new Map<string, Passage[]>();
  for (const passage of corpus.passages) {
    const list = bySource.get(passage.source);
    if (list) list.push(passage);
    else bySource.set(passage.source, [passage]);
  }
  const quotes: Quote[] = [];
  for (const [read, document] of corpus.documents.entries()) {
    quotes.push(...extractQuotes(document, quotes.length, layoutOf(bySource.get(document.source) ?? [])));
    yield;
    if (progress) yield* progress(quotes, read + 1);
  }
  return quotes;
}
