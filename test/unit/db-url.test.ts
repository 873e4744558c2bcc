import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeDatabaseError } from '../../src/core/db/connect.js';
import { copyField } from '../../src/core/db/copy.js';
import { DatabaseUrlError, parseDatabaseUrl, redact } from '../../src/core/db/url.js';

describe('database URLs', () => {
  it('reads host, port, user, password, database and a socket folder', () => {
    assert.deepEqual(parseDatabaseUrl('postgresql://ann:p%40ss@db.example:6432/news'), { host: 'db.example', port: 6432, user: 'ann', password: 'p@ss', database: 'news' });
    assert.deepEqual(parseDatabaseUrl('postgres://ann@/news?host=/run/postgresql&port=5433'), { host: '/run/postgresql', port: 5433, user: 'ann', database: 'news' });
    assert.deepEqual(parseDatabaseUrl('postgresql://[::1]:5432/x?sslmode=require'), { host: '::1', port: 5432, database: 'x', ssl: { rejectUnauthorized: false } });
  });

  it('refuses what it cannot use, in a message without the password', () => {
    const cases: Array<[string, RegExp]> = [
      ['mysql://ann:secret@h/db', /only postgresql:\/\//],
      ['postgresql://ann:secret@h:0/db', /port "0"/],
      ['postgresql://ann:secret@h/db?sslmode=maybe', /sslmode "maybe"/],
      ['postgresql://ann:secret@h/db?options=-c', /unknown parameter "options"/],
      ['postgresql://ann:secret@/db', /no host/],
      ['postgresql://ann:secret@h/%zz', /not valid percent-encoding/],
      ['', /\(empty\)/],
    ];
    for (const [url, pattern] of cases) {
      assert.throws(
        () => parseDatabaseUrl(url),
        (error: unknown) => error instanceof DatabaseUrlError && pattern.test(error.message) && !error.message.includes('secret'),
        url,
      );
    }
  });

  it('redact() hides the password in the user part and in a password= parameter, on any string', () => {
    assert.equal(redact('postgresql://ann:secret@h/db'), 'postgresql://ann:***@h/db');
    assert.equal(redact('postgresql://ann@/db?host=/s&password=secret&port=1'), 'postgresql://ann@/db?host=/s&password=***&port=1');
    assert.equal(redact('postgres://:secret@h'), 'postgres://:***@h');
    assert.equal(redact('postgresql://ann@h/db'), 'postgresql://ann@h/db');
  });

  it('an error message that echoes the password has it scrubbed', () => {
    const echoing = Object.assign(new Error('auth failed for secret-word'), { code: '28P01' });
    const line = describeDatabaseError(echoing, 'postgresql://ann:secret-word@h/db', 'secret-word');
    assert.equal(line, 'PostgreSQL at postgresql://ann:***@h/db refused the login: auth failed for ***');
  });
});

describe('COPY text fields', () => {
  it('escapes backslash, tab and line breaks, writes null as \\N, and a NUL as \u2400', () => {
    assert.equal(copyField('a\\b\tc\nd\re'), 'a\\\\b\\tc\\nd\\re');
    assert.equal(copyField(null), '\\N');
    assert.equal(copyField('\\N'), '\\\\N');
    assert.equal(copyField('x\0y'), 'x\u2400y');
    assert.equal(copyField(3), '3');
    assert.equal(copyField('\u001b[31m'), '\u001b[31m');
  });
});
