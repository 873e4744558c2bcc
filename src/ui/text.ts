/**
 * Text laid out in terminal columns: display width (CJK and emoji take two), safe characters,
 * truncation and word wrapping of styled segments. Everything shown from the corpus passes here.
 */
import measureWidth from 'string-width';
import { neutralize } from '../core/sanitize.js';
import type { Range } from '../core/searchIndex.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const charWidths = new Map<string, number>();

/** Display width in columns; plain ASCII (most of any news corpus) skips the Unicode tables. */
export function stringWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  if (text.length <= 2) {
    let width = charWidths.get(text);
    if (width === undefined) {
      width = measureWidth(text);
      if (charWidths.size < 4096) charWidths.set(text, width);
    }
    return width;
  }
  return measureWidth(text);
}

export type SegmentStyle = 'plain' | 'match' | 'focus' | 'focusMatch' | 'muted' | 'source' | 'warning' | 'insert' | 'delete';

export interface Segment {
  text: string;
  style: SegmentStyle;
}

/** Splits raw corpus text into plain and matched segments, each neutralised for display. */
export function highlightSegments(
  text: string,
  ranges: readonly Range[],
  ascii: boolean,
  base: SegmentStyle = 'plain',
  matchStyle: SegmentStyle = 'match',
): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  const push = (slice: string, style: SegmentStyle): void => {
    if (slice.length > 0) segments.push({ text: neutralize(slice, { ascii }), style });
  };
  for (const [start, end] of ranges) {
    if (start < at) continue;
    push(text.slice(at, start), base);
    push(text.slice(start, end), matchStyle);
    at = end;
  }
  push(text.slice(at), base);
  return segments;
}

export function segmentsWidth(segments: readonly Segment[]): number {
  return segments.reduce((total, segment) => total + stringWidth(segment.text), 0);
}

/** Splits a string into grapheme-ish units with their display widths. */
function units(text: string): Array<{ text: string; width: number }> {
  return Array.from(text, (char) => ({ text: char, width: stringWidth(char) }));
}

/** Cuts segments to at most `width` columns, ending with an ellipsis when anything was cut. */
export function truncateSegments(segments: readonly Segment[], width: number, ellipsis: string): Segment[] {
  if (width <= 0) return [];
  if (segmentsWidth(segments) <= width) return [...segments];
  const room = width - stringWidth(ellipsis);
  const out: Segment[] = [];
  let used = 0;
  for (const segment of segments) {
    let kept = '';
    for (const unit of units(segment.text)) {
      if (used + unit.width > room) break;
      kept += unit.text;
      used += unit.width;
    }
    if (kept) out.push({ text: kept, style: segment.style });
    if (kept.length < segment.text.length) break;
  }
  out.push({ text: ellipsis, style: 'muted' });
  return out;
}

/** Drops leading text so that the first match shows within `width` columns (as fzf does). */
export function windowOnFirstMatch(segments: readonly Segment[], width: number, ellipsis: string): Segment[] {
  let before = 0;
  let index = 0;
  for (; index < segments.length; index++) {
    const segment = segments[index]!;
    if (segment.style === 'match' || segment.style === 'focusMatch') break;
    before += stringWidth(segment.text);
  }
  if (index === segments.length) return [...segments];
  const matchEnd = before + stringWidth(segments[index]!.text);
  const total = segmentsWidth(segments);
  // Shift only as far as needed to show the match with some text after it, never past the end.
  const wanted = Math.min(total, matchEnd + Math.floor(width / 4));
  let skip = Math.min(before, wanted - width + stringWidth(ellipsis) + 1);
  if (skip <= 0) return [...segments];
  const out: Segment[] = [{ text: ellipsis, style: 'muted' }];
  for (const segment of segments) {
    if (skip <= 0) {
      out.push(segment);
      continue;
    }
    const segmentWidth = stringWidth(segment.text);
    if (segmentWidth <= skip) {
      skip -= segmentWidth;
      continue;
    }
    let dropped = 0;
    let cut = 0;
    const chars = Array.from(segment.text);
    while (cut < chars.length && dropped < skip) dropped += stringWidth(chars[cut++]!);
    out.push({ text: chars.slice(cut).join(''), style: segment.style });
    skip = 0;
  }
  return out;
}

/**
 * Word-wraps styled segments into lines of at most `width` columns. Words longer than a line are
 * broken; line breaks in the text start new lines.
 */
export function wrapSegments(segments: readonly Segment[], width: number): Segment[][] {
  const lines: Segment[][] = [[]];
  let lineWidth = 0;
  const current = (): Segment[] => lines[lines.length - 1]!;
  const append = (text: string, style: SegmentStyle): void => {
    const line = current();
    const last = line[line.length - 1];
    if (last && last.style === style) last.text += text;
    else line.push({ text, style });
  };
  const newLine = (): void => {
    const line = current();
    const last = line[line.length - 1];
    if (last) last.text = last.text.replace(/ +$/, '');
    lines.push([]);
    lineWidth = 0;
  };
  for (const segment of segments) {
    // Tokens: runs of spaces, newlines, and words.
    for (const token of segment.text.match(/\n| +|[^ \n]+/g) ?? []) {
      if (token === '\n') {
        newLine();
        continue;
      }
      const tokenWidth = stringWidth(token);
      if (token.startsWith(' ')) {
        if (lineWidth === 0) continue;
        if (lineWidth + tokenWidth > width) {
          newLine();
          continue;
        }
        append(token, segment.style);
        lineWidth += tokenWidth;
        continue;
      }
      if (lineWidth + tokenWidth > width && lineWidth > 0) newLine();
      if (tokenWidth <= width) {
        append(token, segment.style);
        lineWidth += tokenWidth;
        continue;
      }
      for (const unit of units(token)) {
        if (lineWidth + unit.width > width) newLine();
        append(unit.text, segment.style);
        lineWidth += unit.width;
      }
    }
  }
  return lines;
}

/** A plain string cut to `width` columns. */
export function fit(text: string, width: number, ellipsis: string): string {
  return truncateSegments([{ text, style: 'plain' }], width, ellipsis)
    .map((segment) => segment.text)
    .join('');
}

export { plural } from '../core/presentation.js';
