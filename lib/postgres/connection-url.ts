/**
 * PostgreSQL connection URLs, read the way node-pg reads them (pg-connection-string: a stray `%` is taken
 * literally, query parameters override the URL's parts) so that the migrate session and `pg_dump` always reach the
 * same database as the same user. Child processes get the parts as libpq's PG* environment variables, never as a
 * command-line argument. Oddly formed URLs (an unencoded `/`, `?` or `#` in the password) are refused without
 * printing any part of them, and every form a password can take is offered to the redactor.
 */
import { ConfigError } from '../core/errors.js';

/** The parts of a connection URL, decoded. Absent parts are undefined (libpq then uses its defaults/environment). */
export interface ConnectionUrl {
  /** `postgres:` or `postgresql:`. */
  protocol: string;
  host?: string;
  port?: string;
  user?: string;
  password?: string;
  database?: string;
  /** Query parameters other than host/port/user/password/dbname, decoded. */
  params: Record<string, string>;
}

/** libpq's environment variable for each connection keyword it can take from the environment. */
const LIBPQ_ENV: Record<string, string> = {
  host: 'PGHOST',
  hostaddr: 'PGHOSTADDR',
  port: 'PGPORT',
  dbname: 'PGDATABASE',
  user: 'PGUSER',
  password: 'PGPASSWORD',
  passfile: 'PGPASSFILE',
  channel_binding: 'PGCHANNELBINDING',
  service: 'PGSERVICE',
  options: 'PGOPTIONS',
  application_name: 'PGAPPNAME',
  sslmode: 'PGSSLMODE',
  requiressl: 'PGREQUIRESSL',
  sslnegotiation: 'PGSSLNEGOTIATION',
  sslcompression: 'PGSSLCOMPRESSION',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
  sslcertmode: 'PGSSLCERTMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcrl: 'PGSSLCRL',
  sslcrldir: 'PGSSLCRLDIR',
  sslsni: 'PGSSLSNI',
  requirepeer: 'PGREQUIREPEER',
  ssl_min_protocol_version: 'PGSSLMINPROTOCOLVERSION',
  ssl_max_protocol_version: 'PGSSLMAXPROTOCOLVERSION',
  gssencmode: 'PGGSSENCMODE',
  krbsrvname: 'PGKRBSRVNAME',
  gsslib: 'PGGSSLIB',
  gssdelegation: 'PGGSSDELEGATION',
  connect_timeout: 'PGCONNECT_TIMEOUT',
  client_encoding: 'PGCLIENTENCODING',
  target_session_attrs: 'PGTARGETSESSIONATTRS',
  load_balance_hosts: 'PGLOADBALANCEHOSTS',
  require_auth: 'PGREQUIREAUTH',
};

const PERCENT_ENCODE_HINT =
  'Percent-encode special characters in the user name and password (`/` → %2F, `?` → %3F, `#` → %23, `@` → %40, ' +
  '`:` → %3A, `%` → %25, space → %20), e.g. with `node -p "encodeURIComponent(process.argv[1])" \'<password>\'`, ' +
  'or copy the URI from the Supabase dashboard (Connect → Session pooler).';

/** Schemes of other databases and protocols, safe to name in an error. */
const OTHER_SCHEMES = new Set([
  'mysql',
  'mariadb',
  'mongodb',
  'mongodb+srv',
  'redis',
  'rediss',
  'sqlserver',
  'mssql',
  'sqlite',
  'oracle',
  'jdbc',
  'http',
  'https',
  'file',
]);

/** The URL is not usable; the message never contains any part of it. */
function invalid(message: string, hint = PERCENT_ENCODE_HINT): ConfigError {
  return new ConfigError('database_url_invalid', message, { hint });
}

/** `decodeURIComponent` that returns its input when the escapes are not valid UTF-8 (as a password may be). */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** node-pg's repair of a URL with a space or a `%` not followed by two hex digits: encode it all, keep valid escapes. */
function normalise(url: string): string {
  return / |%[^a-f0-9]|%[a-f0-9][^a-f0-9]/i.test(url) ? encodeURI(url).replace(/%25(\d\d)/g, '%$1') : url;
}

/** Everything between `scheme://` and the last `@`: what the writer of the URL meant as `user:password`. */
function intendedUserinfo(url: string): string | undefined {
  const start = url.indexOf('://');
  const at = url.lastIndexOf('@');
  return start >= 0 && at > start + 3 ? url.slice(start + 3, at) : undefined;
}

/** The password the writer of the URL meant (raw text, not decoded), even when the URL does not parse as such. */
function intendedPassword(url: string): string | undefined {
  const userinfo = intendedUserinfo(url);
  const colon = userinfo?.indexOf(':') ?? -1;
  return userinfo !== undefined && colon >= 0 ? userinfo.slice(colon + 1) : undefined;
}

/**
 * Parses a PostgreSQL connection URL the way node-pg does. Throws a ConfigError (`database_url_invalid`, message
 * free of the URL's text) when it is not a URL, not PostgreSQL, or is oddly formed: a fragment, an `@` after the
 * host (unencoded), a query part without a name or `=` — what an unencoded `/`, `#` or `?` in a password produces —
 * or percent-escapes that are not UTF-8 (node-pg fails on those with "URI malformed").
 */
export function parseConnectionUrl(url: string): ConnectionUrl {
  const text = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    throw invalid(
      'The database URL is malformed: it does not start with postgresql:// or postgres://.',
      'Use the form postgresql://<user>:<password>@<host>:5432/<database>. ' + PERCENT_ENCODE_HINT,
    );
  }
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    // Name the scheme only when it is a well-known one: a value pasted by mistake could start with `secret:`.
    const named = OTHER_SCHEMES.has(scheme) ? ` (scheme ${scheme}:)` : '';
    throw invalid(
      `The database URL is not a PostgreSQL URL${named}; Shipline migrates PostgreSQL (Supabase) databases only.`,
      'Use the PostgreSQL connection string of the Supabase project: postgresql://<user>:<password>@<host>:5432/postgres.',
    );
  }
  if (!/^[a-z]+:\/\//i.test(text)) {
    throw invalid(
      'The database URL is malformed: the scheme must be followed by `//` (postgresql://<host>…).',
      'Use the form postgresql://<user>:<password>@<host>:5432/<database>.',
    );
  }
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    // The URL parser silently drops tabs and line breaks: the password would not be what was written.
    throw invalid('The database URL contains a control character (a tab or line break?).');
  }
  let parsed: URL;
  try {
    parsed = new URL(normalise(text));
  } catch {
    throw invalid(
      'The database URL is malformed (the URL parser rejects it; often an unencoded `/`, `#`, `?` or `:` in the password).',
    );
  }
  const rawPath = parsed.pathname;
  const rawQuery = parsed.search.slice(1);
  if (
    parsed.hash !== '' ||
    rawPath.includes('@') ||
    rawQuery.includes('@') ||
    rawQuery.split('&').some((part) => part !== '' && (!part.includes('=') || part.startsWith('=')))
  ) {
    throw invalid(
      'The database URL is oddly formed: the URL parser sees part of the user name or password as the host, path, query or fragment (an unencoded `/`, `?` or `#` in the password; an `@` after the host must be written %40).',
    );
  }
  const params: Record<string, string> = {};
  for (const [key, value] of parsed.searchParams) params[key] = value;
  const take = (key: string): string | undefined => {
    const value = params[key];
    delete params[key];
    return value === '' ? undefined : value;
  };
  const strict = (text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      throw invalid('The database URL has a percent-escape that is not valid UTF-8 (a `%` in the password?).');
    }
  };
  const hostname = strict(parsed.hostname.replace(/^\[(.+)\]$/, '$1'));
  const host = take('host') ?? (hostname || undefined);
  const port = take('port') ?? (parsed.port || undefined);
  const user = take('user') ?? (parsed.username ? strict(parsed.username) : undefined);
  const password = take('password') ?? (parsed.password ? strict(parsed.password) : undefined);
  const database = take('dbname') ?? (rawPath.length > 1 ? strict(rawPath.slice(1)) : undefined);
  return {
    protocol: `${scheme}:`,
    ...(host === undefined ? {} : { host }),
    ...(port === undefined ? {} : { port }),
    ...(user === undefined ? {} : { user }),
    ...(password === undefined ? {} : { password }),
    ...(database === undefined ? {} : { database }),
    params,
  };
}

/**
 * The environment a libpq program (pg_dump, psql) needs to reach the URL's database: `base` with PGHOST, PGPORT,
 * PGUSER, PGPASSWORD, PGDATABASE and the libpq query parameters (sslmode → PGSSLMODE, …) the URL sets. Parts the URL
 * leaves out keep the value `base` has (an inherited PGPASSWORD is never replaced by an empty one).
 */
export function libpqEnvironment(
  connection: ConnectionUrl,
  base: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...base };
  const set = (key: string, value: string | undefined) => {
    const name = LIBPQ_ENV[key];
    if (name && value !== undefined && value !== '') env[name] = value;
  };
  set('host', connection.host);
  set('port', connection.port);
  set('user', connection.user);
  set('password', connection.password);
  set('dbname', connection.database);
  for (const [key, value] of Object.entries(connection.params)) set(key, value);
  return env;
}

/**
 * Every text form in which the credentials of `url` could be printed: the password (decoded, as written, as the
 * URL parser re-encodes it), a `password=` query value, and for a URL that does not parse, whatever the writer
 * meant as the password and each piece the parser would see of it. Never throws.
 */
export function credentialForms(url: string): string[] {
  const forms = new Set<string>();
  const addPassword = (raw: string | undefined) => {
    if (!raw) return;
    forms.add(raw);
    forms.add(decode(raw));
    forms.add(decode(normalise(raw)));
    forms.add(normalise(raw));
  };
  const text = url.trim();
  let connection: ConnectionUrl | undefined;
  try {
    connection = parseConnectionUrl(text);
  } catch {
    // Refused: register what the writer meant as the password, below, and every piece the parser would see.
  }
  const meant = intendedPassword(text);
  if (connection === undefined) {
    addPassword(meant);
    // Pieces an unencoded `/`, `?`, `#`, `@` or `:` cuts the password into (host, port, path, query, fragment).
    for (const piece of meant?.split(/[/?#@:]/) ?? []) addPassword(piece);
  } else if (connection.password) {
    forms.add(connection.password);
    forms.add(encodeURIComponent(connection.password));
    if (meant && decode(normalise(meant)) === connection.password) addPassword(meant);
  }
  for (const match of text.matchAll(/[?&]password=([^&#]*)/gi)) {
    addPassword(match[1]);
    addPassword(match[1]?.replace(/\+/g, ' '));
  }
  try {
    addPassword(new URL(normalise(text)).password);
  } catch {
    // Not a URL: the forms above are all there is.
  }
  forms.delete('');
  return [...forms];
}
