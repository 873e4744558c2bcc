/** `crosscheck sources`: what the corpus holds, and every file it skipped or repaired. */
import { EXIT_FOUND, type Command } from '../command.js';
import { formatText, writeJson, writeLine } from '../output.js';

export const sourcesCommand: Command = {
  name: 'sources',
  summary: 'list the corpus: sources, titles, sizes, warnings',
  help: `Usage: crosscheck sources [--json] [--corpus DIR]

Lists every loaded source with its title, lines, passages and words, then every file that
was skipped or repaired and why.

Options:
  --json         {"corpus", "stories", "sources": [{"source", "story", "title", "lines", "passages",
                 "words", "warnings": [...]}], "skipped": [{"file", "reason"}]}
  --corpus DIR   the corpus folder (default: $CROSSCHECK_CORPUS or the bundled corpus)`,
  options: {},
  async run({ values, style, loadCorpus }) {
    const corpus = await loadCorpus();
    const passageCounts = new Map<string, number>();
    for (const passage of corpus.passages) passageCounts.set(passage.source, (passageCounts.get(passage.source) ?? 0) + 1);
    const sources = corpus.documents.map((document) => ({
      source: document.source,
      story: document.story,
      title: document.title,
      lines: document.lines,
      passages: passageCounts.get(document.source) ?? 0,
      words: document.words,
      warnings: document.warnings,
    }));
    const skipped = corpus.warnings.filter((warning) => warning.skipped).map(({ file, reason }) => ({ file, reason }));
    if (values.json) {
      writeJson({ corpus: corpus.root, stories: corpus.stories, sources, skipped });
      return EXIT_FOUND;
    }
    const safe = (text: string): string => formatText(text, [], style);
    for (const source of sources) {
      writeLine(`${safe(source.source)}  ${source.lines} lines, ${source.passages} passages, ${source.words} words`);
      writeLine(`    ${safe(source.title)}`);
      for (const warning of source.warnings) writeLine(`    warning: ${safe(warning)}`);
    }
    for (const warning of skipped) writeLine(`skipped ${safe(warning.file)}: ${safe(warning.reason)}`);
    writeLine(
      `${sources.length} sources, ${corpus.passages.length} passages` +
        (corpus.stories.length > 0 ? `, ${corpus.stories.length} stories` : '') +
        (skipped.length > 0 ? `, ${skipped.length} files skipped` : ''),
    );
    return EXIT_FOUND;
  },
};
