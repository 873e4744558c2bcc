import { test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';

// Every program a test starts inherits these, so nothing lands in the user's home or cache.
test('tests run with a temporary home and cache folder, not the user\'s', () => {
  const tmp = os.tmpdir();
  const realHome = process.env.CROSSCHECK_TEST_REAL_HOME;
  assert.ok(realHome, 'the setup module recorded the real home');
  for (const name of ['HOME', 'XDG_CACHE_HOME', 'HISTFILE'] as const) {
    const value = process.env[name];
    assert.ok(value, `${name} is set`);
    assert.ok(value.startsWith(tmp + path.sep), `${name}=${value} lies under ${tmp}`);
    assert.ok(!value.startsWith(realHome + path.sep) || realHome.startsWith(tmp), `${name} is not inside the real home`);
  }
  assert.equal(os.homedir(), process.env.HOME);
});
