/**
 * What a run reads: the corpus's documents in corpus order, a batch at a time, so the client holds
 * a batch or two of documents whatever the corpus's size.
 *
 * A folder is read twice. The first pass keeps only each document's id, story and label: labels are
 * unique over the whole corpus (labels.ts), so every document's outlet and day must be seen before
 * any label is known, and a document's content hash covers its label. The second pass reads the
 * files again in batches and hands each document on with the label the first pass gave it. A file
 * added, removed or renamed between the passes is a CorpusError (run again); a file edited between
 * them is written as it was read the second time, and the next run compares its hash again.
 */
import type { CorpusFiles, LoadOptions, ReadSettings } from '../load.js';
import { CorpusError, checkLoaded, readFileDocuments, readSettingsOf, sortWarnings, SourceIds } from '../load.js';
import { assignLabels } from '../labels.js';
import { runInSlices, type Steps } from '../slices.js';
import type { Corpus, LoadWarning, SourceDocument } from '../types.js';

/** Documents read and not yet released, and the most held at once: tests bound it without timing anything. */
export class Held {
  now = 0;
  most = 0;
  take(count: number): void {
    this.now += count;
    this.most = Math.max(this.most, this.now);
  }
  release(count: number): void {
    this.now -= count;
  }
}

export interface IngestInput {
  /** The corpus folder (or file), absolute. */
  root: string;
  /** Every document's source id and story, in corpus order, known before any batch is read. */
  sources: readonly string[];
  stories: ReadonlyArray<string | null>;
  /** The next documents in corpus order (at least `size` unless the corpus ends), none at the end; read in slices. */
  nextBatch(size: number): Steps<SourceDocument[]>;
  held: Held;
}

/** A corpus already in memory (tests, and callers that loaded it anyway). */
export function corpusInput(corpus: Corpus): IngestInput {
  let next = 0;
  const held = new Held();
  return {
    root: corpus.root,
    sources: corpus.documents.map((document) => document.source),
    stories: corpus.documents.map((document) => document.story),
    held,
    *nextBatch(size) {
      const batch = corpus.documents.slice(next, next + size);
      next += batch.length;
      held.take(batch.length);
      yield;
      return batch;
    },
  };
}

/** A folder after its first pass: its warnings (said once, as loading says them) and its documents' ids. */
export interface FolderInput extends IngestInput {
  warnings: LoadWarning[];
}

/** Files read per pause of the first pass (it keeps nothing but ids, so it is quick). */
const FILES_PER_STEP = 64;

/** Strings that repeat (story names) kept once. */
function interner(): (text: string | null) => string | null {
  const seen = new Map<string, string>();
  return (text) => {
    if (text === null) return null;
    const known = seen.get(text);
    if (known !== undefined) return known;
    seen.set(text, text);
    return text;
  };
}

/** The first pass: every document's id, story and label, and the load's warnings; the same errors as loadFiles. */
function* scan(found: CorpusFiles, settings: ReadSettings, onFile: (read: number) => void): Steps<{ members: Array<Pick<SourceDocument, 'source' | 'story' | 'outlet' | 'day' | 'label'>> }> {
  const ids = new SourceIds(found.absoluteRoot, settings.warnings);
  const intern = interner();
  const members: Array<Pick<SourceDocument, 'source' | 'story' | 'outlet' | 'day' | 'label'>> = [];
  for (const [read, file] of found.files.entries()) {
    for (const document of yield* readFileDocuments(file, settings)) {
      const { source, story, outlet, day } = ids.claim(document);
      members.push({ source, story: intern(story), outlet, day, label: '' });
    }
    onFile(read + 1);
    if (read % FILES_PER_STEP === 0) yield;
  }
  checkLoaded(found, settings, members.length);
  assignLabels(members);
  return { members };
}

/** Reads the folder's files once for ids and labels; the returned input reads them again in batches. */
export async function folderInput(found: CorpusFiles, options: LoadOptions = {}, onFile: (read: number) => void = () => undefined): Promise<FolderInput> {
  const warnings = [...found.warnings];
  const { members } = await runInSlices(scan(found, readSettingsOf(options, warnings), onFile));
  sortWarnings(warnings);
  const sources = members.map((member) => member.source);
  const stories = members.map((member) => member.story);
  const labels = members.map((member) => member.label);
  members.length = 0;
  // The second pass: its warnings were said by the first.
  const settings = readSettingsOf(options, []);
  const ids = new SourceIds(found.absoluteRoot, []);
  const held = new Held();
  let file = 0;
  let document = 0;
  const changed = (what: string): CorpusError => new CorpusError(`corpus ${found.root} changed while it was being indexed (${what}); run crosscheck index again`);
  return {
    root: found.absoluteRoot,
    sources,
    stories,
    warnings,
    held,
    *nextBatch(size) {
      const batch: SourceDocument[] = [];
      while (batch.length < size && file < found.files.length) {
        const current = found.files[file++]!;
        for (const read of yield* readFileDocuments(current, settings)) {
          const claimed = ids.claim(read);
          if (claimed.source !== sources[document] || claimed.story !== stories[document]) throw changed(current.relative);
          claimed.label = labels[document++]!;
          batch.push(claimed);
          held.take(1);
        }
      }
      if (file === found.files.length && batch.length === 0 && document !== sources.length) throw changed('a file is gone');
      return batch;
    },
  };
}
