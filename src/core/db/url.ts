/**
 * The database URL a user gives (--db, CROSSCHECK_DB): checked here, so a typo is one clear
 * line, and never shown with its password (redact).
 *
 * postgresql://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=require
 * postgresql://USER@/DATABASE?host=/run/postgresql&port=5432   (a unix socket folder)
 */
import type { ClientConfig } from 'pg';

/** A URL that cannot be used: exit code 2, its message already redacted. */
export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

const URL_SHAPE = /^(postgres(?:ql)?):\/\/(?:([^:@/?#]*)(?::([^@/?#]*))?@)?([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?$/i;
const SSL_MODES = new Set(['disable', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify']);
const QUERY_KEYS = new Set(['host', 'port', 'user', 'password', 'dbname', 'sslmode', 'application_name', 'connect_timeout']);

/** The URL with any password (in the user part or a password= parameter) replaced by ***; works on any string. */
export function redact(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*):[^@/?#]*@/i, '$1:***@')
    .replace(/([?&]password=)[^&#]*/gi, '$1***');
}

function decode(part: string, what: string, url: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new DatabaseUrlError(`database URL ${redact(url)}: its ${what} is not valid percent-encoding`);
  }
}

function wholeNumber(text: string, what: string, max: number, url: string): number {
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new DatabaseUrlError(`database URL ${redact(url)}: ${what} "${text}" is not a whole number from 1 to ${max}`);
  }
  return Number(text);
}

function portOf(text: string, url: string): number {
  return wholeNumber(text, 'port', 65535, url);
}

/** The host part: host, host:port, [v6], [v6]:port. */
function hostAndPort(authority: string, url: string): { host?: string; port?: number } {
  if (authority === '') return {};
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d*))?$/i.exec(authority);
  if (bracketed) return { host: bracketed[1]!, ...(bracketed[2] === undefined ? {} : { port: portOf(bracketed[2], url) }) };
  const [host, port, ...rest] = authority.split(':');
  if (rest.length > 0 || !/^[\w.%-]+$/.test(host ?? '')) throw new DatabaseUrlError(`database URL ${redact(url)}: "${authority}" is not a host name`);
  return { host: decode(host!, 'host', url), ...(port === undefined ? {} : { port: portOf(port, url) }) };
}

function sslOf(mode: string, url: string): ClientConfig['ssl'] {
  if (!SSL_MODES.has(mode)) throw new DatabaseUrlError(`database URL ${redact(url)}: sslmode "${mode}" is not one of ${[...SSL_MODES].join(', ')}`);
  if (mode === 'disable' || mode === 'prefer') return false;
  return mode === 'verify-ca' || mode === 'verify-full' ? { rejectUnauthorized: true } : { rejectUnauthorized: false };
}

/** The connection settings of a postgres:// or postgresql:// URL; DatabaseUrlError when it is not one. */
export function parseDatabaseUrl(url: string): ClientConfig {
  const trimmed = url.trim();
  const match = URL_SHAPE.exec(trimmed);
  if (!match) {
    const hint = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? 'only postgresql:// (or postgres://) URLs are read' : 'expected postgresql://USER@HOST:PORT/DATABASE';
    throw new DatabaseUrlError(`database URL ${redact(trimmed) || '(empty)'}: ${hint}`);
  }
  const [, , user, password, authority, database, query] = match;
  const config: ClientConfig = { ...hostAndPort(authority!, trimmed) };
  if (user) config.user = decode(user, 'user name', trimmed);
  if (password !== undefined) config.password = decode(password, 'password', trimmed);
  if (database) config.database = decode(database, 'database name', trimmed);
  for (const pair of (query ?? '').split('&').filter((part) => part !== '')) {
    const [rawKey, ...rawValue] = pair.split('=');
    const key = decode(rawKey!, 'parameters', trimmed);
    const value = decode(rawValue.join('='), 'parameters', trimmed);
    if (!QUERY_KEYS.has(key)) throw new DatabaseUrlError(`database URL ${redact(trimmed)}: unknown parameter "${key}" (known: ${[...QUERY_KEYS].join(', ')})`);
    if (key === 'host') config.host = value;
    else if (key === 'port') config.port = portOf(value, trimmed);
    else if (key === 'user') config.user = value;
    else if (key === 'password') config.password = value;
    else if (key === 'dbname') config.database = value;
    else if (key === 'sslmode') config.ssl = sslOf(value, trimmed);
    else if (key === 'application_name') config.application_name = value;
    else config.connectionTimeoutMillis = wholeNumber(value, 'connect_timeout', 3600, trimmed) * 1000;
  }
  if (config.host === undefined) throw new DatabaseUrlError(`database URL ${redact(trimmed)}: no host (give HOST, or ?host=/socket/folder for a unix socket)`);
  return config;
}
