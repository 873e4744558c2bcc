/** `crosscheck search QUERY`: ranked passages, one a line, or JSON. */
import { EXIT_FOUND, EXIT_NOTHING, UsageError, listOption, positiveIntegerOption, stringOption, type Command } from '../command.js';
import { queryNotes } from '../../core/query.js';
import { FORMAT_HELP, emit, plainPrefix, quickfixLine, sourceFields } from '../formats.js';
import { formatText, writeLine, writeNotes } from '../output.js';
import { storyNamed } from '../storyOption.js';

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
  --closest      when nothing holds every word of a query of four words or more (a pasted
                 sentence), list the closest passages: those holding most of its words, rarer
                 words weighing more ("closest, not all words"; the exit code stays 1)
  ${FORMAT_HELP}
                 json: {"query", "results": [{"source", "label", "outlet", "title", "date", "url",
                 "path", "record", "story", "line", "paragraph", "sentence", "text", "score",
                 "matches": [[start, end), ...], "titleOnly"}]}; score 0 is perfect; with
                 --closest also "closest": [{"source", "label", "path", "line", "text",
                 "coverage", "matches"}]
  --corpus PATH  the corpus (default: $CROSSCHECK_CORPUS or the bundled corpus)
  --db URL       search a PostgreSQL archive made by crosscheck index instead (default:
                 $CROSSCHECK_DB when --corpus is not given); the same results and output

Output: PATH:LINE: [LABEL] passage (PATH#RECORD:LINE for a record of a .jsonl or .csv file). A
hit that matches only its document's title, not its own text, is marked [title only] and listed
after the hits whose text matches.
Exit 0 when something matched, 1 when nothing did.
Example: crosscheck search "'170,000 accounts"`,
  options: {
    limit: { type: 'string' },
    source: { type: 'string', multiple: true },
    story: { type: 'string' },
    closest: { type: 'boolean' },
  },
  archive: 'lists',
  async run({ positionals, values, style, format, loadSearch }) {
    if (positionals.length === 0) throw new UsageError('search needs a QUERY (crosscheck search --help)');
    const query = positionals.join(' ');
    const limit = positiveIntegerOption(values, 'limit', 20);
    const service = await loadSearch();
    if (values.closest === true && !service.closest) throw new UsageError('--closest is not available with --db: it weighs words over the whole corpus, which the archive does not hold in memory');
    const { ids: sources, unknown } = await service.sourceIds(listOption(values, 'source'));
    if (unknown.length > 0) throw new UsageError(`no source ${unknown.join(', ')} in this corpus (crosscheck sources lists them)`);
    const story = storyNamed(await service.stories(), stringOption(values, 'story'));
    const storySources = story === undefined ? [] : await service.storySources(story);
    const only = sources.length > 0 && story !== undefined ? sources.filter((source) => storySources.includes(source)) : sources.length > 0 ? sources : storySources;
    if (only.length === 0 && (sources.length > 0 || story !== undefined)) return EXIT_NOTHING;
    const { hits, documents: hitDocuments } = await service.search(query, { limit, sources: only });
    writeNotes(queryNotes(query));
    const nearest = hits.length === 0 && values.closest === true && service.closest ? await service.closest(query, { limit, sources: only }) : null;
    const closest = nearest?.hits ?? [];
    const documents = nearest ? new Map([...hitDocuments, ...nearest.documents]) : hitDocuments;
    const results = hits.map(({ passage, score, matches, titleOnly }) => ({
      ...sourceFields(documents.get(passage.source), passage.source),
      story: passage.story,
      line: passage.line,
      paragraph: passage.paragraph,
      sentence: passage.sentence,
      text: passage.text,
      score: Number(score.toFixed(6)),
      matches,
      titleOnly: titleOnly === true,
    }));
    const closestResults = closest.map(({ passage, coverage, matches }) => ({
      ...sourceFields(documents.get(passage.source), passage.source),
      line: passage.line,
      text: passage.text,
      coverage,
      matches,
    }));
    emit(
      format,
      {
        json: { query, results, ...(values.closest === true ? { closest: closestResults } : {}) },
        rows: [...results, ...closestResults.map((row) => ({ ...row, closest: true }))].map(({ matches, ...row }) => ({ ...row, matches: JSON.stringify(matches) })),
        quickfix: [...hits, ...closest].flatMap(({ passage }) => quickfixLine(documents.get(passage.source), passage.line, passage.text, style) ?? []),
        text: () => {
          for (const { passage, matches, titleOnly } of hits) {
            const mark = titleOnly === true ? '[title only] ' : '';
            writeLine(`${plainPrefix(documents.get(passage.source), passage.source, passage.line, style)}${mark}${formatText(passage.text, matches, style)}`);
          }
          if (closest.length > 0) writeLine('closest, not all words:');
          for (const { passage, matches, coverage } of closest) {
            writeLine(`${plainPrefix(documents.get(passage.source), passage.source, passage.line, style)}(${Math.round(coverage * 100)}%) ${formatText(passage.text, matches, style)}`);
          }
        },
      },
      style,
    );
    // Closest passages are suggestions, not matches: the exit code says nothing matched.
    return hits.length > 0 ? EXIT_FOUND : EXIT_NOTHING;
  },
};
