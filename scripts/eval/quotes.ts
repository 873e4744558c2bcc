/**
 * Quotes against the hand annotation of the bundled corpus (test/fixtures/quotes.annotations.json):
 * precision and recall of quote spans, of speakers, and of cross-source grouping (pairs of quotes
 * put in one group), plus how often the kind (statement or term) is right.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../src/core/load.js';
import { QuoteIndex } from '../../src/core/quotes/index.js';
import type { Quote, QuoteKind } from '../../src/core/quotes/types.js';

interface AnnotatedQuote {
  source: string;
  line: number;
  text: string;
  speaker: string | null;
  kind: QuoteKind;
  group: string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Words only, lower case: curly and straight marks, spacing and edge punctuation do not count. */
function words(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

function sameSpan(found: Quote, annotated: AnnotatedQuote): boolean {
  return found.source === annotated.source && found.line === annotated.line && words(found.text) === words(annotated.text);
}

function ratio(part: number, whole: number): string {
  return whole === 0 ? '   n/a' : (part / whole).toFixed(3).padStart(6);
}

function row(label: string, correct: number, predicted: number, expected: number): string {
  return `${label.padEnd(28)} ${ratio(correct, predicted)}  ${ratio(correct, expected)}   ${correct}/${predicted} found, ${correct}/${expected} expected`;
}

/** Unordered pairs of items that share a key. */
function pairsByKey<T>(items: readonly T[], keyOf: (item: T) => string): Set<string> {
  const pairs = new Set<string>();
  items.forEach((a, i) => {
    items.forEach((b, j) => {
      if (j > i && keyOf(a) === keyOf(b)) pairs.add(`${i}:${j}`);
    });
  });
  return pairs;
}

export async function evaluate(): Promise<void> {
  const annotations = (JSON.parse(readFileSync(path.join(root, 'test', 'fixtures', 'quotes.annotations.json'), 'utf8')) as { quotes: AnnotatedQuote[] }).quotes;
  const corpus = await loadCorpus(path.join(root, 'corpus'));
  const started = performance.now();
  const index = QuoteIndex.fromCorpus(corpus);
  const elapsed = performance.now() - started;
  const found = index.quotes;

  // Spans: a found quote is right when source, line and words match an annotated one.
  const matchOf = annotations.map((annotated) => found.find((quote) => sameSpan(quote, annotated)) ?? null);
  const matchedSpans = matchOf.filter((quote) => quote !== null).length;

  // Speakers: over every quote found with a speaker, and every annotated quote that has one.
  const namedFound = found.filter((quote) => quote.speaker !== null).length;
  const namedExpected = annotations.filter((annotated) => annotated.speaker !== null).length;
  const rightSpeakers = annotations.filter((annotated, at) => annotated.speaker !== null && matchOf[at]?.speaker === annotated.speaker).length;
  const rightKinds = annotations.filter((annotated, at) => matchOf[at]?.kind === annotated.kind).length;

  // Grouping: pairs of annotated quotes (both found) that the engine and the annotation put together.
  const groupOf = new Map<Quote, number>();
  for (const group of index.groups) for (const member of group.members) groupOf.set(member.quote, group.id);
  const both = annotations.map((annotated, at) => ({ annotated, quote: matchOf[at] })).filter((item): item is { annotated: AnnotatedQuote; quote: Quote } => item.quote !== null);
  const expectedPairs = pairsByKey(both, (item) => item.annotated.group);
  const predictedPairs = pairsByKey(both, (item) => String(groupOf.get(item.quote)));
  const rightPairs = [...predictedPairs].filter((pair) => expectedPairs.has(pair)).length;
  const expectedGroups = new Set(annotations.map((annotated) => annotated.group)).size;
  const multiSource = index.groups.filter((group) => group.sources > 1).length;

  console.log('\nQuotes (bundled corpus, test/fixtures/quotes.annotations.json)');
  console.log(`${'measure'.padEnd(28)} ${'precision'.padStart(6)} ${'recall'.padStart(6)}`);
  console.log(row('quote spans', matchedSpans, found.length, annotations.length));
  console.log(row('speakers', rightSpeakers, namedFound, namedExpected));
  console.log(row('grouping (same-quote pairs)', rightPairs, predictedPairs.size, expectedPairs.size));
  console.log(`kind right: ${rightKinds}/${annotations.length}; groups: ${index.groups.length} found (${multiSource} in several sources), ${expectedGroups} annotated; extraction and grouping ${elapsed.toFixed(0)} ms`);
  const wrongSpeakers = annotations
    .map((annotated, at) => ({ annotated, quote: matchOf[at] }))
    .filter(({ annotated, quote }) => quote && quote.speaker !== annotated.speaker);
  for (const { annotated, quote } of wrongSpeakers) {
    console.log(`  speaker miss ${annotated.source}:${annotated.line} "${annotated.text.slice(0, 40)}": found ${quote?.speaker ?? 'null'}, annotated ${annotated.speaker ?? 'null'}`);
  }
}
