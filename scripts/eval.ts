/**
 * `npm run eval`: measured quality of the engines against hand annotations of the bundled corpus
 * (precision and recall, not pass/fail). Each module in scripts/eval/ exports `evaluate()`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface EvalModule {
  evaluate(): Promise<void>;
}

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'eval');
// CROSSCHECK_EVAL_ONLY=compare runs one module (scripts/eval/compare.ts).
const only = process.env.CROSSCHECK_EVAL_ONLY;
const modules = readdirSync(folder)
  .filter((name) => name.endsWith('.ts') && (only === undefined || name === `${only}.ts`))
  .sort();
if (modules.length === 0) {
  console.error('no evaluations found in scripts/eval/');
  process.exit(1);
}
for (const name of modules) {
  const module = (await import(pathToFileURL(path.join(folder, name)).href)) as EvalModule;
  await module.evaluate();
}
