/**
 * Loaded before every test file (`node --import`): the tests and every program they start get a
 * home and a cache folder of their own, removed when the file's process ends. Without this, `npm
 * test` wrote index caches of deleted temporary corpora into the user's ~/.cache/crosscheck and
 * the interactive-shell tests added lines to ~/.bash_history.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const home = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-home-'));
process.env.CROSSCHECK_TEST_REAL_HOME ??= os.homedir();
process.env.HOME = home;
process.env.XDG_CACHE_HOME = path.join(home, '.cache');
process.env.HISTFILE = path.join(home, '.bash_history');
process.on('exit', () => rmSync(home, { recursive: true, force: true }));
// A user's archive must not answer the tests' commands in place of their corpora (tests that want one pass --db).
delete process.env.CROSSCHECK_DB;
