/** `crosscheck stories`: each story with its name, its days and its sources. */
import { dayRange, storiesOf } from '../../core/stories.js';
import { EXIT_FOUND, EXIT_NOTHING, type Command } from '../command.js';
import { FORMAT_HELP, emit, quickfixLine } from '../formats.js';
import { formatText, writeLine } from '../output.js';
import { plural } from '../../core/presentation.js';

export const storiesCommand: Command = {
  name: 'stories',
  summary: 'list the stories: name, dates, sources',
  help: `Usage: crosscheck stories [--format F] [--corpus PATH]

Lists every story (a sub-folder, or the story/cluster_id/event field of records and front
matter) with its name (the metadata's, else its earliest article's title), the days its articles
span and their sources, earliest first. search, quotes, compare and claims take --story ID.

Options:
  ${FORMAT_HELP}
                 json: {"stories": [{"id", "name", "first", "last", "sources": [{"source",
                 "label", "date"}]}]}
  --corpus PATH  the corpus (default: $CROSSCHECK_CORPUS or the bundled corpus)
  --db URL       list a PostgreSQL archive made by crosscheck index instead (default:
                 $CROSSCHECK_DB when --corpus is not given)

Exit 0 when the corpus has stories, 1 when it has none.`,
  options: {},
  archive: 'lists',
  async run({ style, format, loadSearch }) {
    const catalog = await (await loadSearch()).catalog();
    const documents = new Map(catalog.documents.map((document) => [document.source, document]));
    const stories = storiesOf(catalog).map((story) => ({
      ...story,
      sources: story.sources.map((source) => ({ source, label: documents.get(source)?.label ?? source, date: documents.get(source)?.date ?? null })),
    }));
    const safe = (text: string): string => formatText(text, [], style);
    emit(
      format,
      {
        json: { stories },
        rows: stories.map((story) => ({ id: story.id, name: story.name, first: story.first, last: story.last, sources: story.sources.map((source) => source.label).join('; ') })),
        quickfix: stories.flatMap((story) => {
          const first = documents.get(story.sources[0]?.source ?? '');
          return quickfixLine(first, 1, `${story.id}: ${story.name}`, style) ?? [];
        }),
        text: () => {
          for (const story of stories) {
            const days = dayRange(story, style.ascii ? '..' : '…');
            writeLine(`${safe(story.id)}  ${safe(story.name)}${days ? `  ${days}` : ''}`);
            writeLine(`    ${safe(story.sources.map((source) => source.label).join(', '))}`);
          }
          writeLine(plural(stories.length, 'story', 'stories'));
        },
      },
      style,
    );
    return stories.length > 0 ? EXIT_FOUND : EXIT_NOTHING;
  },
};
