/** The terminal's size, following resizes. */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  columns: number;
  rows: number;
}

export const FALLBACK_SIZE: TerminalSize = { columns: 80, rows: 24 };

function sizeOf(stdout: NodeJS.WriteStream): TerminalSize {
  return { columns: stdout.columns || FALLBACK_SIZE.columns, rows: stdout.rows || FALLBACK_SIZE.rows };
}

export function useTerminalSize(override?: TerminalSize): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState<TerminalSize>(() => override ?? sizeOf(stdout));
  useEffect(() => {
    if (override) return;
    const onResize = (): void => setSize(sizeOf(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, override]);
  return override ?? size;
}

export interface WorkbenchSize extends TerminalSize {
  /** Below the minimum: the workbench is hidden behind a message. */
  tooSmall: boolean;
  /**
   * What the workbench lays itself out at: the terminal's size, or while it is too small the last
   * size that was not (else the minimum), so the hidden panes keep a layout they fit.
   */
  laidOut: TerminalSize;
}

export function useWorkbenchSize(minimum: TerminalSize, override?: TerminalSize): WorkbenchSize {
  const size = useTerminalSize(override);
  const tooSmall = size.columns < minimum.columns || size.rows < minimum.rows;
  const [lastFitting, setLastFitting] = useState<TerminalSize>(tooSmall ? minimum : size);
  if (!tooSmall && (lastFitting.columns !== size.columns || lastFitting.rows !== size.rows)) setLastFitting(size);
  return { ...size, tooSmall, laidOut: tooSmall ? lastFitting : size };
}
