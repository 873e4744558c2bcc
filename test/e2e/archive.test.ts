/**
 * `crosscheck --db URL`: the real program in a pseudo-terminal on an archive indexed from the
 * bundled corpus: search results come from the archive, a connection cut mid-session is said in
 * the status line and the search works again once the server takes connections, and the terminal
 * is restored on the way out. Usage errors and an unreachable server end before the screen opens.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { BUNDLED_CORPUS } from '../helpers/corpus.js';
import { asAdministrator, indexedTestDatabase, skipWithoutDatabase, withDatabase, type TestDatabase } from '../helpers/db.js';
import { startTerminal } from '../helpers/terminal.js';

describe('the workbench on an archive', { skip: skipWithoutDatabase }, () => {
  let database: TestDatabase;
  before(async () => {
    database = await indexedTestDatabase(BUNDLED_CORPUS);
  });
  after(async () => {
    await database?.drop();
  });

  it('searches the archive, says when the connection is lost, searches again once it is back, and quits restoring the terminal', async (t) => {
    const terminal = startTerminal(t, { cols: 100, rows: 24, args: ['--db', database.url], reportModesAfterExit: true });
    if (!terminal) return;
    await terminal.waitForText('Type to search the archive');
    assert.ok(terminal.alternateScreen);
    await terminal.type('Hua Chuning', 10);
    await terminal.waitFor((screen) => /003…:14 .*Hua Chuning/.test(screen), 'a result row from the archive');

    // The server takes no new connection and ends the workbench's: the next query cannot be answered.
    await asAdministrator(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS false`);
    try {
      await asAdministrator(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database.name}' AND application_name = 'crosscheck'`);
      await terminal.type(' twitter', 10);
      await terminal.waitForText('archive unreachable: retrying');
      // Keys still work meanwhile.
      terminal.write('\r');
      await terminal.type('?');
      await terminal.waitForText('crosscheck keys');
      await terminal.type('x');
      await terminal.waitFor((screen) => !screen.includes('crosscheck keys'), 'the help closed');
    } finally {
      await asAdministrator(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS true`);
    }
    await terminal.waitFor((screen) => !screen.includes('unreachable') && /Hua Chun/.test(screen) && screen.includes('twitter'), 'results again once the server is back');

    await terminal.type('q');
    await terminal.waitForText('EXIT=0');
    await terminal.exit();
    assert.equal(terminal.alternateScreen, false, 'the main screen is back');
    assert.ok(terminal.cursorVisible);
    assert.match(terminal.screen(), /(^|\s)icanon(\s|$)/m);
  });

  it('an archive that cannot be reached: one line and exit 2, before the screen opens', async (t) => {
    const missing = withDatabase(database.url, 'crosscheck_no_such_database');
    const terminal = startTerminal(t, { cols: 100, rows: 24, args: ['--db', missing], reportModesAfterExit: true });
    if (!terminal) return;
    const screen = await terminal.waitForText('EXIT=2');
    await terminal.exit();
    assert.doesNotMatch(terminal.output, /\u001b\[\?1049h/, 'the alternate screen never opened');
    const said = screen.split('\n').filter((line) => line.startsWith('crosscheck:'));
    assert.equal(said.length, 1);
    assert.match(said[0]!, /crosscheck_no_such_database/);
  });
});

describe('the workbench: --db and --corpus', () => {
  it('together are a usage error in one line', () => {
    const { status, stderr } = runCli(['--db', 'postgresql://localhost/news', '--corpus', BUNDLED_CORPUS]);
    assert.equal(status, 2);
    assert.equal(stderr, 'crosscheck: the workbench: give --db URL or --corpus PATH, not both\n');
  });
});
