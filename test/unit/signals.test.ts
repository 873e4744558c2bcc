import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { FATAL_SIGNALS } from '../../src/core/signals.js';
import { PROJECT_ROOT } from '../helpers/corpus.js';

const SIGNALS_MODULE = pathToFileURL(path.join(PROJECT_ROOT, 'dist', 'core', 'signals.js')).href;

describe('fatal signals (src/core/signals.ts)', () => {
  it('covers the catchable fatal signals, and leaves alone those Node reserves or that are crashes', () => {
    for (const signal of ['SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGTERM', 'SIGUSR2', 'SIGALRM', 'SIGVTALRM', 'SIGIO'] as const) {
      assert.ok(FATAL_SIGNALS.includes(signal), signal);
    }
    for (const signal of ['SIGUSR1', 'SIGPIPE', 'SIGSEGV', 'SIGBUS', 'SIGKILL', 'SIGSTOP', 'SIGTSTP', 'SIGWINCH', 'SIGPROF'] as const) {
      assert.ok(!FATAL_SIGNALS.includes(signal), signal);
    }
  });

  it('leaves SIGPROF to V8, so the guarded program can be profiled with node --cpu-prof', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-cpu-prof-'));
    try {
      const script = `import { guardTerminal } from ${JSON.stringify(SIGNALS_MODULE)};
const release = guardTerminal(() => process.stdout.write('restored'));
const end = Date.now() + 300;
while (Date.now() < end);
release();
process.stdout.write('done');`;
      const result = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${folder}`, '--input-type=module', '-e', script], { encoding: 'utf8' });
      assert.equal(result.signal, null);
      assert.equal(result.stdout, 'done');
      assert.ok(readdirSync(folder).some((name) => name.endsWith('.cpuprofile')));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('on each one, restores first and then ends by that very signal', () => {
    assert.ok(FATAL_SIGNALS.length > 0);
    for (const signal of FATAL_SIGNALS) {
      const script = `import { guardTerminal } from ${JSON.stringify(SIGNALS_MODULE)};
guardTerminal(() => process.stdout.write('restored'));
setTimeout(() => process.stdout.write('still running'), 5000);
process.kill(process.pid, ${JSON.stringify(signal)});`;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      assert.equal(result.stdout, 'restored', signal);
      assert.equal(result.signal, signal);
    }
  });
});
