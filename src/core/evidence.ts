/**
 * Evidence a user takes out of the workbench: a passage, a quotation or a comparison, each with a
 * citation a reader can check (outlet, title, date, url, and the `path:line` an editor opens).
 * Copying (`y`) takes one item as text; the evidence list (`m`, `x`) becomes a Markdown report.
 * Text from the corpus is neutralised here, so nothing in a report or on the clipboard can act on
 * a terminal that later shows it.
 */
import { citationOf } from './citations.js';
import { describeConflict, notReported, plural } from './presentation.js';
import { neutralize } from './sanitize.js';
import type { Comparison } from './compare/types.js';
import type { Quote } from './quotes/types.js';
import type { Passage, SourceDocument } from './types.js';

export type Evidence =
  | { kind: 'passage'; passage: Passage }
  | { kind: 'quote'; quote: Quote; speaker: string | null }
  | { kind: 'comparison'; comparison: Comparison };

export type Documents = ReadonlyMap<string, SourceDocument>;

const safe = (text: string): string => neutralize(text);

/** `Fox News, “Senate passes tax bill”, 2017-12-02, https://…`: what is known of where a text appeared. */
export function sourceDescription(document: SourceDocument): string {
  const parts = [document.outlet ?? document.label, document.title ? `“${document.title}”` : null, document.day ?? document.date, document.url];
  return parts.filter((part): part is string => part !== null && part !== '').map(safe).join(', ');
}

/** The description and the citation an editor opens: `Fox News, “…”, 2017-12-02 (fox.md:3)`. */
export function citeLine(document: SourceDocument, line: number, cwd?: string): string {
  return `${sourceDescription(document)} (${safe(citationOf(document, line, cwd))})`;
}

function documentOf(documents: Documents, source: string): SourceDocument {
  const document = documents.get(source);
  if (!document) throw new Error(`no document for source ${source}`);
  return document;
}

/** A few words naming the item, for the status line ("copied: fox:3") and the report's headings. */
export function evidenceTitle(item: Evidence, documents: Documents): string {
  switch (item.kind) {
    case 'passage':
      return `${safe(documentOf(documents, item.passage.source).label)}:${item.passage.line}`;
    case 'quote':
      return `${item.speaker === null ? 'unattributed' : safe(item.speaker)}: “${shorten(safe(item.quote.text), 60)}”`;
    case 'comparison':
      return `compare: ${shorten(safe(item.comparison.claim), 60)}`;
  }
}

function shorten(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** The item as plain text with its citation: what `y` puts on the clipboard. */
export function evidenceText(item: Evidence, documents: Documents, cwd?: string): string {
  switch (item.kind) {
    case 'passage': {
      const document = documentOf(documents, item.passage.source);
      return `${safe(item.passage.text)}\n— ${citeLine(document, item.passage.line, cwd)}`;
    }
    case 'quote': {
      const document = documentOf(documents, item.quote.source);
      const speaker = item.speaker === null ? 'speaker not named in the text' : safe(item.speaker);
      return `“${safe(item.quote.text)}” (${speaker})\n— ${citeLine(document, item.quote.line, cwd)}`;
    }
    case 'comparison':
      return comparisonLines(item.comparison, documents, cwd, '').join('\n');
  }
}

/** Every source of a comparison: its version and citation, its conflicts, or "not reported". */
function comparisonLines(comparison: Comparison, documents: Documents, cwd: string | undefined, bullet: string): string[] {
  const lines = [`Claim: ${safe(comparison.claim)}`];
  const carriers = comparison.sources.filter((version) => version.carried);
  lines.push(`${carriers.length} of ${comparison.sources.length} sources carry it${comparison.reference ? `; reference ${safe(documentOf(documents, comparison.reference).label)}` : ''}`);
  for (const version of comparison.sources) {
    const document = documentOf(documents, version.source);
    if (!version.carried) {
      lines.push(`${bullet}${safe(document.label)}: ${safe(notReported(version.similarity, version.unmet))}`);
      continue;
    }
    lines.push(`${bullet}${citeLine(document, version.passages[0]?.line ?? 1, cwd)}${version.source === comparison.reference ? ', reference' : ''}`);
    lines.push(`${bullet ? '  ' : ''}> ${safe(version.text)}`);
    for (const conflict of version.conflicts) lines.push(`${bullet ? '  ' : ''}! ${safe(describeConflict(conflict))}`);
  }
  return lines;
}

/** The evidence list as a Markdown report: each item with its citation, comparisons in full. */
export function evidenceReport(items: readonly Evidence[], documents: Documents, options: { corpus: string; written: Date; cwd?: string }): string {
  const out = [`# Evidence`, '', `${plural(items.length, 'item')} from ${safe(options.corpus)}, ${options.written.toISOString()}, by crosscheck.`, ''];
  items.forEach((item, index) => {
    out.push(`## ${index + 1}. ${markdownInline(evidenceTitle(item, documents))}`, '');
    if (item.kind === 'comparison') {
      const [claim, count, ...rest] = comparisonLines(item.comparison, documents, options.cwd, '- ');
      out.push(markdownInline(claim ?? ''), '', markdownInline(count ?? ''), '', ...rest.map(markdownLine), '');
      return;
    }
    const [text, citation] = evidenceText(item, documents, options.cwd).split('\n— ');
    out.push(`> ${markdownInline(text ?? '')}`, '', `— ${markdownInline(citation ?? '')}`, '');
  });
  return out.join('\n');
}

/** Markdown that renders as the text itself: no heading, list, link or HTML from corpus words. */
function markdownInline(text: string): string {
  // Anywhere: emphasis, code, links and HTML. At the start: what would make a heading, a quote or a list.
  return text.replace(/[\\`*[\]<>]/g, (character) => `\\${character}`).replace(/^(#|\+|-|\d+[.)])/, '\\$1');
}

function markdownLine(line: string): string {
  const indent = /^(- | {2}> | {2}! )/.exec(line)?.[0] ?? '';
  return indent + markdownInline(line.slice(indent.length));
}

/** `crosscheck-evidence-2026-11-30-2215.md`, a new name each minute (a second report then adds `-2`). */
export function reportFileName(written: Date, taken: (name: string) => boolean): string {
  const stamp = written.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
  const base = `crosscheck-evidence-${stamp}`;
  if (!taken(`${base}.md`)) return `${base}.md`;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}.md`)) return `${base}-${n}.md`;
}
