import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  Redactor,
  libpqEnvironment,
  parseConnectionUrl
} from "./chunk-2AZVKRUL.js";
import {
  systemClock
} from "./chunk-5RPISX4H.js";
import {
  ShiplineError
} from "./chunk-4YSQPGXF.js";

// lib/supabase/migrations/errors.ts
var MigrationError = class extends ShiplineError {
  name = "MigrationError";
  file;
  line;
  column;
  postgres;
  /** Further problems found together with this one (a plan can be refused for several reasons). */
  others;
  /** Files that were applied in this run before the failure. */
  appliedBeforeFailure = [];
  constructor(code, message, options = {}) {
    super(code, message, { hint: options.hint });
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.postgres = options.postgres ?? {};
    this.others = options.others ?? [];
  }
};

// lib/supabase/migrations/migrate.ts
import pg2 from "pg";

// lib/core/logger.ts
var silentLogger = {
  debug() {
  },
  info() {
  },
  warning() {
  },
  error() {
  },
  group: (_title, fn) => fn()
};

// lib/supabase/migrations/apply.ts
import pg, { escapeLiteral } from "pg";

// lib/supabase/migrations/history.ts
async function ensureHistoryTables(db) {
  await db.query(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
    alter table supabase_migrations.schema_migrations add column if not exists statements text[];
    alter table supabase_migrations.schema_migrations add column if not exists name text;
    create table if not exists supabase_migrations.shipline_checksums (
      version text not null primary key,
      checksum text not null,
      applied_at timestamptz not null default now(),
      duration_ms integer,
      applied_by text
    );
  `);
}
async function readHistory(db) {
  const exists = await db.query(
    `select to_regclass('supabase_migrations.schema_migrations')::text as cli,
            to_regclass('supabase_migrations.shipline_checksums')::text as ours`
  );
  const row = exists.rows[0];
  if (!row?.cli) return [];
  const hasName = await db.query(
    `select 1 from information_schema.columns
      where table_schema = 'supabase_migrations' and table_name = 'schema_migrations' and column_name = 'name'`
  );
  const nameCol = hasName.rowCount ? "m.name" : "null::text";
  const hasStatements = await db.query(
    `select 1 from information_schema.columns
      where table_schema = 'supabase_migrations' and table_name = 'schema_migrations' and column_name = 'statements'`
  );
  const stmtCol = hasStatements.rowCount ? "m.statements" : "null::text[]";
  const sql = row.ours ? `select m.version, ${nameCol} as name, ${stmtCol} as statements, c.checksum, c.applied_at, c.duration_ms, c.applied_by
         from supabase_migrations.schema_migrations m
         left join supabase_migrations.shipline_checksums c using (version)` : `select m.version, ${nameCol} as name, ${stmtCol} as statements, null::text as checksum,
              null::timestamptz as applied_at, null::int as duration_ms, null::text as applied_by
         from supabase_migrations.schema_migrations m`;
  const result = await db.query(sql);
  return result.rows.map((r) => ({
    version: r.version,
    name: r.name,
    statements: r.statements,
    checksum: r.checksum,
    appliedAt: r.applied_at,
    durationMs: r.duration_ms,
    appliedBy: r.applied_by
  }));
}
var RECORD_APPLIED_SQL = `with cli as (
  insert into supabase_migrations.schema_migrations (version, name, statements)
  select $1, $2, $3::text[] where txid_current_if_assigned() is not null
  returning version
)
insert into supabase_migrations.shipline_checksums (version, checksum, applied_at, duration_ms, applied_by)
select version, $4, now(), (extract(epoch from clock_timestamp() - now()) * 1000)::int, $5 from cli
on conflict (version) do update set checksum = excluded.checksum, applied_by = excluded.applied_by,
  duration_ms = excluded.duration_ms`;
var BEGIN_TRANSACTION_SQL = "begin;\nselect txid_current()";
function recordAppliedValues(record2) {
  return [record2.version, record2.name, record2.statements, record2.checksum, record2.appliedBy];
}
async function recordApplied(db, record2) {
  const result = await db.query(RECORD_APPLIED_SQL, recordAppliedValues(record2));
  return result.rowCount === 1;
}
async function recordChecksum(db, record2) {
  const ms = record2.durationMs;
  await db.query(
    `insert into supabase_migrations.shipline_checksums (version, checksum, applied_at, duration_ms, applied_by)
     values ($1, $2, now(), $3, $4)
     on conflict (version) do update set checksum = excluded.checksum, applied_by = excluded.applied_by`,
    [
      record2.version,
      record2.checksum,
      typeof ms === "number" && Number.isFinite(ms) ? Math.round(ms) : null,
      record2.appliedBy
    ]
  );
}

// lib/supabase/migrations/statements.ts
function isIdentStart(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c === 95 || c >= 128;
}
function isDigit(c) {
  return c >= 48 && c <= 57;
}
function isIdentCont(c) {
  return isIdentStart(c) || isDigit(c) || c === 36;
}
var DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
function isSpace(c) {
  return c === 32 || c >= 9 && c <= 13;
}
function commentAt(sql, i) {
  const c = sql[i];
  const next = sql[i + 1];
  return c === "-" && next === "-" || c === "/" && next === "*";
}
function tokenEnd(sql, i) {
  const n = sql.length;
  const c = sql[i];
  const next = sql[i + 1];
  if (c === "-" && next === "-") {
    for (let j = i + 2; j < n; j++) {
      const d = sql.charCodeAt(j);
      if (d === 10 || d === 13) return j;
    }
    return n;
  }
  if (c === "/" && next === "*") {
    let depth = 1;
    let j = i + 2;
    while (j < n && depth > 0) {
      if (sql[j] === "/" && sql[j + 1] === "*") {
        depth++;
        j += 2;
      } else if (sql[j] === "*" && sql[j + 1] === "/") {
        depth--;
        j += 2;
      } else j++;
    }
    return j;
  }
  if (c === "'") return skipQuoted(sql, i + 1, "'", false);
  if (c === '"') return skipQuoted(sql, i + 1, '"', false);
  if (isIdentStart(sql.charCodeAt(i))) {
    if ((c === "E" || c === "e") && next === "'") return skipQuoted(sql, i + 2, "'", true);
    let j = i + 1;
    while (j < n && isIdentCont(sql.charCodeAt(j))) j++;
    return j;
  }
  if (c >= "0" && c <= "9") {
    let j = i + 1;
    while (j < n && isDigit(sql.charCodeAt(j))) j++;
    return j;
  }
  if (c === "$") {
    DOLLAR_TAG.lastIndex = i;
    const tag = DOLLAR_TAG.exec(sql);
    if (tag) {
      const close = sql.indexOf(tag[0], i + tag[0].length);
      return close === -1 ? n : close + tag[0].length;
    }
    let j = i + 1;
    while (j < n && isDigit(sql.charCodeAt(j))) j++;
    return j;
  }
  return i + 1;
}
function splitStatements(sql) {
  const out = [];
  let start = 0;
  let code = -1;
  let lineOffset = 0;
  let line = 1;
  const push = (end) => {
    const raw = sql.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    const head = code === -1 ? "" : sql.slice(code, end).trim();
    if (!text) return;
    const offset = start + lead;
    for (let k = lineOffset; k < offset; k++) if (sql.charCodeAt(k) === 10) line++;
    lineOffset = offset;
    out.push({ text, head, offset, line });
  };
  let i = 0;
  while (i < sql.length) {
    const end = tokenEnd(sql, i);
    if (sql[i] === ";") {
      push(i);
      start = i + 1;
      code = -1;
    } else if (code === -1 && !commentAt(sql, i) && !isSpace(sql.charCodeAt(i))) code = i;
    i = end;
  }
  push(sql.length);
  return out;
}
function skipComments(sql, from = 0) {
  let i = from;
  while (i < sql.length) {
    if (!commentAt(sql, i) && !isSpace(sql.charCodeAt(i))) return i;
    i = tokenEnd(sql, i);
  }
  return sql.length;
}
function blankComments(sql) {
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const end = tokenEnd(sql, i);
    const piece = sql.slice(i, end);
    out += commentAt(sql, i) ? piece.replace(/[^\n]/g, " ") : piece;
    i = end;
  }
  return out;
}
function skipQuoted(sql, from, quote, escapes) {
  let i = from;
  while (i < sql.length) {
    const c = sql[i];
    if (escapes && c === "\\") {
      i += 2;
    } else if (c === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

// lib/supabase/migrations/parse.ts
var REFUSED_KINDS = /* @__PURE__ */ new Set([
  "TRANS_STMT_BEGIN",
  "TRANS_STMT_START",
  "TRANS_STMT_COMMIT",
  "TRANS_STMT_ROLLBACK",
  "TRANS_STMT_PREPARE",
  "TRANS_STMT_COMMIT_PREPARED",
  "TRANS_STMT_ROLLBACK_PREPARED"
]);
function transactionKindOf(head) {
  const words = head.toLowerCase().split(/[ \t\n\r\f\v]+|(?=;)/).filter(Boolean);
  const [first, second, third] = words;
  switch (first) {
    case "begin":
      return "TRANS_STMT_BEGIN";
    case "start":
      return second === "transaction" ? "TRANS_STMT_START" : void 0;
    case "commit":
      return second === "prepared" ? "TRANS_STMT_COMMIT_PREPARED" : "TRANS_STMT_COMMIT";
    case "end":
      return "TRANS_STMT_COMMIT";
    case "abort":
      return "TRANS_STMT_ROLLBACK";
    case "rollback":
      if (second === "prepared") return "TRANS_STMT_ROLLBACK_PREPARED";
      if (second === "to" || second === "work" && third === "to" || second === "transaction" && third === "to")
        return "TRANS_STMT_ROLLBACK_TO";
      return "TRANS_STMT_ROLLBACK";
    case "prepare":
      return second === "transaction" ? "TRANS_STMT_PREPARE" : void 0;
    case "savepoint":
      return "TRANS_STMT_SAVEPOINT";
    case "release":
      return "TRANS_STMT_RELEASE";
    default:
      return void 0;
  }
}
function isRefusedTransactionKind(kind) {
  return kind !== void 0 && REFUSED_KINDS.has(kind);
}
function scannerStatements(sql) {
  const out = [];
  for (const s of splitStatements(sql)) {
    if (s.head === "") continue;
    const code = s.offset + (s.text.length - s.head.length);
    const end = s.offset + s.text.length;
    const kind = transactionKindOf(s.head);
    out.push({ start: s.offset, code, end, text: sql.slice(code, end), ...kind ? { transactionKind: kind } : {} });
  }
  return out;
}
var TRANSACTION_WORDS = /\b(?:begin|start|commit|end|rollback|abort|prepare)\b/i;
function findTransactionControl(sql) {
  if (!TRANSACTION_WORDS.test(sql)) return void 0;
  return scannerStatements(sql).find((s) => isRefusedTransactionKind(s.transactionKind));
}
function findStringModeChange(sql) {
  if (!/standard_conforming_strings/i.test(sql)) return void 0;
  const code = blankComments(sql);
  const pattern = /standard_conforming_strings/gi;
  for (let m = pattern.exec(code); m; m = pattern.exec(code)) {
    const after = code.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const before = code.slice(Math.max(0, m.index - 12), m.index);
    if (/(?:show|reset)\s+$/i.test(before)) continue;
    if (/^\s*(?:=|to)\s*'?(?:on|true|yes|1)'?(?![\w$])/i.test(after)) continue;
    if (/^'\s*,\s*'(?:on|true|yes|1)'/i.test(after)) continue;
    if (/^'\s*,\s*true\s*\)/i.test(after) || /^'\s*\)/.test(after)) continue;
    return m.index;
  }
  return void 0;
}

// lib/supabase/migrations/apply.ts
var SETTINGS_RESET_SQL = "set session authorization default; reset role; reset all; set standard_conforming_strings = on";
var STATE_RESET_SQL = "discard temp; discard sequences; deallocate all; unlisten *; close all";
var SESSION_RESET_SQL = `${SETTINGS_RESET_SQL}; ${STATE_RESET_SQL}`;
function isDatabaseError(error) {
  return error instanceof Error && typeof error.severity === "string";
}
function locate(text, offset) {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: Array.from(text.slice(lineStart, end)).length + 1 };
}
function offsetOfChars(text, chars) {
  if (chars <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    if (seen === chars) return i;
    const cp = text.codePointAt(i);
    if (cp >= 65536) i++;
    seen++;
  }
  return text.length;
}
function statementError(file, site, error, redactor, committedBefore) {
  const r = (s) => s === void 0 ? void 0 : redactor.redact(s);
  const pgError = isDatabaseError(error) ? error : void 0;
  const offset = site.offset ?? site.statement?.code;
  const where = offset === void 0 ? void 0 : locate(file.sql, offset);
  const message = r(error instanceof Error ? error.message : String(error)) ?? "";
  const parts = [`${file.fileName}${where ? `:${where.line}:${where.column}` : ""}: ${message}`];
  if (pgError?.detail) parts.push(`Detail: ${r(pgError.detail)}`);
  if (pgError?.where) parts.push(`Context: ${r(pgError.where)}`);
  if (site.statement) {
    const start = locate(file.sql, site.statement.code);
    const firstLine = r(site.statement.text)?.split("\n")[0]?.trim() ?? "";
    parts.push(`Statement (line ${start.line}): ${firstLine.slice(0, 200)}`);
    const errorLine = where ? file.sql.split("\n")[where.line - 1]?.trim() : void 0;
    if (where && where.line !== start.line && errorLine)
      parts.push(`Line ${where.line}: ${r(errorLine)?.slice(0, 200)}`);
  } else if (where) {
    const errorLine = file.sql.split("\n")[where.line - 1]?.trim();
    if (errorLine) parts.push(`Line ${where.line}: ${r(errorLine)?.slice(0, 200)}`);
  }
  const hints = [
    pgError?.hint ? `PostgreSQL: ${r(pgError.hint)}` : "",
    committedBefore ? `${file.fileName} runs outside a transaction: statements before line ${where?.line ?? "?"} stayed applied; make them idempotent (IF NOT EXISTS) and drop any INVALID index before re-running.` : `Nothing from ${file.fileName} was applied (its transaction was rolled back); later files did not run.`,
    pgError?.code === "55P03" ? "A lock was not granted within lock_timeout: retry when traffic is lower." : "",
    pgError?.code === "57014" ? "The statement ran longer than statement_timeout." : ""
  ].filter(Boolean);
  return new MigrationError("migration_failed", parts.join("\n"), {
    file: file.fileName,
    ...where ? { line: where.line, column: where.column } : {},
    hint: hints.join(" "),
    postgres: {
      statement: r(site.statement?.text),
      sqlState: pgError?.code,
      detail: r(pgError?.detail),
      pgHint: r(pgError?.hint)
    }
  });
}
function settingsSql(options) {
  const set = (name, value) => `set_config('${name}', ${escapeLiteral(value)}, false)`;
  return `select ${[
    set("lock_timeout", options.lockTimeout),
    set("statement_timeout", options.statementTimeout),
    ...options.connectionCheck ? [set("client_connection_check_interval", "1000")] : []
  ].join(", ")}`;
}
function countingQuery(text) {
  const query = new pg.Query(text);
  const original = query.handleCommandComplete;
  if (typeof original !== "function") {
    throw new ShiplineError(
      "pg_unsupported",
      "The installed pg driver has no Query.handleCommandComplete: Shipline cannot tell which statement of a file failed.",
      { hint: "Install the pg version Shipline pins (8.23.1); a different pg was resolved." }
    );
  }
  query.completed = 0;
  query.handleCommandComplete = (...args) => {
    query.completed++;
    return original.apply(query, args);
  };
  return query;
}
function submit(db, query) {
  return new Promise((resolve, reject) => {
    query.once("end", () => resolve());
    query.once("error", reject);
    db.query(query);
  });
}
function rejection(result) {
  return result.status === "rejected" ? result.reason ?? new Error("unknown error") : void 0;
}
function fileErrorSite(file, error, prefix, completed) {
  const pgError = isDatabaseError(error) ? error : void 0;
  const statements = scannerStatements(file.sql);
  if (pgError?.position) {
    const offset = offsetOfChars(file.sql, Number(pgError.position) - 1 - Array.from(prefix).length);
    const statement2 = statements.find((s) => offset >= s.start && offset <= s.end);
    return { offset, ...statement2 ? { statement: statement2 } : {} };
  }
  const statement = statements[completed];
  return statement ? { statement } : {};
}
var PREFIX_STATEMENTS = 3;
async function applyInTransaction(db, file, options) {
  const prefix = `${BEGIN_TRANSACTION_SQL};
${settingsSql(options)};
`;
  const body = countingQuery(`${prefix}${file.sql}
;
${SETTINGS_RESET_SQL}`);
  const ranFile = submit(db, body);
  const statements = splitStatements(file.sql).map((s) => s.text);
  const results = await Promise.allSettled([
    ranFile,
    db.query(RECORD_APPLIED_SQL, recordAppliedValues(record(file, statements, options))),
    db.query(`commit;
${STATE_RESET_SQL}`)
  ]);
  const [fileResult, wroteHistory, committed] = results;
  const fileError = rejection(fileResult);
  if (fileError !== void 0) {
    if (!isDatabaseError(fileError)) throw fileError;
    const position = isDatabaseError(fileError) && fileError.position ? Number(fileError.position) : void 0;
    const inPrefix = position === void 0 ? body.completed < PREFIX_STATEMENTS : position <= prefix.length;
    if (inPrefix) throw sessionError(file, fileError, options.redactor);
    throw statementError(
      file,
      fileErrorSite(file, fileError, prefix, Math.max(0, body.completed - PREFIX_STATEMENTS)),
      fileError,
      options.redactor,
      false
    );
  }
  const historyError = rejection(wroteHistory);
  if (historyError !== void 0) {
    throw new MigrationError(
      "history_failed",
      `${file.fileName}: writing its history row failed: ${options.redactor.redact(historyError instanceof Error ? historyError.message : String(historyError))}`,
      {
        file: file.fileName,
        hint: "The file was rolled back together with its history row; nothing of it was applied."
      }
    );
  }
  if (wroteHistory.status === "fulfilled" && wroteHistory.value.rowCount !== 1) throw endedTransaction(file);
  const commitError = rejection(committed);
  if (commitError !== void 0) {
    const pgError = isDatabaseError(commitError) ? commitError : void 0;
    throw new MigrationError(
      "migration_failed",
      `${file.fileName}: COMMIT failed: ${options.redactor.redact(commitError instanceof Error ? commitError.message : String(commitError))}${pgError?.detail ? `
Detail: ${options.redactor.redact(pgError.detail)}` : ""}`,
      {
        file: file.fileName,
        hint: `A deferred constraint or trigger rejected the file at COMMIT; nothing from ${file.fileName} was applied.`,
        postgres: { sqlState: pgError?.code, detail: options.redactor.redact(pgError?.detail ?? "") || void 0 }
      }
    );
  }
}
function record(file, statements, options) {
  return {
    version: file.version,
    name: file.name,
    statements,
    checksum: file.checksum,
    appliedBy: options.appliedBy
  };
}
function sessionError(file, error, redactor) {
  return new MigrationError(
    "migration_failed",
    `${file.fileName}: setting up the session failed: ${redactor.redact(error instanceof Error ? error.message : String(error))}`,
    {
      file: file.fileName,
      hint: "Check lock-timeout and statement-timeout (PostgreSQL interval text such as 5s or 15min); nothing of the file ran."
    }
  );
}
function endedTransaction(file) {
  return new MigrationError(
    "transaction_control",
    `${file.fileName}: the file ended the transaction Shipline opened (a COMMIT or ROLLBACK the checks did not see); its history row was NOT written and part of it may be committed`,
    {
      file: file.fileName,
      hint: "Check what of the file is in the database, remove the transaction control from the file, and re-run; report the file to Shipline."
    }
  );
}
async function applyOutsideTransaction(db, file, options) {
  await db.query(settingsSql(options));
  let ran = 0;
  for (const statement of scannerStatements(file.sql)) {
    try {
      await db.query(statement.text);
      ran++;
    } catch (error) {
      const pgError = isDatabaseError(error) ? error : void 0;
      const offset = pgError?.position ? statement.code + offsetOfChars(statement.text, Number(pgError.position) - 1) : void 0;
      throw statementError(
        file,
        { statement, ...offset !== void 0 ? { offset } : {} },
        error,
        options.redactor,
        ran > 0
      );
    }
  }
  await assertNoInvalidIndexes(db, file);
  await db.query(SESSION_RESET_SQL);
  await db.query(BEGIN_TRANSACTION_SQL);
  try {
    const statements = splitStatements(file.sql).map((s) => s.text);
    if (!await recordApplied(db, record(file, statements, options))) throw endedTransaction(file);
    await db.query(`commit;
${SESSION_RESET_SQL}`);
  } catch (error) {
    await db.query("rollback").catch(() => void 0);
    throw error;
  }
}
async function assertNoInvalidIndexes(db, file) {
  const result = await db.query(
    `select n.nspname as schema, c.relname as name
       from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
      where not i.indisvalid`
  );
  const code = blankComments(file.sql).toLowerCase();
  const find = (name) => {
    const escaped = name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`).exec(code)?.index;
  };
  const hit = result.rows.find((r) => find(r.name) !== void 0);
  if (!hit) return;
  const { line, column } = locate(file.sql, find(hit.name) ?? 0);
  throw new MigrationError(
    "invalid_index",
    `${file.fileName}:${line}:${column}: index ${hit.schema}.${hit.name} exists but is INVALID (an earlier concurrent build failed or was interrupted)`,
    {
      file: file.fileName,
      line,
      column,
      hint: `Run \`drop index concurrently ${hit.schema}.${hit.name};\` and re-run the migration; the file was not recorded as applied.`
    }
  );
}
async function preflight(files) {
  for (const file of files) {
    if (!file.noTransaction) {
      const control = findTransactionControl(file.sql);
      if (control) {
        const { line, column } = locate(file.sql, control.code);
        throw new MigrationError(
          "transaction_control",
          `${file.fileName}:${line}:${column}: the file controls its own transaction (${control.text.split("\n")[0]?.trim()}); nothing was applied`,
          {
            file: file.fileName,
            line,
            column,
            hint: "Shipline wraps each file in a transaction with its history row: remove BEGIN/COMMIT, or mark the file `-- shipline:no-transaction`."
          }
        );
      }
    }
    const stringMode = findStringModeChange(file.sql);
    if (stringMode !== void 0) {
      const { line, column } = locate(file.sql, stringMode);
      throw new MigrationError(
        "string_mode",
        `${file.fileName}:${line}:${column}: the file turns standard_conforming_strings off; nothing was applied`,
        {
          file: file.fileName,
          line,
          column,
          hint: "Every migration is read with standard_conforming_strings on (PostgreSQL's default): remove the setting and write backslash escapes as E'\u2026' strings."
        }
      );
    }
  }
}
async function applyFile(db, file, options) {
  const started = options.clock.now().getTime();
  if (file.noTransaction) await applyOutsideTransaction(db, file, options);
  else await applyInTransaction(db, file, options);
  const durationMs = options.clock.now().getTime() - started;
  return {
    version: file.version,
    name: file.name,
    fileName: file.fileName,
    durationMs,
    noTransaction: file.noTransaction
  };
}
async function applyMigrations(db, pending2, options) {
  if (!options.preflighted) await preflight(pending2);
  await db.query(SESSION_RESET_SQL);
  const applied = [];
  for (const file of pending2) {
    options.logger.info(`Applying ${file.fileName}${file.noTransaction ? " (outside a transaction)" : ""}\u2026`);
    try {
      const done = await applyFile(db, file, options);
      applied.push(done);
      options.logger.info(`Applied ${file.fileName} in ${done.durationMs} ms`);
    } catch (error) {
      const failure = error instanceof MigrationError ? error : new MigrationError(
        "migration_failed",
        `${file.fileName}: ${options.redactor.redact(error instanceof Error ? error.message : String(error))}`,
        {
          file: file.fileName,
          hint: "The connection failed while the file ran; its transaction was not committed and no history row was written."
        }
      );
      failure.appliedBeforeFailure = applied.map(({ version, name, durationMs }) => ({ version, name, durationMs }));
      throw failure;
    }
  }
  return applied;
}

// lib/supabase/migrations/backup.ts
import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
var DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
async function backupDatabase(options) {
  const env = libpqEnvironment(parseConnectionUrl(options.databaseUrl), options.env ?? { PATH: DEFAULT_PATH });
  await mkdir(options.dir, { recursive: true });
  const stamp = options.clock.now().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "Z");
  const label = options.label ? `-before-${options.label.replace(/[^A-Za-z0-9_.-]/g, "_")}` : "";
  const path = join(options.dir, `shipline-${stamp}${label}.dump`);
  const argv = ["--format=custom", "--no-password", `--file=${path}`];
  await new Promise((resolve, reject) => {
    execFile(options.pgDump ?? "pg_dump", argv, { env, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) {
        resolve();
        return;
      }
      const missing = error.code === "ENOENT";
      reject(
        new MigrationError(
          "backup_failed",
          missing ? `pg_dump was not found (${options.pgDump ?? "pg_dump"}); no backup was taken and nothing was applied` : `pg_dump failed; nothing was applied: ${options.redactor.redact(String(stderr || error.message).trim())}`,
          {
            hint: missing ? "Install the PostgreSQL client matching the server version (apt-get install postgresql-client), or set backup: false." : "Check that the database user may read every schema, and that pg_dump is at least the server version."
          }
        )
      );
    });
  });
  return path;
}

// lib/supabase/migrations/files.ts
import { createHash } from "node:crypto";
import { readdir, readFile, readlink, stat } from "node:fs/promises";
import { join as join2 } from "node:path";
var MIGRATION_FILE_PATTERN = /^([0-9]+)_(.*)\.sql$/;
var MIGRATION_FILE_PATTERN_TEXT = "<version>_<name>.sql, version = digits (e.g. 20240101120000_create_orders.sql)";
var NO_TRANSACTION_MARKER = /^[ \t]*--[ \t]*shipline:no-transaction[ \t]*$/m;
function isNoTransaction(sql) {
  return NO_TRANSACTION_MARKER.test(sql.slice(0, skipComments(sql)));
}
function parseMigrationFileName(fileName) {
  const m = MIGRATION_FILE_PATTERN.exec(fileName);
  return m ? { version: m[1], name: m[2] } : void 0;
}
function compareVersions(a, b) {
  const x = a.replace(/^0+(?=\d)/, "");
  const y = b.replace(/^0+(?=\d)/, "");
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}
var BOM = "\uFEFF";
function normalizeText(text) {
  return (text.startsWith(BOM) ? text.slice(1) : text).replace(/\r\n?/g, "\n");
}
function sha256(text) {
  return createHash("sha256").update(text).digest("hex");
}
function checksumOf(bytes) {
  const text = typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("utf8");
  return sha256(normalizeText(text));
}
function equivalentChecksums(sql) {
  const lf = normalizeText(sql);
  const crlf = lf.replace(/\n/g, "\r\n");
  return new Set([lf, crlf, BOM + lf, BOM + crlf].map(sha256));
}
async function readMigrationsDir(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = error.code;
    throw new MigrationError(
      "migrations_dir_missing",
      `Cannot read the migrations directory ${dir} (${code ?? "error"})`,
      {
        hint: "Point migrations-dir at supabase/migrations inside your repository (relative to working-directory)."
      }
    );
  }
  const named = [];
  const skipped = [];
  for (const entry of [...entries].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) {
    if (entry.name.startsWith(".") || !entry.name.endsWith(".sql")) continue;
    let symlinkTarget;
    if (entry.isSymbolicLink()) {
      const path = join2(dir, entry.name);
      symlinkTarget = await readlink(path);
      const target = await stat(path).catch((error) => error);
      if (target instanceof Error || !target.isFile()) {
        throw new MigrationError(
          "broken_symlink",
          `Migration file ${entry.name} is a symlink to ${symlinkTarget}, which ${target instanceof Error ? `cannot be read (${target.code ?? target.message})` : "is not a regular file"}`,
          {
            file: entry.name,
            hint: "Fix or remove the symlink (symlinked migrations are followed), or commit the file itself into the migrations folder."
          }
        );
      }
    } else if (!entry.isFile()) continue;
    const parsed = parseMigrationFileName(entry.name);
    if (!parsed) {
      skipped.push({
        fileName: entry.name,
        reason: `the name does not match ${MIGRATION_FILE_PATTERN_TEXT}`
      });
      continue;
    }
    named.push({ name: entry.name, parsed, ...symlinkTarget !== void 0 ? { symlinkTarget } : {} });
  }
  const files = new Array(named.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < named.length; i = next++) {
      const { name, parsed, symlinkTarget } = named[i];
      const path = join2(dir, name);
      const text = (await readFile(path)).toString("utf8");
      const sql = text.startsWith(BOM) ? text.slice(1) : text;
      files[i] = {
        ...parsed,
        fileName: name,
        path,
        sql,
        checksum: checksumOf(sql),
        noTransaction: isNoTransaction(sql),
        ...symlinkTarget !== void 0 ? { symlinkTarget } : {}
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, named.length) }, worker));
  return { files: sortMigrationFiles(files), skipped };
}
async function readMigrationFiles(dir) {
  return (await readMigrationsDir(dir)).files;
}
function sortMigrationFiles(files) {
  return [...files].sort(
    (a, b) => compareVersions(a.version, b.version) || (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0)
  );
}

// lib/supabase/migrations/lock.ts
var MIGRATION_LOCK_KEY = [1397246288, 1296648018];
async function findLockHolder(db) {
  const result = await db.query(
    `select a.pid, a.application_name, host(a.client_addr) as client_addr, a.backend_start, a.state, a.query
       from pg_locks l
       join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted
        and l.database = (select oid from pg_database where datname = current_database())
        and l.classid = $1::int::oid and l.objid = $2::int::oid and l.objsubid = 2
      limit 1`,
    [MIGRATION_LOCK_KEY[0], MIGRATION_LOCK_KEY[1]]
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    pid: row.pid,
    applicationName: row.application_name,
    clientAddr: row.client_addr,
    since: row.backend_start,
    state: row.state,
    query: row.query
  };
}
function describeHolder(holder) {
  if (!holder) return "an unknown session (it may have just released the lock)";
  const app = holder.applicationName ? `"${holder.applicationName}"` : "an unnamed client";
  const from = holder.clientAddr ? ` from ${holder.clientAddr}` : " over a local socket";
  const since = holder.since ? `, connected since ${holder.since.toISOString()}` : "";
  return `pid ${holder.pid} (${app}${from}${since}, ${holder.state ?? "unknown state"})`;
}
async function acquireMigrationLock(db, options) {
  const pollMs = options.pollMs ?? 250;
  const deadline = options.clock.now().getTime() + options.timeoutMs;
  let warned = false;
  for (; ; ) {
    const result = await db.query("select pg_try_advisory_lock($1, $2) as locked", [
      MIGRATION_LOCK_KEY[0],
      MIGRATION_LOCK_KEY[1]
    ]);
    if (result.rows[0]?.locked) return;
    if (!warned) {
      warned = true;
      options.onWait?.(await findLockHolder(db));
    }
    if (options.clock.now().getTime() >= deadline) {
      const holder = await findLockHolder(db);
      throw new MigrationError(
        "lock_timeout",
        `Another migration run holds the lock on this database: ${describeHolder(holder)}; gave up after ${options.timeoutMs} ms`,
        {
          hint: `Wait for that run to finish and retry. If it is stuck, end it with select pg_terminate_backend(${holder?.pid ?? "<pid>"}); its open transaction rolls back.`
        }
      );
    }
    await options.clock.sleep(pollMs);
  }
}
async function releaseMigrationLock(db) {
  await db.query("select pg_advisory_unlock($1, $2)", [MIGRATION_LOCK_KEY[0], MIGRATION_LOCK_KEY[1]]);
}

// lib/supabase/migrations/plan.ts
function sameStatements(a, b) {
  return a.length === b.length && a.every((s, i) => normalizeText(s) === normalizeText(b[i] ?? ""));
}
function planMigrations(files, history, options = {}) {
  const refusals = [];
  const byVersion = /* @__PURE__ */ new Map();
  for (const file of files) {
    const seen = byVersion.get(file.version);
    if (seen) {
      refusals.push({
        code: "duplicate_version",
        version: file.version,
        file: file.fileName,
        message: `Version ${file.version} is used by two files: ${seen.fileName} and ${file.fileName}`,
        hint: "Give one of them a new, later version (rename it with a fresh timestamp)."
      });
      continue;
    }
    byVersion.set(file.version, file);
  }
  const versions = [...byVersion.keys()].sort(compareVersions);
  for (let i = 1; i < versions.length; i++) {
    const prev = versions[i - 1];
    const cur = versions[i];
    const tie = compareVersions(prev, cur) === 0;
    const lexicalDisagrees = prev.length !== cur.length && prev > cur;
    if (tie || lexicalDisagrees) {
      const a = byVersion.get(prev)?.fileName;
      const b = byVersion.get(cur)?.fileName;
      refusals.push({
        code: "ambiguous_order",
        version: cur,
        file: b,
        message: tie ? `Versions of ${a} and ${b} are the same number written differently` : `${a} and ${b} sort differently as numbers and as text, so tools would apply them in different orders`,
        hint: "Use versions of the same width (timestamps YYYYMMDDHHMMSS, as `supabase migration new` writes)."
      });
    }
  }
  const applied = [];
  const adopted = [];
  let headVersion = null;
  for (const row of history) {
    if (headVersion === null || compareVersions(row.version, headVersion) > 0) headVersion = row.version;
    const file = byVersion.get(row.version);
    if (!file) {
      refusals.push({
        code: "missing_local_file",
        version: row.version,
        message: `Version ${row.version}${row.name ? ` (${row.name})` : ""} is applied in the database but has no local file`,
        hint: "Restore the file from git (the database already ran it), or pull the branch that added it. If the row is wrong, repair the history with `supabase migration repair --status reverted <version>`."
      });
      continue;
    }
    if (row.checksum !== null) {
      if (row.checksum !== file.checksum && !equivalentChecksums(file.sql).has(row.checksum)) {
        refusals.push({
          code: "edited_applied_file",
          version: row.version,
          file: file.fileName,
          message: `${file.fileName} was edited after it was applied (checksum ${row.checksum.slice(0, 12)}\u2026 in the database, ${file.checksum.slice(0, 12)}\u2026 on disk)`,
          hint: "Applied migrations are immutable: revert the edit and put the change in a new migration file."
        });
        continue;
      }
      applied.push({ file, row });
      continue;
    }
    if (row.statements !== null && !sameStatements(
      row.statements,
      splitStatements(file.sql).map((s) => s.text)
    )) {
      refusals.push({
        code: "edited_applied_file",
        version: row.version,
        file: file.fileName,
        message: `${file.fileName} differs from the statements recorded when it was applied`,
        hint: "Applied migrations are immutable: revert the edit and put the change in a new migration file."
      });
      continue;
    }
    adopted.push(file);
    applied.push({ file, row });
  }
  const appliedVersions = new Set(history.map((r) => r.version));
  const pending2 = [...byVersion.values()].filter((f) => !appliedVersions.has(f.version)).sort((a, b) => compareVersions(a.version, b.version));
  if (!options.allowOutOfOrder && headVersion !== null) {
    for (const file of pending2) {
      if (compareVersions(file.version, headVersion) < 0) {
        refusals.push({
          code: "out_of_order",
          version: file.version,
          file: file.fileName,
          message: `${file.fileName} is older than the newest applied migration ${headVersion} and has not been applied`,
          hint: "Rename it with a timestamp after the newest applied migration, or pass allow-out-of-order if running it late is safe."
        });
      }
    }
  }
  if (refusals.length > 0) return { ok: false, refusals };
  return { ok: true, plan: { pending: pending2, applied, adopted, headVersion } };
}
function refusalError(refusals) {
  const [first, ...rest] = refusals.map(
    (r) => new MigrationError(r.code, r.message, { file: r.file, line: r.file ? 1 : void 0, hint: r.hint })
  );
  const head = first;
  if (rest.length === 0) return head;
  const all = [head, ...rest].map((e) => `- ${e.message}`).join("\n");
  return new MigrationError(head.code, `Migration plan refused (${rest.length + 1} problems):
${all}`, {
    file: head.file,
    line: head.line,
    hint: head.hint,
    others: rest
  });
}

// lib/supabase/migrations/migrate.ts
function describeDatabaseUrl(databaseUrl) {
  try {
    const u = new URL(databaseUrl);
    return `${u.protocol}//${u.username ? `${u.username}${u.password ? ":***" : ""}@` : ""}${u.host}${u.pathname}`;
  } catch {
    return "(unparseable database URL)";
  }
}
function usesTransactionPooler(databaseUrl) {
  try {
    return new URL(databaseUrl).port === "6543";
  } catch {
    return false;
  }
}
function pending(plan) {
  return plan.pending.map((f) => ({
    version: f.version,
    name: f.name,
    fileName: f.fileName,
    noTransaction: f.noTransaction
  }));
}
async function connect(options, redactor) {
  let client;
  try {
    client = new pg2.Client({
      connectionString: options.databaseUrl,
      application_name: "shipline-migrate",
      connectionTimeoutMillis: options.connectTimeoutMs ?? 15e3,
      // Pipeline mode: a file, its history rows and COMMIT leave in one write and cost one round trip.
      pipeline: true
    });
  } catch (error) {
    throw connectionError(error, options.databaseUrl, redactor);
  }
  client.on("error", () => void 0);
  let connectionCheck = false;
  try {
    await client.connect();
    connectionCheck = await client.query(`select set_config('client_connection_check_interval', '1000', false)`).then(() => true).catch(() => false);
  } catch (error) {
    await client.end().catch(() => void 0);
    throw connectionError(error, options.databaseUrl, redactor);
  }
  return { client, connectionCheck };
}
function connectionError(error, databaseUrl, redactor) {
  const reason = redactor.redact(error instanceof Error ? error.message : String(error));
  return new MigrationError("connection_failed", `Cannot connect to ${describeDatabaseUrl(databaseUrl)}: ${reason}`, {
    hint: "Check the database URL secret (host, port, user, password) and that the runner can reach the database; on Supabase use the session pooler or direct connection string."
  });
}
async function migrate(options) {
  const redactor = options.redactor ?? new Redactor();
  redactor.add(options.databaseUrl);
  redactor.addUrlCredentials(options.databaseUrl);
  redactor.add(options.env?.PGPASSWORD);
  parseConnectionUrl(options.databaseUrl);
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const dryRun = options.dryRun ?? false;
  if (usesTransactionPooler(options.databaseUrl)) {
    logger.warning(
      "The database URL points at port 6543 (a transaction-mode pooler): session advisory locks and SET do not hold across statements there. Use the direct connection or the session pooler (port 5432) for migrations."
    );
  }
  const [read, connected] = await Promise.allSettled([
    options.files ? Promise.resolve({ files: options.files, skipped: [] }) : readMigrationsDir(options.migrationsDir),
    connect(options, redactor)
  ]);
  if (read.status === "rejected") {
    if (connected.status === "fulfilled") await connected.value.client.end().catch(() => void 0);
    throw read.reason;
  }
  if (connected.status === "rejected") throw connected.reason;
  const { files, skipped } = read.value;
  const { client, connectionCheck } = connected.value;
  logger.info(`Found ${files.length} migration file(s) in ${options.migrationsDir}`);
  for (const file of skipped)
    logger.warning(`Skipping ${file.fileName}: ${file.reason} (not a migration; the Supabase CLI skips it too)`);
  for (const file of files) {
    if (file.symlinkTarget !== void 0)
      logger.info(`${file.fileName} is a symlink to ${file.symlinkTarget}: following it`);
  }
  logger.info(`Connected to ${describeDatabaseUrl(options.databaseUrl)}`);
  let locked = false;
  try {
    if (!dryRun) {
      await acquireMigrationLock(client, {
        timeoutMs: options.advisoryLockTimeoutMs ?? 6e4,
        clock,
        onWait: (holder) => logger.info(`Waiting for another migration run to finish: ${describeHolder(holder)}`)
      });
      locked = true;
    }
    const history = await readHistory(client);
    const decision = planMigrations(files, history, { allowOutOfOrder: options.allowOutOfOrder });
    if (!decision.ok) throw refusalError(decision.refusals);
    const plan = decision.plan;
    await preflight(plan.pending);
    const adopted = plan.adopted.map((f) => ({ version: f.version, name: f.name }));
    if (dryRun) {
      return {
        dryRun,
        applied: [],
        pending: pending(plan),
        adopted,
        headVersion: plan.headVersion,
        backupPath: null,
        history,
        skipped
      };
    }
    if (plan.pending.length === 0 && plan.adopted.length === 0) {
      logger.info("Database is up to date: nothing to apply");
      return {
        dryRun,
        applied: [],
        pending: [],
        adopted,
        headVersion: plan.headVersion,
        backupPath: null,
        history,
        skipped
      };
    }
    let backupPath = null;
    if (options.backupDir && plan.pending.length > 0) {
      backupPath = await backupDatabase({
        databaseUrl: options.databaseUrl,
        dir: options.backupDir,
        clock,
        redactor,
        label: plan.headVersion ?? "empty",
        pgDump: options.pgDump,
        ...options.env ? { env: options.env } : {}
      });
      logger.info(`Backup written to ${backupPath}`);
    }
    await ensureHistoryTables(client);
    for (const file of plan.adopted) {
      await recordChecksum(client, {
        version: file.version,
        checksum: file.checksum,
        appliedBy: options.appliedBy ?? "shipline"
      });
      logger.info(`Adopted ${file.fileName} (applied earlier by another tool): checksum recorded, not re-run`);
    }
    if (plan.pending.length === 0) {
      logger.info("Database is up to date: nothing to apply");
      return {
        dryRun,
        applied: [],
        pending: [],
        adopted,
        headVersion: plan.headVersion,
        backupPath: null,
        history,
        skipped
      };
    }
    const applied = await applyMigrations(client, plan.pending, {
      logger,
      redactor,
      clock,
      appliedBy: options.appliedBy ?? "shipline",
      lockTimeout: options.lockTimeout ?? "5s",
      statementTimeout: options.statementTimeout ?? "15min",
      connectionCheck,
      preflighted: true
    });
    const versions = [plan.headVersion, ...applied.map((a) => a.version)].filter((v) => v !== null);
    const headVersion = versions.sort(compareVersions).at(-1) ?? null;
    return {
      dryRun,
      applied: applied.map(({ version, name, durationMs, fileName }) => ({ version, name, durationMs, fileName })),
      pending: [],
      adopted,
      headVersion,
      backupPath,
      history,
      skipped
    };
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    throw new MigrationError(
      "migration_failed",
      `Migration run failed: ${redactor.redact(error instanceof Error ? error.message : String(error))}`,
      {
        hint: 'Nothing after the last "Applied" line was applied; the advisory lock is released when the session ends.'
      }
    );
  } finally {
    if (locked) await releaseMigrationLock(client).catch(() => void 0);
    await client.end().catch(() => void 0);
  }
}

export {
  MigrationError,
  skipComments,
  isNoTransaction,
  compareVersions,
  readMigrationFiles,
  migrate
};
