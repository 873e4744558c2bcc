/** `?`: every key, grouped; scrolls when the list is taller than the screen. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { KEY_GROUPS } from '../keys.js';
import { fit } from '../text.js';
import { useTheme } from '../theme.js';

/** Lines the help has in all, so the App can bound its scrolling. */
export function helpLineCount(): number {
  return 1 + KEY_GROUPS.reduce((total, group) => total + 2 + group.bindings.length, 0);
}

export function HelpOverlay({ width, height, scroll }: { width: number; height: number; scroll: number }): ReactNode {
  const theme = useTheme();
  const keyWidth = Math.max(...KEY_GROUPS.flatMap((group) => group.bindings.map((binding) => binding.keys.length))) + 2;
  const lines: ReactNode[] = [
    <Text key="title" bold>
      crosscheck keys (j/k, PgUp/PgDn scroll; any other key closes)
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
  const first = Math.max(0, Math.min(scroll, lines.length - height));
  const more = first + height < lines.length;
  const shown = lines.slice(first, first + height - (more ? 1 : 0));
  if (more) {
    shown.push(
      <Text key="more" {...(theme.color ? { color: theme.colors.muted } : { dimColor: true })}>
        {`${theme.glyphs.ellipsis} ${lines.length - first - height + 1} more (j or PgDn)`}
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" paddingX={1}>
      {shown}
    </Box>
  );
}
