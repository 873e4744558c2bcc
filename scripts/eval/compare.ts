/**
 * Compare against the hand alignment of the bundled corpus: precision and recall of aligned
 * passages, of "not reported" decisions, and of flagged conflicts (by claim and kind).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { loadCorpus } from '../../src/core/load.js';

interface Annotation {
  claim: string;
  sources: Record<string, number[] | null>;
  conflicts: string[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function ratio(numerator: number, denominator: number): string {
  return denominator === 0 ? '  -  ' : (numerator / denominator).toFixed(3);
}

export async function evaluate(): Promise<void> {
  const { claims } = JSON.parse(readFileSync(path.join(root, 'test/fixtures/claims.annotations.json'), 'utf8')) as { claims: Annotation[] };
  const corpus = await loadCorpus(path.join(root, 'corpus'));
  const started = performance.now();
  const comparer = new ClaimComparer(corpus);
  let alignedRight = 0, alignedFound = 0, alignedExpected = 0;
  let absentRight = 0, absentFound = 0, absentExpected = 0;
  let conflictRight = 0, conflictFound = 0, conflictExpected = 0;
  const misses: string[] = [];
  for (const annotation of claims) {
    const comparison = comparer.compare(annotation.claim);
    for (const version of comparison.sources) {
      const expected = annotation.sources[version.source.slice(0, 3)];
      if (expected === undefined) continue;
      const lines = version.passages.map((passage) => passage.line);
      if (expected !== null) alignedExpected++;
      else absentExpected++;
      if (version.carried) {
        alignedFound++;
        if (expected !== null && lines.some((line) => expected.includes(line))) alignedRight++;
        else misses.push(`  ${expected === null ? 'false carrier' : 'wrong passage'} ${version.source.slice(0, 3)}:${lines.join(',')} (${version.similarity}) for "${annotation.claim.slice(0, 50)}"`);
      } else {
        absentFound++;
        if (expected === null) absentRight++;
        else misses.push(`  missed ${version.source.slice(0, 3)}:${expected.join(',')} (${version.similarity}) for "${annotation.claim.slice(0, 50)}"`);
      }
    }
    const flagged = new Set<string>(comparison.sources.flatMap((version) => version.conflicts.map((conflict) => conflict.kind)));
    conflictFound += flagged.size;
    conflictExpected += annotation.conflicts.length;
    for (const kind of flagged) {
      if (annotation.conflicts.includes(kind)) conflictRight++;
      else misses.push(`  extra conflict ${kind} for "${annotation.claim.slice(0, 50)}"`);
    }
    for (const kind of annotation.conflicts) if (!flagged.has(kind)) misses.push(`  missed conflict ${kind} for "${annotation.claim.slice(0, 50)}"`);
  }
  const elapsed = performance.now() - started;
  console.log('\nCompare (bundled corpus, test/fixtures/claims.annotations.json)');
  console.log('measure                      precision recall');
  console.log(`aligned passages              ${ratio(alignedRight, alignedFound)}   ${ratio(alignedRight, alignedExpected)}   ${alignedRight} right of ${alignedFound} found, ${alignedExpected} expected`);
  console.log(`"not reported" decisions      ${ratio(absentRight, absentFound)}   ${ratio(absentRight, absentExpected)}   ${absentRight} right of ${absentFound} found, ${absentExpected} expected`);
  console.log(`conflicts (claim, kind)       ${ratio(conflictRight, conflictFound)}   ${ratio(conflictRight, conflictExpected)}   ${conflictRight} right of ${conflictFound} found, ${conflictExpected} expected`);
  console.log(`${claims.length} claims x ${corpus.documents.length} sources in ${elapsed.toFixed(0)} ms (index included)`);
  for (const miss of misses) console.log(miss);
}
