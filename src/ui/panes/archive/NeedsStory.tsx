/** Quotes, Compare and Claims on an archive before a story is chosen: one line saying how to choose one. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useArchiveSetting } from '../../app/archiveContext.js';
import { usePaneControls } from '../../hooks/usePaneControls.js';
import type { PaneKey } from '../../navigation.js';
import { fit } from '../../text.js';
import { useTheme } from '../../theme.js';
import type { PaneDefinition, PaneProps } from '../paneProps.js';

function NeedsStory({ pane, label, width, height, controls }: PaneProps & { pane: PaneKey; label: string }): ReactNode {
  const theme = useTheme();
  // Only the story picker's key works here (it is Claims' key, so its hint and help are Claims').
  usePaneControls(pane, controls, () => ({
    where: label,
    field: null,
    layers: [{ scope: 'claims', handlers: {} }],
    cycleArea: () => undefined,
    paste: () => undefined,
    capture: () => () => undefined,
    open: () => undefined,
  }));
  return (
    <Box width={width} height={height} paddingX={1}>
      <Text wrap="truncate-end">{fit(`${label} works on one story of the archive at a time: s picks a story.`, Math.max(1, width - 2), theme.glyphs.ellipsis)}</Text>
    </Box>
  );
}

/** `definition`'s pane, or on an archive without a chosen story the line saying how to choose one. */
export function storyPane({ key, label, Component }: PaneDefinition): PaneDefinition {
  function StoryPane(props: PaneProps): ReactNode {
    const setting = useArchiveSetting();
    return setting && setting.story === null ? <NeedsStory {...props} pane={key} label={label} /> : <Component {...props} />;
  }
  return { key, label, Component: StoryPane };
}
