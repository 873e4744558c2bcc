/** `crosscheck quotes [QUERY]`: every quotation with its speaker, grouped across the sources carrying it. */
import { queryNotes } from '../../core/query.js';
import { memberDiff } from '../../core/quotes/grouping.js';
import type { QuoteGroup } from '../../core/quotes/types.js';
import type { SourceDocument } from '../../core/types.js';
import { EXIT_FOUND, EXIT_NOTHING, stringOption, type Command } from '../command.js';
import { FORMAT_HELP, emit, plainPrefix, quickfixLine, sourceFields } from '../formats.js';
import { formatText, writeLine, writeNotes, type OutputStyle } from '../output.js';
import { storyOption } from '../storyOption.js';
import { plural } from '../../core/presentation.js';

type Documents = ReadonlyMap<string, SourceDocument>;

function jsonOf(group: QuoteGroup, documents: Documents): unknown {
  return {
    text: group.reference.text,
    speaker: group.speaker,
    kind: group.kind,
    occurrences: group.members.map((member) => ({
      ...sourceFields(documents.get(member.quote.source), member.quote.source),
      line: member.quote.line,
      text: member.quote.text,
      speaker: member.quote.speaker,
      speakerEvidence: member.quote.speakerEvidence,
      speakerAbstention: member.quote.speakerAbstention,
      speakerVariant: member.speakerVariant,
      similarity: member.similarity,
      verbatim: member.relation === 'verbatim',
      relation: member.relation,
      damage: member.quote.span.damage,
      // The documented JSON shape of a quote's diff (jsdiff's own).
      diff: memberDiff(group, member).map((part) => ({ value: part.text, added: part.kind === 'insert', removed: part.kind === 'delete' })),
    })),
  };
}

function printGroup(group: QuoteGroup, documents: Documents, style: OutputStyle): void {
  const sources = plural(group.sources, 'source');
  writeLine(`${formatText(group.speaker ?? '(speaker not named)', [], style)}: "${formatText(group.reference.text, [], style)}" (${sources})`);
  for (const { quote, relation, speakerVariant } of group.members) {
    const notes = [relation === 'verbatim' ? '' : relation, speakerVariant ? `speaker spelled "${quote.speaker}"` : '']
      .filter((note) => note !== '')
      .join(', ');
    writeLine(`  ${plainPrefix(documents.get(quote.source), quote.source, quote.line, style)}${notes ? `(${formatText(notes, [], style)}) ` : ''}${formatText(quote.text, [], style)}`);
  }
}

export const quotesCommand: Command = {
  name: 'quotes',
  summary: 'quotations with their speakers, grouped across sources',
  help: `Usage: crosscheck quotes [QUERY] [--speaker NAME] [--all-kinds] [--story ID] [--format F] [--corpus PATH]

Every direct quotation with its speaker; the same quotation carried by several sources
(verbatim, trimmed or altered) is one group. Statements only, unless --all-kinds also lists
terms and labels ("amplifier"). QUERY filters and ranks groups by text and speaker, in the
search syntax (fuzzy words, 'exact, !not, a | b).

Options:
  --speaker NAME  only quotes whose speaker's name contains NAME (any spelling)
  --all-kinds     include scare-quoted terms and labels
  --story ID      only quotes in this story's sources (crosscheck stories lists them)
  ${FORMAT_HELP}
                  json: {"quotes": [{"text", "speaker", "kind", "occurrences": [{"source", "label",
                  "outlet", "title", "date", "url", "path", "record", "line", "text",
                  "speaker", "similarity", "verbatim", "relation", "diff": [{"value", "added",
                  "removed"}] against the group's text, ...}]}]}
  --corpus PATH   the corpus (default: $CROSSCHECK_CORPUS or the bundled corpus)
  --db URL        one story (--story) of a PostgreSQL archive made by crosscheck index,
                  analysed as a corpus of its own (default: $CROSSCHECK_DB without --corpus)

Output: a block a group: speaker and quote, then PATH:LINE: [LABEL] and each source's words.
Exit 0 when a quote matched, 1 when none did.
Example: crosscheck quotes "biggest victim"`,
  archive: 'story',
  options: {
    speaker: { type: 'string' },
    'all-kinds': { type: 'boolean' },
    story: { type: 'string' },
  },
  async run({ positionals, values, style, format, loadWorkspace }) {
    const workspace = await loadWorkspace();
    const corpus = workspace.corpus;
    const story = storyOption(corpus, stringOption(values, 'story'));
    const documents = new Map(corpus.documents.map((document) => [document.source, document]));
    const inStory = (source: string): boolean => story === undefined || documents.get(source)?.story === story;
    const query = positionals.join(' ');
    const groups = workspace
      .quoteIndex()
      .now()
      .search({
        query,
        speaker: stringOption(values, 'speaker'),
        allKinds: values['all-kinds'] === true,
      })
      // Groups are formed across the whole corpus; a story keeps those any of its sources carries.
      .filter((group) => group.members.some((member) => inStory(member.quote.source)));
    writeNotes(queryNotes(query));
    emit(
      format,
      {
        json: { quotes: groups.map((group) => jsonOf(group, documents)) },
        rows: groups.flatMap((group, index) =>
          group.members.map((member) => ({
            group: index + 1,
            quote: group.reference.text,
            speaker: group.speaker,
            kind: group.kind,
            ...sourceFields(documents.get(member.quote.source), member.quote.source),
            line: member.quote.line,
            text: member.quote.text,
            relation: member.relation,
            similarity: member.similarity,
          })),
        ),
        quickfix: groups.flatMap((group) =>
          group.members.flatMap((member) => quickfixLine(documents.get(member.quote.source), member.quote.line, `${group.speaker ?? '(speaker not named)'}: ${member.quote.text}`, style) ?? []),
        ),
        text: () =>
          groups.forEach((group, index) => {
            if (index > 0) writeLine();
            printGroup(group, documents, style);
          }),
      },
      style,
    );
    return groups.length > 0 ? EXIT_FOUND : EXIT_NOTHING;
  },
};
