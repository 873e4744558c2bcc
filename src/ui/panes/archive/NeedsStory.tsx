/** Quotes, Compare and Claims on an archive before a story is chosen: one line saying how to choose one. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useArchiveSetting } from '../../app/archiveContext.js';
import { usePaneControls } from '../../hooks/usePaneControls.js';
import type { PaneKey } from '../../navigation.js';
import type { PaneDefinition, PaneProps } from '../paneProps.js';

function NeedsStory({ pane, label, width, height, controls, stories }: PaneProps & { pane: PaneKey; label: string; stories: number | null }): ReactNode {
  const message =
    stories === 0
      ? `${label} works on one story at a time, and this archive has none (its documents carry no story): crosscheck --corpus on the folder works on them all.`
      : `${label} works on one story of the archive at a time: s picks a story.`;
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
      <Text wrap="wrap">{message}</Text>
    </Box>
  );
}

/** `definition`'s pane, or on an archive without a chosen story the line saying how to choose one. */
export function storyPane({ key, label, Component }: PaneDefinition): PaneDefinition {
  function StoryPane(props: PaneProps): ReactNode {
    const setting = useArchiveSetting();
    return setting && setting.story === null ? <NeedsStory {...props} pane={key} label={label} stories={setting.stories} /> : <Component {...props} />;
  }
  return { key, label, Component: StoryPane };
}
