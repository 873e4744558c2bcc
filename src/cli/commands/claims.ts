/** `crosscheck claims`: the claims of a story, and which sources carry each. */
import { describeConflict } from '../../core/presentation.js';
import { EXIT_FOUND, EXIT_NOTHING, UsageError, positiveIntegerOption, stringOption, type Command } from '../command.js';
import { FORMAT_HELP, emit, plainPrefix, quickfixLine, sourceFields } from '../formats.js';
import { formatText, writeLine } from '../output.js';
import { storyOption } from '../storyOption.js';

export const claimsCommand: Command = {
  name: 'claims',
  summary: 'the claims map: every claim of a story and the sources carrying it',
  help: `Usage: crosscheck claims [--story ID] [--min-sources N] [--format F] [--corpus PATH]

Clusters every passage of the story into claims, most widely carried first, and flags facts
on which the carrying sources disagree. Claims only one source makes are its blind spots for
the others: list them with --min-sources 1 (the default).

Options:
  --story ID        the story; required when the corpus has stories (crosscheck stories)
  --min-sources N   only claims carried by at least N sources (default 1)
  ${FORMAT_HELP}
                    json: {"story", "sources": [...], "labels": {SOURCE: LABEL}, "claims": [{"id",
                    "summary", "sources": {SOURCE: [lines]}, "conflicts": [{"kind", "value",
                    "others", "source", "holders": [{"value", "sources"}], "majority",
                    "besideLines" (true when stated beside the lines, in the sentence before)}]}]}
  --corpus PATH     the corpus (default: $CROSSCHECK_CORPUS or the bundled corpus)
  --db URL          one story (--story) of a PostgreSQL archive made by crosscheck index,
                    analysed as a corpus of its own (default: $CROSSCHECK_DB without --corpus)

Exit 0 when some claim qualifies, 1 when none does.`,
  archive: 'story',
  options: {
    story: { type: 'string' },
    'min-sources': { type: 'string' },
  },
  async run({ values, style, format, loadWorkspace }) {
    const minSources = positiveIntegerOption(values, 'min-sources', 1);
    const workspace = await loadWorkspace();
    const corpus = workspace.corpus;
    const story = storyOption(corpus, stringOption(values, 'story'));
    if (story === undefined && corpus.stories.length > 0) {
      throw new UsageError(`this corpus has ${corpus.stories.length} stories; name one with --story (e.g. ${corpus.stories[0]}; crosscheck stories lists them)`);
    }
    const documents = new Map(corpus.documents.map((document) => [document.source, document]));
    const labelOf = (source: string): string => documents.get(source)?.label ?? source;
    const map = workspace.claimsMap(story ?? null).now();
    const claims = map.claims.filter((claim) => Object.keys(claim.sources).length >= minSources);
    emit(
      format,
      {
        json: {
          story: map.story,
          sources: map.sources,
          labels: Object.fromEntries(map.sources.map((source) => [source, labelOf(source)])),
          claims: claims.map(({ id, summary, sources, conflicts }) => ({ id, summary, sources, conflicts })),
        },
        rows: claims.flatMap((claim) =>
          Object.entries(claim.sources).map(([source, lines]) => ({
            claim: claim.id,
            summary: claim.summary,
            carriers: Object.keys(claim.sources).length,
            ...sourceFields(documents.get(source), source),
            lines: lines.join(','),
            conflicts: claim.conflicts.filter((conflict) => conflict.source === source).map(describeConflict).join('; '),
          })),
        ),
        quickfix: claims.flatMap((claim) =>
          Object.entries(claim.sources).flatMap(([source, lines]) => quickfixLine(documents.get(source), lines[0] ?? 1, `claim ${claim.id}: ${claim.summary}`, style) ?? []),
        ),
        text: () => {
          for (const claim of claims) {
            const carriers = Object.entries(claim.sources).map(([source, lines]) => plainPrefix(documents.get(source), source, lines[0] ?? 1, style, lines.join(',')).replace(/: $/, '').trimEnd());
            writeLine(`${claim.id}. [${carriers.length}/${map.sources.length}] ${formatText(claim.summary, [], style)}`);
            for (const carrier of carriers) writeLine(`   ${carrier}`);
            for (const conflict of claim.conflicts) writeLine(`   ! ${formatText(`${conflict.source === undefined ? '' : `${labelOf(conflict.source)} `}${describeConflict(conflict)}`, [], style)}`);
          }
        },
      },
      style,
    );
    return claims.length > 0 ? EXIT_FOUND : EXIT_NOTHING;
  },
};
