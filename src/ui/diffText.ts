/**
 * A word diff drawn as one version's own sentence: its words as written, the words it adds marked,
 * and where it lacks the reference's words a short bracketed note, so it still reads as a sentence
 * (the merged diff, both versions' words interleaved, read as word salad).
 */
import type { DiffPart } from '../core/text/wordDiff.js';
import { highlightSegments, type Segment } from './text.js';

/** Deleted runs longer than this are counted, not spelled out. */
const SPELLED_OUT_WORDS = 4;

function deletionNote(text: string): string {
  const words = text.trim().split(/\s+/).filter((word) => word !== '');
  return words.length <= SPELLED_OUT_WORDS ? `[-${words.join(' ')}-]` : `[-${words.length} words-]`;
}

export function diffSegments(changes: readonly DiffPart[], ascii: boolean, markers: boolean): Segment[] {
  const out: Segment[] = [];
  const lastChar = (): string => out.at(-1)?.text.at(-1) ?? ' ';
  // A space between runs, but not after an opening bracket or quote.
  const space = (): void => {
    if (!/[\s([“‘"]/.test(lastChar())) out.push({ text: ' ', style: 'plain' });
  };
  changes.forEach((change, index) => {
    if (change.text.trim() === '' && change.kind !== 'same') return;
    if (change.kind === 'same') {
      // Words never glue to a note or an insertion before them.
      if (out.length > 0 && !/^\s|^[,.;:!?)”’"]/.test(change.text)) space();
      out.push(...highlightSegments(change.text, [], ascii));
      return;
    }
    // Added closing punctuation sits against the word before it, as the source wrote it.
    const closes = change.kind === 'insert' && /^[,.;:!?)”’]/.test(change.text.trim());
    if (out.length > 0 && !closes) space();
    if (change.kind === 'delete') {
      out.push({ text: deletionNote(change.text), style: 'delete' });
    } else {
      const text = change.text.trim();
      out.push(...highlightSegments(markers ? `{+${text}+}` : text, [], ascii, 'insert'));
    }
    const next = changes[index + 1];
    if (next && !/^\s|^[,.;:!?)”’"]/.test(next.text)) space();
  });
  return out;
}
