/** A one-line text field drawn from a LineEditor: the text, the cursor, or a placeholder. */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { neutralize } from '../../core/sanitize.js';
import { stringWidth } from '../text.js';
import { useTheme } from '../theme.js';

export interface QueryFieldProps {
  text: string;
  cursor: number;
  focused: boolean;
  placeholder: string;
  width: number;
}

export function QueryField({ text, cursor, focused, placeholder, width }: QueryFieldProps): ReactNode {
  const theme = useTheme();
  const muted = theme.color ? { color: theme.colors.muted } : {};
  if (text === '') {
    return (
      <Text wrap="truncate-end">
        {focused ? <Text inverse> </Text> : null}
        <Text {...muted}>{placeholder.slice(0, Math.max(0, width - 1))}</Text>
      </Text>
    );
  }
  const chars = Array.from(neutralize(text, { ascii: theme.ascii }));
  const at = Math.min(cursor, chars.length);
  // Focused, keep the cursor in view (the end of a long query); otherwise show how it starts.
  let start = 0;
  let shown = chars.slice(0, at + 1);
  while (focused && start < at && stringWidth(shown.slice(start).join('')) > width - 1) start++;
  shown = chars.slice(start);
  const before = shown.slice(0, at - start).join('');
  const under = shown[at - start] ?? ' ';
  const after = shown.slice(at - start + 1).join('');
  return (
    <Text wrap="truncate-end">
      {before}
      {focused ? <Text inverse>{under}</Text> : under === ' ' && after === '' ? '' : under}
      {after}
    </Text>
  );
}
