/** `crosscheck search QUERY`: ranked passages, one a line, or JSON. */
import { EXIT_FOUND, EXIT_NOTHING, UsageError, listOption, positiveIntegerOption, type Command } from '../command.js';
import { queryNotes } from '../../core/query.js';
import { formatText, writeJson, writeLine, writeNotes } from '../output.js';

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
  --json         {"query", "results": [{"source", "story", "line", "paragraph", "sentence",
                 "text", "score", "matches": [[start, end), ...]}]}; score 0 is perfect
  --corpus DIR   the corpus folder (default: $CROSSCHECK_CORPUS or the bundled corpus)

Output: SOURCE:LINE: passage. Exit 0 when something matched, 1 when nothing did.
Example: crosscheck search "'170,000 accounts"`,
  options: {
    limit: { type: 'string' },
    source: { type: 'string', multiple: true },
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
    const hits = (await loadIndex()).search(query, { limit, sources });
    writeNotes(queryNotes(query));
    if (values.json) {
      writeJson({
        query,
        results: hits.map(({ passage, score, matches }) => ({
          source: passage.source,
          story: passage.story,
          line: passage.line,
          paragraph: passage.paragraph,
          sentence: passage.sentence,
          text: passage.text,
          score: Number(score.toFixed(6)),
          matches,
        })),
      });
    } else {
      for (const { passage, matches } of hits) {
        writeLine(`${formatText(passage.source, [], style)}:${passage.line}: ${formatText(passage.text, matches, style)}`);
      }
    }
    return hits.length > 0 ? EXIT_FOUND : EXIT_NOTHING;
  },
};
