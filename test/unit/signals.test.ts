import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { FATAL_SIGNALS } from '../../src/core/signals.js';
import { PROJECT_ROOT } from '../helpers/corpus.js';

const SIGNALS_MODULE = pathToFileURL(path.join(PROJECT_ROOT, 'dist', 'core', 'signals.js')).href;

describe('fatal signals (src/core/signals.ts)', () => {
  it('covers the catchable fatal signals, and leaves alone those Node reserves or that are crashes', () => {
    for (const signal of ['SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGTERM', 'SIGUSR2', 'SIGALRM', 'SIGVTALRM', 'SIGPROF', 'SIGIO'] as const) {
      assert.ok(FATAL_SIGNALS.includes(signal), signal);
    }
    for (const signal of ['SIGUSR1', 'SIGPIPE', 'SIGSEGV', 'SIGBUS', 'SIGKILL', 'SIGSTOP', 'SIGTSTP', 'SIGWINCH'] as const) {
      assert.ok(!FATAL_SIGNALS.includes(signal), signal);
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
