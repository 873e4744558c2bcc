/** --story NAME, shared by the commands that work within one story. */
import type { Corpus } from '../core/types.js';
import { UsageError } from './command.js';

/** --story NAME, checked against the corpus: undefined when not given. */
export function storyOption(corpus: Corpus, name: string | undefined): string | null | undefined {
  return storyNamed(corpus.stories, name);
}

/** --story NAME, checked against the story names (sorted): undefined when not given. */
export function storyNamed(stories: readonly string[], name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (!stories.includes(name)) {
    const known = stories.length === 0 ? 'this corpus has no stories (sub-folders or story fields)' : `stories: ${stories.slice(0, 8).join(', ')}${stories.length > 8 ? ', ...' : ''} (crosscheck stories lists them)`;
    throw new UsageError(`no story "${name}"; ${known}`);
  }
  return name;
}
