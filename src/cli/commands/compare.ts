/** `crosscheck compare CLAIM`: how every source of the story states a claim, and what differs. */
import { ClaimComparer } from '../../core/compare/compare.js';
import type { Conflict } from '../../core/compare/types.js';
import type { Corpus } from '../../core/types.js';
import { EXIT_FOUND, EXIT_NOTHING, UsageError, stringOption, type Command } from '../command.js';
import { formatText, writeJson, writeLine } from '../output.js';

/** --story NAME, checked against the corpus: undefined when not given. */
export function storyOption(corpus: Corpus, name: string | undefined): string | null | undefined {
  if (name === undefined) return undefined;
  if (!corpus.stories.includes(name)) {
    const known = corpus.stories.length === 0 ? 'this corpus has no stories (sub-folders)' : `stories: ${corpus.stories.slice(0, 8).join(', ')}${corpus.stories.length > 8 ? ', ...' : ''}`;
    throw new UsageError(`no story "${name}"; ${known}`);
  }
  return name;
}

/** "weekday: Friday (others: Thursday) [Thursday: 000, 001 (majority); Friday: 002]": the value, and who holds each. */
export function describeConflict(conflict: Conflict): string {
  const holders = (conflict.holders ?? [])
    .map((holder) => `${holder.value}: ${holder.sources.join(', ')}${holder.value === conflict.majority ? ' (majority)' : ''}`)
    .join('; ');
  return `${conflict.kind}: ${conflict.value} (others: ${conflict.others.join(', ')})${holders ? ` [${holders}]` : ''}`;
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'one claim across every source: who carries it, what differs',
  help: `Usage: crosscheck compare CLAIM [--story NAME] [--reference SOURCE] [--json] [--corpus DIR]

Finds, in every source of the story, the passage (or two adjacent ones) that states CLAIM,
or reports that the source does not carry it. Facts (numbers with their qualifiers, weekdays,
dates, names, quoted labels) are compared across the carrying sources, only where they fill the
same slot and cannot both be true; each conflict names who holds each value and the majority.
Each version is diffed word by word against the reference source.

Options:
  --story NAME        the story (sub-folder) to compare within (default: the story of the
                      passage closest to CLAIM; the whole corpus when it has no sub-folders)
  --reference SOURCE  the source the others are diffed against (default: the closest)
  --json              {"claim", "story", "reference", "sources": [{"source", "carried", "passages":
                      [{"line", "text"}], "similarity", "facts": [{"kind", "text"}], "conflicts":
                      [{"kind", "value", "others", "holders": [{"value", "sources"}],
                      "majority"}], "diff": [{"kind", "text"}]}]}
  --corpus DIR        the corpus folder (default: $CROSSCHECK_CORPUS or the bundled corpus)

Exit 0 when some source carries the claim, 1 when none does.
Example: crosscheck compare "Twitter removed more than 170,000 accounts"`,
  options: {
    story: { type: 'string' },
    reference: { type: 'string' },
  },
  async run({ positionals, values, style, loadCorpus }) {
    const claim = positionals.join(' ').trim();
    if (claim === '') throw new UsageError('compare needs a CLAIM (crosscheck compare --help)');
    const corpus = await loadCorpus();
    const story = storyOption(corpus, stringOption(values, 'story'));
    const reference = stringOption(values, 'reference');
    if (reference !== undefined && !corpus.documents.some((document) => document.source === reference)) {
      throw new UsageError(`no source ${reference} in this corpus (crosscheck sources lists them)`);
    }
    const comparison = new ClaimComparer(corpus).compare(claim, { ...(story !== undefined ? { story } : {}), ...(reference ? { reference } : {}) });
    const carried = comparison.sources.filter((version) => version.carried).length;
    if (values.json) {
      writeJson({
        claim: comparison.claim,
        story: comparison.story,
        reference: comparison.reference,
        sources: comparison.sources.map((version) => ({
          source: version.source,
          carried: version.carried,
          passages: version.passages.map((passage) => ({ line: passage.line, text: passage.text })),
          similarity: version.similarity,
          facts: version.facts.map((fact) => ({ kind: fact.kind, text: fact.text })),
          conflicts: version.conflicts,
          diff: version.diff,
        })),
      });
      return carried > 0 ? EXIT_FOUND : EXIT_NOTHING;
    }
    writeLine(`Claim: ${formatText(claim, [], style)}`);
    const where = comparison.story === null ? '' : `story ${formatText(comparison.story, [], style)}, `;
    writeLine(`${where}${carried} of ${comparison.sources.length} sources carry it; reference ${comparison.reference ?? 'none'}`);
    for (const version of comparison.sources) {
      const percent = `${Math.round(version.similarity * 100)}%`;
      if (!version.carried) {
        const closest = version.similarity > 0 ? `closest passage ${percent}` : 'no passage shares its key words';
        writeLine(`${formatText(version.source, [], style)}  not reported (${closest})`);
        continue;
      }
      const lines = version.passages.map((passage) => passage.line).join(',');
      const role = version.source === comparison.reference ? 'reference' : `${version.conflicts.length} conflict(s)`;
      writeLine(`${formatText(version.source, [], style)}:${lines}  ${percent}  ${role}`);
      writeLine(`  ${formatText(version.text, [], style)}`);
      for (const conflict of version.conflicts) writeLine(`  ! ${formatText(describeConflict(conflict), [], style)}`);
    }
    return carried > 0 ? EXIT_FOUND : EXIT_NOTHING;
  },
};
