/** `?`: every key, grouped, fitted to the screen. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { KEY_GROUPS } from '../keys.js';
import { fit } from '../text.js';
import { useTheme } from '../theme.js';

export function HelpOverlay({ width, height }: { width: number; height: number }): ReactNode {
  const theme = useTheme();
  const keyWidth = Math.max(...KEY_GROUPS.flatMap((group) => group.bindings.map((binding) => binding.keys.length))) + 2;
  const lines: ReactNode[] = [
    <Text key="title" bold>
      crosscheck keys (any key closes this)
    </Text>,
  ];
  for (const group of KEY_GROUPS) {
    lines.push(<Text key={`${group.title}-gap`}> </Text>);
    lines.push(
      <Text key={group.title} bold {...(theme.color ? { color: theme.colors.accent } : { underline: true })}>
        {group.title}
      </Text>,
    );
    for (const binding of group.bindings) {
      lines.push(
        <Text key={`${group.title}-${binding.keys}`} wrap="truncate-end">
          {'  '}
          <Text bold>{binding.keys.padEnd(keyWidth)}</Text>
          {fit(binding.action, Math.max(1, width - keyWidth - 4), theme.glyphs.ellipsis)}
        </Text>,
      );
    }
  }
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" paddingX={1}>
      {lines.slice(0, height)}
    </Box>
  );
}
