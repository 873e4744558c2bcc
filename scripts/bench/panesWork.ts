/**
 * The work behind the Quotes and Claims panes on one corpus, timed step by step in this process
 * (for profiling with `node --cpu-prof`): the claim comparer's stem index, the claims map of the
 * corpus (or of --story), and the quote index.
 *
 *   node --import tsx scripts/bench/panesWork.ts CORPUS [--story ID] [--only comparer|claims|quotes]
 */
import { parseArgs } from 'node:util';
import { buildClaimsMap } from '../../src/core/compare/claims.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { loadCorpus } from '../../src/core/load.js';
import { QuoteIndex } from '../../src/core/quotes/index.js';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { story: { type: 'string' }, only: { type: 'string' } } });
const root = positionals[0];
if (!root) {
  process.stderr.write('usage: panesWork.ts CORPUS [--story ID] [--only comparer|claims|quotes]\n');
  process.exit(2);
}
const timed = <T>(label: string, work: () => T): T => {
  const started = performance.now();
  const value = work();
  process.stdout.write(`${label}: ${Math.round(performance.now() - started)} ms\n`);
  return value;
};
const corpus = await loadCorpus(root);
process.stdout.write(`${corpus.passages.length} passages\n`);
const only = values.only;
if (only === undefined || only !== 'quotes') {
  const comparer = timed('comparer (stem index)', () => new ClaimComparer(corpus));
  if (only !== 'comparer') {
    const map = timed('claims map', () => buildClaimsMap(comparer, values.story ?? null));
    process.stdout.write(`${map.claims.length} claims\n`);
  }
}
if (only === undefined || only === 'quotes') {
  const quotes = timed('quote index', () => QuoteIndex.fromCorpus(corpus));
  process.stdout.write(`${quotes.groups.length} groups\n`);
}
