/** What every list draws: the rows from its scroll offset that fit, each told whether it is selected. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from '../theme.js';

export interface View {
  offset: number;
  selected: number;
  /** Rows that fit. */
  rows: number;
}

/** One row each for the items from `offset` while they last and fit; `at` reads an item by position. */
export function rowsInView<T>(at: (index: number) => T | undefined, { offset, selected, rows }: View, draw: (item: T, index: number, selected: boolean) => ReactNode): ReactNode[] {
  const drawn: ReactNode[] = [];
  for (let row = 0; row < rows; row++) {
    const index = offset + row;
    const item = at(index);
    if (item === undefined) break;
    drawn.push(draw(item, index, index === selected));
  }
  return drawn;
}

/** A detail panel with nothing to show: says so, dimmed, in the panel's place. */
export function EmptyPanel({ text, width, height }: { text: string; width: number; height: number }): ReactNode {
  const theme = useTheme();
  return (
    <Box width={width} height={height}>
      <Text dimColor={theme.color}>{text}</Text>
    </Box>
  );
}
