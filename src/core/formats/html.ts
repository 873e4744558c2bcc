/**
 * Saved HTML pages (.html, .htm): the article's main text, found by Mozilla's Readability (the
 * Firefox Reader View) on a linkedom document. linkedom only builds a tree: scripts never run,
 * nothing is fetched, a <meta refresh> goes nowhere.
 */
import { createRequire } from 'node:module';
import { Readability } from '@mozilla/readability';
import { normalizeText } from '../decode.js';
import type { SourceDocument } from '../types.js';
import { documentOf, type Metadata } from './document.js';

const BLOCKS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'BLOCKQUOTE', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'TABLE', 'TR', 'FIGURE', 'FIGCAPTION', 'HEADER', 'FOOTER', 'ASIDE', 'DL', 'DT', 'DD']);
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'SVG']);

interface TreeNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<TreeNode>;
}

/** Paragraphs of an element's text: one block element a paragraph, blank lines between them. */
function blockText(root: TreeNode): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const paragraph = current.replace(/\s+/g, ' ').trim();
    if (paragraph) paragraphs.push(paragraph);
    current = '';
  };
  const walk = (node: TreeNode): void => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toUpperCase();
    if (SKIPPED.has(name)) return;
    if (name === 'BR') {
      current += ' ';
      return;
    }
    const block = BLOCKS.has(name);
    if (block) flush();
    for (let index = 0; index < node.childNodes.length; index++) walk(node.childNodes[index]!);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

type Linkedom = typeof import('linkedom');
let linkedom: Linkedom | null = null;

/**
 * linkedom's parser, loaded with the first page read: loading it takes 0.1 to 0.2 s, which every
 * start paid before its first frame though most corpora hold no HTML.
 */
function parseHTML(html: string): ReturnType<Linkedom['parseHTML']> {
  linkedom ??= createRequire(import.meta.url)('linkedom') as Linkedom;
  return linkedom.parseHTML(html);
}

type PageDocument = ReturnType<typeof parseHTML>['document'];

function meta(document: PageDocument, selector: string, attribute = 'content'): string | null {
  const value = document.querySelector(selector)?.getAttribute(attribute)?.replace(/\s+/g, ' ').trim();
  return value ? value : null;
}

/** The metadata a page declares: Open Graph, article:published_time, the canonical link. */
function pageMetadata(document: PageDocument): Metadata {
  const metadata: Metadata = {};
  const title = meta(document, 'meta[property="og:title"]') ?? document.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim();
  if (title) metadata.title = title;
  const outlet = meta(document, 'meta[property="og:site_name"]') ?? meta(document, 'meta[name="application-name"]');
  if (outlet) metadata.outlet = outlet;
  const date =
    meta(document, 'meta[property="article:published_time"]') ??
    meta(document, 'meta[name="date"]') ??
    meta(document, 'meta[itemprop="datePublished"]') ??
    meta(document, 'time[datetime]', 'datetime');
  if (date) metadata.date = date;
  const url = meta(document, 'meta[property="og:url"]') ?? meta(document, 'link[rel="canonical"]', 'href');
  if (url) metadata.url = url;
  return metadata;
}

export interface PageFile {
  source: string;
  folderStory: string | null;
  path: string;
  html: string;
  normalizations: string[];
  warnings: string[];
}

/** The document of one page, or the reason it has none. */
export function htmlDocument(page: PageFile): { document: SourceDocument } | { reason: string } {
  const { document: tree } = parseHTML(page.html);
  const metadata = pageMetadata(tree);
  // Readability changes the tree it reads; metadata is read first.
  const article = new Readability(tree).parse();
  const content = article?.content ? blockText(parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body) : '';
  if (content.trim() === '') return { reason: 'no article text found in the page' };
  if (!metadata.title && article?.title) metadata.title = article.title.replace(/\s+/g, ' ').trim();
  if (!metadata.outlet && article?.siteName) metadata.outlet = article.siteName.replace(/\s+/g, ' ').trim();
  if (!metadata.date && article?.publishedTime) metadata.date = article.publishedTime.trim();
  const { text, normalizations } = normalizeText(content);
  return {
    document: documentOf({
      source: page.source,
      folderStory: page.folderStory,
      path: page.path,
      format: 'html',
      record: null,
      text,
      metadata,
      normalizations: [...page.normalizations, ...normalizations],
      warnings: page.warnings,
    }),
  };
}
