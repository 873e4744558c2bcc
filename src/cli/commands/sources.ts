/** `crosscheck sources`: what the corpus holds, and every file it skipped or repaired. */
import { EXIT_FOUND, type Command } from '../command.js';
import { FORMAT_HELP, emit, quickfixLine, sourceFields } from '../formats.js';
import { formatText, writeLine } from '../output.js';

export const sourcesCommand: Command = {
  name: 'sources',
  summary: 'list the corpus: sources, titles, sizes, warnings',
  help: `Usage: crosscheck sources [--format F] [--corpus PATH]

Lists every loaded source with its label, outlet, date, title, lines, passages and words, then
every file or record that was skipped or repaired and why.

Options:
  ${FORMAT_HELP}
                 json: {"corpus", "stories", "sources": [{"source", "label", "outlet", "title",
                 "date", "url", "path", "record", "story", "lines", "passages", "words",
                 "warnings": [...]}], "skipped": [{"file", "line", "reason"}]}
                 (line: where a skipped record starts in its file)
  --corpus PATH  the corpus (default: $CROSSCHECK_CORPUS or the bundled corpus)`,
  options: {},
  async run({ style, format, loadCorpus }) {
    const corpus = await loadCorpus();
    const passageCounts = new Map<string, number>();
    for (const passage of corpus.passages) passageCounts.set(passage.source, (passageCounts.get(passage.source) ?? 0) + 1);
    const sources = corpus.documents.map((document) => ({
      ...sourceFields(document, document.source),
      story: document.story,
      lines: document.lines,
      passages: passageCounts.get(document.source) ?? 0,
      words: document.words,
      warnings: document.warnings,
    }));
    const skipped = corpus.warnings.filter((warning) => warning.skipped).map(({ file, line, reason }) => ({ file, line: line ?? null, reason }));
    const safe = (text: string): string => formatText(text, [], style);
    const text = (): void => {
      for (const source of sources) {
        const label = source.label === source.source ? '' : `  ${safe(source.label)}`;
        writeLine(`${safe(source.source)}${label}  ${source.lines} lines, ${source.passages} passages, ${source.words} words`);
        writeLine(`    ${safe(source.title ?? '')}`);
        for (const warning of source.warnings) writeLine(`    warning: ${safe(warning)}`);
      }
      for (const warning of skipped) writeLine(`skipped ${safe(warning.file)}${warning.line === null ? '' : `:${warning.line}`}: ${safe(warning.reason)}`);
      writeLine(
        `${sources.length} sources, ${corpus.passages.length} passages` +
          (corpus.stories.length > 0 ? `, ${corpus.stories.length} stories` : '') +
          (skipped.length > 0 ? `, ${skipped.length} files or records skipped` : ''),
      );
    };
    emit(
      format,
      {
        json: { corpus: corpus.root, stories: corpus.stories, sources, skipped },
        rows: sources.map(({ warnings, ...row }) => ({ ...row, warnings: warnings.join('; ') })),
        quickfix: corpus.documents.flatMap((document) => quickfixLine(document, 1, document.title, style) ?? []),
        text,
      },
      style,
    );
    return EXIT_FOUND;
  },
};
