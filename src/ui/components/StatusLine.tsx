/** The bottom line: where you are, the keys that matter here, and what the corpus holds. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { fit, stringWidth } from '../text.js';
import { useTheme } from '../theme.js';

export function StatusLine({ where, facts, hints, width }: { where: string; facts: string; hints: string; width: number }): ReactNode {
  const theme = useTheme();
  const left = fit(` ${where} `, width, theme.glyphs.ellipsis);
  const right = facts ? ` ${facts} ` : '';
  // Hints give way first: the facts and the location stay readable at 80 columns.
  const room = Math.max(0, width - stringWidth(left) - stringWidth(right) - 1);
  const middle = fit(hints, room, theme.glyphs.ellipsis);
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
