import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  ConfigError
} from "./chunk-4YSQPGXF.js";

// lib/postgres/connection-url.ts
var LIBPQ_ENV = {
  host: "PGHOST",
  hostaddr: "PGHOSTADDR",
  port: "PGPORT",
  dbname: "PGDATABASE",
  user: "PGUSER",
  password: "PGPASSWORD",
  passfile: "PGPASSFILE",
  channel_binding: "PGCHANNELBINDING",
  service: "PGSERVICE",
  options: "PGOPTIONS",
  application_name: "PGAPPNAME",
  sslmode: "PGSSLMODE",
  requiressl: "PGREQUIRESSL",
  sslnegotiation: "PGSSLNEGOTIATION",
  sslcompression: "PGSSLCOMPRESSION",
  sslcert: "PGSSLCERT",
  sslkey: "PGSSLKEY",
  sslcertmode: "PGSSLCERTMODE",
  sslrootcert: "PGSSLROOTCERT",
  sslcrl: "PGSSLCRL",
  sslcrldir: "PGSSLCRLDIR",
  sslsni: "PGSSLSNI",
  requirepeer: "PGREQUIREPEER",
  ssl_min_protocol_version: "PGSSLMINPROTOCOLVERSION",
  ssl_max_protocol_version: "PGSSLMAXPROTOCOLVERSION",
  gssencmode: "PGGSSENCMODE",
  krbsrvname: "PGKRBSRVNAME",
  gsslib: "PGGSSLIB",
  gssdelegation: "PGGSSDELEGATION",
  connect_timeout: "PGCONNECT_TIMEOUT",
  client_encoding: "PGCLIENTENCODING",
  target_session_attrs: "PGTARGETSESSIONATTRS",
  load_balance_hosts: "PGLOADBALANCEHOSTS",
  require_auth: "PGREQUIREAUTH"
};
var PERCENT_ENCODE_HINT = "Percent-encode special characters in the user name and password (`/` \u2192 %2F, `?` \u2192 %3F, `#` \u2192 %23, `@` \u2192 %40, `:` \u2192 %3A, `%` \u2192 %25, space \u2192 %20), e.g. with `node -p \"encodeURIComponent(process.argv[1])\" '<password>'`, or copy the URI from the Supabase dashboard (Connect \u2192 Session pooler).";
var OTHER_SCHEMES = /* @__PURE__ */ new Set([
  "mysql",
  "mariadb",
  "mongodb",
  "mongodb+srv",
  "redis",
  "rediss",
  "sqlserver",
  "mssql",
  "sqlite",
  "oracle",
  "jdbc",
  "http",
  "https",
  "file"
]);
function invalid(message, hint = PERCENT_ENCODE_HINT) {
  return new ConfigError("database_url_invalid", message, { hint });
}
function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
function normalise(url) {
  return / |%[^a-f0-9]|%[a-f0-9][^a-f0-9]/i.test(url) ? encodeURI(url).replace(/%25(\d\d)/g, "%$1") : url;
}
function intendedUserinfo(url) {
  const start = url.indexOf("://");
  const at = url.lastIndexOf("@");
  return start >= 0 && at > start + 3 ? url.slice(start + 3, at) : void 0;
}
function intendedPassword(url) {
  const userinfo = intendedUserinfo(url);
  const colon = userinfo?.indexOf(":") ?? -1;
  return userinfo !== void 0 && colon >= 0 ? userinfo.slice(colon + 1) : void 0;
}
function parseConnectionUrl(url) {
  const text = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === void 0) {
    throw invalid(
      "The database URL is malformed: it does not start with postgresql:// or postgres://.",
      "Use the form postgresql://<user>:<password>@<host>:5432/<database>. " + PERCENT_ENCODE_HINT
    );
  }
  if (scheme !== "postgres" && scheme !== "postgresql") {
    const named = OTHER_SCHEMES.has(scheme) ? ` (scheme ${scheme}:)` : "";
    throw invalid(
      `The database URL is not a PostgreSQL URL${named}; Shipline migrates PostgreSQL (Supabase) databases only.`,
      "Use the PostgreSQL connection string of the Supabase project: postgresql://<user>:<password>@<host>:5432/postgres."
    );
  }
  if (!/^[a-z]+:\/\//i.test(text)) {
    throw invalid(
      "The database URL is malformed: the scheme must be followed by `//` (postgresql://<host>\u2026).",
      "Use the form postgresql://<user>:<password>@<host>:5432/<database>."
    );
  }
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    throw invalid("The database URL contains a control character (a tab or line break?).");
  }
  let parsed;
  try {
    parsed = new URL(normalise(text));
  } catch {
    throw invalid(
      "The database URL is malformed (the URL parser rejects it; often an unencoded `/`, `#`, `?` or `:` in the password)."
    );
  }
  const rawPath = parsed.pathname;
  const rawQuery = parsed.search.slice(1);
  if (parsed.hash !== "" || rawPath.includes("@") || rawQuery.includes("@") || rawQuery.split("&").some((part) => part !== "" && (!part.includes("=") || part.startsWith("=")))) {
    throw invalid(
      "The database URL is oddly formed: the URL parser sees part of the user name or password as the host, path, query or fragment (an unencoded `/`, `?` or `#` in the password; an `@` after the host must be written %40)."
    );
  }
  const params = {};
  for (const [key, value] of parsed.searchParams) params[key] = value;
  const take = (key) => {
    const value = params[key];
    delete params[key];
    return value === "" ? void 0 : value;
  };
  const strict = (text2) => {
    try {
      return decodeURIComponent(text2);
    } catch {
      throw invalid("The database URL has a percent-escape that is not valid UTF-8 (a `%` in the password?).");
    }
  };
  const hostname = strict(parsed.hostname.replace(/^\[(.+)\]$/, "$1"));
  const host = take("host") ?? (hostname || void 0);
  const port = take("port") ?? (parsed.port || void 0);
  const user = take("user") ?? (parsed.username ? strict(parsed.username) : void 0);
  const password = take("password") ?? (parsed.password ? strict(parsed.password) : void 0);
  const database = take("dbname") ?? (rawPath.length > 1 ? strict(rawPath.slice(1)) : void 0);
  return {
    protocol: `${scheme}:`,
    ...host === void 0 ? {} : { host },
    ...port === void 0 ? {} : { port },
    ...user === void 0 ? {} : { user },
    ...password === void 0 ? {} : { password },
    ...database === void 0 ? {} : { database },
    params
  };
}
function libpqEnvironment(connection, base) {
  const env = { ...base };
  const set = (key, value) => {
    const name = LIBPQ_ENV[key];
    if (name && value !== void 0 && value !== "") env[name] = value;
  };
  set("host", connection.host);
  set("port", connection.port);
  set("user", connection.user);
  set("password", connection.password);
  set("dbname", connection.database);
  for (const [key, value] of Object.entries(connection.params)) set(key, value);
  return env;
}
function credentialForms(url) {
  const forms = /* @__PURE__ */ new Set();
  const addPassword = (raw) => {
    if (!raw) return;
    forms.add(raw);
    forms.add(decode(raw));
    forms.add(decode(normalise(raw)));
    forms.add(normalise(raw));
  };
  const text = url.trim();
  let connection;
  try {
    connection = parseConnectionUrl(text);
  } catch {
  }
  const meant = intendedPassword(text);
  if (connection === void 0) {
    addPassword(meant);
    for (const piece of meant?.split(/[/?#@:]/) ?? []) addPassword(piece);
  } else if (connection.password) {
    forms.add(connection.password);
    forms.add(encodeURIComponent(connection.password));
    if (meant && decode(normalise(meant)) === connection.password) addPassword(meant);
  }
  for (const match of text.matchAll(/[?&]password=([^&#]*)/gi)) {
    addPassword(match[1]);
    addPassword(match[1]?.replace(/\+/g, " "));
  }
  try {
    addPassword(new URL(normalise(text)).password);
  } catch {
  }
  forms.delete("");
  return [...forms];
}

// lib/core/redact.ts
var Redactor = class {
  secrets = /* @__PURE__ */ new Set();
  listeners = [];
  /**
   * Registers a secret with the forms it takes when printed through a URL or JSON (percent-encoded, JSON-escaped),
   * so none can be printed. Values shorter than 4 chars are ignored.
   */
  add(secret) {
    if (!secret || secret.length < 4) return;
    for (const form of /* @__PURE__ */ new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      if (this.secrets.has(form)) continue;
      this.secrets.add(form);
      for (const listener of this.listeners) listener(form);
    }
  }
  /**
   * Registers the credentials of a connection URL in every form they can print in (see `credentialForms`): the
   * userinfo password and a `?password=` value, decoded and as written; for a URL that does not parse, whatever
   * the writer meant as the password and each piece the URL parser would cut it into.
   */
  addUrlCredentials(url) {
    if (!url) return;
    this.add(url);
    this.add(url.trim());
    for (const form of credentialForms(url)) this.add(form);
  }
  /** Calls `listener` for every secret registered from now on, and for those already registered. */
  onRegister(listener) {
    this.listeners.push(listener);
    for (const secret of this.secrets) listener(secret);
  }
  /** Replaces every registered secret in `text` with `***`, longest first so overlapping secrets fully vanish. */
  redact(text) {
    if (this.secrets.size === 0 || !text) return text;
    let out = text;
    const ordered = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const secret of ordered) out = out.split(secret).join("***");
    return out;
  }
  get size() {
    return this.secrets.size;
  }
};
function redactingLogger(logger, redactor) {
  const wrapped = {
    debug: (m) => logger.debug(redactor.redact(m)),
    info: (m) => logger.info(redactor.redact(m)),
    warning: (m, loc) => logger.warning(redactor.redact(m), loc),
    error: (m, loc) => logger.error(redactor.redact(m), loc),
    group: (title, fn) => logger.group(redactor.redact(title), fn)
  };
  return wrapped;
}

export {
  parseConnectionUrl,
  libpqEnvironment,
  Redactor,
  redactingLogger
};
