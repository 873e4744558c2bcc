/**
 * CPU per typed letter, in process: the settled bench's key sequence (settled.ts) through the
 * same searches the Search pane runs for each key (useSearch: the key's first page, or the whole
 * list narrowed from the last complete answer, then the 500-hit list), timed with
 * process.cpuUsage so that other work on the machine counts less; the least of --runs runs.
 * --rows: the first page asked for (the list's rows plus one: 12 at 80x24, 50 at 200x50).
 *
 *   node --import tsx scripts/bench/keyCpu.ts CORPUS [--rows 12,50] [--runs 3]
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadIndexedCorpus } from '../../src/core/open.js';
import { TypedSearch } from '../../src/core/search/typedSearch.js';
import { runAtOnce } from '../../src/core/slices.js';
import { keySteps, RESULT_LIMIT } from '../../src/ui/hooks/useSearch.js';
import { SETTLED_QUERIES } from './settled.js';

function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { rows: { type: 'string', default: '12,50' }, runs: { type: 'string', default: '3' } } });
const corpus = positionals[0];
if (!corpus) throw new Error('usage: keyCpu.ts CORPUS [--rows 12,50] [--runs 3]');
const env = { ...process.env, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME ?? mkdtempSync(path.join(os.tmpdir(), 'crosscheck-keycpu-')) };
const { index } = await loadIndexedCorpus(corpus, { env });
for (const firstPage of values.rows.split(',').map(Number)) {
  const perKey = new Map<string, { first: number[]; whole: number[]; scored: number }>();
  for (let run = 0; run < Number(values.runs); run++) {
    const session = new TypedSearch(index);
    for (const query of SETTLED_QUERIES) {
      for (let length = 1; length <= query.length; length++) {
        const typed = query.slice(0, length);
        const scoredBefore = index.work.scored;
        const times = { first: 0, whole: 0 };
        times.first = cpuMs(() => {
          // As useSearch's startSearch: the key's search, then the whole list when the first page was full.
          const { steps, limit } = keySteps(session, typed, firstPage);
          const hits = runAtOnce(steps);
          if (limit < RESULT_LIMIT && hits.length >= limit) times.whole = cpuMs(() => runAtOnce(session.fresh(typed, RESULT_LIMIT)));
        });
        times.first -= times.whole;
        const entry = perKey.get(typed) ?? { first: [], whole: [], scored: 0 };
        entry.first.push(times.first);
        entry.whole.push(times.whole);
        entry.scored = index.work.scored - scoredBefore;
        perKey.set(typed, entry);
      }
    }
  }
  let firstSum = 0;
  let wholeSum = 0;
  process.stdout.write(`first page ${firstPage}: key, least CPU of ${values.runs} runs (first page / 500 list), passages scored\n`);
  for (const [typed, { first, whole, scored }] of perKey) {
    const [f, w] = [Math.min(...first), Math.min(...whole)];
    firstSum += f;
    wholeSum += w;
    process.stdout.write(`  ${JSON.stringify(typed).padEnd(14)} ${f.toFixed(1).padStart(6)} ${w.toFixed(1).padStart(6)} ms  ${scored}\n`);
  }
  process.stdout.write(`  total ${firstSum.toFixed(0)} + ${wholeSum.toFixed(0)} ms\n`);
}
