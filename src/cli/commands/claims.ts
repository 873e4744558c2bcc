/** `crosscheck claims`: the claims of a story, and which sources carry each. */
import { buildClaimsMap } from '../../core/compare/claims.js';
import { ClaimComparer } from '../../core/compare/compare.js';
import { EXIT_FOUND, EXIT_NOTHING, UsageError, positiveIntegerOption, stringOption, type Command } from '../command.js';
import { formatText, writeJson, writeLine } from '../output.js';
import { describeConflict, storyOption } from './compare.js';

export const claimsCommand: Command = {
  name: 'claims',
  summary: 'the claims map: every claim of a story and the sources carrying it',
  help: `Usage: crosscheck claims [--story NAME] [--min-sources N] [--json] [--corpus DIR]

Clusters every passage of the story into claims, most widely carried first, and flags facts
on which the carrying sources disagree. Claims only one source makes are its blind spots for
the others: list them with --min-sources 1 (the default).

Options:
  --story NAME      the story (sub-folder); required when the corpus has stories
  --min-sources N   only claims carried by at least N sources (default 1)
  --json            {"story", "sources": [...], "claims": [{"id", "summary", "sources":
                    {SOURCE: [lines]}, "conflicts": [{"kind", "value", "others", "source",
                    "holders": [{"value", "sources"}], "majority"}]}]}
  --corpus DIR      the corpus folder (default: $CROSSCHECK_CORPUS or the bundled corpus)

Exit 0 when some claim qualifies, 1 when none does.`,
  options: {
    story: { type: 'string' },
    'min-sources': { type: 'string' },
  },
  async run({ values, style, loadCorpus }) {
    const minSources = positiveIntegerOption(values, 'min-sources', 1);
    const corpus = await loadCorpus();
    const story = storyOption(corpus, stringOption(values, 'story'));
    if (story === undefined && corpus.stories.length > 0) {
      throw new UsageError(`this corpus has ${corpus.stories.length} stories; name one with --story (e.g. ${corpus.stories[0]})`);
    }
    const map = buildClaimsMap(new ClaimComparer(corpus), story ?? null);
    const claims = map.claims.filter((claim) => Object.keys(claim.sources).length >= minSources);
    if (values.json) {
      writeJson({ story: map.story, sources: map.sources, claims: claims.map(({ id, summary, sources, conflicts }) => ({ id, summary, sources, conflicts })) });
      return claims.length > 0 ? EXIT_FOUND : EXIT_NOTHING;
    }
    for (const claim of claims) {
      const carriers = Object.entries(claim.sources).map(([source, lines]) => `${source}:${lines.join(',')}`);
      writeLine(`${claim.id}. [${carriers.length}/${map.sources.length}] ${formatText(claim.summary, [], style)}`);
      writeLine(`   ${formatText(carriers.join('  '), [], style)}`);
      for (const conflict of claim.conflicts) writeLine(`   ! ${formatText(`${conflict.source ?? ''} ${describeConflict(conflict)}`, [], style)}`);
    }
    return claims.length > 0 ? EXIT_FOUND : EXIT_NOTHING;
  },
};
