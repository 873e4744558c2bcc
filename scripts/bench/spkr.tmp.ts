import { loadCorpus } from '../../src/core/load.js';
import { extractQuotes } from '../../src/core/quotes/extract.js';
import { writeFileSync } from 'node:fs';
const out: string[] = [];
for (const root of ['/work/shared/corpora/reuters21578/texts']) {
  const corpus = await loadCorpus(root);
  for (const d of corpus.documents) for (const q of extractQuotes({ source: d.source, story: d.story, text: d.text })) out.push(`${d.source}\t${q.speaker}\t${q.text.slice(0, 60)}`);
}
writeFileSync(process.argv[2]!, out.join('\n'));
