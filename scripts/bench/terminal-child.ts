/**
 * One pseudo-terminal run of the real program, in a process of its own, printed as JSON.
 * The benchmark's own process holds a large corpus and collects its garbage on the same two
 * cores: measured from there, the program's start looked half a second slower than a user sees.
 *
 *   node --import tsx scripts/bench/terminal-child.ts CORPUS_FOLDER
 */
import { QUERIES } from './queries.js';
import { measureKeystrokes } from './keystrokes.js';

const corpus = process.argv[2];
if (!corpus) {
  process.stderr.write('usage: terminal-child.ts CORPUS_FOLDER\n');
  process.exit(2);
}
const run = await measureKeystrokes(corpus, QUERIES);
process.stdout.write(`${JSON.stringify(run)}\n`);
