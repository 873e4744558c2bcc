/** The stories of a corpus, each with a name people can read and the days it spans. */
import type { SourceDocument } from './types.js';

export interface StorySummary {
  id: string;
  /** The story's name in the metadata, else the title of its earliest (or first) article. */
  name: string;
  /** Earliest and latest known day (YYYY-MM-DD), null when no article has a readable date. */
  first: string | null;
  last: string | null;
  sources: string[];
}

/** Sources in date order, undated ones after the dated (in corpus order). */
export function byDate<T>(items: readonly T[], dayOf: (item: T) => string | null): T[] {
  return items
    .map((item, index) => ({ item, index, day: dayOf(item) }))
    .sort((a, b) => (a.day && b.day ? (a.day < b.day ? -1 : a.day > b.day ? 1 : a.index - b.index) : a.day ? -1 : b.day ? 1 : a.index - b.index))
    .map(({ item }) => item);
}

/** What a story's summary reads of its documents. */
export type StoryMember = Pick<SourceDocument, 'source' | 'story' | 'day' | 'title' | 'storyName'>;

export function storiesOf(corpus: { documents: readonly StoryMember[]; stories: readonly string[] }): StorySummary[] {
  const members = new Map<string, StoryMember[]>();
  for (const document of corpus.documents) {
    if (document.story === null) continue;
    const group = members.get(document.story);
    if (group) group.push(document);
    else members.set(document.story, [document]);
  }
  return corpus.stories.map((id) => {
    const documents = byDate(members.get(id) ?? [], (document) => document.day);
    const days = documents.map((document) => document.day).filter((day): day is string => day !== null).sort();
    const named = documents.find((document) => document.storyName !== null)?.storyName;
    return {
      id,
      name: named ?? documents[0]?.title ?? id,
      first: days[0] ?? null,
      last: days[days.length - 1] ?? null,
      sources: documents.map((document) => document.source),
    };
  });
}

/** `2010-07-02 … 2010-07-04`, one day once, or '' without dates. */
export function dayRange(story: Pick<StorySummary, 'first' | 'last'>, ellipsis = '…'): string {
  if (story.first === null || story.last === null) return '';
  return story.first === story.last ? story.first : `${story.first} ${ellipsis} ${story.last}`;
}

/**
 * The sources carrying a claim in date order (undated ones after, in their order) and which came
 * first: the earliest day, when at least two carriers have a readable date; null otherwise.
 */
export function chronology<T extends { source: string; carried: boolean }>(
  versions: readonly T[],
  dayOfSource: (source: string) => string | null,
): { ordered: T[]; earliest: Set<string> } {
  const carriers = versions.filter((version) => version.carried);
  const others = versions.filter((version) => !version.carried);
  const dated = carriers.filter((version) => dayOfSource(version.source) !== null);
  if (dated.length < 2) return { ordered: [...versions], earliest: new Set() };
  const ordered = byDate(carriers, (version) => dayOfSource(version.source));
  const first = dayOfSource(ordered[0]!.source);
  const earliest = new Set(dated.filter((version) => dayOfSource(version.source) === first).map((version) => version.source));
  return { ordered: [...ordered, ...others], earliest };
}
