/** One terminal line of styled segments (already safe and cut to width). */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { truncateSegments, type Segment, type SegmentStyle } from '../text.js';
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
      // Deletions are drawn as [-…-] notes, readable where strike-through is not drawn.
      return theme.color ? { color: 'red' } : {};
  }
}

/**
 * Cut to `width` here rather than by Ink, whose truncation always ends in a Unicode ellipsis
 * (wrong under LANG=C).
 */
export function SegmentLine({ segments, width, inverse = false }: { segments: readonly Segment[]; width: number; inverse?: boolean }): ReactNode {
  const theme = useTheme();
  const fitted = truncateSegments(segments, width, theme.glyphs.ellipsis);
  return (
    <Text wrap="truncate-end" inverse={inverse}>
      {fitted.map((segment, index) => (
        <Text key={index} {...textStyle(segment.style, theme)}>
          {segment.text}
        </Text>
      ))}
      {fitted.length === 0 ? ' ' : ''}
    </Text>
  );
}
