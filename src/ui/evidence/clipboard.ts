/**
 * Copying through the terminal: OSC 52 asks the terminal itself to set the clipboard, so a copy
 * works over SSH and inside tmux (with `set-clipboard on`), where no local clipboard tool can help.
 * The text is neutralised before it is encoded (core/evidence.ts), so nothing copied acts on a
 * terminal it is later pasted into.
 */

/** Terminals cap OSC 52 payloads (xterm: about 100 KB); a longer copy is cut and says so. */
export const MAX_COPY_BYTES = 74_994;

export interface Copy {
  sequence: string;
  /** True when the text was cut to fit. */
  cut: boolean;
}

export function osc52(text: string): Copy {
  let bytes = Buffer.from(text, 'utf8');
  const cut = bytes.length > MAX_COPY_BYTES;
  if (cut) bytes = Buffer.from(new TextDecoder().decode(bytes.subarray(0, MAX_COPY_BYTES)).replace(/\uFFFD$/, ''), 'utf8');
  return { sequence: `\u001b]52;c;${bytes.toString('base64')}\u0007`, cut };
}
