/** `crosscheck search QUERY`: ranked passages, one a line, or JSON. */
import { EXIT_FOUND, EXIT_NOTHING, UsageError, listOption, positiveIntegerOption, stringOption, type Command } from '../command.js';
import { queryNotes } from '../../core/query.js';
import { FORMAT_HELP, emit, plainPrefix, quickfixLine, sourceFields } from '../formats.js';
import { formatText, writeLine, writeNotes } from '../output.js';
import { storyOption } from './compare.js';

export const searchCommand: Command = {
  name: 'search',
  summary: 'fuzzy search over every passage',
  help: `Usage: crosscheck search QUERY [--limit N] [--source ID]... [--story ID] [--format F] [--corpus PATH]

Fuzzy, typo-tolerant search over every passage, best first. Query syntax as in fzf:
  words      all must match (fuzzy)       'exact     exact substring
  ^prefix    passage starts with it       suffix$    passage ends with it
  !not       passage must not contain it  a | b      either a or b
  \\ (backslash space) keeps a space inside a term

Options:
  --limit N      at most N results (default 20)
  --source ID    only passages of this source (repeatable; an id or a label)
  --story ID     only passages of this story (crosscheck stories lists them)
  ${FORMAT_HELP}
                 json: {"query", "results": [{"source", "label", "outlet", "title", "date", "url",
                 "path", "record", "story", "line", "paragraph", "sentence", "text", "score",
                 "matches": [[start, end), ...]}]}; score 0 is perfect
  --corpus PATH  the corpus (default: $CROSSCHECK_CORPUS or the bundled corpus)

Output: PATH:LINE: [LABEL] passage (PATH#RECORD:LINE for a record of a .jsonl or .csv file).
Exit 0 when something matched, 1 when nothing did.
Example: crosscheck search "'170,000 accounts"`,
  options: {
    limit: { type: 'string' },
    source: { type: 'string', multiple: true },
    story: { type: 'string' },
  },
  async run({ positionals, values, style, format, loadCorpus, loadIndex }) {
    if (positionals.length === 0) throw new UsageError('search needs a QUERY (crosscheck search --help)');
    const query = positionals.join(' ');
    const limit = positiveIntegerOption(values, 'limit', 20);
    const corpus = await loadCorpus();
    const documents = new Map(corpus.documents.map((document) => [document.source, document]));
    const byLabel = new Map(corpus.documents.map((document) => [document.label, document.source]));
    const sources = listOption(values, 'source').map((source) => (documents.has(source) ? source : (byLabel.get(source) ?? source)));
    const unknown = sources.filter((source) => !documents.has(source));
    if (unknown.length > 0) throw new UsageError(`no source ${unknown.join(', ')} in this corpus (crosscheck sources lists them)`);
    const story = storyOption(corpus, stringOption(values, 'story'));
    const storySources = story === undefined ? [] : corpus.documents.filter((document) => document.story === story).map((document) => document.source);
    const only = sources.length > 0 && story !== undefined ? sources.filter((source) => storySources.includes(source)) : sources.length > 0 ? sources : storySources;
    if (only.length === 0 && (sources.length > 0 || story !== undefined)) return EXIT_NOTHING;
    const hits = (await loadIndex()).search(query, { limit, sources: only });
    writeNotes(queryNotes(query));
    const results = hits.map(({ passage, score, matches }) => ({
      ...sourceFields(documents.get(passage.source), passage.source),
      story: passage.story,
      line: passage.line,
      paragraph: passage.paragraph,
      sentence: passage.sentence,
      text: passage.text,
      score: Number(score.toFixed(6)),
      matches,
    }));
    emit(
      format,
      {
        json: { query, results },
        rows: results.map(({ matches, ...row }) => ({ ...row, matches: JSON.stringify(matches) })),
        quickfix: hits.flatMap(({ passage }) => quickfixLine(documents.get(passage.source), passage.line, passage.text, style) ?? []),
        text: () => {
          for (const { passage, matches } of hits) {
            writeLine(`${plainPrefix(documents.get(passage.source), passage.source, passage.line, style)}${formatText(passage.text, matches, style)}`);
          }
        },
      },
      style,
    );
    return hits.length > 0 ? EXIT_FOUND : EXIT_NOTHING;
  },
};
