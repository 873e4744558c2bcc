/** A .txt or .md file: the whole file is one article, a leading front-matter block its metadata. */
import type { SourceDocument } from '../types.js';
import { documentOf, metadataOf, type Metadata } from './document.js';
import { readFields, type FieldMap } from './fields.js';
import { blankFrontMatter, readFrontMatter } from './frontMatter.js';

export interface TextFile {
  source: string;
  folderStory: string | null;
  path: string;
  /** Decoded, normalised text. */
  text: string;
  normalizations: string[];
  warnings: string[];
}

/** The document of a decoded text file (null when nothing but front matter is in it). */
export function textDocument(file: TextFile, fields: FieldMap): { document: SourceDocument | null; warnings: string[] } {
  const frontMatter = readFrontMatter(file.text);
  const warnings = [...file.warnings];
  let text = file.text;
  let metadata: Metadata = {};
  if (frontMatter.found && frontMatter.ok) {
    metadata = metadataOf(readFields(frontMatter.data, fields));
    text = blankFrontMatter(file.text, frontMatter.lines);
  } else if (frontMatter.found) warnings.push(frontMatter.reason);
  if (text.trim() === '') return { document: null, warnings };
  const document = documentOf({
    source: file.source,
    folderStory: file.folderStory,
    path: file.path,
    format: 'text',
    record: null,
    text,
    metadata,
    normalizations: file.normalizations,
    warnings,
  });
  return { document, warnings };
}
