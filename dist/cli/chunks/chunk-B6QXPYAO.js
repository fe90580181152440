import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  ConfigError,
  closestMatch
} from "./chunk-4YSQPGXF.js";

// lib/config/errors.ts
function describeConfigIssue(issue) {
  const path = issue.path ? `${issue.path}: ` : "";
  const hint = issue.hint ? `${/[.!?]$/.test(issue.message) ? "" : "."} Hint: ${issue.hint}` : "";
  return `${path}${issue.message}${hint}`;
}
function formatConfigIssue(issue) {
  const where = [issue.file, issue.line, issue.column].filter((p) => p !== void 0).join(":");
  return `${where} ${describeConfigIssue(issue)}`;
}
var InvalidConfigError = class extends ConfigError {
  name = "InvalidConfigError";
  issues;
  file;
  constructor(code, file, issues, hint) {
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    super(code, `${file}: ${count}
${issues.map((i) => `  ${formatConfigIssue(i)}`).join("\n")}`, {
      hint: hint ?? `Fix the ${issues.length === 1 ? "problem" : "problems"} above; the reference is schema/shipline.schema.json.`
    });
    this.issues = issues;
    this.file = file;
  }
};

// lib/config/schema.ts
import { z } from "zod";

// lib/config/units.ts
var BYTE_UNITS = {
  b: 1,
  kb: 1e3,
  mb: 1e3 ** 2,
  gb: 1e3 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3
};
var BYTE_SIZE_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgG]i?B|B)?\s*$/;
function parseByteSize(value) {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.floor(value) : void 0;
  const match = BYTE_SIZE_PATTERN.exec(value);
  if (!match) return void 0;
  const amount = Number(match[1]);
  const factor = BYTE_UNITS[(match[2] ?? "b").toLowerCase()];
  if (factor === void 0) return void 0;
  return Math.floor(amount * factor);
}
var PG_DURATION_PATTERN = /^(0|\d+(\.\d+)?\s*(us|ms|s|min|h|d))$/;
function isValidTimeZone(name) {
  if (!name) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

// lib/config/schema.ts
var DEFAULT_CONFIG_PATH = ".github/shipline.yml";
var CONFIG_VERSION = 1;
var PERMISSION_LEVELS = ["read", "triage", "write", "maintain", "admin"];
var CHATOPS_COMMANDS = ["rollback", "deploy", "status", "lock", "unlock", "help"];
var WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
var NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
var HHMM_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
var BYTE_SIZE_ERROR = 'Expected a size in bytes or a string such as "500kB", "2MB" or "1.5MiB"';
var byteSize = z.union(
  [
    z.number({ error: BYTE_SIZE_ERROR }).int({ error: BYTE_SIZE_ERROR }).nonnegative({ error: BYTE_SIZE_ERROR }),
    z.string({ error: BYTE_SIZE_ERROR }).regex(BYTE_SIZE_PATTERN, { error: BYTE_SIZE_ERROR })
  ],
  { error: BYTE_SIZE_ERROR }
).transform((value) => parseByteSize(value));
var pgDuration = z.string().regex(PG_DURATION_PATTERN, {
  error: 'Expected a PostgreSQL duration such as "500ms", "5s", "15min" or "1h"'
});
var httpStatus = z.number({ error: "Expected a number between 100 and 599" }).int({ error: "Expected a whole number between 100 and 599" }).min(100, { error: "Expected a number between 100 and 599" }).max(599, { error: "Expected a number between 100 and 599" });
var httpMethod = z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
var expectStatus = z.union([httpStatus, z.array(httpStatus).min(1)], {
  error: "Expected a number between 100 and 599, or a list of them"
}).default(200).describe("Accepted status code, or a list of accepted codes. Default `200`.");
var latencyBudget = z.number().int().positive().optional().describe("Latency budget of this probe in milliseconds: a slower answer counts as an error. Default: none.");
var smokeCheckSchema = z.object({
  name: z.string().min(1).optional().describe("Label shown in reports. Default: the method and path."),
  path: z.string().startsWith("/", { error: 'Expected a path starting with "/", e.g. /api/health' }).describe("Path requested on the deployment, e.g. `/api/health`."),
  method: httpMethod.default("GET").describe("HTTP method. Default `GET`."),
  headers: z.record(z.string().min(1), z.string()).optional().describe("Request headers, e.g. `{ accept: application/json }`."),
  body: z.string().optional().describe("Request body (sent as is)."),
  "latency-ms": latencyBudget,
  expect: z.object({
    status: expectStatus,
    "body-contains": z.string().min(1).optional().describe("Text the response body must contain."),
    json: z.unknown().optional().describe(
      "A JSON value the response body must contain (objects match as a subset, arrays and scalars exactly)."
    ),
    header: z.record(z.string().min(1), z.string()).optional().describe(
      "Headers the response must carry; each value must be contained in the header (case-insensitive name)."
    )
  }).strict().prefault({}).describe("What a healthy answer looks like.")
}).strict();
var IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
var supabaseFunctionProbeSchema = z.object({
  name: z.string().min(1).optional().describe("Label shown in reports. Default: `function <slug>`."),
  function: z.string().regex(NAME_PATTERN).describe("Edge function slug invoked through supabase-js."),
  method: httpMethod.default("POST").describe("HTTP method. Default `POST` (what `functions.invoke` sends)."),
  body: z.unknown().optional().describe("JSON body sent to the function."),
  "latency-ms": latencyBudget,
  expect: z.object({
    status: expectStatus,
    "body-contains": z.string().min(1).optional().describe("Text the response body must contain."),
    json: z.unknown().optional().describe("A JSON value the response must contain (objects as a subset).")
  }).strict().prefault({}).describe("What a healthy answer looks like.")
}).strict();
var supabaseTableProbeSchema = z.object({
  name: z.string().min(1).optional().describe("Label shown in reports. Default: `table <table>`."),
  table: z.string().regex(IDENTIFIER, { error: "Expected a table name such as `products`" }).describe("Table or view read through PostgREST with the anon key (`select \u2026 limit 1`)."),
  schema: z.string().regex(IDENTIFIER).default("public").describe("Schema of the table. Default `public`."),
  select: z.string().min(1).default("*").describe("Columns to select. Default `*`."),
  "min-rows": z.number().int().min(0).default(1).describe("Rows the anon role must see (0 or 1; proves row-level security lets it read). Default `1`."),
  "latency-ms": latencyBudget
}).strict();
var sqlProbeSchema = z.object({
  name: z.string().min(1).optional().describe("Label shown in reports. Default: `sql <n>`."),
  query: z.string().min(1).describe("A read-only query run in a read-only transaction over the database URL."),
  "expect-rows": z.number().int().min(0).optional().describe("Least number of rows the query must return."),
  "latency-ms": latencyBudget
}).strict();
var smokeFields = {
  checks: z.array(smokeCheckSchema).describe("Requests made against the deployment. Default: `GET /` expecting 200."),
  supabase: z.object({
    functions: z.array(supabaseFunctionProbeSchema).default([]).describe("Edge functions to invoke."),
    tables: z.array(supabaseTableProbeSchema).default([]).describe("Tables to read through PostgREST as anon."),
    sql: z.array(sqlProbeSchema).default([]).describe("Read-only SQL probes; run only when a database URL is given.")
  }).strict().describe("Probes of the Supabase backend through `@supabase/supabase-js` with the anon key."),
  rounds: z.number().int().min(1).max(100).describe("How many times every check is requested. Default `3`."),
  interval: z.number().min(0).max(600).describe("Seconds between rounds. Default `5`."),
  warmup: z.number().min(0).max(900).describe(
    "Seconds to retry the first answer of every probe while the deployment wakes up; warm-up answers are not counted. Default `60`."
  ),
  concurrency: z.number().int().min(1).max(256).describe("Probes in flight at once. Default `10`."),
  timeout: z.number().positive().max(300).describe("Seconds one probe may take before it counts as an error. Default `10`."),
  "max-error-rate": z.number().min(0).max(1).describe("Largest share of failed requests (0\u20131) still judged healthy, per probe and overall. Default `0.05`."),
  "failure-limit": z.number().int().min(0).optional().describe("Fail once more than this many requests failed in all. Default: no limit beyond `max-error-rate`."),
  "consecutive-error-limit": z.number().int().min(1).describe("Fail when one probe fails this many times in a row. Default `3`."),
  "p95-ms": z.number().int().positive().describe("95th-percentile latency in milliseconds above which the verdict carries a warning. Default `2000`."),
  "p95-fail-ms": z.number().int().positive().describe("95th-percentile latency in milliseconds above which smoke fails. Default `5000`.")
};
var smokeSchema = z.object({
  checks: smokeFields.checks.default([{ path: "/", method: "GET", expect: { status: 200 } }]),
  supabase: smokeFields.supabase.prefault({}),
  rounds: smokeFields.rounds.default(3),
  interval: smokeFields.interval.default(5),
  warmup: smokeFields.warmup.default(60),
  concurrency: smokeFields.concurrency.default(10),
  timeout: smokeFields.timeout.default(10),
  "max-error-rate": smokeFields["max-error-rate"].default(0.05),
  "failure-limit": smokeFields["failure-limit"],
  "consecutive-error-limit": smokeFields["consecutive-error-limit"].default(3),
  "p95-ms": smokeFields["p95-ms"].default(2e3),
  "p95-fail-ms": smokeFields["p95-fail-ms"].default(5e3)
}).strict();
var smokeOverrideSchema = z.object(
  Object.fromEntries(Object.entries(smokeFields).map(([key, schema]) => [key, schema.optional()]))
).strict();
var environmentSchema = z.object({
  "vercel-target": z.string().regex(NAME_PATTERN, { error: "Expected `production`, `preview` or a custom environment name" }).optional().describe(
    "Vercel target: `production`, `preview` or a custom environment name. Default: `production` for the environment named `production`, else `preview`."
  ),
  url: z.url({ protocol: /^https?$/, error: "Expected an http(s) URL" }).optional().describe("Public URL of the environment, e.g. `https://shop.example.com`."),
  "required-permission": z.enum(PERMISSION_LEVELS).default("write").describe("Least GitHub permission (role) needed to deploy or roll back here via ChatOps. Default `write`."),
  branch: z.string().min(1).optional().describe("Branch deployed to this environment, e.g. `main`."),
  smoke: smokeOverrideSchema.optional().describe("Overrides of the top-level `smoke` settings for this environment.")
}).strict();
var envRuleSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: "Expected an environment variable name such as API_KEY" }).describe("Name of the environment variable or secret."),
  "min-length": z.number().int().positive().optional().describe("Minimum length of the value."),
  pattern: z.string().refine(
    (p) => {
      try {
        new RegExp(p);
        return true;
      } catch {
        return false;
      }
    },
    { error: "Expected a valid regular expression (without slashes)" }
  ).optional().describe("Regular expression the value must match, without slashes, e.g. `^sbp_`."),
  description: z.string().optional().describe("Explanation shown when the rule fails."),
  required: z.boolean().default(true).describe("Fail when the variable is missing. `false` = the rules apply only when it is set. Default `true`."),
  secret: z.boolean().default(true).describe("Mask the value in every log and report (registered with the runner). Default `true`.")
}).strict();
var commandSchema = z.object({
  name: z.string().min(1).describe("Short name shown in the report, e.g. `test`."),
  run: z.array(z.string(), { error: 'Expected a list: the program and its arguments, e.g. ["npm", "test"]' }).min(1, { error: "Expected at least the program name" }).describe('Program and arguments as a list, e.g. `["npm", "test"]`. No shell is used.'),
  timeout: z.number().int().positive().default(600).describe("Seconds before the command is killed. Default `600`."),
  cwd: z.string().min(1).optional().describe("Working directory, relative to the repository root."),
  env: z.record(z.string(), z.string()).optional().describe("Extra environment variables for the command."),
  "pass-env": z.array(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: "Expected an environment variable name such as DATABASE_URL" })
  ).optional().describe(
    "Variables passed on from the environment besides the default allow-list (PATH, HOME, locale, temp, proxy and CA settings, non-secret CI facts). Runner tokens such as ACTIONS_RUNTIME_TOKEN are never passed unless named here."
  )
}).strict();
var freezeWindowSchema = z.object({
  days: z.array(z.enum(WEEKDAYS)).default([]).describe("Weekdays (`mon` \u2026 `sun`) the window applies to. Default: every day."),
  from: z.string().regex(HHMM_PATTERN, { error: "Expected a time as HH:MM, e.g. 16:00" }).describe("Start, `HH:MM` local time, inclusive."),
  to: z.string().regex(HHMM_PATTERN, { error: "Expected a time as HH:MM, e.g. 09:00" }).describe("End, `HH:MM` local time, exclusive; earlier than `from` wraps past midnight."),
  reason: z.string().optional().describe("Shown when a deploy is refused, e.g. `Weekend freeze`.")
}).strict();
var validateSchema = z.object({
  env: z.array(envRuleSchema).default([]).describe("Environment variables and secrets that must be set."),
  git: z.object({
    clean: z.boolean().default(true).describe("Fail when the working tree has uncommitted changes. Default `true`."),
    branches: z.array(z.string().min(1)).default([]).describe("Branches (or globs such as `release/*`) HEAD must be on. Default: any branch."),
    "require-tag": z.boolean().default(false).describe("HEAD must carry a release tag newer than every other. Default `false`."),
    "tag-prefix": z.string().default("v").describe("Prefix of release tags. Default `v`.")
  }).strict().optional().describe("Git state checks; omitted = no git check."),
  commands: z.array(commandSchema).default([]).describe("Commands that must exit 0 (tests, lint, type check)."),
  tls: z.object({
    hosts: z.array(z.string().min(1)).default([]).describe("`host` or `host:port`. Default: the host of the validated environment's `url`."),
    "min-days": z.number().int().min(0).default(14).describe("Certificates must stay valid at least this many days. Default `14`."),
    timeout: z.number().positive().default(10).describe("Handshake timeout per host, seconds. Default `10`.")
  }).strict().optional().describe("TLS certificate expiry checks; omitted = no TLS check."),
  bundle: z.array(
    z.object({
      glob: z.string().min(1).describe("Files to measure, relative to the repository root, e.g. `.vercel/output/static/**`."),
      "max-total": byteSize.optional().describe("Largest total size: bytes, or `500kB`, `2MB`, `1.5MiB`."),
      "max-gzip": byteSize.optional().describe("Largest total gzip size (each file gzipped separately).")
    }).strict()
  ).default([]).describe("Size budgets for built files."),
  freeze: z.object({
    timezone: z.string().refine(isValidTimeZone, { error: "Expected an IANA time zone such as Europe/Berlin or UTC" }).default("UTC").describe("IANA time zone the windows are written in. Default `UTC`."),
    windows: z.array(freezeWindowSchema).default([]).describe("Times when deploys are refused.")
  }).strict().optional().describe("Deploy freeze windows; omitted = no freeze check."),
  "blocking-labels": z.array(z.string().min(1)).default([]).describe("An open issue with any of these labels blocks the deploy (needs `github-token`).")
}).strict();
var environmentsSchema = z.record(
  z.string().regex(NAME_PATTERN, { error: "Expected an environment name of letters, digits, `.`, `_` or `-`" }),
  environmentSchema
).refine((envs) => Object.keys(envs).length > 0, { error: "Expected at least one environment" }).transform((envs) => {
  const out = {};
  for (const [name, env] of Object.entries(envs)) {
    out[name] = {
      ...env,
      "vercel-target": env["vercel-target"] ?? (name === "production" ? "production" : "preview")
    };
  }
  return out;
});
var shiplineConfigSchema = z.object({
  version: z.literal(CONFIG_VERSION, { error: `Expected version: ${CONFIG_VERSION}` }).describe("Schema version of this file. Always `1` for now."),
  project: z.object({
    name: z.string().min(1).optional().describe("Display name used in summaries and issues. Default: the repository name.")
  }).strict().prefault({}).describe("About the project."),
  environments: environmentsSchema.prefault({ production: {} }).describe("Deploy targets by name. Default: one environment named `production`."),
  vercel: z.object({
    project: z.string().min(1).optional().describe("Vercel project name or id."),
    "team-id": z.string().min(1).optional().describe("Vercel team id (`team_\u2026`); omit for a personal account."),
    "output-dir": z.string().min(1).default(".vercel/output").describe("Prebuilt Build Output API folder. Default `.vercel/output`."),
    "build-timeout": z.number().int().positive().default(900).describe("Seconds to wait for a deployment to become ready. Default `900`.")
  }).strict().prefault({}).describe("Vercel project settings."),
  supabase: z.object({
    "project-ref": z.string().regex(/^[a-z]{20}$/, { error: "Expected a 20-letter Supabase project ref, e.g. abcdefghijklmnopqrst" }).optional().describe("Supabase project ref (20 lower-case letters)."),
    "migrations-dir": z.string().min(1).default("supabase/migrations").describe("Folder of `<version>_<name>.sql` migrations. Default `supabase/migrations`."),
    "functions-dir": z.string().min(1).default("supabase/functions").describe("Folder of edge functions. Default `supabase/functions`."),
    migrations: z.object({
      "lock-timeout": pgDuration.default("5s").describe("PostgreSQL `lock_timeout` for each migration. Default `5s`."),
      "statement-timeout": pgDuration.default("15min").describe("PostgreSQL `statement_timeout` for each migration. Default `15min`."),
      "advisory-lock-timeout": z.number().int().min(0).default(60).describe("Seconds to wait for another migration run to finish. Default `60`."),
      "allow-out-of-order": z.boolean().default(false).describe("Apply files older than the newest applied one. Default `false`."),
      backup: z.boolean().default(true).describe("Dump the schema and data before migrating. Default `true`."),
      "apply-with": z.enum(["shipline", "other"]).default("shipline").describe(
        "What applies the migration files: `shipline` (the migrate action or `shipline migrate`, which set `lock-timeout` for the session) or `other` (e.g. `supabase db push`: lint then asks each file to set its own lock_timeout). Default `shipline`."
      )
    }).strict().prefault({}).describe("How migrations are applied.")
  }).strict().prefault({}).describe("Supabase project settings."),
  validate: validateSchema.prefault({}).describe("Pre-deploy checks run by the `validate` action and `shipline validate`."),
  smoke: smokeSchema.prefault({}).describe("Smoke tests run against a staged deployment and again after promotion."),
  rollback: z.object({
    auto: z.boolean().default(true).describe("Roll back automatically when smoke tests fail after promotion. Default `true`."),
    keep: z.number().int().min(1).default(10).describe("How many previous known-good releases `/rollback` lists and may target. Default `10`.")
  }).strict().prefault({}).describe("Rollback behaviour."),
  incidents: z.object({
    labels: z.array(z.string().min(1)).default(["incident"]).describe(
      "Labels of the incident issue opened on an automatic rollback or a failed production deploy. Default `[incident]`."
    ),
    assignees: z.array(z.string().min(1)).default([]).describe("GitHub logins assigned to the incident issue. Default: nobody.")
  }).strict().prefault({}).describe("Incident issues opened by the auto-rollback action."),
  chatops: z.object({
    commands: z.array(z.enum(CHATOPS_COMMANDS)).default([...CHATOPS_COMMANDS]).describe("Commands the bot accepts. Default: all of them.")
  }).strict().prefault({}).describe("The ChatOps bot.")
}).strict().describe("Shipline configuration (.github/shipline.yml).");
function smokeFor(config, environment) {
  const overrides = config.environments[environment]?.smoke ?? {};
  const merged = { ...config.smoke };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== void 0) merged[key] = value;
  }
  return merged;
}

// lib/config/loader.ts
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";

// lib/config/hints.ts
function hintFor(path, code, value) {
  const last = String(path[path.length - 1] ?? "");
  const parent = String(path[path.length - 2] ?? "");
  if (path.length === 1 && last === "version") return "Put `version: 1` at the top of the file.";
  if (last === "run" && parent !== "" && typeof value === "string") {
    const words = value.trim().split(/\s+/).filter(Boolean);
    const example = `[${words.map((w) => JSON.stringify(w)).join(", ")}]`;
    return `Commands run without a shell (no quoting, pipes or variables are interpreted), so give the program and its arguments as a list: run: ${example}`;
  }
  if (last === "status" && parent === "expect") return "Use a status code such as 200, or a list such as [200, 204].";
  if (last === "timezone") return "Use a name from the tz database, e.g. Europe/Berlin, America/New_York or UTC.";
  if (last === "max-total" || last === "max-gzip")
    return "Write a number of bytes or a size such as 500kB, 2MB or 1.5MiB.";
  if (last === "lock-timeout" || last === "statement-timeout") return 'Quote the value, e.g. "5s" or "15min".';
  if (last === "from" || last === "to") return 'Quote times so YAML keeps them as text: from: "18:00".';
  if (last === "url") return "Write the full URL including https://.";
  if (last === "project-ref") return "The ref is in your Supabase dashboard URL: supabase.com/dashboard/project/<ref>.";
  if (code === "invalid_type" && value === null) return "The key has no value; remove it or give it one.";
  return "";
}

// lib/config/schema-walk.ts
function defOf(schema) {
  return schema._zod.def;
}
function unwrap(schema) {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    const next = def.innerType ?? (def.type === "pipe" ? def.in : void 0);
    if (!next) return current;
    current = next;
  }
  return current;
}
function schemaAt(root, path) {
  let current = unwrap(root);
  for (const segment of path) {
    if (!current) return void 0;
    const def = defOf(current);
    if (def.type === "object" && def.shape) current = def.shape[String(segment)];
    else if (def.type === "record") current = def.valueType;
    else if (def.type === "array") current = def.element;
    else if (def.type === "union") {
      current = def.options?.map(unwrap).find((o) => ["object", "record", "array"].includes(defOf(o).type));
      if (current) return schemaAt(current, [segment]);
      return void 0;
    } else return void 0;
    if (current) current = unwrap(current);
  }
  return current;
}
function allowedKeysAt(root, path) {
  const schema = schemaAt(root, path);
  if (!schema) return [];
  const def = defOf(schema);
  return def.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

// lib/config/loader.ts
var STARTER = "version: 1";
function defaultConfig() {
  return shiplineConfigSchema.parse({ version: 1 });
}
async function loadConfig(path = DEFAULT_CONFIG_PATH, options = {}) {
  const file = options.displayPath ?? path;
  const absolute = resolve(options.cwd ?? ".", path);
  let text;
  try {
    text = await readFile(absolute, "utf8");
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT" && options.allowMissing) return { config: defaultConfig(), file, found: false };
    const missing = code === "ENOENT";
    throw new InvalidConfigError(
      missing ? "config_missing" : "config_unreadable",
      file,
      [
        {
          file,
          path: "",
          message: missing ? `No configuration file at ${file}` : `Cannot read ${file}: ${error.message}`,
          hint: missing ? `Create ${file} starting with \`${STARTER}\` (see examples/app/.github/shipline.yml), or pass the right path.` : "Check that the path is a readable file."
        }
      ],
      missing ? `Create ${file}, or point the config input/--config flag at your file.` : void 0
    );
  }
  return { config: parseConfig(text, file), file, found: true };
}
function parseConfig(text, file = DEFAULT_CONFIG_PATH) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, merge: true });
  const position = (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    const issues2 = doc.errors.map((error) => ({
      file,
      ...position(error.pos[0]),
      path: "",
      message: `Invalid YAML: ${error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "")}`,
      hint: yamlHint(error.code)
    }));
    throw new InvalidConfigError("config_yaml", file, issues2);
  }
  if (doc.contents === null || isScalar(doc.contents) && doc.contents.value === null) {
    throw new InvalidConfigError("config_empty", file, [
      {
        file,
        line: 1,
        column: 1,
        path: "",
        message: "The file is empty",
        hint: `Start from \`${STARTER}\` (every other section has defaults) or copy examples/app/.github/shipline.yml.`
      }
    ]);
  }
  let data;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new InvalidConfigError("config_yaml", file, [
      { file, line: 1, column: 1, path: "", message: `Invalid YAML: ${error.message}`, hint: yamlHint("") }
    ]);
  }
  const result = shiplineConfigSchema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const issues = [];
  for (const issue of result.error.issues) {
    for (const described of describeIssue(issue)) {
      const located = locate(doc.contents, described.path, described.at);
      issues.push({
        file,
        ...located === void 0 ? {} : position(located),
        path: formatPath(described.path),
        message: described.message,
        hint: described.hint
      });
    }
  }
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  throw new InvalidConfigError("config_invalid", file, issues);
}
function describeIssue(issue) {
  const path = [...issue.path];
  const input = issue.input;
  const custom = issue.message.startsWith("Expected");
  const got = `, got ${describeValue(input)}`;
  if (input === void 0 && issue.code !== "unrecognized_keys") {
    const expected = issue.code === "invalid_type" && !custom ? `expected ${typeName(issue.expected)}` : issue.message.replace(/^Expected/, "expected");
    return [
      { path, at: "value", message: `Missing required key; ${expected}`, hint: hintFor(path, issue.code, input) }
    ];
  }
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeysAt(shiplineConfigSchema, path);
      return issue.keys.map((key) => {
        const suggestion = closestMatch(key, allowed);
        return {
          path: [...path, key],
          at: "key",
          message: `Unknown key "${key}"`,
          hint: suggestion ? `Did you mean \`${suggestion}\`?` : allowed.length > 0 ? `Allowed keys here: ${allowed.join(", ")}.` : ""
        };
      });
    }
    case "invalid_type": {
      const message = custom ? issue.message : `Expected ${typeName(issue.expected)}`;
      return [{ path, at: "value", message: message + got, hint: hintFor(path, issue.code, input) }];
    }
    case "invalid_value": {
      const values = issue.values.map((v) => JSON.stringify(v));
      const message = custom ? issue.message : `Expected ${values.length === 1 ? values[0] : `one of ${values.join(", ")}`}`;
      const suggestion = typeof input === "string" ? closestMatch(
        input,
        issue.values.filter((v) => typeof v === "string")
      ) : void 0;
      return [
        {
          path,
          at: "value",
          message: message + got,
          hint: suggestion ? `Did you mean \`${suggestion}\`?` : hintFor(path, issue.code, input)
        }
      ];
    }
    case "too_small":
    case "too_big": {
      let message = issue.message;
      if (!custom) {
        const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
        const op = issue.code === "too_small" ? issue.inclusive === false ? ">" : "\u2265" : issue.inclusive === false ? "<" : "\u2264";
        const what = issue.origin === "array" ? `${issue.code === "too_small" ? "at least" : "at most"} ${bound} item(s)` : issue.origin === "string" ? `${issue.code === "too_small" ? "at least" : "at most"} ${bound} character(s)` : `a number ${op} ${bound}`;
        message = `Expected ${what}`;
      }
      return [{ path, at: "value", message: message + got, hint: hintFor(path, issue.code, input) }];
    }
    case "invalid_union":
    case "invalid_format":
    case "custom":
    case "not_multiple_of":
      return [
        {
          path,
          at: "value",
          message: (custom ? issue.message : issue.message.replace(/^Invalid input: /, "")) + got,
          hint: hintFor(path, issue.code, input)
        }
      ];
    default:
      return [{ path, at: "value", message: issue.message, hint: hintFor(path, issue.code, input) }];
  }
}
function typeName(expected) {
  if (expected === "object" || expected === "record") return "a mapping (key: value)";
  if (expected === "array" || expected === "tuple") return "a list";
  if (expected === "int") return "a whole number";
  return `a ${expected}`;
}
function describeValue(value) {
  if (value === void 0) return "nothing";
  if (value === null) return "null (empty value)";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return "a mapping";
  return typeof value;
}
function formatPath(path) {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(String(segment))) out += out ? `.${String(segment)}` : String(segment);
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}
function locate(root, path, at) {
  let node = root;
  let best = rangeStart(node);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isAlias(node)) return best;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return best;
      const keyStart = rangeStart(pair.key);
      const valueStart = rangeStart(pair.value);
      if (last) return at === "key" ? keyStart ?? best : valueStart ?? keyStart ?? best;
      best = valueStart ?? keyStart ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (!item) return best;
      best = rangeStart(item) ?? best;
      node = item;
    } else {
      return best;
    }
  }
  return best;
}
function rangeStart(node) {
  if (!node || !("range" in node) || !node.range) return void 0;
  return node.range[0];
}
function yamlHint(code) {
  switch (code) {
    case "DUPLICATE_KEY":
      return "Each key may appear once per mapping; merge or remove the duplicate.";
    case "TAB_AS_INDENT":
      return "YAML indentation must use spaces, not tabs.";
    case "BAD_INDENT":
    case "MISSING_CHAR":
      return "Check the indentation and that every `key:` has a space after the colon.";
    case "BLOCK_AS_IMPLICIT_KEY":
      return "A value spans lines where a key was expected; check indentation and quotes.";
    default:
      return "Check quotes, colons and indentation near this line.";
  }
}

export {
  describeConfigIssue,
  formatConfigIssue,
  InvalidConfigError,
  PG_DURATION_PATTERN,
  DEFAULT_CONFIG_PATH,
  PERMISSION_LEVELS,
  CHATOPS_COMMANDS,
  smokeFor,
  defaultConfig,
  loadConfig,
  parseConfig
};
