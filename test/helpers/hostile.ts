/** Hostile text shared by the unit and end-to-end tests. */
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** An article carrying every kind of terminal-active text a scraped page can hold. */
export const HOSTILE_ARTICLE = [
  'Officials said the \u001b[31mred\u001b[0m figure was wrong.',
  '',
  'A cursor \u001b[2J\u001b[H\u001b[10;10Hmove came next.',
  'A clipboard \u001b]52;c;ZWNobyBwd25lZA==\u0007 write and a title \u001b]0;pwned\u0007 change followed.',
  'A link \u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\ appeared.',
  'A C1 \u009b31m control and a \u0085 next line and a \u009d C1 OSC.',
  'Bidi \u202eevil\u202c and \u2066isolate\u2069 marks stayed.',
  'Zero\u200bwidth\u200djoin\ufeff here.',
  'Tags \u{e0049}\u{e0067}\u{e006e}\u{e006f}\u{e0072}\u{e0065} hide text, fillers \u3164\u115f and annotations \ufff9x\ufffa too.',
  '',
].join('\n');

/** Characters that act on a terminal or on the text around them instead of being shown. */
export const TERMINAL_ACTIVE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\u115f\u1160\u3164\u{e0000}-\u{e007f}]/u;

/** Every path under `root` with its kind, size and modification time (symbolic links not followed). */
export function folderSnapshot(root: string): string[] {
  const entries: string[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const file = path.join(folder, name);
      const info = lstatSync(file);
      entries.push(`${path.relative(root, file)} ${info.isDirectory() ? 'dir' : info.size} ${info.mtimeMs} ${info.mode}`);
      if (info.isDirectory()) walk(file);
    }
  };
  walk(root);
  return entries;
}
