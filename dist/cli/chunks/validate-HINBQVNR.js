import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  MigrationError,
  isNoTransaction,
  migrate,
  readMigrationFiles,
  skipComments
} from "./chunk-WB6KZM6X.js";
import {
  CommandNotFoundError,
  DEFAULT_MAX_OUTPUT_BYTES,
  formatBytes,
  lastLines,
  runCommand
} from "./chunk-BLYCYRB2.js";
import "./chunk-ST5DBQXP.js";
import {
  DEFAULT_CONFIG_PATH,
  InvalidConfigError,
  describeConfigIssue,
  formatConfigIssue,
  loadConfig
} from "./chunk-B6QXPYAO.js";
import {
  Redactor,
  redactingLogger
} from "./chunk-2AZVKRUL.js";
import {
  processIO,
  terminalLogger
} from "./chunk-5RPISX4H.js";
import {
  ConfigError,
  ShiplineError,
  UsageError,
  describeError,
  formatOptions,
  parseArgs
} from "./chunk-4YSQPGXF.js";

// cli/commands/validate.ts
import { resolve as resolve2 } from "node:path";
import { Octokit } from "@octokit/rest";

// lib/checks/report.ts
var WORD = { pass: "pass", warn: "warn", fail: "FAIL", skip: "skip" };
var ANSI = { pass: "\x1B[32m", warn: "\x1B[33m", fail: "\x1B[31m", skip: "\x1B[90m" };
function countStatuses(results) {
  const counts = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}
function summaryLine(results) {
  const c = countStatuses(results);
  const parts = [
    c.pass ? `${c.pass} passed` : "",
    c.fail ? `${c.fail} failed` : "",
    c.warn ? `${c.warn} warning${c.warn === 1 ? "" : "s"}` : "",
    c.skip ? `${c.skip} skipped` : ""
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "no checks ran";
}
function formatDuration(ms) {
  if (ms < 1e3) return `${Math.round(ms)} ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)} s`;
  const minutes = Math.floor(ms / 6e4);
  return `${minutes} min ${Math.round(ms % 6e4 / 1e3)} s`;
}
function renderTerminal(results, options = {}) {
  const header = ["CHECK", "RESULT", "TIME", "MESSAGE"];
  const rows = results.map((r) => [
    r.title,
    WORD[r.status],
    formatDuration(r.durationMs),
    r.message.replace(/\s*\r?\n\s*/g, " ")
  ]);
  const widths = [0, 1, 2].map((i) => Math.max(header[i]?.length ?? 0, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells, status) => cells.map((cell, i) => {
    const padded = i < 3 ? cell.padEnd(widths[i] ?? 0) : cell;
    return options.color && status && i === 1 ? `${ANSI[status]}${padded}\x1B[0m` : padded;
  }).join("  ").trimEnd();
  const out = [line(header)];
  results.forEach((r, index) => {
    out.push(line(rows[index] ?? [], r.status));
    if (options.details !== false && r.details && (r.status === "fail" || r.status === "warn")) {
      for (const detail of r.details.split(/\r?\n/)) out.push(`    ${detail}`);
    }
  });
  const failed = results.some((r) => r.status === "fail");
  out.push("", `${failed ? "FAILED" : "PASSED"}: ${summaryLine(results)}`);
  return `${out.join("\n")}
`;
}
function buildJsonReport(results, passed) {
  return { version: 1, passed, counts: countStatuses(results), checks: [...results] };
}

// lib/checks/config-check.ts
var CONFIG_CHECK_ID = "config";
function configCheck(outcome) {
  return {
    id: CONFIG_CHECK_ID,
    title: "Configuration",
    async run() {
      if (!outcome.ok) {
        const findings = outcome.issues.map((issue) => ({
          severity: "error",
          message: describeConfigIssue(issue),
          file: issue.file,
          ...issue.line === void 0 ? {} : { line: issue.line },
          rule: "config"
        }));
        const count = outcome.issues.length;
        return {
          status: "fail",
          message: `${outcome.file} has ${count} problem${count === 1 ? "" : "s"}`,
          details: outcome.issues.map(formatConfigIssue).join("\n"),
          findings
        };
      }
      if (!outcome.found) {
        return { status: "warn", message: `${outcome.file} not found; using the defaults` };
      }
      const envs = Object.keys(outcome.config.environments);
      return {
        status: "pass",
        message: `${outcome.file} is valid (environments: ${envs.join(", ")})`
      };
    }
  };
}
async function loadConfigOutcome(path, options = {}) {
  try {
    const loaded = await loadConfig(path, options);
    return { ok: true, ...loaded };
  } catch (error) {
    if (error instanceof InvalidConfigError) return { ok: false, file: error.file, issues: error.issues };
    throw error;
  }
}

// lib/checks/blocking-issues-check.ts
var MAX_LISTED = 20;
async function findBlockingIssues(octokit, options) {
  const found = /* @__PURE__ */ new Map();
  for (const label of options.labels) {
    const items = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: options.owner,
      repo: options.repo,
      state: "open",
      labels: label,
      per_page: 100
    });
    for (const item of items) {
      if (item.pull_request || item.state !== "open") continue;
      const entry = found.get(item.number) ?? {
        number: item.number,
        title: item.title,
        url: item.html_url,
        labels: []
      };
      entry.labels.push(label);
      found.set(item.number, entry);
    }
  }
  return [...found.values()].sort((a, b) => a.number - b.number);
}
function blockingIssuesCheck(options, octokit) {
  return {
    id: "blocking-issues",
    title: "Blocking issues",
    async run(ctx) {
      if (options.labels.length === 0) return { status: "skip", message: "no blocking labels configured" };
      const where = `${options.owner}/${options.repo}`;
      let issues;
      try {
        issues = await findBlockingIssues(octokit, options);
      } catch (error) {
        const { status, response } = error;
        const reason = typeof status === "number" && response !== void 0 ? `HTTP ${status}` : `GitHub not reachable: ${error.message}`;
        return {
          status: "fail",
          message: ctx.redactor.redact(`could not list blocking issues in ${where} (${reason}); failing closed`),
          details: "Hint: the token needs `issues: read` on the repository; retry once GitHub answers again."
        };
      }
      const labels = options.labels.join(", ");
      if (issues.length === 0) return { status: "pass", message: `no open issue labelled ${labels} in ${where}` };
      const lines = issues.slice(0, MAX_LISTED).map((i) => `#${i.number} ${i.title} [${i.labels.join(", ")}]`);
      if (issues.length > MAX_LISTED) lines.push(`\u2026 and ${issues.length - MAX_LISTED} more`);
      return {
        status: "fail",
        message: ctx.redactor.redact(
          `${issues.length} open blocking issue${issues.length === 1 ? "" : "s"}: ${issues.slice(0, 5).map((i) => `#${i.number} ${i.title}`).join("; ")}${issues.length > 5 ? "; \u2026" : ""}`
        ),
        details: ctx.redactor.redact(lines.join("\n"))
      };
    }
  };
}

// lib/checks/bundle-check.ts
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzip as gzipCallback } from "node:zlib";
import { glob } from "tinyglobby";
var gzip = promisify(gzipCallback);
var BUNDLE_GZIP_LEVEL = 6;
var LARGEST_LISTED = 10;
async function measureBundle(cwd, pattern, withGzip) {
  const paths = await glob(pattern, {
    cwd,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    expandDirectories: false
  });
  const files = [];
  for (const path of paths.sort()) {
    const full = join(cwd, path);
    const { size } = await stat(full);
    const file = { path, bytes: size };
    if (withGzip) file.gzipBytes = (await gzip(await readFile(full), { level: BUNDLE_GZIP_LEVEL })).length;
    files.push(file);
  }
  return {
    files,
    totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes: files.reduce((sum, f) => sum + (f.gzipBytes ?? 0), 0)
  };
}
async function checkBudget(ctx, budget) {
  const withGzip = budget.maxGzipBytes !== void 0;
  const m = await measureBundle(ctx.cwd, budget.glob, withGzip);
  if (m.files.length === 0) {
    return { status: "warn", summary: `${budget.glob}: no files matched`, details: [] };
  }
  const over = [];
  if (budget.maxTotalBytes !== void 0 && m.totalBytes > budget.maxTotalBytes) {
    over.push(`${formatBytes(m.totalBytes)} of ${formatBytes(budget.maxTotalBytes)}`);
  }
  if (budget.maxGzipBytes !== void 0 && m.gzipBytes > budget.maxGzipBytes) {
    over.push(`${formatBytes(m.gzipBytes)} gzip of ${formatBytes(budget.maxGzipBytes)}`);
  }
  const sizes = [`${formatBytes(m.totalBytes)}`];
  if (budget.maxTotalBytes !== void 0) sizes[0] += ` of ${formatBytes(budget.maxTotalBytes)}`;
  if (withGzip) sizes.push(`${formatBytes(m.gzipBytes)} gzip of ${formatBytes(budget.maxGzipBytes)}`);
  const largest = [...m.files].sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path)).slice(0, LARGEST_LISTED);
  const details = [
    `${budget.glob}: ${m.files.length} file(s), ${sizes.join(", ")}; largest:`,
    ...largest.map(
      (f) => `  ${formatBytes(f.bytes).padStart(9)}${f.gzipBytes !== void 0 ? ` (${formatBytes(f.gzipBytes)} gzip)` : ""}  ${f.path}`
    )
  ];
  if (over.length > 0) {
    return { status: "fail", summary: `${budget.glob} over budget: ${over.join(", ")}`, details };
  }
  return { status: "pass", summary: `${budget.glob}: ${sizes.join(", ")}`, details };
}
function bundleCheck(options) {
  return {
    id: "bundle",
    title: "Bundle size budgets",
    async run(ctx) {
      if (options.budgets.length === 0) return { status: "skip", message: "no budgets configured" };
      const results = [];
      for (const budget of options.budgets) results.push(await checkBudget(ctx, budget));
      const failed = results.filter((r) => r.status === "fail");
      const warned = results.filter((r) => r.status === "warn");
      const details = results.flatMap((r) => r.details).join("\n") || void 0;
      const message = (list) => list.map((r) => r.summary).join("; ");
      if (failed.length > 0) return { status: "fail", message: message(failed), details };
      if (warned.length > 0) return { status: "warn", message: message(results), details };
      return { status: "pass", message: message(results), details };
    }
  };
}

// lib/checks/command-check.ts
import { resolve } from "node:path";

// lib/process/child-env.ts
var DEFAULT_PASSED_ENV = [
  // Finding programs, the user, the shell, locale, terminal and temp space.
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "TZ",
  "TERM",
  "COLORTERM",
  "NO_COLOR",
  "FORCE_COLOR",
  "TMPDIR",
  "TMP",
  "TEMP",
  // Network setup the runner may need for any download.
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "NODE_EXTRA_CA_CERTS",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  // Where and what is being built (no credentials among them).
  "CI",
  "GITHUB_ACTIONS",
  "GITHUB_WORKSPACE",
  "GITHUB_REPOSITORY",
  "GITHUB_SHA",
  "GITHUB_REF",
  "GITHUB_REF_NAME",
  "GITHUB_HEAD_REF",
  "GITHUB_BASE_REF",
  "GITHUB_EVENT_NAME",
  "GITHUB_JOB",
  "GITHUB_RUN_ID",
  "GITHUB_RUN_NUMBER",
  "GITHUB_RUN_ATTEMPT",
  "GITHUB_SERVER_URL",
  "RUNNER_OS",
  "RUNNER_ARCH",
  "RUNNER_TEMP",
  "RUNNER_TOOL_CACHE",
  // Windows runners cannot start programs without these.
  "SystemRoot",
  "ComSpec",
  "PATHEXT",
  "USERPROFILE",
  "APPDATA",
  "LOCALAPPDATA"
];
var DEFAULT_PASSED_PREFIXES = ["LC_"];
function commandEnvironment(parent, options = {}) {
  const allowed = /* @__PURE__ */ new Set([...DEFAULT_PASSED_ENV, ...options.pass ?? []]);
  const env = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === void 0) continue;
    if (allowed.has(name) || DEFAULT_PASSED_PREFIXES.some((prefix) => name.startsWith(prefix))) env[name] = value;
  }
  return { ...env, ...options.set };
}

// lib/checks/command-check.ts
var DEFAULT_TAIL_LINES = 40;
function commandCheck(options) {
  const { command } = options;
  const tailLines = options.tailLines ?? DEFAULT_TAIL_LINES;
  return {
    id: `command:${command.name}`,
    title: `Command: ${command.name}`,
    async run(ctx) {
      const program = command.run[0];
      if (!program) return { status: "fail", message: `command "${command.name}" has an empty \`run\` list` };
      const tail = (output) => ctx.redactor.redact(lastLines(output, tailLines));
      ctx.logger.debug(ctx.redactor.redact(`running ${JSON.stringify(command.run)}`));
      let result;
      try {
        result = await runCommand(command.run, {
          cwd: resolve(ctx.cwd, command.cwd ?? "."),
          // An allow-list, never the runner's whole environment (its tokens): lib/process/child-env.ts.
          env: commandEnvironment(ctx.env, {
            ...command.passEnv === void 0 ? {} : { pass: command.passEnv },
            ...command.env === void 0 ? {} : { set: command.env }
          }),
          timeoutMs: Math.round(command.timeoutSeconds * 1e3),
          maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
          signal: ctx.signal
        });
      } catch (error) {
        if (error instanceof CommandNotFoundError) {
          return { status: "fail", message: ctx.redactor.redact(`command not found: ${program}`) };
        }
        return {
          status: "fail",
          message: ctx.redactor.redact(`${command.name} could not start: ${describeError(error)}`)
        };
      }
      const note = result.truncated ? `
(output truncated: ${formatBytes(result.outputBytes)} produced, only the tail was kept)` : "";
      if (result.timedOut) {
        return {
          status: "fail",
          message: `${command.name} timed out after ${command.timeoutSeconds} s`,
          details: tail(result.output) + note
        };
      }
      if (result.aborted) {
        return { status: "fail", message: `${command.name} was cancelled`, details: tail(result.output) + note };
      }
      if (result.exitCode !== 0) {
        const how = result.exitCode === null ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`;
        return { status: "fail", message: `${command.name} ${how}`, details: tail(result.output) + note };
      }
      return { status: "pass", message: `${command.name} passed` };
    }
  };
}

// lib/checks/env-check.ts
function envCheck(options) {
  return {
    id: "env",
    title: "Environment variables",
    async run(ctx) {
      for (const rule of options.rules) if (rule.secret !== false) ctx.redactor.add(ctx.env[rule.name]);
      const unset = (name) => (ctx.env[name] ?? "").trim() === "";
      const active = options.rules.filter((r) => r.required !== false || !unset(r.name));
      const optionalUnset = options.rules.filter((r) => !active.includes(r)).map((r) => r.name);
      if (active.length === 0) {
        return { status: "skip", message: `optional variables not set: ${optionalUnset.join(", ")}` };
      }
      const missing = [];
      const weak = /* @__PURE__ */ new Set();
      const problems = [];
      for (const rule of active) {
        const value = ctx.env[rule.name];
        const why = rule.description ? ` \u2014 ${rule.description}` : "";
        if (value === void 0 || value.trim() === "") {
          missing.push(rule.name);
          problems.push(`${rule.name}: missing or empty${why}`);
          continue;
        }
        if (rule.minLength !== void 0 && value.length < rule.minLength) {
          weak.add(rule.name);
          problems.push(`${rule.name}: shorter than ${rule.minLength} characters${why}`);
        }
        if (rule.pattern !== void 0) {
          let re;
          try {
            re = new RegExp(rule.pattern);
          } catch {
            weak.add(rule.name);
            problems.push(`${rule.name}: the configured pattern /${rule.pattern}/ is not a valid regular expression`);
            continue;
          }
          if (!re.test(value)) {
            weak.add(rule.name);
            problems.push(`${rule.name}: does not match /${rule.pattern}/${why}`);
          }
        }
      }
      const note = optionalUnset.length > 0 ? ` (optional, not set: ${optionalUnset.join(", ")})` : "";
      const count = active.length;
      if (problems.length === 0) {
        return { status: "pass", message: `${count} variable${count === 1 ? "" : "s"} present and valid${note}` };
      }
      const parts = [];
      if (missing.length > 0) parts.push(`missing: ${missing.join(", ")}`);
      if (weak.size > 0) parts.push(`not meeting their rules: ${[...weak].join(", ")}`);
      return {
        status: "fail",
        message: ctx.redactor.redact(parts.join("; ") + note),
        details: ctx.redactor.redact(problems.join("\n"))
      };
    }
  };
}

// lib/checks/freeze-check.ts
var WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
var MINUTE_MS = 6e4;
var DAY_MINUTES = 1440;
function parseHhMm(text, where) {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m) throw new ConfigError("config_invalid", `${where}: "${text}" is not a time HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}
function parseWindows(windows) {
  return windows.map((window, i) => {
    const where = `freeze window ${i + 1}`;
    const days = /* @__PURE__ */ new Set();
    for (const d of window.days.length > 0 ? window.days : WEEKDAYS) {
      const index = WEEKDAYS.indexOf(d.toLowerCase());
      if (index < 0) {
        throw new ConfigError("config_invalid", `${where}: unknown weekday "${d}"`, {
          hint: `Use ${WEEKDAYS.join(", ")}.`
        });
      }
      days.add(index);
    }
    return { window, days, from: parseHhMm(window.from, where), to: parseHhMm(window.to, where) };
  });
}
function localTimeIn(timeZone) {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23"
  });
  return (at) => {
    let weekday = 0;
    let hour = 0;
    let minute = 0;
    for (const part of format.formatToParts(at)) {
      if (part.type === "weekday") weekday = WEEKDAYS.indexOf(part.value.toLowerCase().slice(0, 3));
      else if (part.type === "hour") hour = Number(part.value) % 24;
      else if (part.type === "minute") minute = Number(part.value);
    }
    return { weekday, minute: hour * 60 + minute };
  };
}
function inside(w, t) {
  if (w.from < w.to) return w.days.has(t.weekday) && t.minute >= w.from && t.minute < w.to;
  const previous = (t.weekday + 6) % 7;
  return w.days.has(t.weekday) && t.minute >= w.from || w.days.has(previous) && t.minute < w.to;
}
function minutesToNextEdge(windows, minute) {
  let best = DAY_MINUTES;
  for (const edge of [0, ...windows.flatMap((w) => [w.from, w.to])]) {
    const distance = ((edge - minute) % DAY_MINUTES + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
    best = Math.min(best, distance);
  }
  return best;
}
function findNext(start, limitMinutes, local, windows, predicate) {
  const end = start + limitMinutes * MINUTE_MS;
  let t = start + MINUTE_MS;
  while (t <= end) {
    const lt = local(new Date(t));
    const active = windows.filter((w) => inside(w, lt));
    if (predicate(active)) return { at: t, active };
    const jump = minutesToNextEdge(windows, lt.minute) - 120;
    t += Math.max(1, jump) * MINUTE_MS;
  }
  return void 0;
}
function describeWindow(w) {
  const days = w.days.length > 0 ? w.days.join(",") : "daily";
  const label = `${days} ${w.from}\u2013${w.to}`;
  return w.reason ? `"${w.reason}" (${label})` : label;
}
function formatLocal(at, timeZone) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short"
  }).formatToParts(at);
  const get = (type) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("weekday")} ${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")} ${get("timeZoneName")}`;
}
function formatDuration2(ms) {
  const minutes = Math.round(ms / MINUTE_MS);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}
function evaluateFreeze(options, now) {
  const windows = parseWindows(options.windows);
  let local;
  try {
    local = localTimeIn(options.timezone);
  } catch {
    throw new ConfigError("config_invalid", `unknown timezone "${options.timezone}"`, {
      hint: "Use an IANA timezone name such as Europe/Berlin or America/New_York."
    });
  }
  const start = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const active = windows.filter((w) => inside(w, local(new Date(start))));
  if (active.length > 0) {
    const end = findNext(start, 8 * DAY_MINUTES, local, windows, (a) => a.length === 0);
    return { active: active.map((w) => w.window), endsAt: end ? new Date(end.at) : void 0 };
  }
  const next = findNext(start, DAY_MINUTES, local, windows, (a) => a.length > 0);
  return {
    active: [],
    next: next ? { windows: next.active.map((w) => w.window), startsAt: new Date(next.at) } : void 0
  };
}
function freezeCheck(options) {
  return {
    id: "freeze",
    title: "Deploy freeze windows",
    async run(ctx) {
      if (options.windows.length === 0) return { status: "skip", message: "no freeze windows configured" };
      const tz = options.timezone;
      const now = ctx.clock.now();
      const state = evaluateFreeze(options, now);
      if (state.active.length > 0) {
        const names = state.active.map(describeWindow).join(", ");
        const until = state.endsAt ? `ends ${formatLocal(state.endsAt, tz)} (in ${formatDuration2(state.endsAt.getTime() - now.getTime())})` : "has no end within 8 days";
        return { status: "fail", message: `deploy freeze ${names} is in effect; it ${until}` };
      }
      if (state.next) {
        const names = state.next.windows.map(describeWindow).join(", ");
        const { startsAt } = state.next;
        return {
          status: "warn",
          message: `deploy freeze ${names} starts ${formatLocal(startsAt, tz)} (in ${formatDuration2(startsAt.getTime() - now.getTime())})`
        };
      }
      return { status: "pass", message: `no deploy freeze now or within 24 h (${tz})` };
    }
  };
}

// lib/checks/git-check.ts
import { execFile } from "node:child_process";
import { stat as stat2 } from "node:fs/promises";
import picomatch from "picomatch";

// lib/checks/semver.ts
var SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
function parseSemver(text) {
  const m = SEMVER.exec(text);
  if (!m) return void 0;
  const [, major = "0", minor = "0", patch = "0", pre, build] = m;
  const nums = [Number(major), Number(minor), Number(patch)];
  if (nums.some((n) => !Number.isSafeInteger(n))) return void 0;
  return {
    major: nums[0],
    minor: nums[1],
    patch: nums[2],
    prerelease: pre ? pre.split(".").map((id) => /^\d+$/.test(id) ? Number(id) : id) : [],
    build: build ? build.split(".") : []
  };
}
function parseReleaseTag(tag, prefix) {
  if (!tag.startsWith(prefix)) return void 0;
  return parseSemver(tag.slice(prefix.length));
}
function compareIdentifiers(a, b) {
  if (typeof a === "number" && typeof b === "number") return a === b ? 0 : a < b ? -1 : 1;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a === b ? 0 : a < b ? -1 : 1;
}
function compareSemver(a, b) {
  for (const key of ["major", "minor", "patch"]) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  if (a.prerelease.length === 0 && b.prerelease.length === 0) return 0;
  if (a.prerelease.length === 0) return 1;
  if (b.prerelease.length === 0) return -1;
  const n = Math.max(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < n; i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === void 0) return -1;
    if (y === void 0) return 1;
    const c = compareIdentifiers(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

// lib/checks/git-check.ts
function git(ctx, args) {
  return new Promise((resolve3) => {
    execFile(
      "git",
      args,
      {
        cwd: ctx.cwd,
        env: { ...ctx.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
        maxBuffer: 32 * 1024 * 1024,
        shell: false
      },
      (error, stdout, stderr) => {
        const spawnError = error && typeof error.code === "string" ? error : void 0;
        resolve3({ ok: !error, stdout: String(stdout), stderr: String(stderr), spawnError });
      }
    );
  });
}
var MAX_LISTED2 = 20;
async function isDirectory(path) {
  try {
    return (await stat2(path)).isDirectory();
  } catch {
    return false;
  }
}
function gitCheck(options) {
  const prefix = options.tagPrefix || "v";
  return {
    id: "git",
    title: "Git state",
    async run(ctx) {
      if (!await isDirectory(ctx.cwd)) return { status: "fail", message: `${ctx.cwd} does not exist` };
      const probe = await git(ctx, ["rev-parse", "--is-inside-work-tree"]);
      if (probe.spawnError?.code === "ENOENT") {
        return { status: "fail", message: "git is not installed (command not found: git)" };
      }
      if (!probe.ok || probe.stdout.trim() !== "true") {
        const said = probe.stderr.trim().split("\n")[0];
        return {
          status: "fail",
          message: `${ctx.cwd} is not a git repository`,
          details: [
            said ? `git: ${said}` : "",
            "Hint: check out the repository first (actions/checkout with fetch-depth: 0 so tags are present)."
          ].filter(Boolean).join("\n")
        };
      }
      const failures = [];
      const passes = [];
      const details = [];
      if (options.requireClean) {
        const status = await git(ctx, ["status", "--porcelain", "--untracked-files=normal"]);
        if (!status.ok) {
          throw new ShiplineError("git_failed", `git status failed: ${status.stderr.trim()}`, {
            hint: "Run the check inside a git checkout (actions/checkout) with a readable .git folder."
          });
        }
        const changed = status.stdout.split("\n").filter((l) => l.trim() !== "");
        if (changed.length === 0) passes.push("working tree clean");
        else {
          failures.push(`working tree has ${changed.length} uncommitted change${changed.length === 1 ? "" : "s"}`);
          details.push("Uncommitted changes:", ...changed.slice(0, MAX_LISTED2).map((l) => `  ${l}`));
          if (changed.length > MAX_LISTED2) details.push(`  \u2026 and ${changed.length - MAX_LISTED2} more`);
        }
      }
      if (options.allowedBranches.length > 0) {
        const ref = await git(ctx, ["symbolic-ref", "--short", "-q", "HEAD"]);
        let branch = ref.ok ? ref.stdout.trim() : "";
        let source = "HEAD";
        if (!branch) {
          branch = ctx.env.GITHUB_HEAD_REF || ctx.env.GITHUB_REF_NAME || "";
          source = ctx.env.GITHUB_HEAD_REF ? "GITHUB_HEAD_REF" : "GITHUB_REF_NAME";
        }
        if (!branch) {
          failures.push("HEAD is detached and neither GITHUB_HEAD_REF nor GITHUB_REF_NAME names a branch");
        } else if (options.allowedBranches.some((p) => picomatch.isMatch(branch, p))) {
          passes.push(`branch ${branch} allowed`);
        } else {
          const from = source === "HEAD" ? "" : ` (from ${source}, HEAD is detached)`;
          failures.push(`branch ${branch}${from} is not one of ${options.allowedBranches.join(", ")}`);
        }
      }
      if (options.requireReleaseTag) {
        const outcome = await checkReleaseTag(ctx, prefix);
        if (outcome.ok) passes.push(outcome.message);
        else failures.push(outcome.message);
      }
      const redact = (s) => ctx.redactor.redact(s);
      if (failures.length > 0) {
        return {
          status: "fail",
          message: redact(failures.join("; ")),
          details: details.length > 0 ? redact(details.join("\n")) : void 0
        };
      }
      if (passes.length === 0) return { status: "skip", message: "no git rule enabled" };
      return { status: "pass", message: redact(passes.join("; ")) };
    }
  };
}
async function checkReleaseTag(ctx, prefix) {
  const atHead = await git(ctx, ["tag", "--points-at", "HEAD"]);
  if (!atHead.ok) return { ok: false, message: `could not list tags on HEAD: ${atHead.stderr.trim()}` };
  const parse = (out) => out.split("\n").map((t) => t.trim()).filter(Boolean).map((tag) => ({ tag, version: parseReleaseTag(tag, prefix) })).filter((t) => t.version !== void 0);
  const headTags = parse(atHead.stdout).sort((a, b) => compareSemver(b.version, a.version));
  const head = headTags[0];
  if (!head) {
    return {
      ok: false,
      message: `HEAD carries no release tag (${prefix}X.Y.Z); tag the release commit, and fetch tags (fetch-depth: 0) in CI`
    };
  }
  const all = await git(ctx, ["tag", "--list", `${prefix}*`]);
  if (!all.ok) return { ok: false, message: `could not list tags: ${all.stderr.trim()}` };
  const headNames = new Set(headTags.map((t) => t.tag));
  const others = parse(all.stdout).filter((t) => !headNames.has(t.tag));
  const notOlder = others.filter((t) => compareSemver(t.version, head.version) >= 0).sort((a, b) => compareSemver(b.version, a.version));
  if (notOlder.length > 0) {
    const names = notOlder.slice(0, 5).map((t) => t.tag);
    return {
      ok: false,
      message: `release tag ${head.tag} on HEAD is not newer than ${names.join(", ")}${notOlder.length > 5 ? ", \u2026" : ""}`
    };
  }
  return { ok: true, message: `HEAD is release ${head.tag}` };
}

// lib/checks/tls-check.ts
import { isIP } from "node:net";
import tls from "node:tls";
var DAY_MS = 864e5;
var DEFAULT_TIMEOUT_MS = 1e4;
function parseHostPort(spec) {
  const trimmed = spec.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] ? Number(bracketed[2]) : 443 };
  const colon = trimmed.lastIndexOf(":");
  if (colon > 0 && trimmed.indexOf(":") === colon && /^\d+$/.test(trimmed.slice(colon + 1))) {
    return { host: trimmed.slice(0, colon), port: Number(trimmed.slice(colon + 1)) };
  }
  return { host: trimmed, port: 443 };
}
function probeTls(host, port, options) {
  return new Promise((resolve3) => {
    let done = false;
    const servername = options.servername ?? (isIP(host) ? void 0 : host);
    const socket = tls.connect({
      host,
      port,
      servername,
      ca: options.ca && options.ca.length > 0 ? [...tls.rootCertificates, ...options.ca] : void 0,
      // Verification is done below from `authorized`, so the exact reason can be reported with the expiry.
      rejectUnauthorized: false
    });
    const finish = (probe) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve3(probe);
    };
    const timer = setTimeout(
      () => finish({ host, port, authorized: false, error: `no TLS handshake within ${options.timeoutMs} ms` }),
      options.timeoutMs
    );
    socket.once("secureConnect", () => {
      const cert = socket.getPeerCertificate();
      const validTo = cert?.valid_to ? new Date(cert.valid_to) : void 0;
      finish({
        host,
        port,
        authorized: socket.authorized,
        authorizationError: socket.authorized ? void 0 : String(socket.authorizationError ?? "unknown"),
        validTo: validTo && !Number.isNaN(validTo.getTime()) ? validTo : void 0,
        subject: typeof cert?.subject?.CN === "string" ? cert.subject.CN : void 0
      });
    });
    socket.once(
      "error",
      (error) => finish({ host, port, authorized: false, error: describe(error) })
    );
    socket.once(
      "close",
      () => finish({ host, port, authorized: false, error: "connection closed before the TLS handshake finished" })
    );
  });
}
function describe(error) {
  switch (error.code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host name could not be resolved";
    case "ECONNRESET":
      return "connection reset during the TLS handshake";
    case "ETIMEDOUT":
      return "connection timed out";
    default:
      return error.code ? `${error.code}: ${error.message}` : error.message;
  }
}
function tlsCheck(options) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    id: "tls",
    title: "TLS certificates",
    async run(ctx) {
      if (options.hosts.length === 0) return { status: "skip", message: "no hosts configured" };
      const now = ctx.clock.now().getTime();
      const probes = await Promise.all(
        options.hosts.map((spec) => {
          const { host, port } = parseHostPort(spec);
          return probeTls(host, port, { timeoutMs, ca: options.ca, servername: options.servername });
        })
      );
      const failed = [];
      const warned = [];
      const lines = [];
      for (const p of probes) {
        const name = p.port === 443 ? p.host : `${p.host}:${p.port}`;
        let verdict;
        let text;
        const days = p.validTo ? Math.floor((p.validTo.getTime() - now) / DAY_MS) : void 0;
        const expiry = p.validTo ? `expires ${p.validTo.toISOString().slice(0, 10)} (${days} days)` : "";
        if (p.error) {
          verdict = "fail";
          text = p.error;
        } else if (!p.authorized) {
          verdict = "fail";
          text = `certificate not trusted: ${p.authorizationError}${expiry ? `; ${expiry}` : ""}`;
        } else if (!p.validTo || days === void 0) {
          verdict = "fail";
          text = "certificate has no readable expiry date";
        } else if (days < options.minDays) {
          verdict = "fail";
          text = `${expiry}, fewer than ${options.minDays}`;
        } else if (days < 2 * options.minDays) {
          verdict = "warn";
          text = `${expiry}, renew soon (warning below ${2 * options.minDays})`;
        } else {
          verdict = "ok";
          text = expiry;
        }
        if (verdict === "fail") failed.push(`${name}: ${text}`);
        if (verdict === "warn") warned.push(`${name}: ${text}`);
        lines.push(`${verdict.padEnd(4)} ${name} \u2014 ${text}`);
      }
      const details = lines.join("\n");
      if (failed.length > 0) {
        return {
          status: "fail",
          message: `${failed.length} of ${probes.length} host(s) failed: ${failed.join("; ")}`,
          details
        };
      }
      if (warned.length > 0) return { status: "warn", message: warned.join("; "), details };
      return {
        status: "pass",
        message: `${probes.length} certificate(s) valid for at least ${options.minDays} days`,
        details
      };
    }
  };
}

// lib/checks/from-config.ts
function fixedCheck(id, title, status, message) {
  return { id, title, run: async () => ({ status, message }) };
}
function checksFromConfig(config, deps = {}) {
  const v = config.validate;
  const checks = [];
  let environmentUrl;
  if (deps.environment !== void 0) {
    const env = config.environments[deps.environment];
    const known = Object.keys(config.environments).join(", ");
    if (env) environmentUrl = env.url;
    checks.push(
      env ? fixedCheck("environment", "Environment", "pass", `${deps.environment} is configured`) : fixedCheck(
        "environment",
        "Environment",
        "fail",
        `environment "${deps.environment}" is not in the configuration (configured: ${known})`
      )
    );
  }
  if (v.env.length > 0) checks.push(envCheck({ rules: v.env.map(toEnvRule) }));
  if (v.git) {
    checks.push(
      gitCheck({
        requireClean: v.git.clean,
        allowedBranches: v.git.branches,
        requireReleaseTag: v.git["require-tag"],
        tagPrefix: v.git["tag-prefix"]
      })
    );
  }
  for (const command of v.commands) {
    checks.push(
      commandCheck({
        command: {
          name: command.name,
          run: command.run,
          timeoutSeconds: command.timeout,
          ...command.cwd === void 0 ? {} : { cwd: command.cwd },
          ...command.env === void 0 ? {} : { env: command.env },
          ...command["pass-env"] === void 0 ? {} : { passEnv: command["pass-env"] }
        }
      })
    );
  }
  if (v.tls) {
    const hosts = v.tls.hosts.length > 0 ? v.tls.hosts : environmentUrl ? [hostOf(environmentUrl)] : [];
    checks.push(
      hosts.length > 0 ? tlsCheck({ hosts, minDays: v.tls["min-days"], timeoutMs: Math.round(v.tls.timeout * 1e3) }) : fixedCheck("tls", "TLS certificates", "skip", "no hosts configured and no environment URL to check")
    );
  }
  if (v.bundle.length > 0) checks.push(bundleCheck({ budgets: v.bundle.map(toBudget) }));
  if (v.freeze) checks.push(freezeCheck({ timezone: v.freeze.timezone, windows: v.freeze.windows }));
  if (v["blocking-labels"].length > 0) {
    const { octokit, owner, repo } = deps;
    checks.push(
      octokit && owner && repo ? blockingIssuesCheck({ owner, repo, labels: v["blocking-labels"] }, octokit) : fixedCheck(
        "blocking-issues",
        "Blocking issues",
        "skip",
        octokit ? "no repository known, so open issues were not checked" : "no GitHub token given, so open issues were not checked"
      )
    );
  }
  checks.push(...deps.extra ?? []);
  return checks;
}
function validationChecks(outcome, deps = {}) {
  return [configCheck(outcome), ...outcome.ok ? checksFromConfig(outcome.config, deps) : []];
}
function registerConfigSecrets(config, env, redactor) {
  for (const rule of config.validate.env) if (rule.secret) redactor.add(env[rule.name]);
}
function toEnvRule(rule) {
  return {
    name: rule.name,
    ...rule["min-length"] === void 0 ? {} : { minLength: rule["min-length"] },
    ...rule.pattern === void 0 ? {} : { pattern: rule.pattern },
    ...rule.description === void 0 ? {} : { description: rule.description },
    required: rule.required,
    secret: rule.secret
  };
}
function toBudget(budget) {
  return {
    glob: budget.glob,
    ...budget["max-total"] === void 0 ? {} : { maxTotalBytes: budget["max-total"] },
    ...budget["max-gzip"] === void 0 ? {} : { maxGzipBytes: budget["max-gzip"] }
  };
}
function hostOf(url) {
  const parsed = new URL(url);
  return parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname;
}

// lib/checks/migration-checks.ts
import { existsSync } from "node:fs";
import { join as join2, relative } from "node:path";

// lib/supabase/migrations/lint.ts
import { hasSqlDetails, loadModule, parseSync } from "libpg-query";

// lib/supabase/migrations/lint-rules.ts
var CONTRACT_HINT = "do it in a later release, once no deployed code uses it, in a file marked `-- shipline:contract` (after a backup)";
function qualifiedName(rel) {
  return `${rel?.schemaname ?? "public"}.${rel?.relname ?? ""}`;
}
function displayName(rel) {
  return rel?.schemaname ? `${rel.schemaname}.${rel.relname}` : rel?.relname ?? "?";
}
function listName(node) {
  const items = node && "List" in node ? node.List.items ?? [] : [];
  const parts = items.map((item) => "String" in item ? item.String.sval ?? "" : "");
  const name = parts.at(-1) ?? "";
  const schema = parts.length > 1 ? parts.at(-2) : void 0;
  return { qualified: `${schema ?? "public"}.${name}`, display: schema ? `${schema}.${name}` : name };
}
function isExisting(rel, ctx) {
  return !ctx.createdTables.has(qualifiedName(rel));
}
function alterTable(node) {
  if (!("AlterTableStmt" in node)) return void 0;
  const stmt = node.AlterTableStmt;
  if (stmt.objtype !== void 0 && stmt.objtype !== "OBJECT_TABLE") return void 0;
  const cmds = (stmt.cmds ?? []).flatMap((cmd) => "AlterTableCmd" in cmd ? [cmd.AlterTableCmd] : []);
  return { stmt, cmds };
}
function columnDef(cmd) {
  return cmd.def && "ColumnDef" in cmd.def ? cmd.def.ColumnDef : void 0;
}
function constraintDef(cmd) {
  return cmd.def && "Constraint" in cmd.def ? cmd.def.Constraint : void 0;
}
function constraintsOf(column) {
  return (column.constraints ?? []).flatMap((c) => "Constraint" in c ? [c.Constraint] : []);
}
function dropTable({ node }, ctx) {
  if (!("DropStmt" in node)) return [];
  const stmt = node.DropStmt;
  if (stmt.removeType !== "OBJECT_TABLE") return [];
  return (stmt.objects ?? []).map(listName).filter((name) => !ctx.createdTables.has(name.qualified)).map((name) => ({
    message: `DROP TABLE ${name.display} deletes the table and all its rows; the running release fails as soon as it touches it.`,
    fix: `Stop reading and writing ${name.display} in one release, then drop it: ${CONTRACT_HINT}.`
  }));
}
function dropColumn({ node }, ctx) {
  const alter = alterTable(node);
  if (!alter || !isExisting(alter.stmt.relation, ctx)) return [];
  const table = displayName(alter.stmt.relation);
  return alter.cmds.filter((cmd) => cmd.subtype === "AT_DropColumn").map((cmd) => ({
    message: `DROP COLUMN ${table}.${cmd.name} deletes the column's data; the running release fails on queries that name it (and on \`select *\` mapped to a fixed shape).`,
    fix: `Remove every use of ${cmd.name} in one release, then drop the column: ${CONTRACT_HINT}.`
  }));
}
function renameTable({ node }, ctx) {
  if (!("RenameStmt" in node)) return [];
  const stmt = node.RenameStmt;
  if (stmt.renameType !== "OBJECT_TABLE" || !isExisting(stmt.relation, ctx)) return [];
  const table = displayName(stmt.relation);
  return [
    {
      message: `Renaming table ${table} to ${stmt.newname} breaks the running release, which still queries ${table}.`,
      fix: `Expand/contract instead: create ${stmt.newname} (or a view named ${stmt.newname} over ${table}), ship code that uses the new name, then drop the old name: ${CONTRACT_HINT}.`
    }
  ];
}
function renameColumn({ node }, ctx) {
  if (!("RenameStmt" in node)) return [];
  const stmt = node.RenameStmt;
  if (stmt.renameType !== "OBJECT_COLUMN" || !isExisting(stmt.relation, ctx)) return [];
  const table = displayName(stmt.relation);
  return [
    {
      message: `Renaming column ${table}.${stmt.subname} to ${stmt.newname} breaks the running release, which still uses ${stmt.subname}.`,
      fix: `Add ${stmt.newname} as a new column, write both and backfill it, switch reads to ${stmt.newname} in a release, then drop ${stmt.subname}: ${CONTRACT_HINT}.`
    }
  ];
}
var SERIAL_TYPES = /* @__PURE__ */ new Set(["serial", "serial2", "serial4", "serial8", "smallserial", "bigserial"]);
function addNotNullColumnWithoutDefault({ node }, ctx) {
  const alter = alterTable(node);
  if (!alter || !isExisting(alter.stmt.relation, ctx)) return [];
  const table = displayName(alter.stmt.relation);
  const hits = [];
  for (const cmd of alter.cmds) {
    const column = cmd.subtype === "AT_AddColumn" ? columnDef(cmd) : void 0;
    if (!column) continue;
    const kinds = new Set(constraintsOf(column).map((c) => c.contype));
    const notNull = column.is_not_null || kinds.has("CONSTR_NOTNULL") || kinds.has("CONSTR_PRIMARY");
    const filled = column.raw_default !== void 0 || kinds.has("CONSTR_DEFAULT") || kinds.has("CONSTR_IDENTITY") || kinds.has("CONSTR_GENERATED");
    const typeNames = (column.typeName?.names ?? []).map((n) => "String" in n ? n.String.sval : "");
    const serial = SERIAL_TYPES.has(typeNames.at(-1) ?? "");
    if (!notNull || filled || serial) continue;
    hits.push({
      message: `ADD COLUMN ${table}.${column.colname} NOT NULL without a DEFAULT fails on a table that has rows ("column contains null values"), and the running release does not write the column.`,
      fix: `Add the column as nullable (or with a constant DEFAULT), ship code that writes it, backfill existing rows in batches, then SET NOT NULL in a later release (see set-not-null for doing that without a long lock).`,
      offset: column.location
    });
  }
  return hits;
}
function setNotNull({ node }, ctx) {
  const alter = alterTable(node);
  if (!alter || !isExisting(alter.stmt.relation, ctx)) return [];
  const table = displayName(alter.stmt.relation);
  return alter.cmds.filter((cmd) => cmd.subtype === "AT_SetNotNull").map((cmd) => ({
    message: `SET NOT NULL on ${table}.${cmd.name} scans the whole table while holding an ACCESS EXCLUSIVE lock: no reads or writes until it finishes.`,
    fix: `Add \`CONSTRAINT ${cmd.name}_not_null CHECK (${cmd.name} IS NOT NULL) NOT VALID\`, then \`VALIDATE CONSTRAINT ${cmd.name}_not_null\` (no write lock), then SET NOT NULL (PostgreSQL 12+ skips the scan thanks to the valid check) and drop the check.`
  }));
}
function changeColumnType({ node }, ctx) {
  const alter = alterTable(node);
  if (!alter || !isExisting(alter.stmt.relation, ctx)) return [];
  const table = displayName(alter.stmt.relation);
  return alter.cmds.filter((cmd) => cmd.subtype === "AT_AlterColumnType").map((cmd) => ({
    message: `Changing the type of ${table}.${cmd.name} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (only a few changes, such as varchar(n) to text or a longer varchar, skip the rewrite), and the running release may not handle the new type.`,
    fix: `Add a new column with the new type, write both and backfill in batches, switch reads in a release, then drop the old column: ${CONTRACT_HINT}.`,
    offset: columnDef(cmd)?.location
  }));
}
function indexWithoutConcurrently({ node }, ctx) {
  const concurrentFix = (table2) => `Build it with CREATE INDEX CONCURRENTLY in a migration file of its own marked \`-- shipline:no-transaction\` (CONCURRENTLY cannot run inside a transaction block), e.g. \`create index concurrently if not exists \u2026 on ${table2} (\u2026);\`.`;
  if ("IndexStmt" in node) {
    const stmt = node.IndexStmt;
    if (stmt.concurrent || !isExisting(stmt.relation, ctx)) return [];
    const table2 = displayName(stmt.relation);
    return [
      {
        message: `CREATE ${stmt.unique ? "UNIQUE " : ""}INDEX ${stmt.idxname ?? ""} on ${table2} without CONCURRENTLY blocks every write to ${table2} for the whole build${ctx.transactional ? ", and inside the transaction of the file the lock lasts until the whole file commits" : ""}.`,
        fix: concurrentFix(table2)
      }
    ];
  }
  const alter = alterTable(node);
  if (!alter || !isExisting(alter.stmt.relation, ctx)) return [];
  const table = displayName(alter.stmt.relation);
  return alter.cmds.map((cmd) => cmd.subtype === "AT_AddConstraint" ? constraintDef(cmd) : void 0).filter((c) => (c?.contype === "CONSTR_UNIQUE" || c?.contype === "CONSTR_PRIMARY") && !c.indexname).map((c) => ({
    message: `ADD ${c.contype === "CONSTR_PRIMARY" ? "PRIMARY KEY" : "UNIQUE"} on ${table} builds its index while holding an ACCESS EXCLUSIVE lock: no reads or writes until it finishes.`,
    fix: `First \`create unique index concurrently ${c.conname ?? `${alter.stmt.relation?.relname}_key`} on ${table} (\u2026)\` in its own \`-- shipline:no-transaction\` migration file, then \`alter table ${table} add constraint \u2026 ${c.contype === "CONSTR_PRIMARY" ? "primary key" : "unique"} using index \u2026\` (instant).`,
    offset: c.location
  }));
}
function constraintWithoutNotValid({ node }, ctx) {
  const alter = alterTable(node);
  if (!alter || !isExisting(alter.stmt.relation, ctx)) return [];
  const table = displayName(alter.stmt.relation);
  return alter.cmds.map((cmd) => cmd.subtype === "AT_AddConstraint" ? constraintDef(cmd) : void 0).filter(
    (c) => (c?.contype === "CONSTR_FOREIGN" || c?.contype === "CONSTR_CHECK") && !c.skip_validation
  ).map((c) => {
    const kind = c.contype === "CONSTR_FOREIGN" ? "FOREIGN KEY" : "CHECK";
    const name = c.conname ?? "<constraint>";
    const locked = c.contype === "CONSTR_FOREIGN" ? `${table} and ${displayName(c.pktable)} (SHARE ROW EXCLUSIVE: writes blocked)` : `${table} (ACCESS EXCLUSIVE: reads and writes blocked)`;
    return {
      message: `ADD ${kind} ${c.conname ?? ""} on ${table} checks every existing row while locking ${locked}.`,
      fix: `Add it with NOT VALID (\`alter table ${table} add constraint ${name} \u2026 not valid;\`, instant, enforced for new rows), then \`alter table ${table} validate constraint ${name};\` in a later statement or migration: validation takes only a SHARE UPDATE EXCLUSIVE lock.`,
      offset: c.location
    };
  });
}
var LIGHT_ALTER_SUBTYPES = /* @__PURE__ */ new Set(["AT_ValidateConstraint", "AT_SetStatistics", "AT_SetOptions", "AT_ResetOptions"]);
function strongLockTargets(node, ctx) {
  const existing = (rel) => rel && isExisting(rel, ctx) ? [displayName(rel)] : [];
  if ("AlterTableStmt" in node) {
    const alter = alterTable(node);
    if (!alter || alter.cmds.every((cmd) => LIGHT_ALTER_SUBTYPES.has(cmd.subtype ?? ""))) return [];
    const referenced = alter.cmds.flatMap((cmd) => {
      const c = cmd.subtype === "AT_AddConstraint" ? constraintDef(cmd) : void 0;
      return c?.contype === "CONSTR_FOREIGN" ? existing(c.pktable) : [];
    });
    return [...existing(alter.stmt.relation), ...referenced];
  }
  if ("IndexStmt" in node) return node.IndexStmt.concurrent ? [] : existing(node.IndexStmt.relation);
  if ("RenameStmt" in node) return existing(node.RenameStmt.relation);
  if ("CreateTrigStmt" in node) return existing(node.CreateTrigStmt.relation);
  if ("CreatePolicyStmt" in node) return existing(node.CreatePolicyStmt.table);
  if ("AlterPolicyStmt" in node) return existing(node.AlterPolicyStmt.table);
  if ("RuleStmt" in node) return existing(node.RuleStmt.relation);
  if ("TruncateStmt" in node) {
    return (node.TruncateStmt.relations ?? []).flatMap((r) => "RangeVar" in r ? existing(r.RangeVar) : []);
  }
  if ("DropStmt" in node) {
    const stmt = node.DropStmt;
    if (stmt.concurrent) return [];
    const names = (stmt.objects ?? []).map(listName);
    if (stmt.removeType === "OBJECT_TABLE") {
      return names.filter((n) => !ctx.createdTables.has(n.qualified)).map((n) => n.display);
    }
    if (stmt.removeType === "OBJECT_TRIGGER" || stmt.removeType === "OBJECT_POLICY" || stmt.removeType === "OBJECT_RULE") {
      return (stmt.objects ?? []).flatMap((obj) => {
        const items = "List" in obj ? obj.List.items ?? [] : [];
        const table = listName({ List: { items: items.slice(0, -1) } });
        return ctx.createdTables.has(table.qualified) ? [] : [table.display];
      });
    }
    if (stmt.removeType === "OBJECT_INDEX") return names.map((n) => `the table of index ${n.display}`);
    return [];
  }
  if ("CreateStmt" in node) {
    const stmt = node.CreateStmt;
    const constraints = [
      ...stmt.constraints ?? [],
      ...(stmt.tableElts ?? []).flatMap((elt) => {
        if ("Constraint" in elt) return [elt];
        return "ColumnDef" in elt ? elt.ColumnDef.constraints ?? [] : [];
      })
    ];
    return constraints.flatMap(
      (c) => "Constraint" in c && c.Constraint.contype === "CONSTR_FOREIGN" ? existing(c.Constraint.pktable) : []
    );
  }
  return [];
}
function missingLockTimeout({ node }, ctx) {
  if (ctx.lockTimeoutSet) return [];
  const targets = [...new Set(strongLockTargets(node, ctx))];
  if (targets.length === 0) return [];
  return [
    {
      message: `This statement locks ${targets.join(", ")} with no lock_timeout set before it: if a long query holds the table, the migration waits, and every read and write of the table queues behind it.`,
      fix: `Put \`set lock_timeout = '5s';\` at the top of the file (before the first DDL) so a blocked migration fails fast and can be retried, instead of stalling traffic. (Applied by Shipline with \`supabase.migrations.apply-with: shipline\` and a non-zero \`lock-timeout\`, the session has one already.)`
    }
  ];
}
var RULES = [
  { name: "drop-table", category: "destructive", check: dropTable },
  { name: "drop-column", category: "destructive", check: dropColumn },
  { name: "rename-table", category: "destructive", check: renameTable },
  { name: "rename-column", category: "destructive", check: renameColumn },
  { name: "add-not-null-column-without-default", category: "lock", check: addNotNullColumnWithoutDefault },
  { name: "set-not-null", category: "lock", check: setNotNull },
  { name: "change-column-type", category: "lock", check: changeColumnType },
  { name: "index-without-concurrently", category: "lock", check: indexWithoutConcurrently },
  { name: "constraint-without-not-valid", category: "lock", check: constraintWithoutNotValid },
  { name: "missing-lock-timeout", category: "lock", oncePerFile: true, check: missingLockTimeout }
];

// lib/supabase/migrations/lint.ts
var CONTRACT_PATTERN = /^[ \t]*--[ \t]*shipline:contract\b/im;
function lintOptionsFor(apply) {
  return { sessionLockTimeout: apply["apply-with"] === "shipline" && !isZeroDuration(apply["lock-timeout"]) };
}
function isZeroDuration(text) {
  return /^\s*0+(\.0*)?\s*(us|ms|s|min|h|d)?\s*$/i.test(text);
}
var parserReady = false;
async function loadSqlParser() {
  if (parserReady) return;
  await loadModule();
  parserReady = true;
}
async function lintMigrations(sources, options = {}) {
  await loadSqlParser();
  return sources.flatMap((source) => lintMigrationSync(source, options));
}
function lintMigrationSync(source, options = {}) {
  if (!parserReady) {
    throw new ShiplineError("parser_not_loaded", "The SQL parser is not loaded yet.", {
      hint: "Await loadSqlParser() (or use lintMigration) before lintMigrationSync."
    });
  }
  const text = new SourceText(source.sql);
  let statements;
  try {
    statements = source.sql.trim() === "" ? [] : parseSync(source.sql).stmts ?? [];
  } catch (error) {
    return [syntaxError(source.file, text, error)];
  }
  const contract = CONTRACT_PATTERN.test(source.sql);
  const transactional = !isNoTransaction(source.sql);
  const disabled = new Set(options.disabledRules ?? []);
  const rules = RULES.filter((rule) => !disabled.has(rule.name));
  const reported = /* @__PURE__ */ new Set();
  const createdTables = /* @__PURE__ */ new Set();
  let lockTimeoutSet = options.sessionLockTimeout === true;
  const findings = [];
  for (const raw of statements) {
    if (!raw.stmt) continue;
    const offset = text.statementStart(raw.stmt_location ?? 0);
    const ctx = { createdTables, lockTimeoutSet, transactional };
    for (const rule of rules) {
      if (rule.oncePerFile && reported.has(rule.name)) continue;
      const hits = rule.check({ node: raw.stmt, offset }, ctx);
      if (hits.length === 0) continue;
      reported.add(rule.name);
      for (const hit of rule.oncePerFile ? hits.slice(0, 1) : hits) {
        const destructive = rule.category === "destructive";
        findings.push({
          rule: rule.name,
          severity: destructive && !contract ? "error" : "warning",
          file: source.file,
          ...text.locate(hit.offset ?? offset),
          message: destructive && contract ? `(contract step) ${hit.message}` : hit.message,
          fix: hit.fix
        });
      }
    }
    trackCreatedTables(raw.stmt, createdTables);
    lockTimeoutSet = lockTimeoutAfter(raw.stmt, lockTimeoutSet);
  }
  return findings.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}
async function lintCheckResult(files, options = {}) {
  if (files.length === 0) return { status: "skip", message: "No migration files to lint." };
  const findings = await lintMigrations(files, options);
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  const summary = `${files.length} migration file${files.length === 1 ? "" : "s"} linted: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}.`;
  return {
    status: errors > 0 ? "fail" : warnings > 0 ? "warn" : "pass",
    message: summary,
    details: findings.length > 0 ? findings.map(formatFinding).join("\n") : void 0,
    findings: findings.map(
      (f) => ({
        severity: f.severity,
        message: `${f.message}
Fix: ${f.fix}`,
        file: f.file,
        line: f.line,
        rule: f.rule
      })
    )
  };
}
function formatFinding(finding) {
  const where = `${finding.file}:${finding.line}${finding.column ? `:${finding.column}` : ""}`;
  return `${where} ${finding.severity} ${finding.rule}: ${finding.message} Fix: ${finding.fix}`;
}
function syntaxError(file, text, error) {
  if (!hasSqlDetails(error)) {
    throw new ShiplineError("lint_parser_failed", `Could not parse ${file}: ${error?.message ?? error}`);
  }
  const position = error.sqlDetails.cursorPosition;
  return {
    rule: "syntax-error",
    severity: "error",
    file,
    ...text.locate(text.byteOffsetOfCodePoint(position)),
    message: `PostgreSQL cannot parse this file: ${error.sqlDetails.message}.`,
    fix: "Correct the SQL at this position; the whole file is rejected, so nothing in it would be applied."
  };
}
function trackCreatedTables(node, created) {
  if ("CreateStmt" in node) {
    created.add(qualifiedName(node.CreateStmt.relation));
  } else if ("CreateTableAsStmt" in node) {
    const stmt = node.CreateTableAsStmt;
    if (stmt.into?.rel) created.add(qualifiedName(stmt.into.rel));
  } else if ("RenameStmt" in node && node.RenameStmt.renameType === "OBJECT_TABLE") {
    const from = qualifiedName(node.RenameStmt.relation);
    if (created.delete(from))
      created.add(qualifiedName({ ...node.RenameStmt.relation, relname: node.RenameStmt.newname }));
  } else if ("DropStmt" in node && node.DropStmt.removeType === "OBJECT_TABLE") {
    for (const obj of node.DropStmt.objects ?? []) {
      const parts = ("List" in obj ? obj.List.items ?? [] : []).map((i) => "String" in i ? i.String.sval : "");
      created.delete(`${parts.length > 1 ? parts.at(-2) : "public"}.${parts.at(-1)}`);
    }
  }
}
function lockTimeoutAfter(node, before) {
  if ("VariableSetStmt" in node) {
    const stmt = node.VariableSetStmt;
    if (stmt.kind === "VAR_RESET_ALL") return false;
    if (stmt.name !== "lock_timeout") return before;
    if (stmt.kind !== "VAR_SET_VALUE") return false;
    const arg = stmt.args?.[0];
    return arg !== void 0 && "A_Const" in arg ? !isZero(arg.A_Const) : true;
  }
  if ("SelectStmt" in node) {
    for (const target of node.SelectStmt.targetList ?? []) {
      const val = "ResTarget" in target ? target.ResTarget.val : void 0;
      const call = val && "FuncCall" in val ? val.FuncCall : void 0;
      const fn = call?.funcname?.map((n) => "String" in n ? n.String.sval : "").at(-1);
      const [name, value] = call?.args ?? [];
      if (fn !== "set_config" || !name || !("A_Const" in name) || name.A_Const.sval?.sval !== "lock_timeout") continue;
      return value !== void 0 && "A_Const" in value ? !isZero(value.A_Const) : true;
    }
  }
  return before;
}
function isZero(value) {
  if (value.sval) return /^\s*0+\s*(ms|s|min|h|d)?\s*$/i.test(value.sval.sval ?? "");
  return (value.ival?.ival ?? 0) === 0;
}
var SourceText = class {
  constructor(sql) {
    this.sql = sql;
    this.bytes = Buffer.from(sql, "utf8");
    for (let i = 0; i < this.bytes.length; i++) if (this.bytes[i] === 10) this.lineStarts.push(i + 1);
  }
  sql;
  bytes;
  lineStarts = [0];
  /** 1-based line and character column of a byte offset. */
  locate(byteOffset) {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = low + high + 1 >> 1;
      if ((this.lineStarts[mid] ?? 0) <= byteOffset) low = mid;
      else high = mid - 1;
    }
    const lineStart = this.lineStarts[low] ?? 0;
    const prefix = this.bytes.subarray(lineStart, byteOffset).toString("utf8");
    return { line: low + 1, column: [...prefix].length + 1 };
  }
  /**
   * A statement's `stmt_location` points just after the previous `;`; skip the whitespace and comments in
   * between (statements.ts's lexer) so the finding lands on the statement's first token.
   */
  statementStart(byteOffset) {
    const from = this.charIndexOfByte(byteOffset);
    const start = skipComments(this.sql, from);
    return byteOffset + Buffer.byteLength(this.sql.slice(from, start), "utf8");
  }
  cursor = { byte: 0, char: 0 };
  /** UTF-16 index of a byte offset at a character boundary; cheap when offsets come in increasing order. */
  charIndexOfByte(byteOffset) {
    if (byteOffset < this.cursor.byte) this.cursor = { byte: 0, char: 0 };
    const { byte, char } = this.cursor;
    const chars = char + this.bytes.subarray(byte, byteOffset).toString("utf8").length;
    this.cursor = { byte: byteOffset, char: chars };
    return chars;
  }
  /** Byte offset of the `index`-th code point (PostgreSQL's error positions count characters). */
  byteOffsetOfCodePoint(index) {
    let bytes = 0;
    let seen = 0;
    for (const ch of this.sql) {
      if (seen >= index) break;
      bytes += Buffer.byteLength(ch, "utf8");
      seen++;
    }
    return bytes;
  }
};

// lib/checks/migration-checks.ts
function migrationChecks(config, options) {
  const dir = join2(options.cwd, config.supabase["migrations-dir"]);
  if (!existsSync(dir)) return [];
  const migrations = config.supabase.migrations;
  const lintOptions = lintOptionsFor(migrations);
  let read;
  const files = () => {
    read ??= readMigrationFiles(dir);
    return read;
  };
  let planned;
  const plan = () => {
    planned ??= files().then(
      (all) => migrate({
        databaseUrl: options.databaseUrl ?? "",
        migrationsDir: dir,
        files: all,
        dryRun: true,
        allowOutOfOrder: migrations["allow-out-of-order"],
        redactor: options.redactor
      })
    );
    return planned;
  };
  const lintCheck = {
    id: "migration-lint",
    title: "Migration lint",
    async run() {
      const all = await files();
      const source = (f) => ({ file: relative(options.cwd, f.path), sql: f.sql });
      const lintAll = async (why) => {
        const result2 = await lintCheckResult(all.map(source), lintOptions);
        return { ...result2, message: `${result2.message} (${why}: every file linted)` };
      };
      if (!options.databaseUrl) return lintAll("no database URL");
      let pending;
      try {
        const names = new Set((await plan()).pending.map((p) => p.fileName));
        pending = all.filter((f) => names.has(f.fileName));
      } catch {
        return lintAll("no migration plan");
      }
      if (pending.length === 0) return { status: "pass", message: "no pending migration files to lint" };
      const result = await lintCheckResult(pending.map(source), lintOptions);
      return { ...result, message: `${result.message} (pending files only)` };
    }
  };
  if (!options.databaseUrl) return [lintCheck];
  const planCheck = {
    id: "migration-plan",
    title: "Migration plan",
    async run() {
      try {
        const result = await plan();
        const head = result.headVersion ? `database at ${result.headVersion}` : "empty history";
        const adopted = result.adopted.length > 0 ? `; ${result.adopted.length} applied by the Supabase CLI` : "";
        if (result.pending.length === 0) return { status: "pass", message: `up to date (${head}${adopted})` };
        return {
          status: "pass",
          message: `${result.pending.length} pending: ${result.pending.map((p) => p.version).join(", ")} (${head}${adopted})`
        };
      } catch (error) {
        const problems = error instanceof MigrationError ? [error, ...error.others] : [];
        const findings = problems.map((p) => ({
          severity: "error",
          message: p.message,
          rule: p.code,
          ...p.file ? { file: relative(options.cwd, join2(dir, p.file)), line: p.line ?? 1 } : {}
        }));
        return {
          status: "fail",
          message: options.redactor.redact(describeError(error)),
          ...findings.length > 0 ? { findings } : {}
        };
      }
    }
  };
  return [planCheck, lintCheck];
}

// lib/checks/runner.ts
async function runChecks(checks, ctx, options = {}) {
  const now = options.now ?? (() => performance.now());
  const results = [];
  for (const check of checks) {
    const started = now();
    let result;
    try {
      if (ctx.signal?.aborted) throw new Error("cancelled before it started");
      const outcome = await check.run(ctx);
      result = {
        ...outcome,
        id: check.id,
        title: check.title,
        message: ctx.redactor.redact(outcome.message),
        details: outcome.details === void 0 ? void 0 : ctx.redactor.redact(outcome.details),
        findings: outcome.findings?.map((f) => ({ ...f, message: ctx.redactor.redact(f.message) })),
        durationMs: 0
      };
      if (result.details === void 0) delete result.details;
      if (result.findings === void 0) delete result.findings;
    } catch (error) {
      result = {
        id: check.id,
        title: check.title,
        status: "fail",
        message: ctx.redactor.redact(`the check could not run: ${describeError(error).replace(/\n/g, " ")}`),
        durationMs: 0
      };
    }
    result.durationMs = Math.max(0, Math.round(now() - started));
    results.push(result);
    options.onResult?.(result);
  }
  return { passed: results.every((r) => r.status !== "fail"), results };
}

// lib/checks/validate.ts
async function runValidation(options) {
  const { redactor } = options;
  redactor.add(options.databaseUrl);
  redactor.addUrlCredentials(options.databaseUrl);
  redactor.add(options.env.PGPASSWORD);
  const outcome = await loadConfigOutcome(options.configPath, {
    cwd: options.cwd,
    allowMissing: options.allowMissing,
    ...options.displayPath ? { displayPath: options.displayPath } : {}
  });
  if (outcome.ok) {
    registerConfigSecrets(outcome.config, options.env, redactor);
    if (!outcome.found) options.logger.warning(`${outcome.file} not found; using the defaults`);
  }
  const checks = validationChecks(outcome, {
    ...options.github ?? {},
    ...options.environment !== void 0 ? { environment: options.environment } : {},
    extra: outcome.ok ? migrationChecks(outcome.config, {
      cwd: options.cwd,
      redactor,
      ...options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}
    }) : []
  });
  const summary = await runChecks(
    checks,
    { cwd: options.cwd, logger: options.logger, clock: options.clock, redactor, env: options.env },
    options.onResult ? { onResult: options.onResult } : {}
  );
  const warned = summary.results.some((r) => r.status === "warn");
  return { outcome, results: summary.results, passed: summary.passed && !(options.failOnWarn && warned) };
}

// lib/core/fs.ts
import { statSync } from "node:fs";
function isDirectory2(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

// cli/commands/validate.ts
var EXIT = { passed: 0, failed: 1, error: 2 };
var OPTIONS = {
  config: { type: "string", description: `Configuration file, relative to --cwd (default ${DEFAULT_CONFIG_PATH})` },
  cwd: { type: "string", description: "Repository directory to validate (default: the current directory)" },
  environment: { type: "string", description: "Environment about to be deployed (must exist in the config)" },
  repo: {
    type: "string",
    description: "owner/name for the blocking-issues check (default $GITHUB_REPOSITORY; token from $GITHUB_TOKEN)"
  },
  "db-url": {
    type: "string",
    description: "Database to check the migration plan against (default $SUPABASE_DB_URL); lint only without it"
  },
  json: { type: "boolean", description: "Print the JSON report instead of the table" },
  "fail-on-warn": { type: "boolean", description: "Exit 1 when a check warns" },
  verbose: { type: "boolean", short: "v", description: "Show debug output" },
  help: { type: "boolean", short: "h", description: "Show this help" }
};
var USAGE = `Usage: shipline validate [options]

Runs the pre-deploy checks of .github/shipline.yml. Exit code 0: passed, 1: a check failed, 2: could not run
(e.g. the configuration is broken; every problem is printed).

Options:
${formatOptions(OPTIONS)}
`;
async function run(argv, io = processIO()) {
  const { values } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.passed;
  }
  const configPath = typeof values.config === "string" ? values.config : DEFAULT_CONFIG_PATH;
  const cwd = resolve2(io.cwd, typeof values.cwd === "string" ? values.cwd : ".");
  if (!isDirectory2(cwd)) {
    throw new UsageError("usage", `--cwd ${cwd} is not a directory`, {
      hint: "Give the repository folder to validate."
    });
  }
  const redactor = new Redactor();
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  redactor.add(token);
  const databaseUrl = (typeof values["db-url"] === "string" ? values["db-url"] : io.env.SUPABASE_DB_URL) || void 0;
  const logger = redactingLogger(terminalLogger(io, { verbose: values.verbose === true }), redactor);
  const [owner = "", repo = ""] = (typeof values.repo === "string" ? values.repo : io.env.GITHUB_REPOSITORY ?? "").split("/");
  const { outcome, results, passed } = await runValidation({
    cwd,
    configPath,
    allowMissing: values.config === void 0,
    env: io.env,
    ...typeof values.environment === "string" ? { environment: values.environment } : {},
    ...token && owner && repo ? {
      github: {
        octokit: new Octokit({ auth: token, baseUrl: io.env.GITHUB_API_URL || "https://api.github.com" }),
        owner,
        repo
      }
    } : {},
    ...databaseUrl ? { databaseUrl } : {},
    failOnWarn: values["fail-on-warn"] === true,
    logger,
    redactor,
    clock: io.clock
  });
  if (values.json) io.stdout(`${redactor.redact(JSON.stringify(buildJsonReport(results, passed), null, 2))}
`);
  if (!outcome.ok) {
    const count = outcome.issues.length;
    io.stderr(`${outcome.file}: ${count} problem${count === 1 ? "" : "s"}
`);
    for (const issue of outcome.issues) io.stderr(`  ${redactor.redact(formatConfigIssue(issue))}
`);
    return EXIT.error;
  }
  for (const result of results) {
    for (const finding of result.findings ?? []) {
      const location = finding.file ? { file: finding.file, line: finding.line } : void 0;
      if (finding.severity === "error") logger.error(finding.message, location);
      else logger.warning(finding.message, location);
    }
  }
  if (!values.json) io.stdout(redactor.redact(renderTerminal(results, { color: io.color })));
  return passed ? EXIT.passed : EXIT.failed;
}
export {
  EXIT,
  OPTIONS,
  USAGE,
  run
};
