/**
 * `npm run stress`: wall-clock times of hostile input (issue 15's bounded-work cases). Not a test:
 * it prints one line per case. Searches run on Reuters when /work/shared/corpora (../shared/corpora
 * from the project) has it, else on a generated corpus of a few thousand passages; the 1 MB
 * unpunctuated file and the many near-identical files for the claims map are generated.
 *
 *   npm run stress                          every case
 *   npm run stress -- --only hash,claims    cases whose name contains one of these ("search", "quotes" too)
 *   npm run stress -- --claims-files 200000 files of the claims corpus (default 40,000)
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildClaimsMap } from '../src/core/compare/claims.js';
import { ClaimComparer } from '../src/core/compare/compare.js';
import { loadCorpus } from '../src/core/load.js';
import { queryNotes } from '../src/core/query.js';
import { QuoteIndex } from '../src/core/quotes/index.js';
import { PassageIndex } from '../src/core/searchIndex.js';
import type { Corpus } from '../src/core/types.js';
import { RESULT_LIMIT } from '../src/ui/hooks/useSearch.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REUTERS = path.resolve(PROJECT_ROOT, '..', 'shared', 'corpora', 'reuters21578', 'texts');
const REUTERS_FALLBACK = '/work/shared/corpora/reuters21578/texts';

const { values } = parseArgs({
  options: { only: { type: 'string' }, 'claims-files': { type: 'string' } },
});
const only = values.only?.split(',').filter(Boolean) ?? [];
const wanted = (name: string): boolean => only.length === 0 || only.some((part) => name.includes(part));
const claimsFiles = Number.parseInt(values['claims-files'] ?? '40000', 10);

const scratch = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-stress-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** Wall-clock and CPU milliseconds (the machine may be shared: CPU time is the steadier figure). */
interface Timing {
  ms: number;
  cpuMs: number;
}

function timed<T>(work: () => T): { value: T } & Timing {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

function report(name: string, timing: Timing, detail: string): void {
  const memory = Math.round(process.memoryUsage().rss / 1e6);
  const times = `${Math.round(timing.ms)} ms (cpu ${Math.round(timing.cpuMs)} ms)`;
  console.log(`${name.padEnd(34)} ${times.padStart(24)}  rss ${memory} MB  ${detail}`);
}

/** Sentences of ordinary words, for when Reuters is not there. */
function generatedCorpus(): string {
  const folder = path.join(scratch, 'generated');
  mkdirSync(folder);
  const words = 'oil price market shares bank rate dollar trade company profit loss quarter year said would government minister talks export import coffee cocoa wheat grain tonnes'.split(' ');
  for (let file = 0; file < 400; file++) {
    const sentences: string[] = [];
    for (let sentence = 0; sentence < 10; sentence++) {
      const picked = Array.from({ length: 12 }, (_, at) => words[(file * 7 + sentence * 13 + at * 5) % words.length]!);
      sentences.push(`${picked.join(' ')} ${file * 10 + sentence}.`);
    }
    writeFileSync(path.join(folder, `article-${file}.txt`), `${sentences.join(' ')}\n`);
  }
  return folder;
}

function searchCases(index: PassageIndex, corpusName: string): void {
  const cases: Array<[string, string]> = [
    ['normal word (oil)', 'oil'],
    ['40-character hash', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['64 x a', 'a'.repeat(64)],
    ['1,000 x a', 'a'.repeat(1000)],
    ['500 combining marks', `e${'\u0301'.repeat(500)}`],
    ['200 words', Array.from({ length: 200 }, (_, at) => `word${at}`).join(' ')],
    ['64 alternatives', 'oil | gas price | cost rise | fall bank | fund trade | deal year | month'],
    ['32-character fuzzy term', 'internationalbusinessmachinesxyz'],
    ['32 common two-letter terms', 'th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co'],
    ['26 exact letters', Array.from({ length: 26 }, (_, at) => `'${String.fromCharCode(97 + at)}`).join(' ')],
  ];
  for (const [name, query] of cases) {
    if (!wanted(`search ${name}`)) continue;
    const { value, ...timing } = timed(() => index.search(query, { limit: RESULT_LIMIT }));
    report(`search ${name}`, timing, `${value.length} hits on ${corpusName}${queryNotes(query).map((note) => `; ${note}`).join('')}`);
  }
}

function quoteCases(corpus: Corpus, corpusName: string): void {
  if (!wanted('quotes')) return;
  const built = timed(() => QuoteIndex.fromCorpus(corpus));
  for (const [name, query] of [
    ['quotes normal word (oil)', 'oil'],
    ['quotes 10,000 x a', 'a'.repeat(10000)],
  ] as const) {
    const { value, ...timing } = timed(() => built.value.search({ query }));
    report(name, timing, `${value.length} groups of ${built.value.groups.length} on ${corpusName}`);
  }
}

async function hugePassage(): Promise<void> {
  if (!wanted('unpunctuated')) return;
  const folder = path.join(scratch, 'huge');
  mkdirSync(folder);
  const words = ['alpha', 'banana', 'cat', 'data', 'gamma', 'area'];
  const parts: string[] = [];
  for (let length = 0, at = 0; length < 1_000_000; at++) {
    const word = words[at % words.length]!;
    parts.push(word);
    length += word.length + 1;
  }
  writeFileSync(path.join(folder, 'unpunctuated.txt'), parts.join(' '));
  const corpus = await loadCorpus(folder, {});
  const index = new PassageIndex(corpus);
  try {
    const { value, ...timing } = timed(() => index.search("'a", { limit: 20 }));
    report("search 'a, 1 MB unpunctuated", timing, `${value.length} hits, ${value[0]?.matches.length ?? 0} ranges`);
  } catch (error) {
    report("search 'a, 1 MB unpunctuated", { ms: 0, cpuMs: 0 }, `FAILED: ${String(error)}`);
  }
}

/** Many small files saying nearly the same thing, each with a number of its own (no two carriers share their facts) and a name spelled one of two ways. */
async function claimsCase(): Promise<void> {
  if (!wanted('claims')) return;
  const folder = path.join(scratch, 'claims');
  mkdirSync(folder);
  for (let file = 0; file < claimsFiles; file++) {
    const name = file % 2 === 0 ? 'Maria Gonzalez' : 'Maria Gonzales';
    const text =
      `The city council approved the harbour budget of ${100 + file} million dollars on Monday, mayor ${name} said.\n\n` +
      `About ${1000 + (file % 89)} residents attended the meeting in the old town hall near the river.\n`;
    writeFileSync(path.join(folder, `note-${String(file).padStart(6, '0')}.txt`), text);
  }
  const loaded = timed(() => loadCorpus(folder, {}));
  const corpus = await loaded.value;
  const comparer = timed(() => new ClaimComparer(corpus));
  const { value, ...timing } = timed(() => buildClaimsMap(comparer.value, null));
  const widest = value.claims[0];
  report(`claims, ${claimsFiles} near-identical files`, timing, `${value.claims.length} claims, widest ${widest ? Object.keys(widest.sources).length : 0} sources (comparer ${Math.round(comparer.ms)} ms)`);
}

async function main(): Promise<void> {
  const reuters = [REUTERS, REUTERS_FALLBACK].find((folder) => existsSync(folder));
  const root = reuters ?? generatedCorpus();
  const corpusName = reuters ? 'Reuters' : 'a generated corpus';
  if (only.length === 0 || only.some((part) => !['unpunctuated', 'claims'].includes(part))) {
    const loaded = timed(() => loadCorpus(root, {}));
    const corpus = await loaded.value;
    const index = timed(() => new PassageIndex(corpus));
    console.log(`${corpusName}: ${corpus.passages.length} passages, index built in ${Math.round(index.ms)} ms`);
    searchCases(index.value, corpusName);
    quoteCases(corpus, corpusName);
  }
  await hugePassage();
  await claimsCase();
}

await main();
