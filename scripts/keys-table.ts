/**
 * Writes the README's key table from the key map (src/ui/keys/keymap.ts), between its markers.
 * `npm run keys-table`; test/unit/keymap.test.ts fails while the README differs from the map.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KEY_TABLE_END, KEY_TABLE_START, keyTableMarkdown } from '../src/ui/keys/keymap.js';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const text = readFileSync(readme, 'utf8');
const start = text.indexOf(KEY_TABLE_START);
const end = text.indexOf(KEY_TABLE_END);
if (start === -1 || end < start) throw new Error(`README.md has no ${KEY_TABLE_START} ... ${KEY_TABLE_END} block`);
writeFileSync(readme, `${text.slice(0, start + KEY_TABLE_START.length)}\n${keyTableMarkdown()}\n${text.slice(end)}`);
