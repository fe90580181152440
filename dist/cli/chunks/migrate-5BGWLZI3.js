import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  MigrationError,
  compareVersions,
  migrate
} from "./chunk-WB6KZM6X.js";
import {
  DEFAULT_CONFIG_PATH,
  PG_DURATION_PATTERN,
  loadConfig
} from "./chunk-B6QXPYAO.js";
import {
  Redactor,
  parseConnectionUrl,
  redactingLogger
} from "./chunk-2AZVKRUL.js";
import {
  processIO,
  terminalLogger
} from "./chunk-5RPISX4H.js";
import {
  ConfigError,
  UsageError,
  describeError,
  formatOptions,
  parseArgs
} from "./chunk-4YSQPGXF.js";

// cli/commands/migrate.ts
import { join, resolve } from "node:path";

// lib/config/migration-settings.ts
var given = (value) => value?.trim() ? value.trim() : void 0;
function duration(value, name) {
  if (PG_DURATION_PATTERN.test(value)) return value;
  throw new ConfigError("input_invalid", `${name} must be a PostgreSQL duration, got ${JSON.stringify(value)}`, {
    hint: `Use a number with a unit: e.g. \`5s\`, \`500ms\`, \`15min\` (or 0 for no limit).`
  });
}
function migrationSettings(config, overrides, names) {
  const m = config.supabase.migrations;
  const waitText = given(overrides.advisoryLockTimeout);
  const wait = waitText === void 0 ? m["advisory-lock-timeout"] : Number(waitText);
  if (!Number.isFinite(wait) || wait < 0) {
    throw new ConfigError(
      "input_invalid",
      `${names.advisoryLockTimeout} must be a number of seconds, got ${JSON.stringify(waitText)}`,
      { hint: "Give how long to wait for another migration run, e.g. `60`." }
    );
  }
  return {
    migrationsDir: given(overrides.migrationsDir) ?? config.supabase["migrations-dir"],
    lockTimeout: duration(given(overrides.lockTimeout) ?? m["lock-timeout"], names.lockTimeout),
    statementTimeout: duration(given(overrides.statementTimeout) ?? m["statement-timeout"], names.statementTimeout),
    advisoryLockTimeoutMs: Math.round(wait * 1e3),
    allowOutOfOrder: overrides.allowOutOfOrder ?? m["allow-out-of-order"],
    backup: overrides.backup ?? m.backup
  };
}

// lib/supabase/migrations/report.ts
function reportRows(result) {
  const rows = /* @__PURE__ */ new Map();
  for (const row of result.history) {
    rows.set(row.version, {
      version: row.version,
      name: row.name ?? "",
      status: "already applied",
      durationMs: row.durationMs
    });
  }
  for (const a of result.adopted)
    rows.set(a.version, { version: a.version, name: a.name, status: "adopted", durationMs: null });
  for (const a of result.applied)
    rows.set(a.version, { version: a.version, name: a.name, status: "applied now", durationMs: a.durationMs });
  for (const p of result.pending) {
    rows.set(p.version, {
      version: p.version,
      name: p.name,
      status: result.dryRun ? "would apply" : "pending",
      durationMs: null
    });
  }
  return [...rows.values()].sort((a, b) => compareVersions(a.version, b.version));
}
function summaryLine(result) {
  const head = result.headVersion ? `; head is ${result.headVersion}` : "";
  if (result.dryRun) return `Dry run: ${result.pending.length} migration(s) would be applied${head}`;
  if (result.applied.length === 0) return `Database is up to date${head}`;
  return `Applied ${result.applied.length} migration(s)${head}`;
}
function renderText(result) {
  const rows = reportRows(result);
  const head = ["VERSION", "NAME", "STATUS", "DURATION"];
  const body = rows.map((r) => [r.version, r.name, r.status, r.durationMs === null ? "" : `${r.durationMs} ms`]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const fmt = (cells) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  const skipped = (result.skipped ?? []).map((s) => `Skipped ${s.fileName}: ${s.reason}`);
  return [fmt(head), ...body.map(fmt), "", ...skipped, summaryLine(result)].join("\n");
}

// cli/commands/migrate.ts
var EXIT = { ok: 0, failed: 1, usage: 2 };
var OPTIONS = {
  "db-url": { type: "string", description: "PostgreSQL URL (default: $SUPABASE_DB_URL)" },
  config: {
    type: "string",
    description: "Configuration file whose supabase settings are the defaults (default .github/shipline.yml)"
  },
  dir: { type: "string", description: "Migrations directory (default: the config's supabase.migrations-dir)" },
  "dry-run": { type: "boolean", description: "Only show the plan; change nothing" },
  "allow-out-of-order": { type: "boolean", description: "Apply pending files older than the newest applied one" },
  "no-backup": { type: "boolean", description: "Skip the pg_dump backup before applying" },
  "backup-dir": { type: "string", description: "Where the backup goes (default: .shipline/backups)" },
  "lock-timeout": { type: "string", description: "lock_timeout for the session (default: the config's, 5s)" },
  "statement-timeout": {
    type: "string",
    description: "statement_timeout for the session (default: the config's, 15min)"
  },
  wait: {
    type: "string",
    description: "Seconds to wait for another run holding the migration lock (default: the config's, 60)"
  },
  verbose: { type: "boolean", short: "v", description: "Show debug output" },
  help: { type: "boolean", short: "h", description: "Show this help" }
};
var USAGE = `Usage: shipline migrate [options]

Applies supabase/migrations/<version>_<name>.sql files that the database has not run yet, under one advisory
lock, each file in its own transaction with its history row (compatible with \`supabase migration list\`).
Every file starts from the same session state. \`.sql\` files that are not migrations (seed.sql) are skipped with a
notice. Prints the plan/history table. Exit code 0: done (or nothing to do), 1: refused or failed, 2: usage error
(including a malformed or non-PostgreSQL database URL).

Options:
${formatOptions(OPTIONS)}
`;
async function run(argv, io = processIO()) {
  const { values } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const str = (name) => typeof values[name] === "string" ? values[name] : void 0;
  const databaseUrl = str("db-url") ?? io.env.SUPABASE_DB_URL ?? "";
  if (!databaseUrl) {
    throw new UsageError("usage", "No database URL: pass --db-url or set SUPABASE_DB_URL", {
      hint: "e.g. --db-url postgres://postgres:<password>@<host>:5432/postgres (the session pooler or a direct connection)."
    });
  }
  parseConnectionUrl(databaseUrl);
  const redactor = new Redactor();
  redactor.add(databaseUrl);
  redactor.addUrlCredentials(databaseUrl);
  const logger = redactingLogger(terminalLogger(io, { verbose: values.verbose === true }), redactor);
  const configPath = str("config") ?? DEFAULT_CONFIG_PATH;
  const { config } = await loadConfig(configPath, { cwd: io.cwd, allowMissing: str("config") === void 0 });
  const settings = migrationSettings(
    config,
    {
      migrationsDir: str("dir"),
      lockTimeout: str("lock-timeout"),
      statementTimeout: str("statement-timeout"),
      advisoryLockTimeout: str("wait"),
      ...values["allow-out-of-order"] === true ? { allowOutOfOrder: true } : {},
      ...values["no-backup"] === true ? { backup: false } : {}
    },
    { lockTimeout: "--lock-timeout", statementTimeout: "--statement-timeout", advisoryLockTimeout: "--wait" }
  );
  const migrationsDir = resolve(io.cwd, settings.migrationsDir);
  try {
    const result = await migrate({
      databaseUrl,
      env: io.env,
      migrationsDir,
      dryRun: values["dry-run"] === true,
      allowOutOfOrder: settings.allowOutOfOrder,
      backupDir: settings.backup ? resolve(io.cwd, str("backup-dir") ?? join(".shipline", "backups")) : void 0,
      lockTimeout: settings.lockTimeout,
      statementTimeout: settings.statementTimeout,
      advisoryLockTimeoutMs: settings.advisoryLockTimeoutMs,
      appliedBy: `shipline-cli:${io.env.USER ?? "unknown"}`,
      logger,
      redactor,
      clock: io.clock
    });
    io.stdout(`${redactor.redact(renderText(result))}
`);
    if (result.backupPath) io.stdout(`Backup: ${result.backupPath}
`);
    return EXIT.ok;
  } catch (error) {
    const where = error instanceof MigrationError && error.file ? ` (${join(migrationsDir, error.file)}${error.line ? `:${error.line}${error.column ? `:${error.column}` : ""}` : ""})` : "";
    io.stderr(`error: ${redactor.redact(describeError(error))}${where}
`);
    return EXIT.failed;
  }
}
export {
  EXIT,
  OPTIONS,
  USAGE,
  run
};
