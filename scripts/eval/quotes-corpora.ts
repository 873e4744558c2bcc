/**
 * Quotes against hand annotations of real news the rules were not written on (BASIL and ECB+ in
 * /work/shared/corpora): three DEVELOPMENT sets the rules are tuned on and a TEST set they are not
 * (test/fixtures/quotes.{dev,dev2,dev3,test}.annotations.json; `fresh`, a few documents annotated after
 * the last tuning and not tuned on either), plus judged pairs of cross-source group
 * members on BASIL (test/fixtures/quotes.groups.annotations.json).
 *
 * `QUOTES_EVAL_MISSES=test` lists the test and fresh sets' misses too (by default only the dev sets' are listed,
 * so that tuning looks at dev alone); `QUOTES_EVAL_UNJUDGED=1` lists group pairs nobody judged yet.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../src/core/load.js';
import { extractCorpusQuotes } from '../../src/core/quotes/extract.js';
import { QuoteIndex } from '../../src/core/quotes/index.js';
import type { Quote } from '../../src/core/quotes/types.js';
import type { Corpus } from '../../src/core/types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The corpora live beside the project (../shared/corpora); a worktree one level deeper finds them at ../../shared. */
const CORPORA_CANDIDATES = [path.resolve(root, '..', 'shared', 'corpora'), path.resolve(root, '..', '..', 'shared', 'corpora')];

interface AnnotatedQuote {
  source: string;
  line: number;
  first: string;
  last: string;
  speaker: string | null;
  kind: 'statement' | 'term';
}

interface AnnotationSet {
  documents: string[];
  quotes: AnnotatedQuote[];
}

interface JudgedPair {
  a: string;
  b: string;
  same: boolean;
}

/** Words only, lower case, so marks, spacing and edge punctuation do not count. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function sameSpan(found: Quote, annotated: AnnotatedQuote): boolean {
  if (found.source !== annotated.source || found.line !== annotated.line) return false;
  const text = words(found.text);
  const first = words(annotated.first);
  const last = words(annotated.last);
  return first.every((word, at) => text[at] === word) && last.every((word, at) => text[text.length - last.length + at] === word);
}

/** A name compared without case, periods, a leading "the" or an honorific. */
function nameKey(name: string): string[] {
  const tokens = words(name.replace(/\./g, ''));
  while (tokens.length > 1 && ['the', 'mr', 'mrs', 'ms', 'dr'].includes(tokens[0]!)) tokens.shift();
  return tokens;
}

/** The same person: the same name, or a surname standing for the full name (not one of two people). */
export function sameSpeaker(found: string, annotated: string): boolean {
  const a = nameKey(found);
  const b = nameKey(annotated);
  if (a.join(' ') === b.join(' ')) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (longer.includes('and')) return false;
  // A middle name or initial more or less: "Bettie Page" is "Bettie Mae Page".
  if (shorter.length >= 2 && shorter[0] === longer[0] && shorter[shorter.length - 1] === longer[longer.length - 1]) return true;
  return shorter.every((word, at) => longer[longer.length - shorter.length + at] === word);
}

function ratio(part: number, whole: number): string {
  return whole === 0 ? '   n/a' : (part / whole).toFixed(3).padStart(6);
}

function row(label: string, correct: number, predicted: number, expected: number): string {
  return `${label.padEnd(20)} ${ratio(correct, predicted)}  ${ratio(correct, expected)}   ${correct}/${predicted} found, ${correct}/${expected} expected`;
}

function evaluateSet(name: string, set: AnnotationSet, quotesBySource: Map<string, Quote[]>, listMisses: boolean): void {
  const found = set.documents.flatMap((source) => quotesBySource.get(source) ?? []);
  const missingDocuments = set.documents.filter((source) => !quotesBySource.has(source));
  const matchOf = set.quotes.map((annotated) => found.find((quote) => sameSpan(quote, annotated)) ?? null);
  const matched = matchOf.filter((quote) => quote !== null).length;
  const named = set.quotes.filter((annotated) => annotated.speaker !== null).length;
  let namedFound = 0;
  let right = 0;
  const misses: string[] = [];
  set.quotes.forEach((annotated, at) => {
    const quote = matchOf[at];
    if (!quote) {
      misses.push(`  span miss    ${annotated.source}:${annotated.line} "${annotated.first}…${annotated.last}"`);
      return;
    }
    if (quote.speaker !== null) namedFound++;
    const correct = quote.speaker !== null && annotated.speaker !== null && sameSpeaker(quote.speaker, annotated.speaker);
    if (correct) right++;
    else if (quote.speaker !== annotated.speaker) {
      const rule = quote.speakerEvidence ? ` [${quote.speakerEvidence.pattern}: ${quote.speakerEvidence.text}]` : '';
      misses.push(`  speaker ${quote.speaker === null ? 'none ' : 'WRONG'} ${annotated.source}:${annotated.line} "${annotated.first}": found ${quote.speaker ?? 'null'}${rule}, annotated ${annotated.speaker ?? 'null'}`);
    }
  });
  for (const quote of found) {
    if (!matchOf.includes(quote)) misses.push(`  extra span   ${quote.source}:${quote.line} "${quote.text.slice(0, 60)}"`);
  }
  console.log(`\nQuotes, ${name} set (${set.documents.length} documents, ${set.quotes.length} annotated quotes, ${named} with a named speaker)`);
  console.log(`${'measure'.padEnd(20)} ${'precision'.padStart(6)} ${'recall'.padStart(6)}`);
  console.log(row('quote spans', matched, found.length, set.quotes.length));
  console.log(row('speakers', right, namedFound, named));
  if (missingDocuments.length > 0) console.log(`  documents not loaded: ${missingDocuments.join(', ')}`);
  if (listMisses) for (const miss of misses) console.log(miss);
}

/** One pair in SAMPLE_EVERY is judged: a stable sample, chosen by a hash of the pair's two keys. */
const SAMPLE_EVERY = 5;

function sampled(key: string): boolean {
  let hash = 2166136261;
  for (let at = 0; at < key.length; at++) hash = Math.imul(hash ^ key.charCodeAt(at), 16777619);
  return (hash >>> 0) % SAMPLE_EVERY === 0;
}

/** Cross-source pairs in BASIL groups that carry at least two sources: a stable sample, judged by hand. */
function evaluateGroups(corpus: Corpus, judged: JudgedPair[]): void {
  const index = QuoteIndex.fromCorpus(corpus);
  const keyOf = (quote: Quote): string => `${quote.source}:${quote.line}:${words(quote.text).slice(0, 6).join(' ')}`;
  const judgement = new Map<string, boolean>();
  for (const pair of judged) {
    judgement.set(`${pair.a}|${pair.b}`, pair.same);
    judgement.set(`${pair.b}|${pair.a}`, pair.same);
  }
  const groups = index.groups.filter((group) => group.sources > 1 && group.kind === 'statement');
  let pairs = 0;
  let right = 0;
  const unjudged: string[] = [];
  const wrong: string[] = [];
  const wrongGroups = new Set<number>();
  for (const group of groups) {
    const members = group.members.map((member) => member.quote);
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        if (members[i]!.source === members[j]!.source) continue;
        const [first, second] = [keyOf(members[i]!), keyOf(members[j]!)].sort();
        const key = `${first}|${second}`;
        if (!sampled(key)) continue;
        const same = judgement.get(key);
        if (same === undefined) {
          unjudged.push(`  {"a": ${JSON.stringify(first)}, "b": ${JSON.stringify(second)}, "same": ?}\n      ${members[i]!.speaker ?? '-'}: "${members[i]!.text.slice(0, 160)}"\n      ${members[j]!.speaker ?? '-'}: "${members[j]!.text.slice(0, 160)}"`);
          continue;
        }
        pairs++;
        if (same) right++;
        else {
          wrongGroups.add(group.id);
          wrong.push(`  not one quotation: ${key}`);
        }
      }
    }
  }
  console.log(`\nQuote groups, BASIL (${groups.length} statement groups in 2+ sources; one cross-source member pair in ${SAMPLE_EVERY}, by hash, judged by hand)`);
  console.log(`group pairs precision ${ratio(right, pairs)}   ${right}/${pairs} judged pairs are the same quotation by the same speaker; groups with a wrong judged pair: ${wrongGroups.size}; sampled pairs not judged yet: ${unjudged.length}`);
  for (const line of wrong) console.log(line);
  if (process.env['QUOTES_EVAL_UNJUDGED']) for (const line of unjudged) console.log(line);
}

export async function evaluate(): Promise<void> {
  const base = CORPORA_CANDIDATES.find((candidate) => existsSync(candidate)) ?? CORPORA_CANDIDATES[0]!;
  const fixture = (name: string): string => path.join(root, 'test', 'fixtures', name);
  if (!existsSync(path.join(base, 'basil', 'texts')) || !existsSync(path.join(base, 'ecbplus', 'texts'))) {
    console.log(`\nQuotes on BASIL and ECB+: skipped (no corpora at ${base}; the dev and test annotations refer to those texts)`);
    return;
  }
  const basil = await loadCorpus(path.join(base, 'basil', 'texts'));
  const ecbplus = await loadCorpus(path.join(base, 'ecbplus', 'texts'));
  const quotesBySource = new Map<string, Quote[]>();
  for (const quote of [...extractCorpusQuotes(basil), ...extractCorpusQuotes(ecbplus)]) {
    const list = quotesBySource.get(quote.source) ?? [];
    list.push(quote);
    quotesBySource.set(quote.source, list);
  }
  // A document that quotes nobody the program can see still counts (its annotated quotes are misses).
  for (const corpus of [basil, ecbplus]) for (const document of corpus.documents) if (!quotesBySource.has(document.source)) quotesBySource.set(document.source, []);
  const listTest = process.env['QUOTES_EVAL_MISSES'] === 'test';
  for (const name of ['dev', 'dev2', 'dev3', 'test', 'fresh'] as const) {
    const set = JSON.parse(readFileSync(fixture(`quotes.${name}.annotations.json`), 'utf8')) as AnnotationSet;
    evaluateSet(name, set, quotesBySource, name.startsWith('dev') || listTest);
  }
  const groupsFile = fixture('quotes.groups.annotations.json');
  const judged = existsSync(groupsFile) ? (JSON.parse(readFileSync(groupsFile, 'utf8')) as { pairs: JudgedPair[] }).pairs : [];
  evaluateGroups(basil, judged);
}
