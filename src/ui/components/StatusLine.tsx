/** The bottom line: where you are, the keys that matter here, and what the corpus holds. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { fit, stringWidth } from '../text.js';
import { useTheme } from '../theme.js';

/** Whole hints that fit in `room` columns, two spaces apart, `help` always last (it is never cut). */
export function fitHints(hints: readonly string[], help: string, room: number, ellipsis = '…'): string {
  const shown: string[] = [];
  let used = help ? stringWidth(help) : 0;
  for (const hint of hints) {
    const width = stringWidth(hint) + (used > 0 ? 2 : 0);
    if (used + width > room) break;
    shown.push(hint);
    used += width;
  }
  // A first hint too long for the room (a note) is cut rather than dropped.
  if (shown.length === 0 && hints[0]) shown.push(fit(hints[0], Math.max(0, room - used - 2), ellipsis));
  return [...shown.filter((hint) => hint !== ''), ...(help ? [help] : [])].join('  ');
}

export function StatusLine({ where, facts, hints, help, width }: { where: string; facts: string; hints: readonly string[]; help: string; width: number }): ReactNode {
  const theme = useTheme();
  const left = fit(` ${where} `, width, theme.glyphs.ellipsis);
  // Hints give way first, then the facts: the location and the way to the help stay readable.
  const factsRoom = Math.max(0, width - stringWidth(left) - stringWidth(help) - 3);
  const right = facts ? fit(` ${facts} `, factsRoom, theme.glyphs.ellipsis) : '';
  const room = Math.max(0, width - stringWidth(left) - stringWidth(right) - 1);
  const middle = fit(fitHints(hints, help, room, theme.glyphs.ellipsis), room, theme.glyphs.ellipsis);
  const gap = Math.max(0, room - stringWidth(middle));
  return (
    <Box width={width} height={1}>
      <Text inverse bold>
        {left}
      </Text>
      <Text> {middle}{' '.repeat(gap)}</Text>
      <Text {...(theme.color ? { color: theme.colors.muted } : {})}>{fit(right, width - stringWidth(left), theme.glyphs.ellipsis)}</Text>
    </Box>
  );
}
