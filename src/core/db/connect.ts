/** Opening the archive's database, with every failure said in one line that never holds the password. */
import pg from 'pg';
import { ServiceFailure } from '../searchService.js';
import { ArchiveError } from './schema.js';
import { DatabaseUrlError, parseDatabaseUrl, redact } from './url.js';

/** Seconds to wait for a server before saying it cannot be reached (connect_timeout= overrides). */
const CONNECT_TIMEOUT_MS = 10_000;

const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the server running, on this host and port?)',
  ENOENT: 'no server socket there (is the server running, with this socket folder and port?)',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset by the server',
  EACCES: 'permission denied on the server socket',
};

function codeOf(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

/** Removes every occurrence of the password from a message (a server or library could echo it). */
function scrub(message: string, password: string | undefined): string {
  return password ? message.split(password).join('***') : message;
}

/** One line for a failure to connect or to use the database; the URL redacted, the password scrubbed. */
export function describeDatabaseError(error: unknown, url: string, password?: string, connecting = false): string {
  if (error instanceof DatabaseUrlError || error instanceof ArchiveError) return scrub(error.message, password);
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const where = `PostgreSQL at ${redact(url)}`;
  let line: string;
  if (code in UNREACHABLE) line = `cannot reach ${where}: ${UNREACHABLE[code]}`;
  else if (/timeout/i.test(message) && !/statement timeout/i.test(message)) line = `cannot reach ${where}: no answer in time`;
  else if (code === '28P01' || code === '28000') line = `${where} refused the login: ${message}`;
  else if (code === '3D000') line = `${where}: ${message}`;
  else if (connecting && !/^[0-9A-Z]{5}$/.test(code)) line = `cannot reach ${where}: ${message}`;
  else if (/terminated|Connection ended|closed/i.test(message)) line = `${where} closed the connection: ${message}`;
  else line = `${where}: ${message}${code ? ` (${code})` : ''}`;
  return scrub(line.replace(/\s+/g, ' '), password);
}

/** A failure with its one line ready for the user (exit code 2). */
export class DatabaseFailure extends ServiceFailure {
  override name = 'DatabaseFailure';
}

export interface Connection {
  client: pg.Client;
  /** The URL as it may be shown. */
  shown: string;
  close(): Promise<void>;
}

/** A connected client for `url`; DatabaseFailure (one redacted line) when the URL or the server is not usable. */
export async function connectDatabase(url: string): Promise<Connection> {
  let config: pg.ClientConfig;
  try {
    config = parseDatabaseUrl(url);
  } catch (error) {
    throw new DatabaseFailure(describeDatabaseError(error, url));
  }
  const password = typeof config.password === 'string' ? config.password : undefined;
  const client = new pg.Client({ connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'crosscheck', ...config });
  // A server that goes away later is reported by the query that fails; this only keeps the event from crashing the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new DatabaseFailure(describeDatabaseError(error, url, password, true));
  }
  return {
    client,
    shown: redact(url),
    close: () => client.end().catch(() => undefined),
  };
}

/** Turns any failure during work on the database into a DatabaseFailure with a safe line. */
export function asDatabaseFailure(error: unknown, url: string): DatabaseFailure {
  if (error instanceof DatabaseFailure) return error;
  let password: string | undefined;
  try {
    const parsed = parseDatabaseUrl(url).password;
    password = typeof parsed === 'string' ? parsed : undefined;
  } catch {
    password = undefined;
  }
  return new DatabaseFailure(describeDatabaseError(error, url, password));
}

/**
 * Whether a failure came from the database or the connection to it (said in one line), rather
 * than from the corpus or a bug: server errors carry a severity, socket errors a syscall, and
 * node-postgres reports a connection lost mid-query in a message of its own.
 */
export function isDatabaseProblem(error: unknown): boolean {
  if (error instanceof DatabaseFailure || error instanceof ArchiveError || error instanceof DatabaseUrlError) return true;
  if (!(error instanceof Error)) return false;
  return 'severity' in error || 'syscall' in error || /^(Connection terminated|Client has encountered a connection error|Client was closed|Query read timeout)/.test(error.message);
}
