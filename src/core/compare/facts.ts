/**
 * Checkable facts in a passage: numbers with their qualifiers, weekdays, dates, names, and the
 * short labels a source puts in quotation marks (“amplifier”, “misleading”).
 */
import type { Fact } from './types.js';

const QUALIFIERS = [
  'more than', 'less than', 'fewer than', 'at least', 'up to', 'just over', 'just under', 'nearly', 'almost', 'about',
  'around', 'some', 'roughly', 'approximately', 'over', 'under', 'only',
];
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };
const NUMBER = new RegExp(
  `\\b(?:(${QUALIFIERS.join('|')})\\s+)?(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)(?:\\s+(thousand|million|billion))?(?:\\s*(%|percent|per cent))?`,
  'gi',
);
const WEEKDAY = /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g;
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DATE = new RegExp(`\\b(?:(${MONTHS})\\s+(\\d{1,2})(?:,?\\s+(\\d{4}))?|(\\d{1,2})\\s+(${MONTHS})(?:\\s+(\\d{4}))?)\\b`, 'g');
const LABEL = /[“"‘]([^“”"‘’\n]{2,40}?)[”"’]/g;
const CAPITALISED = /\b[\p{Lu}][\p{L}’'-]*(?:\s+(?:of\s+the\s+|of\s+|de\s+|al-)?[\p{Lu}][\p{L}’'-]*)*/gu;
const NOT_NAMES = new Set([
  'The', 'A', 'An', 'It', 'In', 'On', 'At', 'But', 'And', 'However', 'This', 'That', 'These', 'Those', 'He', 'She', 'They', 'We',
  'I', 'If', 'As', 'After', 'Before', 'Then', 'There', 'Apart', 'Both', 'Since', 'While', 'Without', 'Later', 'Recently',
  'Originally', 'Previous', 'Next', 'Closer', 'Many', 'Some', 'Be', 'Just', 'Not', 'Nonetheless', 'According', 'Leave', 'Your',
  ...'Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' '),
  ...MONTHS.split('|'),
]);

function numberValue(digits: string, scale: string | undefined, percent: string | undefined): string {
  const value = Number(digits.replace(/,/g, '')) * (scale ? (SCALES[scale.toLowerCase()] ?? 1) : 1);
  return `${Number(value.toPrecision(12))}${percent ? '%' : ''}`;
}

function isYear(digits: string): boolean {
  return /^(1[89]|20)\d\d$/.test(digits);
}

export function extractFacts(text: string): Fact[] {
  const facts: Fact[] = [];
  const taken: Array<[number, number]> = [];
  const overlaps = (start: number, end: number): boolean => taken.some(([from, to]) => start < to && end > from);

  for (const match of text.matchAll(DATE)) {
    const month = match[1] ?? match[5] ?? '';
    const day = match[2] ?? match[4] ?? '';
    const year = match[3] ?? match[6];
    facts.push({ kind: 'date', text: match[0], value: `${month.toLowerCase()} ${Number(day)}${year ? ` ${year}` : ''}`, qualifier: '' });
    taken.push([match.index, match.index + match[0].length]);
  }
  for (const match of text.matchAll(WEEKDAY)) {
    facts.push({ kind: 'weekday', text: match[0], value: match[0].toLowerCase(), qualifier: '' });
  }
  for (const match of text.matchAll(NUMBER)) {
    const [whole, qualifier, digits = '', scale, percent] = match;
    const start = match.index + (qualifier ? whole.indexOf(digits) : 0);
    if (overlaps(start, match.index + whole.length)) continue;
    // A number glued to letters or a hyphen ("COVID-19", "20-episode") names a thing; it counts nothing.
    const before = text[start - 1] ?? ' ';
    const after = text[match.index + whole.length] ?? ' ';
    if (/[\p{L}-]/u.test(before) || /[\p{L}-]/u.test(after)) continue;
    if (isYear(digits) && !qualifier && !scale) {
      facts.push({ kind: 'date', text: digits, value: digits, qualifier: '' });
      continue;
    }
    facts.push({ kind: 'number', text: whole, value: numberValue(digits, scale, percent), qualifier: (qualifier ?? '').toLowerCase() });
  }
  for (const match of text.matchAll(LABEL)) {
    const words = match[1]!.trim().split(/\s+/);
    const value = match[1]!.trim().toLowerCase().replace(/[.,;:!?]+$/, '');
    if (words.length <= 4) facts.push({ kind: 'label', text: match[0], value, qualifier: '' });
  }
  for (const match of text.matchAll(CAPITALISED)) {
    const words = match[0].split(/\s+/).filter((word) => !NOT_NAMES.has(word));
    while (words.length > 0 && /^(of|the|de)$/.test(words[0]!)) words.shift();
    const name = words.join(' ').replace(/['’]s$/, '');
    if (name.length < 3) continue;
    if (facts.some((fact) => fact.kind === 'name' && fact.value === name)) continue;
    facts.push({ kind: 'name', text: name, value: name, qualifier: '' });
  }
  return facts;
}
