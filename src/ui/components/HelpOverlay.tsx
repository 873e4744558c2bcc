/** `?` / F1: every key, grouped by where it works, generated from the key map; scrolls when taller than the screen. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { helpSections } from '../keys/keymap.js';
import { fit } from '../text.js';
import { useTheme } from '../theme.js';

function sectionsFor(pane: string): ReturnType<typeof helpSections> {
  return helpSections(pane).filter((section) => section.lines.length > 0);
}
const KEY_WIDTH = Math.max(...sectionsFor('search').flatMap((section) => section.lines.map(([keys]) => keys.length))) + 2;

/** Lines the help has in all, so the App can bound its scrolling. */
export function helpLineCount(): number {
  return 1 + sectionsFor('search').reduce((total, section) => total + 2 + section.lines.length, 0);
}

/** `pane`: the pane in view, whose keys come first after those that work anywhere. */
export function HelpOverlay({ width, height, scroll, pane }: { width: number; height: number; scroll: number; pane: string }): ReactNode {
  const theme = useTheme();
  const SECTIONS = sectionsFor(pane);
  // Narrow terminals put the description under its keys.
  const stacked = width - 2 < KEY_WIDTH + 30;
  const lines: ReactNode[] = [
    <Text key="title" bold>
      {fit('crosscheck keys (j/k, PgUp/PgDn scroll; any other key closes)', width - 2, theme.glyphs.ellipsis)}
    </Text>,
  ];
  for (const section of SECTIONS) {
    lines.push(<Text key={`${section.title}-gap`}> </Text>);
    lines.push(
      <Text key={section.title} bold {...(theme.color ? { color: theme.colors.accent } : { underline: true })}>
        {fit(section.title, width - 2, theme.glyphs.ellipsis)}
      </Text>,
    );
    for (const [keys, what] of section.lines) {
      lines.push(
        <Text key={`${section.title}-${keys}`} wrap="truncate-end">
          {'  '}
          <Text bold>{stacked ? `${keys}  ` : keys.padEnd(KEY_WIDTH)}</Text>
          {fit(what, Math.max(1, width - 4 - (stacked ? keys.length + 2 : KEY_WIDTH)), theme.glyphs.ellipsis)}
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
    <Box flexDirection="column" width={width} height={height} overflowY="hidden" paddingX={1}>
      {shown}
    </Box>
  );
}
