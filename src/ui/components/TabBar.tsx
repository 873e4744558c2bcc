/** The numbered panes along the top. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { fit } from '../text.js';
import { useTheme } from '../theme.js';

export interface TabInfo {
  key: string;
  label: string;
}

export function TabBar({ tabs, active, title, width }: { tabs: readonly TabInfo[]; active: string; title: string; width: number }): ReactNode {
  const theme = useTheme();
  const labels = tabs.map((tab, index) => ` ${index + 1} ${tab.label} `);
  const used = labels.reduce((total, label) => total + label.length + 1, 0);
  return (
    <Box width={width} height={1}>
      {tabs.map((tab, index) => (
        <Text key={tab.key} inverse={tab.key === active} bold={tab.key === active}>
          {labels[index]}
        </Text>
      ))}
      <Text wrap="truncate-end" {...(theme.color ? { color: theme.colors.muted } : {})}>
        {' '}
        {fit(title, Math.max(0, width - used - 1), theme.glyphs.ellipsis)}
      </Text>
    </Box>
  );
}
