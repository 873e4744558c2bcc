/**
 * The workbench and what stands at its cache path, end to end (issue 15, case 9): a named pipe
 * there once held the workbench at "Loading…" for good, deaf to Ctrl-C, SIGTERM and SIGHUP.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { cacheFolder } from '../../src/core/cacheFolder.js';
import { corpusKey, programVersion } from '../../src/core/fingerprint.js';
import { temporaryCorpus } from '../helpers/corpus.js';
import { startTerminal } from '../helpers/terminal.js';

/** 5,400 passages: large enough for the cache to be consulted. */
function largeCorpusFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let article = 0; article < 60; article++) {
    const sentences = Array.from({ length: 90 }, (_, sentence) => `Piped article ${article} reports fact ${sentence} about the harbour.`);
    files[`story${article % 3}/a${article}.txt`] = `Harbour report ${article}\n\n${sentences.join(' ')}\n`;
  }
  return files;
}

for (const ending of ['q', 'SIGTERM'] as const) {
  test(`a named pipe at the cache path: the workbench loads, and ${ending} ends it`, async (t) => {
    const corpus = temporaryCorpus(largeCorpusFiles());
    const cacheHome = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-e2e-cache-'));
    t.after(() => {
      corpus.cleanup();
      rmSync(cacheHome, { recursive: true, force: true });
    });
    const env = { XDG_CACHE_HOME: cacheHome };
    mkdirSync(cacheFolder(env), { recursive: true, mode: 0o700 });
    const fifo = path.join(cacheFolder(env), (await corpusKey(corpus.root, programVersion())).name);
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    const terminal = startTerminal(t, { cols: 100, rows: 24, args: ['--corpus', corpus.root], env, reportModesAfterExit: true });
    if (!terminal) return;
    await terminal.waitFor((screen) => /60 sources/.test(screen), 'the corpus loaded', 60_000);
    if (ending === 'q') {
      terminal.write('\t');
      terminal.write('q');
      await terminal.waitForText('EXIT=0');
      // Said once the workbench has given the screen back (wrapped at the terminal's width).
      assert.match(terminal.lines().join(''), /crosscheck: cache file .* is not a regular file; not used/);
    } else {
      terminal.signal('SIGTERM');
      await terminal.waitForText('EXIT=143');
    }
    await terminal.exit();
  });
}
