/** `crosscheck quotes [QUERY]`: every quotation with its speaker, grouped across the sources carrying it. */
import { queryNotes } from '../../core/query.js';
import { memberDiff } from '../../core/quotes/grouping.js';
import { QuoteIndex } from '../../core/quotes/index.js';
import type { QuoteGroup } from '../../core/quotes/types.js';
import { EXIT_FOUND, EXIT_NOTHING, stringOption, type Command } from '../command.js';
import { formatText, writeJson, writeLine, writeNotes, type OutputStyle } from '../output.js';

function jsonOf(group: QuoteGroup): unknown {
  return {
    text: group.reference.text,
    speaker: group.speaker,
    kind: group.kind,
    occurrences: group.members.map((member) => ({
      source: member.quote.source,
      line: member.quote.line,
      text: member.quote.text,
      speaker: member.quote.speaker,
      speakerEvidence: member.quote.speakerEvidence,
      speakerVariant: member.speakerVariant,
      similarity: member.similarity,
      verbatim: member.relation === 'verbatim',
      relation: member.relation,
      damage: member.quote.span.damage,
      diff: memberDiff(group, member),
    })),
  };
}

function printGroup(group: QuoteGroup, style: OutputStyle): void {
  const sources = `${group.sources} source${group.sources === 1 ? '' : 's'}`;
  writeLine(`${formatText(group.speaker ?? '(speaker not named)', [], style)}: "${formatText(group.reference.text, [], style)}" (${sources})`);
  for (const { quote, relation, speakerVariant } of group.members) {
    const notes = [relation === 'verbatim' ? '' : relation, speakerVariant ? `speaker spelled "${quote.speaker}"` : '']
      .filter((note) => note !== '')
      .join(', ');
    writeLine(`  ${formatText(quote.source, [], style)}:${quote.line}${notes ? ` [${formatText(notes, [], style)}]` : ''}: ${formatText(quote.text, [], style)}`);
  }
}

export const quotesCommand: Command = {
  name: 'quotes',
  summary: 'quotations with their speakers, grouped across sources',
  help: `Usage: crosscheck quotes [QUERY] [--speaker NAME] [--all-kinds] [--json] [--corpus DIR]

Every direct quotation with its speaker; the same quotation carried by several sources
(verbatim, trimmed or altered) is one group. Statements only, unless --all-kinds also lists
terms and labels ("amplifier"). QUERY filters and ranks groups by text and speaker, in the
search syntax (fuzzy words, 'exact, !not, a | b).

Options:
  --speaker NAME  only quotes whose speaker's name contains NAME (any spelling)
  --all-kinds     include scare-quoted terms and labels
  --json          {"quotes": [{"text", "speaker", "kind", "occurrences": [{"source", "line", "text",
                  "speaker", "similarity", "verbatim", "relation", "diff": [{"value", "added",
                  "removed"}] against the group's text, ...}]}]}
  --corpus DIR    the corpus folder (default: $CROSSCHECK_CORPUS or the bundled corpus)

Output: a block a group: speaker and quote, then SOURCE:LINE and each source's words.
Exit 0 when a quote matched, 1 when none did.
Example: crosscheck quotes "biggest victim"`,
  options: {
    speaker: { type: 'string' },
    'all-kinds': { type: 'boolean' },
  },
  async run({ positionals, values, style, loadCorpus }) {
    const corpus = await loadCorpus();
    const query = positionals.join(' ');
    const groups = QuoteIndex.fromCorpus(corpus).search({
      query,
      speaker: stringOption(values, 'speaker'),
      allKinds: values['all-kinds'] === true,
    });
    writeNotes(queryNotes(query));
    if (values.json) writeJson({ quotes: groups.map(jsonOf) });
    else {
      groups.forEach((group, index) => {
        if (index > 0) writeLine();
        printGroup(group, style);
      });
    }
    return groups.length > 0 ? EXIT_FOUND : EXIT_NOTHING;
  },
};
