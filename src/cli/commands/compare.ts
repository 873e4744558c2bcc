/** `crosscheck compare CLAIM`: how every source of the story states a claim, and what differs. */
import { describeConflict, notReported, plural } from '../../core/presentation.js';
import { chronology } from '../../core/stories.js';
import { EXIT_FOUND, EXIT_NOTHING, UsageError, stringOption, type Command } from '../command.js';
import { FORMAT_HELP, emit, plainPrefix, quickfixLine, sourceFields } from '../formats.js';
import { formatText, writeLine } from '../output.js';
import { storyOption } from '../storyOption.js';

export const compareCommand: Command = {
  name: 'compare',
  summary: 'one claim across every source: who carries it, what differs',
  help: `Usage: crosscheck compare CLAIM [--story ID] [--reference SOURCE] [--format F] [--corpus PATH]

Finds, in every source of the story, the passage (or two adjacent ones) that states CLAIM,
or reports that the source does not carry it. Facts (numbers with their qualifiers, weekdays,
dates, names, quoted labels) are compared across the carrying sources, only where they fill the
same slot and cannot both be true; each conflict names who holds each value and the majority.
Each version is diffed word by word against the reference source. Carrying sources are listed
by date when their dates are known, the earliest marked.

Options:
  --story ID          the story to compare within (default: the story of the passage closest
                      to CLAIM; the whole corpus when it has no stories)
  --reference SOURCE  the source the others are diffed against (default: the closest)
  ${FORMAT_HELP}
                      json: {"claim", "story", "reference", "sources": [{"source", "label", "outlet",
                      "title", "date", "url", "path", "record", "carried", "earliest", "passages":
                      [{"line", "text"}], "similarity", "unmet" (why a near passage of a source
                      not carrying it does not count: "does not name X", "gives no figure for
                      $5", "has it only as planned, expected or possible"), "facts": [{"kind",
                      "text"}], "conflicts":
                      [{"kind", "value", "others", "holders": [{"value", "sources"}],
                      "majority", "besideLines" (true when stated beside the lines shown)}],
                      "diff": [{"kind", "text"}]}]}
  --corpus PATH       the corpus (default: $CROSSCHECK_CORPUS or the bundled corpus)
  --db URL            one story (--story) of a PostgreSQL archive made by crosscheck index,
                      analysed as a corpus of its own (default: $CROSSCHECK_DB without --corpus)

Exit 0 when some source carries the claim, 1 when none does.
Example: crosscheck compare "Twitter removed more than 170,000 accounts"`,
  archive: 'story',
  options: {
    story: { type: 'string' },
    reference: { type: 'string' },
  },
  async run({ positionals, values, style, format, loadWorkspace }) {
    const claim = positionals.join(' ').trim();
    if (claim === '') throw new UsageError('compare needs a CLAIM (crosscheck compare --help)');
    const workspace = await loadWorkspace();
    const corpus = workspace.corpus;
    const story = storyOption(corpus, stringOption(values, 'story'));
    const documents = new Map(corpus.documents.map((document) => [document.source, document]));
    const named = stringOption(values, 'reference');
    const reference = named === undefined || documents.has(named) ? named : corpus.documents.find((document) => document.label === named)?.source;
    if (named !== undefined && reference === undefined) {
      throw new UsageError(`no source ${named} in this corpus (crosscheck sources lists them)`);
    }
    const comparison = workspace.comparer().now().compare(claim, { ...(story !== undefined ? { story } : {}), ...(reference ? { reference } : {}) });
    const carried = comparison.sources.filter((version) => version.carried).length;
    const { ordered, earliest } = chronology(comparison.sources, (source) => documents.get(source)?.day ?? null);
    const versions = ordered.map((version) => ({
      ...sourceFields(documents.get(version.source), version.source),
      carried: version.carried,
      earliest: earliest.has(version.source),
      passages: version.passages.map((passage) => ({ line: passage.line, text: passage.text })),
      similarity: version.similarity,
      ...(version.unmet !== undefined ? { unmet: version.unmet } : {}),
      facts: version.facts.map((fact) => ({ kind: fact.kind, text: fact.text })),
      conflicts: version.conflicts,
      diff: version.diff,
    }));
    const text = (): void => {
      writeLine(`Claim: ${formatText(claim, [], style)}`);
      const where = comparison.story === null ? '' : `story ${formatText(comparison.story, [], style)}, `;
      const referenceLabel = comparison.reference === null ? 'none' : formatText(documents.get(comparison.reference)?.label ?? comparison.reference, [], style);
      writeLine(`${where}${carried} of ${comparison.sources.length} sources carry it${earliest.size > 0 ? ', by date' : ''}; reference ${referenceLabel}`);
      for (const version of ordered) {
        const document = documents.get(version.source);
        const percent = `${Math.round(version.similarity * 100)}%`;
        if (!version.carried) {
          writeLine(`${formatText(document?.label ?? version.source, [], style)}  ${formatText(notReported(version.similarity, version.unmet), [], style)}`);
          continue;
        }
        // Two sentences of one line are one citation (not 14,14).
        const lines = [...new Set(version.passages.map((passage) => passage.line))].join(',');
        const role = [version.source === comparison.reference ? 'reference' : plural(version.conflicts.length, 'conflict'), ...(earliest.has(version.source) ? ['earliest'] : []), ...(document?.date ? [formatText(document.date, [], style)] : [])].join(', ');
        writeLine(`${plainPrefix(document, version.source, version.passages[0]?.line ?? 1, style, lines)}${percent}  ${role}`);
        writeLine(`  ${formatText(version.text, [], style)}`);
        for (const conflict of version.conflicts) writeLine(`  ! ${formatText(describeConflict(conflict), [], style)}`);
      }
    };
    emit(
      format,
      {
        json: { claim: comparison.claim, story: comparison.story, reference: comparison.reference, sources: versions },
        rows: ordered.map((version, index) => {
          const { passages, facts, conflicts, diff, ...row } = versions[index]!;
          return { ...row, lines: [...new Set(passages.map((passage) => passage.line))].join(','), text: version.text, conflicts: conflicts.map(describeConflict).join('; '), facts: facts.map((fact) => fact.text).join('; '), diffParts: diff.length };
        }),
        quickfix: ordered.flatMap((version) => (version.carried ? (quickfixLine(documents.get(version.source), version.passages[0]?.line ?? 1, version.text, style) ?? []) : [])),
        text,
      },
      style,
    );
    return carried > 0 ? EXIT_FOUND : EXIT_NOTHING;
  },
};
