/** `crosscheck sources`: what the corpus holds, and every file it skipped or repaired. */
import { EXIT_FOUND, type Command } from '../command.js';
import { FORMAT_HELP, emit, quickfixLine, sourceFields } from '../formats.js';
import { formatText, writeLine } from '../output.js';
import { plural } from '../../core/presentation.js';

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
  --corpus PATH  the corpus (default: $CROSSCHECK_CORPUS or the bundled corpus)
  --db URL       list a PostgreSQL archive made by crosscheck index instead (default:
                 $CROSSCHECK_DB when --corpus is not given); it keeps no skipped files`,
  options: {},
  archive: 'lists',
  async run({ style, format, loadSearch }) {
    const catalog = await (await loadSearch()).catalog();
    const sources = catalog.documents.map((document) => ({
      ...sourceFields(document, document.source),
      story: document.story,
      lines: document.lines,
      passages: document.passages,
      words: document.words,
      warnings: document.warnings,
    }));
    const skipped = catalog.skipped.map(({ file, line, reason }) => ({ file, line: line ?? null, reason }));
    const passageCount = catalog.documents.reduce((sum, document) => sum + document.passages, 0);
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
        `${plural(sources.length, 'source')}, ${plural(passageCount, 'passage')}` +
          (catalog.stories.length > 0 ? `, ${plural(catalog.stories.length, 'story', 'stories')}` : '') +
          (skipped.length > 0 ? `, ${skipped.length} files or records skipped` : ''),
      );
    };
    emit(
      format,
      {
        json: { corpus: catalog.root, stories: catalog.stories, sources, skipped },
        rows: sources.map(({ warnings, ...row }) => ({ ...row, warnings: warnings.join('; ') })),
        quickfix: catalog.documents.flatMap((document) => quickfixLine(document, 1, document.title, style) ?? []),
        text,
      },
      style,
    );
    return EXIT_FOUND;
  },
};
