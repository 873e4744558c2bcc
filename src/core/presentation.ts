/**
 * Wording and terminal codes the CLI and the workbench share, so that both say the same thing the
 * same way: counts with their nouns, conflicts, a source that does not carry a claim, the
 * program's version, and the alternate screen the workbench draws on.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Conflict } from './compare/types.js';

/** "1 quote", "3 quotes": a count with its noun, singular or plural. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : pluralNoun}`;
}

/** "weekday: Friday (others: Thursday)": this source's value and the others', and where it is stated when not in the lines shown. */
export function conflictSummary(conflict: Conflict): string {
  return `${conflict.kind}: ${conflict.value} (others: ${conflict.others.join(', ')})${conflict.besideLines === true ? ', stated beside these lines' : ''}`;
}

/** The summary and who holds each value: "weekday: Friday (others: Thursday) [Thursday: 000, 001 (majority); Friday: 002]". */
export function describeConflict(conflict: Conflict): string {
  const holders = (conflict.holders ?? [])
    .map((holder) => `${holder.value}: ${holder.sources.join(', ')}${holder.value === conflict.majority ? ' (majority)' : ''}`)
    .join('; ');
  return `${conflictSummary(conflict)}${holders ? ` [${holders}]` : ''}`;
}

/**
 * A source that does not carry a claim, how near it came, and why a near passage does not count:
 * "not reported (closest passage 24%)", "not reported (closest passage 44% does not name DeMint)".
 */
export function notReported(similarity: number, unmet?: string): string {
  const closest = similarity > 0 ? `closest passage ${Math.round(similarity * 100)}%${unmet ? ` ${unmet}` : ''}` : 'no passage shares its key words';
  return `not reported (${closest})`;
}

let version: string | undefined;

/** package.json's version. */
export function programVersion(): string {
  version ??= (JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string }).version;
  return version;
}

/**
 * The alternate screen (xterm's mode 1049, which also saves and restores the cursor), cleared and
 * with the cursor home on entry, since not every terminal clears it; leaving shows the cursor
 * again, whose visibility is shared by both screens.
 */
export const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h\u001b[H\u001b[2J';
export const LEAVE_ALTERNATE_SCREEN = '\u001b[?25h\u001b[?1049l';
