/** One terminal line of styled segments (already safe and cut to width). */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { Segment, SegmentStyle } from '../text.js';
import { useTheme, type Theme } from '../theme.js';

interface TextStyle {
  bold?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  inverse?: boolean;
  dimColor?: boolean;
  color?: string;
}

export function textStyle(style: SegmentStyle, theme: Theme): TextStyle {
  const color = (name: keyof Theme['colors']): TextStyle => (theme.color ? { color: theme.colors[name] } : {});
  switch (style) {
    case 'plain':
      return {};
    case 'match':
      return { bold: true, ...(theme.color ? color('match') : { underline: true }) };
    case 'focus':
      return { bold: true };
    case 'focusMatch':
      return { bold: true, underline: true, ...color('match') };
    case 'muted':
      return theme.color ? { dimColor: true } : {};
    case 'source':
      return color('source');
    case 'warning':
      return { bold: true, ...color('warning') };
    case 'insert':
      return theme.color ? { color: 'green', underline: true } : { underline: true };
    case 'delete':
      return theme.color ? { color: 'red', strikethrough: true } : { strikethrough: true };
  }
}

export function SegmentLine({ segments, inverse = false }: { segments: readonly Segment[]; inverse?: boolean }): ReactNode {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end" inverse={inverse}>
      {segments.map((segment, index) => (
        <Text key={index} {...textStyle(segment.style, theme)}>
          {segment.text}
        </Text>
      ))}
      {segments.length === 0 ? ' ' : ''}
    </Text>
  );
}
