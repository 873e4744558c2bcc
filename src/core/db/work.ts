/** What every write to the archive goes through: counted, and grouped in transactions. */
import type { ClientBase } from 'pg';
import { copyRows, copyText, type CopyText, type CopyValue } from './copy.js';

/** The story column's value: top-level documents have '' (a distribution column holds no NULL). */
export function storyKey(story: string | null): string {
  return story ?? '';
}

/** Counts what a run sends, so tests can bound the work of a re-run without timing it. */
export class Work {
  statements = 0;
  rowsWritten = 0;
  constructor(readonly client: ClientBase) {}
  async query(text: string, values?: unknown[]): Promise<number> {
    this.statements++;
    const result = await this.client.query(text, values);
    return result.rowCount ?? 0;
  }
  async copy(table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<number> {
    this.statements++;
    const written = await copyRows(this.client, table, columns, rows);
    this.rowsWritten += written;
    return written;
  }
  /** Rows encoded beforehand; nothing is sent for none. */
  async copyEncoded(table: string, columns: readonly string[], text: CopyText): Promise<number> {
    if (text.rows === 0) return 0;
    this.statements++;
    const written = await copyText(this.client, table, columns, text.finish());
    this.rowsWritten += written;
    return written;
  }
  async transaction<T>(body: () => Promise<T>): Promise<T> {
    await this.query('BEGIN');
    try {
      const result = await body();
      await this.query('COMMIT');
      return result;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}

