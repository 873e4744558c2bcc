/** --fields in the workbench: records with other field names read as the commands read them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { temporaryCorpus } from '../helpers/corpus.js';
import { startTerminal } from '../helpers/terminal.js';

const RECORDS = [
  { body_text: 'The harbour bridge reopened on Monday after repairs.', paper: 'Daily Planet', published: '2024-03-04' },
  { body_text: 'Repairs to the harbour bridge ended on Monday, the council said.', paper: 'Evening Star', published: '2024-03-04' },
]
  .map((record) => JSON.stringify(record))
  .join('\n');

test('the workbench reads records by the fields --fields names, and names sources by their outlets', async (t) => {
  const corpus = temporaryCorpus({ 'news.jsonl': `${RECORDS}\n` });
  t.after(() => corpus.cleanup());
  const terminal = startTerminal(t, { cols: 80, rows: 24, args: ['--corpus', corpus.root, '--fields', 'text=body_text,outlet=paper,date=published'] });
  if (!terminal) return;
  await terminal.waitForText('2 sources');
  await terminal.type('harbour');
  const screen = await terminal.waitFor((text) => /Daily Planet/.test(text) && /Evening Star/.test(text), 'both outlets named');
  assert.match(screen, /2\/2/);
  terminal.write('\u0003');
  await terminal.exit();
});

test('a --fields map naming a field no record has ends the workbench with exit 2 and says which', async (t) => {
  const corpus = temporaryCorpus({ 'news.jsonl': `${RECORDS}\n` });
  t.after(() => corpus.cleanup());
  const terminal = startTerminal(t, { cols: 80, rows: 24, reportModesAfterExit: true, args: ['--corpus', corpus.root, '--fields', 'text=body_text,outlet=newspaper'] });
  if (!terminal) return;
  const screen = await terminal.waitForText('EXIT=2');
  assert.match(screen, /crosscheck: --fields outlet=newspaper: no record of corpus/);
  assert.equal(terminal.alternateScreen, false);
  await terminal.exit();
});
