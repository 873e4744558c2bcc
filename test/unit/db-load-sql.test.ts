import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidateSql } from '../../scripts/bench/dbLoad.js';

describe('the load script: bench queries as trigram candidate SQL', () => {
  it('every term must match, a | b is one term, and no query text reaches the SQL itself', () => {
    const hostile = "x'); DROP TABLE passages; --";
    const sql = candidateSql(`Volcker 'dlrs !opec ^the pct$ coffee | cocoa ${hostile}`);
    assert.deepEqual(sql.values, ['Volcker', '%dlrs%', '%opec%', 'the%', '%pct', 'coffee', 'cocoa', hostile.split(' ')[0], 'DROP', 'TABLE', 'passages;', '--']);
    assert.ok(!sql.text.includes('Volcker') && !sql.text.includes('DROP'), sql.text);
    assert.match(sql.text, /WHERE \(text %> \$1\) AND \(text ILIKE \$2\) AND \(text NOT ILIKE \$3\) AND \(text ILIKE \$4\) AND \(text ILIKE \$5\) AND \(text %> \$6 OR text %> \$7\)/);
    assert.match(sql.text, /ORDER BY word_similarity\(\$1, text\) \+ greatest\(word_similarity\(\$6, text\), word_similarity\(\$7, text\)\)/);
    assert.match(sql.text, /LIMIT 200$/);
  });

  it('LIKE patterns match their text literally', () => {
    assert.deepEqual(candidateSql("'50%_off\\").values, ['%50\\%\\_off\\\\%']);
  });
});
