/** Driving a rendered Ink tree from ink-testing-library: keys, and waiting for the screen to change. */
import { setTimeout as delay } from 'node:timers/promises';

export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  pageDown: '\u001b[6~',
  pageUp: '\u001b[5~',
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  backspace: '\u007f',
  ctrlC: '\u0003',
  ctrlU: '\u0015',
} as const;

/** Strips colour and style escapes so assertions read the text a user sees. */
export function plain(frame: string | undefined): string {
  return (frame ?? '').replace(/\u001b\[[0-9;]*m/g, '');
}

/** Polls until `predicate` holds for the latest frame, or fails with that frame after `timeoutMs`. */
export async function waitForFrame(
  lastFrame: () => string | undefined,
  predicate: (frame: string) => boolean,
  timeoutMs = 3000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = plain(lastFrame());
    if (predicate(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`screen never matched; last frame:\n${frame}`);
    await delay(10);
  }
}

/** Writes keys one at a time, letting Ink handle each before the next (as a person types). */
export async function press(stdin: { write(data: string): void }, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    stdin.write(key);
    await delay(15);
  }
}
