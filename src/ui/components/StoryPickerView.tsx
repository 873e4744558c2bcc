/** The story picker drawn over the pane: a filter line, then one story a row (name, days, outlets). */
import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { StoryPicker } from '../app/useStoryPicker.js';
import { plural } from '../text.js';
import { PromptLine } from './PromptLine.js';
import { SegmentLine } from './SegmentLine.js';
import { rowsInView } from './rowsInView.js';

export function StoryPickerView({ picker, width, height }: { picker: StoryPicker; width: number; height: number }): ReactNode {
  const { choices, navigation } = picker;
  const rows = rowsInView((index) => choices[index], { offset: navigation.offset, selected: navigation.selected, rows: height - 2 }, (choice, _index, isSelected) => (
    <SegmentLine key={choice.story.id} inverse={isSelected} width={width} segments={[{ text: choice.line, style: isSelected ? 'focus' : 'plain' }]} />
  ));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <PromptLine editor={picker.editor} focused placeholder="words of a story's name, a day or an outlet" counter={plural(choices.length, 'story', 'stories')} width={width} />
      <SegmentLine segments={[{ text: 'Choose a story: Enter shows its claims, Esc cancels', style: 'muted' }]} width={width} />
      <Box flexDirection="column" height={height - 2} overflowY="hidden">
        {rows}
      </Box>
    </Box>
  );
}
