/**
 * Bounded work (issue 15): no input makes crosscheck crash, hang or eat memory. Work is counted
 * (passages scored, Bitap passes, carriers compared), never timed; `npm run stress` has the clocks.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildClaimsMap, MAX_CHECKED_MEMBERS, type ClaimsWork } from '../../src/core/compare/claims.js';
import { ClaimComparer } from '../../src/core/compare/compare.js';
import { loadCorpus } from '../../src/core/load.js';
import { PatternMasks, substringDistance } from '../../src/core/prefilter.js';
import { MAX_FUZZY_LENGTH, MAX_TERMS, parseBoundedQuery, parseQuery, queryNotes } from '../../src/core/query.js';
import { QuoteIndex } from '../../src/core/quotes/index.js';
import { PassageIndex } from '../../src/core/searchIndex.js';
import type { Corpus } from '../../src/core/types.js';
import { runCli } from '../helpers/cli.js';
import { BIN, temporaryCorpus } from '../helpers/corpus.js';
import { nonEmpty } from '../helpers/assertions.js';

/** A cache and home of the test's own, so running the program writes nothing elsewhere. */
function isolatedEnv(): { env: NodeJS.ProcessEnv; cleanup(): void } {
  const home = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-home-'));
  return { env: { HOME: home, XDG_CACHE_HOME: path.join(home, 'cache') }, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

/** About 1 MB of words without a full stop: one passage. */
function unpunctuated(): string {
  const words = ['alpha', 'banana', 'cat', 'data', 'gamma', 'area'];
  const parts: string[] = [];
  for (let length = 0, at = 0; length < 1_000_000; at++) {
    parts.push(words[at % words.length]!);
    length += parts[parts.length - 1]!.length + 1;
  }
  return parts.join(' ');
}

describe('a passage with very many matches (issue 15, case 6)', () => {
  let folder: { root: string; cleanup(): void };
  let index: PassageIndex;
  let corpus: Corpus;
  before(async () => {
    folder = temporaryCorpus({ 'unpunctuated.txt': unpunctuated(), 'calm.txt': 'Officials said the area was calm.\n' });
    corpus = await loadCorpus(folder.root);
    index = new PassageIndex(corpus);
  });
  after(() => folder.cleanup());

  it("finds 'a in a 1 MB passage without overflowing the stack, highlights bounded", () => {
    const huge = corpus.passages.find((passage) => passage.text.length > 900_000);
    assert.ok(huge, 'the unpunctuated file is one huge passage');
    const hits = index.search("'a", { limit: 20 });
    const hit = hits.find((candidate) => candidate.passage.id === huge.id);
    assert.ok(hit, 'the huge passage is found');
    assert.ok(hit.matches.length > 0 && hit.matches.length <= 1000, `${hit.matches.length} ranges`);
    assert.ok(nonEmpty(hit.matches).every(([start, end]) => huge.text.slice(start, end).toLowerCase().includes('a')));
    // Fuzzy terms too, and a passage of ordinary length keeps Fuse.js's own ranges.
    const fuzzy = index.search('area', { limit: 20 });
    assert.ok(fuzzy.some((candidate) => candidate.passage.id === huge.id));
    const calm = fuzzy.find((candidate) => candidate.passage.source === 'calm');
    assert.ok(calm && calm.matches.some(([start, end]) => calm.passage.text.slice(start, end) === 'area'));
  });

  it("the CLI answers it with exit 0 and no stack trace", () => {
    const isolated = isolatedEnv();
    try {
      // The hit prints the whole 1 MB passage: more than spawnSync's default buffer.
      const result = spawnSync(process.execPath, [BIN, 'search', "'a", '--json', '--limit', '3', '--corpus', folder.root], {
        encoding: 'utf8',
        env: { ...process.env, ...isolated.env },
        maxBuffer: 64 * 1024 * 1024,
      });
      assert.equal(result.status, 0, result.stderr.slice(0, 500));
      assert.doesNotMatch(result.stderr, /RangeError|at .*\.js:\d+/);
    } finally {
      isolated.cleanup();
    }
  });
});

describe('long tokens and many terms (issue 15, case 10)', () => {
  let folder: { root: string; cleanup(): void };
  let corpus: Corpus;
  const hash = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
  before(async () => {
    const words = 'oil price market shares bank rate dollar trade company profit quarter minister coffee cocoa wheat'.split(' ');
    const files: Record<string, string> = {};
    for (let file = 0; file < 150; file++) {
      const sentences: string[] = [];
      for (let sentence = 0; sentence < 20; sentence++) {
        const picked = Array.from({ length: 10 }, (_, at) => words[(file * 7 + sentence * 13 + at * 5) % words.length]!);
        const text = picked.join(' ');
        sentences.push(`${text[0]!.toUpperCase()}${text.slice(1)} ${file * 100 + sentence}.`);
      }
      if (file === 42) sentences.push(`The commit ${hash} fixed it.`);
      if (file === 43) sentences.push('The café opened.');
      files[`article-${file}.txt`] = `${sentences.join(' ')}\n`;
    }
    folder = temporaryCorpus(files);
    corpus = await loadCorpus(folder.root);
  });
  after(() => folder.cleanup());

  const hostile: Array<[string, string]> = [
    ['a 40-character hash', hash],
    ['64 x a', 'a'.repeat(64)],
    ['1,000 x a', 'a'.repeat(1000)],
    ['500 combining marks', `e${'\u0301'.repeat(500)}`],
  ];
  for (const [name, query] of hostile) {
    it(`${name}: a few passages scored, one Bitap pass each at most, and a note`, () => {
      assert.ok(corpus.passages.length > 2000, `${corpus.passages.length} passages`);
      const index = new PassageIndex(corpus);
      index.search(query, { limit: 20 });
      // Before: the prefilter gave up on fuzzy terms over 31 characters, and Fuse.js scored every
      // passage, one Bitap pass per 32-character chunk (1,000 letters: 32 passes each).
      assert.ok(index.work.scored < corpus.passages.length / 10, `${index.work.scored} of ${corpus.passages.length} scored`);
      assert.ok(index.work.bitapPasses <= index.work.scored, `${index.work.bitapPasses} passes`);
      assert.deepEqual(queryNotes(query), [`query cut: a term over ${MAX_FUZZY_LENGTH} characters matched as exact text`]);
    });
  }

  it('a long token is still found where it occurs exactly, ranked as an exact term', () => {
    const index = new PassageIndex(corpus);
    const hits = index.search(hash, { limit: 5 });
    assert.equal(hits.length, 1);
    assert.equal(hits[0]!.passage.source, 'article-42');
    assert.deepEqual(hits, index.search(`'${hash}`, { limit: 5 }));
  });

  it('a fuzzy term of exactly 32 characters stays fuzzy and bounded (Myers handles a full 32-bit word)', () => {
    const term = hash.slice(0, 31) + 'x';
    assert.equal(term.length, 32);
    assert.deepEqual(queryNotes(term), []);
    const index = new PassageIndex(corpus);
    const bounded = index.search(term, { limit: 5 });
    assert.ok(index.work.scored < corpus.passages.length / 10, `${index.work.scored} scored`);
    assert.equal(bounded[0]?.passage.source, 'article-42', 'one edit away from the hash');
    assert.deepEqual(bounded, index.search(term, { limit: 5, exhaustive: true }));
    const pattern = 'ab'.repeat(16);
    for (const text of ['ab'.repeat(20), 'ba'.repeat(16), 'abab', '', 'x'.repeat(40), `${'ab'.repeat(8)}c${'ab'.repeat(8)}`]) {
      assert.equal(substringDistance(new PatternMasks(pattern), text), referenceDistance(pattern, text), text);
    }
  });

  it('a query typed with combining marks matches the NFC corpus', () => {
    const index = new PassageIndex(corpus);
    assert.equal(index.search("'cafe\u0301", { limit: 5 })[0]?.passage.source, 'article-43');
  });

  it(`keeps the first ${MAX_TERMS} terms and says so; | joins only kept terms`, () => {
    const words = Array.from({ length: 200 }, (_, at) => `word${at}`);
    const parsed = parseBoundedQuery(words.join(' '));
    assert.equal(parsed.terms.length, MAX_TERMS);
    assert.deepEqual(parsed.notes, [`query cut: only the first ${MAX_TERMS} of 200 terms used`]);
    const joined = parseQuery(`${words.slice(0, MAX_TERMS + 1).join(' ')} | extra`);
    assert.equal(joined.length, MAX_TERMS);
    assert.ok(nonEmpty(joined).every((term) => term.length === 1), 'the dropped term took its alternative with it');
    const index = new PassageIndex(corpus);
    index.search(words.join(' '), { limit: 20 });
    assert.ok(index.work.scored < corpus.passages.length / 10);
  });

  it('the CLI prints the note on stderr in one line; exit codes unchanged', () => {
    const isolated = isolatedEnv();
    try {
      const found = runCli(['search', hash, '--corpus', folder.root], isolated.env);
      assert.equal(found.status, 0, found.stderr);
      assert.match(found.stdout, /article-42\.txt:1: /);
      assert.equal(found.stderr, `crosscheck: query cut: a term over ${MAX_FUZZY_LENGTH} characters matched as exact text\n`);
      const nothing = runCli(['search', 'a'.repeat(1000), '--corpus', folder.root], isolated.env);
      assert.equal(nothing.status, 1);
      assert.equal(nothing.stderr.trim().split('\n').length, 1);
      const plain = runCli(['search', 'cocoa', '--limit', '1', '--corpus', folder.root], isolated.env);
      assert.equal(plain.status, 0);
      assert.equal(plain.stderr, '');
    } finally {
      isolated.cleanup();
    }
  });
});

/** Textbook dynamic programme: fewest edits from `pattern` to any substring of `text`. */
function referenceDistance(pattern: string, text: string): number {
  let previous = new Array<number>(text.length + 1).fill(0);
  for (let i = 1; i <= pattern.length; i++) {
    const row = [i];
    for (let j = 1; j <= text.length; j++) row.push(Math.min(previous[j - 1]! + (pattern[i - 1] === text[j - 1] ? 0 : 1), previous[j]! + 1, row[j - 1]! + 1));
    previous = row;
  }
  return Math.min(...previous);
}

describe('the Quotes filter with a long token (issue 15, case 10)', () => {
  let folder: { root: string; cleanup(): void };
  let quotes: QuoteIndex;
  before(async () => {
    const files: Record<string, string> = {};
    for (let file = 0; file < 60; file++) {
      files[`wire-${file}.txt`] = `"We will cut prices by ${file} percent in the spring," said Maria Lopez.\n\n"Nothing was decided about plant number ${file}," the minister told reporters.\n`;
    }
    folder = temporaryCorpus(files);
    quotes = QuoteIndex.fromCorpus(await loadCorpus(folder.root));
  });
  after(() => folder.cleanup());

  it('10,000 x a costs at most one Bitap pass per group and term, and carries the note', () => {
    assert.ok(quotes.groups.length > 0);
    const query = 'a'.repeat(10_000);
    assert.deepEqual(quotes.search({ query, allKinds: true }), []);
    // Before: 313 passes per group (one per 32-character chunk).
    assert.equal(quotes.work.bitapPasses, 0, 'matched as exact text');
    assert.deepEqual(queryNotes(query), [`query cut: a term over ${MAX_FUZZY_LENGTH} characters matched as exact text`]);
    quotes.search({ query: 'prices spring' });
    assert.ok(quotes.work.bitapPasses <= 2 * quotes.groups.length);
  });

  it('crosscheck quotes prints the note on stderr, exit 1 when nothing matches', () => {
    const isolated = isolatedEnv();
    try {
      const result = runCli(['quotes', 'a'.repeat(10_000), '--corpus', folder.root], isolated.env);
      assert.equal(result.status, 1);
      assert.equal(result.stderr, `crosscheck: query cut: a term over ${MAX_FUZZY_LENGTH} characters matched as exact text\n`);
    } finally {
      isolated.cleanup();
    }
  });
});

describe('the claims map of many near-identical files (issue 15, case 12)', () => {
  let folder: { root: string; cleanup(): void };
  let corpus: Corpus;
  const FILES = 1500;
  before(async () => {
    const files: Record<string, string> = {};
    for (let file = 0; file < FILES; file++) {
      const name = file % 2 === 0 ? 'Maria Gonzalez' : 'Maria Gonzales';
      files[`note-${file}.txt`] =
        `The city council approved the harbour budget of ${100 + (file % 97)} million dollars on Monday, mayor ${name} said.\n\n` +
        `About ${1000 + (file % 89)} residents attended the meeting in the old town hall near the river.\n`;
    }
    folder = temporaryCorpus(files);
    corpus = await loadCorpus(folder.root);
  });
  after(() => folder.cleanup());

  it('compares facts only within claims of a bounded size, never every carrier with every other', () => {
    const work: ClaimsWork = { comparedCarriers: 0 };
    const map = buildClaimsMap(new ClaimComparer(corpus), null, work);
    const carriers = map.claims.reduce((sum, claim) => sum + Object.keys(claim.sources).length, 0);
    assert.ok(carriers >= FILES, 'every file carries a claim');
    // Before: every carrier of a claim against every other, 1500 x 1499 for a claim all files carry.
    assert.ok(work.comparedCarriers <= carriers * MAX_CHECKED_MEMBERS, `${work.comparedCarriers} comparisons for ${carriers} carriers`);
    // A claim wider than the bound is boilerplate to a map: no conflict is claimed for it rather than a guess.
    for (const claim of map.claims) {
      if (Object.keys(claim.sources).length > MAX_CHECKED_MEMBERS) assert.deepEqual(claim.conflicts, []);
    }
  });
});
