/**
 * Compare and the claims map against hand annotations:
 * - the bundled corpus (test/fixtures/claims.annotations.json);
 * - five DEVELOPMENT sets and two TEST sets of BASIL and ECB+ claims (test/fixtures/claims.{dev,dev2,dev3,dev4,dev5,test,test2}.annotations.json,
 *   corpora in /work/shared/corpora or $CROSSCHECK_CORPORA; skipped with a note when absent), with
 *   every conflict the claims map flags on their stories judged in test/fixtures/conflicts.judged.json.
 * Thresholds are tuned on the development sets only; the test sets are reported as they come, their errors not listed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClaimsMap } from '../../src/core/compare/claims.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import type { Conflict } from '../../src/core/compare/types.js';
import { loadCorpus } from '../../src/core/load.js';

interface Annotation {
  corpus?: string;
  story?: string;
  claim: string;
  sources: Record<string, number[] | null>;
  conflicts: string[];
}

interface Judged {
  set: string;
  corpus: string;
  story: string;
  kind: string;
  values: [string, string];
  true: boolean;
  note: string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corporaRoot = process.env.CROSSCHECK_CORPORA ?? '/work/shared/corpora';

function ratio(numerator: number, denominator: number): string {
  return denominator === 0 ? '  -  ' : (numerator / denominator).toFixed(3);
}

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(root, 'test/fixtures', name), 'utf8')) as T;
}

/** Source ids are "story/stem" in the shared corpora and "000_..." in the bundled one. */
function sourceKey(source: string, bundled: boolean): string {
  return bundled ? source.slice(0, 3) : (source.split('/').pop() ?? source);
}

/** A conflict's values, compared as the judged file writes them (case, apostrophes, "$", qualifiers aside). */
function comparableValue(value: string, keepQualifier: boolean): string {
  let text = value.toLowerCase().replace(/’/g, "'").replace(/\s*\(no qualifier\)/, '').replace(/\$/g, '').trim();
  if (!keepQualifier) text = text.replace(/^(more than|less than|fewer than|at least|up to|just over|just under|nearly|almost|about|around|some|roughly|approximately|over|under|only)\s+/, '');
  return text;
}

function judgedFor(conflict: Conflict, story: string, judged: readonly Judged[]): Judged | undefined {
  const keep = conflict.kind === 'qualifier';
  const values = new Set([conflict.value, ...conflict.others].map((value) => comparableValue(value, keep)));
  return judged.find(
    (entry) => entry.story === story && entry.kind === conflict.kind && entry.values.every((value) => values.has(comparableValue(value, keep))),
  );
}

interface Tally {
  alignedRight: number;
  alignedFound: number;
  alignedExpected: number;
  decisionsRight: number;
  decisions: number;
  absentRight: number;
  absentFound: number;
  absentExpected: number;
  conflictRight: number;
  conflictFound: number;
  conflictExpected: number;
  misses: string[];
}

function emptyTally(): Tally {
  return {
    alignedRight: 0, alignedFound: 0, alignedExpected: 0, decisionsRight: 0, decisions: 0, absentRight: 0, absentFound: 0,
    absentExpected: 0, conflictRight: 0, conflictFound: 0, conflictExpected: 0, misses: [],
  };
}

function scoreClaim(comparer: ClaimComparer, annotation: Annotation, bundled: boolean, tally: Tally): void {
  const comparison = comparer.compare(annotation.claim, annotation.story === undefined ? {} : { story: annotation.story });
  const short = annotation.claim.slice(0, 50);
  for (const version of comparison.sources) {
    const key = sourceKey(version.source, bundled);
    const expected = annotation.sources[key];
    if (expected === undefined) continue;
    const lines = version.passages.map((passage) => passage.line);
    tally.decisions++;
    if (version.carried === (expected !== null)) tally.decisionsRight++;
    if (expected !== null) tally.alignedExpected++;
    else tally.absentExpected++;
    if (version.carried) {
      tally.alignedFound++;
      if (expected !== null && lines.some((line) => expected.includes(line))) tally.alignedRight++;
      else tally.misses.push(`  ${expected === null ? 'false carrier' : 'wrong passage'} ${key}:${lines.join(',')} (${version.similarity}) for "${short}"`);
    } else {
      tally.absentFound++;
      if (expected === null) tally.absentRight++;
      else tally.misses.push(`  missed ${key}:${expected.join(',')} (${version.similarity}${version.unmet ? `; ${version.unmet}` : ''}) for "${short}"`);
    }
  }
  const flagged = new Set<string>(comparison.sources.flatMap((version) => version.conflicts.map((conflict) => conflict.kind)));
  tally.conflictFound += flagged.size;
  tally.conflictExpected += annotation.conflicts.length;
  for (const kind of flagged) {
    if (annotation.conflicts.includes(kind)) tally.conflictRight++;
    else {
      const detail = comparison.sources.flatMap((version) => version.conflicts.filter((conflict) => conflict.kind === kind).map((conflict) => `${sourceKey(version.source, bundled)} ${conflict.value} vs ${conflict.others.join('/')}`));
      tally.misses.push(`  extra conflict ${kind} (${detail.join('; ')}) for "${short}"`);
    }
  }
  for (const kind of annotation.conflicts) if (!flagged.has(kind)) tally.misses.push(`  missed conflict ${kind} for "${short}"`);
}

function printTally(title: string, tally: Tally, claims: number, sources: string): void {
  console.log(`\n${title}`);
  console.log('measure                      precision recall');
  console.log(`aligned passages              ${ratio(tally.alignedRight, tally.alignedFound)}   ${ratio(tally.alignedRight, tally.alignedExpected)}   ${tally.alignedRight} right of ${tally.alignedFound} found, ${tally.alignedExpected} expected`);
  console.log(`"not reported" decisions      ${ratio(tally.absentRight, tally.absentFound)}   ${ratio(tally.absentRight, tally.absentExpected)}   ${tally.absentRight} right of ${tally.absentFound} found, ${tally.absentExpected} expected`);
  console.log(`conflicts (claim, kind)       ${ratio(tally.conflictRight, tally.conflictFound)}   ${ratio(tally.conflictRight, tally.conflictExpected)}   ${tally.conflictRight} right of ${tally.conflictFound} found, ${tally.conflictExpected} expected`);
  console.log(`carried / not reported        accuracy ${ratio(tally.decisionsRight, tally.decisions)} (${tally.decisionsRight} of ${tally.decisions} decisions; ${claims} claims x ${sources})`);
}

async function evaluateBundled(): Promise<void> {
  const { claims } = readJson<{ claims: Annotation[] }>('claims.annotations.json');
  const corpus = await loadCorpus(path.join(root, 'corpus'));
  const started = performance.now();
  const comparer = new ClaimComparer(corpus);
  const tally = emptyTally();
  for (const annotation of claims) scoreClaim(comparer, annotation, true, tally);
  const elapsed = performance.now() - started;
  printTally('Compare (bundled corpus, test/fixtures/claims.annotations.json)', tally, claims.length, `${corpus.documents.length} sources`);
  console.log(`in ${elapsed.toFixed(0)} ms (index included)`);
  for (const miss of tally.misses) console.log(miss);
}

const SET_TITLES = { dev: 'DEVELOPMENT set', dev2: 'DEVELOPMENT set 2', dev3: 'DEVELOPMENT set 3', dev4: 'DEVELOPMENT set 4', dev5: 'DEVELOPMENT set 5', test: 'TEST set', test2: 'TEST set 2' } as const;
/** The held-out sets: never tuned on, their errors not listed. */
const HELD_OUT: ReadonlySet<string> = new Set(['test', 'test2']);

function evaluateSet(name: keyof typeof SET_TITLES, comparers: Map<string, ClaimComparer>, judged: readonly Judged[]): Tally {
  const { claims } = readJson<{ claims: Annotation[] }>(`claims.${name}.annotations.json`);
  const tally = emptyTally();
  for (const annotation of claims) scoreClaim(comparers.get(annotation.corpus!)!, annotation, false, tally);
  printTally(`Compare, ${SET_TITLES[name]} (BASIL + ECB+, test/fixtures/claims.${name}.annotations.json)`, tally, claims.length, 'the sources of their stories');

  // The claims map of each story: its conflicts judged, and whether each annotated claim is one row.
  let mapTrue = 0, mapFalse = 0, oneRow = 0, multiCarrier = 0, nonCarrierRows = 0, nonCarrierSharedRows = 0;
  const intrudingRows: string[] = [];
  const unjudged: string[] = [];
  const falseOnes: string[] = [];
  const stories = [...new Set(claims.map((annotation) => `${annotation.corpus}\u0000${annotation.story}`))];
  for (const key of stories) {
    const [corpusName, story] = key.split('\u0000') as [string, string];
    const comparer = comparers.get(corpusName)!;
    const map = buildClaimsMap(comparer, story);
    const seen = new Set<string>();
    for (const claim of map.claims) {
      for (const conflict of claim.conflicts) {
        // Both sides of a tie are listed; judge the disagreement once.
        const id = `${claim.id}|${conflict.kind}|${[conflict.value, ...conflict.others].sort().join('|')}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const verdict = judgedFor(conflict, story, judged);
        const text = `${story.slice(0, 8)} claim ${claim.id}: ${conflict.kind} ${conflict.value} vs ${conflict.others.join('/')}`;
        if (!verdict) unjudged.push(`  unjudged ${text}`);
        else if (verdict.true) mapTrue++;
        else {
          mapFalse++;
          falseOnes.push(`  false conflict ${text} (${verdict.note})`);
        }
      }
    }
    for (const annotation of claims.filter((candidate) => candidate.story === story)) {
      const carriers = Object.entries(annotation.sources).filter((entry): entry is [string, number[]] => entry[1] !== null);
      if (carriers.length < 2) continue;
      multiCarrier++;
      const together = map.claims.some((claim) =>
        carriers.every(([source, lines]) => Object.entries(claim.sources).some(([id, found]) => sourceKey(id, false) === source && found.some((line) => lines.includes(line)))),
      );
      if (together) oneRow++;
    }
    // Rows that put a source annotated as not carrying a claim beside a carrier of it (and beside two or more, a row saying the claim is shared).
    for (const annotation of claims.filter((candidate) => candidate.story === story)) {
      const entries = Object.entries(annotation.sources);
      const absent = new Set(entries.filter(([, lines]) => lines === null).map(([source]) => source));
      if (absent.size === 0) continue;
      for (const claim of map.claims) {
        const holds = (source: string, lines: number[]): boolean =>
          Object.entries(claim.sources).some(([id, found]) => sourceKey(id, false) === source && found.some((line) => lines.includes(line)));
        const carriersHeld = entries.filter((entry): entry is [string, number[]] => entry[1] !== null && holds(entry[0], entry[1])).length;
        if (carriersHeld === 0) continue;
        const intruders = Object.keys(claim.sources).map((id) => sourceKey(id, false)).filter((source) => absent.has(source));
        if (intruders.length === 0) continue;
        nonCarrierRows++;
        if (carriersHeld >= 2) {
          nonCarrierSharedRows++;
          intrudingRows.push(`  row holds non-carrier ${intruders.join(',')}: ${story.slice(0, 8)} claim ${claim.id} for "${annotation.claim.slice(0, 50)}"`);
        }
      }
    }
  }
  console.log(`claims map conflicts          precision ${ratio(mapTrue, mapTrue + mapFalse)} (${mapTrue} true, ${mapFalse} false, ${unjudged.length} not judged yet)`);
  console.log(`claims map rows               ${ratio(oneRow, multiCarrier)} of the claims with two or more carriers are one row (${oneRow} of ${multiCarrier})`);
  console.log(`claims map rows               ${nonCarrierRows} rows hold a carrier of a claim and a source annotated as not carrying it (${nonCarrierSharedRows} of them two or more carriers)`);
  const allFound = tally.conflictFound + mapTrue + mapFalse;
  console.log(`all conflicts shown           precision ${ratio(tally.conflictRight + mapTrue, allFound)} (typed claims and claims maps together)`);
  // The held-out set's errors are not shown, so nobody tunes on them; its conflicts still need judging.
  const shown = HELD_OUT.has(name) ? unjudged : [...tally.misses, ...falseOnes, ...intrudingRows, ...unjudged];
  for (const line of shown) console.log(line);
  if (HELD_OUT.has(name) && tally.misses.length + falseOnes.length > 0) console.log(`  (${tally.misses.length + falseOnes.length} errors of the held-out test set not listed)`);
  return tally;
}

/** The held-out sets measured together: each alone is small (20 and 38 claims). */
function printHeldOut(tallies: readonly Tally[]): void {
  const sum = (field: 'decisionsRight' | 'decisions' | 'conflictRight' | 'conflictFound' | 'conflictExpected'): number => tallies.reduce((total, tally) => total + tally[field], 0);
  console.log('\nCompare, TEST sets together');
  console.log(`carried / not reported        accuracy ${ratio(sum('decisionsRight'), sum('decisions'))} (${sum('decisionsRight')} of ${sum('decisions')} decisions)`);
  console.log(`conflicts (claim, kind)       precision ${ratio(sum('conflictRight'), sum('conflictFound'))}, recall ${ratio(sum('conflictRight'), sum('conflictExpected'))} (${sum('conflictRight')} right of ${sum('conflictFound')} found, ${sum('conflictExpected')} expected)`);
}

export async function evaluate(): Promise<void> {
  await evaluateBundled();
  const basil = path.join(corporaRoot, 'basil', 'texts');
  const ecbplus = path.join(corporaRoot, 'ecbplus', 'texts');
  if (!existsSync(basil) || !existsSync(ecbplus)) {
    console.log(`\nCompare, development and test sets: skipped (${corporaRoot}/{basil,ecbplus}/texts not found; set CROSSCHECK_CORPORA)`);
    return;
  }
  const comparers = new Map<string, ClaimComparer>([
    ['basil', new ClaimComparer(await loadCorpus(basil))],
    ['ecbplus', new ClaimComparer(await loadCorpus(ecbplus))],
  ]);
  const { conflicts: judged } = readJson<{ conflicts: Judged[] }>('conflicts.judged.json');
  // CROSSCHECK_EVAL_SETS=dev,dev2 measures only those sets (tuning never needs the test set's run).
  const chosen = process.env.CROSSCHECK_EVAL_SETS?.split(',');
  const heldOut: Tally[] = [];
  for (const name of ['dev', 'dev2', 'dev3', 'dev4', 'dev5', 'test', 'test2'] as const) {
    if (chosen && !chosen.includes(name)) continue;
    const tally = evaluateSet(name, comparers, judged);
    if (HELD_OUT.has(name)) heldOut.push(tally);
  }
  if (heldOut.length > 1) printHeldOut(heldOut);
}
