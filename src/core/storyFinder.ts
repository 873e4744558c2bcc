/**
 * Finding a story by what people remember of it: words of its name, a day, an outlet. BASIL's
 * 100 stories are UUIDs; stepping through them one by one is no way to reach "the Mattis story".
 */
import Fuse from 'fuse.js';
import { dayRange, type StorySummary } from './stories.js';
import type { SourceDocument } from './types.js';

export interface StoryChoice {
  story: StorySummary;
  /** Name, days and outlets in one line, as the picker shows it. */
  line: string;
}

export class StoryFinder {
  private readonly choices: StoryChoice[];
  private readonly fuse: Fuse<{ choice: StoryChoice; name: string; days: string; outlets: string; id: string }>;

  constructor(stories: readonly StorySummary[], documents: ReadonlyMap<string, Pick<SourceDocument, 'label'>>) {
    this.choices = stories.map((story) => {
      const outlets = [...new Set(story.sources.map((source) => documents.get(source)?.label ?? source))].join(', ');
      const days = dayRange(story);
      return { story, line: [story.name, days, outlets].filter((part) => part !== '').join('  ') };
    });
    const records = this.choices.map((choice) => ({
      choice,
      name: choice.story.name,
      days: dayRange(choice.story, ' '),
      outlets: choice.line,
      id: choice.story.id,
    }));
    // Name first; days, outlets and the id help tell stories apart. Extended search: 'exact, !not.
    this.fuse = new Fuse(records, {
      keys: [{ name: 'name', weight: 3 }, { name: 'days', weight: 1 }, { name: 'outlets', weight: 1 }, { name: 'id', weight: 1 }],
      ignoreLocation: true,
      threshold: 0.35,
      useExtendedSearch: true,
    });
  }

  /** Every story in corpus order for an empty query; else the matches, best first. */
  find(query: string): StoryChoice[] {
    const words = query.trim();
    if (words === '') return this.choices;
    return this.fuse.search(words).map((result) => result.item.choice);
  }
}
