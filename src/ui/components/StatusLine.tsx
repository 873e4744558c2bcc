/** The bottom line: where you are, what the corpus holds, and the keys that matter here. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { fit } from '../text.js';
import { useTheme } from '../theme.js';

export function StatusLine({ where, facts, hints, width }: { where: string; facts: string; hints: string; width: number }): ReactNode {
  const theme = useTheme();
  const left = ` ${where} `;
  const room = Math.max(0, width - left.length - 1);
  const right = fit(`${facts} ${theme.glyphs.separator} ${hints}`, room, theme.glyphs.ellipsis);
  return (
    <Box width={width} height={1}>
      <Text inverse bold>
        {left}
      </Text>
      <Text wrap="truncate-end"> {right}</Text>
    </Box>
  );
}
