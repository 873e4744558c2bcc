/** A pane's text field on one line: the prompt (› while focused, / otherwise), the field, a counter. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { LineEditor } from '../hooks/useLineEditor.js';
import { stringWidth } from '../text.js';
import { useTheme } from '../theme.js';
import { QueryField } from './QueryField.js';

export function PromptLine({ editor, focused, placeholder, counter = '', warning = false, width, label = '' }: { editor: LineEditor; focused: boolean; placeholder: string; counter?: string; warning?: boolean; width: number; label?: string }): ReactNode {
  const theme = useTheme();
  const prompt = `${label}${focused ? theme.glyphs.pointer : '/'} `;
  const inputWidth = Math.max(1, width - stringWidth(prompt) - (counter ? stringWidth(counter) + 2 : 0));
  return (
    <Box height={1} width={width}>
      <Text bold {...(theme.color && focused ? { color: theme.colors.accent } : {})}>
        {prompt}
      </Text>
      <Box width={inputWidth}>
        <QueryField text={editor.text} cursor={editor.cursor} focused={focused} placeholder={placeholder} width={inputWidth} />
      </Box>
      {counter ? <Text {...(warning && theme.color ? { color: theme.colors.warning } : {})}> {counter}</Text> : null}
    </Box>
  );
}
