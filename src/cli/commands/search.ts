/** `crosscheck search QUERY`: ranked passages, one a line, or JSON. */
import { EXIT_FOUND, EXIT_NOTHING, UsageError, listOption, positiveIntegerOption, type Command } from '../command.js';
import { formatText, writeJson, writeLine } from '../output.js';

export const searchCommand: Command = {
  name: 'search',
  summary: 'fuzzy search over every passage',
  help: `Usage: crosscheck search QUERY [--limit N] [--source ID]... [--json] [--corpus DIR]

Fuzzy, typo-tolerant search over every passage, best first. Query syntax as in fzf:
  words      all must match (fuzzy)       'exact     exact substring
  ^prefix    passage starts with it       suffix$    passage ends with it
  !not       passage must not contain it  a | b      either a or b
  \\ (backslash space) keeps a space inside a term

Options:
  --limit N      at most N results (default 20)
  --source ID    only passages of this source (repeatable)
  --closest      when nothing holds every word of a query of four words or more (a pasted
                 sentence), list the closest passages: those holding most of its words, rarer
                 words weighing more ("closest, not all words"; the exit code stays 1)
  --json         {"query", "results": [{"source", "story", "line", "paragraph", "sentence",
                 "text", "score", "matches": [[start, end), ...], "titleOnly"}]}; score 0 is
                 perfect; with --closest also "closest": [{"source", "line", "text",
                 "coverage", "matches"}]
  --corpus DIR   the corpus folder (default: $CROSSCHECK_CORPUS or the bundled corpus)

Output: SOURCE:LINE: passage. A hit that matches only its document's title, not its own text, is
marked [title only] and listed after the hits whose text matches.
Exit 0 when something matched, 1 when nothing did.
Example: crosscheck search "'170,000 accounts"`,
  options: {
    limit: { type: 'string' },
    source: { type: 'string', multiple: true },
    closest: { type: 'boolean' },
  },
  async run({ positionals, values, style, loadCorpus, loadIndex }) {
    if (positionals.length === 0) throw new UsageError('search needs a QUERY (crosscheck search --help)');
    const query = positionals.join(' ');
    const limit = positiveIntegerOption(values, 'limit', 20);
    const sources = listOption(values, 'source');
    const corpus = await loadCorpus();
    const known = new Set(corpus.documents.map((document) => document.source));
    const unknown = sources.filter((source) => !known.has(source));
    if (unknown.length > 0) throw new UsageError(`no source ${unknown.join(', ')} in this corpus (crosscheck sources lists them)`);
    const index = await loadIndex();
    const hits = index.search(query, { limit, sources });
    const closest = hits.length === 0 && values.closest === true ? index.closest(query, { limit, sources }) : [];
    if (values.json) {
      writeJson({
        query,
        results: hits.map(({ passage, score, matches, titleOnly }) => ({
          source: passage.source,
          story: passage.story,
          line: passage.line,
          paragraph: passage.paragraph,
          sentence: passage.sentence,
          text: passage.text,
          score: Number(score.toFixed(6)),
          matches,
          titleOnly: titleOnly === true,
        })),
        ...(values.closest === true
          ? { closest: closest.map(({ passage, coverage, matches }) => ({ source: passage.source, line: passage.line, text: passage.text, coverage, matches })) }
          : {}),
      });
    } else {
      for (const { passage, matches, titleOnly } of hits) {
        const mark = titleOnly === true ? '[title only] ' : '';
        writeLine(`${formatText(passage.source, [], style)}:${passage.line}: ${mark}${formatText(passage.text, matches, style)}`);
      }
      if (closest.length > 0) writeLine('closest, not all words:');
      for (const { passage, matches, coverage } of closest) {
        writeLine(`${formatText(passage.source, [], style)}:${passage.line}: (${Math.round(coverage * 100)}%) ${formatText(passage.text, matches, style)}`);
      }
    }
    // Closest passages are suggestions, not matches: the exit code says nothing matched.
    return hits.length > 0 ? EXIT_FOUND : EXIT_NOTHING;
  },
};
