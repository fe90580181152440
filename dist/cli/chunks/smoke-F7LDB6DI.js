import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  openProbeTargets,
  smokeDeployment
} from "./chunk-2WVKI6Y7.js";
import {
  exitCodeFor
} from "./chunk-FI732W4Q.js";
import {
  DEFAULT_CONFIG_PATH,
  loadConfig,
  smokeFor
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
  UsageError,
  describeError,
  formatOptions,
  parseArgs
} from "./chunk-4YSQPGXF.js";

// lib/smoke/report.ts
function smokeReportJson(run2, target) {
  const { analysis } = run2;
  return JSON.stringify({
    target,
    verdict: analysis.verdict,
    reasons: analysis.reasons,
    warnings: analysis.warnings,
    probes: analysis.probes,
    overall: analysis.overall,
    warmupMs: Math.round(run2.warmupMs),
    durationMs: Math.round(run2.durationMs),
    stoppedEarly: run2.stoppedEarly
  });
}
var ms = (value) => value === void 0 ? "\u2014" : `${Math.round(value)} ms`;
var cell = (text) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
var chartLabel = (text) => text.replace(/["\\\n\r]/g, " ").slice(0, 40);
var VERDICT_WORDS = { pass: "\u2705 Smoke passed", fail: "\u274C Smoke failed", inconclusive: "\u26A0\uFE0F Smoke inconclusive" };
function smokeSummaryMarkdown(run2, target) {
  const { analysis } = run2;
  const lines = [
    `### ${VERDICT_WORDS[analysis.verdict]}`,
    "",
    `Target: ${target} \xB7 ${analysis.overall.samples} requests in ${(run2.durationMs / 1e3).toFixed(1)} s (warm-up ${(run2.warmupMs / 1e3).toFixed(1)} s)${run2.stoppedEarly ? " \xB7 stopped early" : ""}`,
    ""
  ];
  for (const reason of analysis.reasons) lines.push(`- **${reason.code}**: ${cell(reason.message)}`);
  for (const warning of analysis.warnings) lines.push(`- \u26A0\uFE0F ${warning.code}: ${cell(warning.message)}`);
  if (analysis.reasons.length + analysis.warnings.length > 0) lines.push("");
  lines.push(
    "| Probe | Requests | Errors | Error rate | p50 | p95 | p99 | Max |",
    "|---|---:|---:|---:|---:|---:|---:|---:|"
  );
  for (const p of [...analysis.probes, analysis.overall]) {
    const name = p === analysis.overall ? `**${p.name}**` : cell(p.name);
    lines.push(
      `| ${name} | ${p.samples} | ${p.errors} | ${(p.errorRate * 100).toFixed(1)} % | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(p.p99)} | ${ms(p.max)} |`
    );
  }
  const charted = analysis.probes.filter((p) => p.p95 !== void 0);
  if (charted.length > 0) {
    const top = Math.max(...charted.map((p) => p.p99 ?? p.p95 ?? 0));
    lines.push(
      "",
      "```mermaid",
      "xychart-beta",
      '  title "Latency per probe (bars p95, line p50)"',
      `  x-axis [${charted.map((p) => `"${chartLabel(p.name)}"`).join(", ")}]`,
      `  y-axis "ms" 0 --> ${Math.max(1, Math.ceil(top * 1.1))}`,
      `  bar [${charted.map((p) => Math.round(p.p95 ?? 0)).join(", ")}]`,
      `  line [${charted.map((p) => Math.round(p.p50 ?? 0)).join(", ")}]`,
      "```"
    );
  }
  const failures = run2.samples.filter((s) => !s.ok && s.round >= 1).slice(0, 10);
  if (failures.length > 0) {
    lines.push(
      "",
      "<details><summary>First failed requests</summary>",
      "",
      "| Probe | Round | Status | Error |",
      "|---|---:|---:|---|"
    );
    for (const s of failures) {
      lines.push(`| ${cell(s.probe)} | ${s.round} | ${s.status ?? "\u2014"} | ${cell(s.error ?? "")} |`);
    }
    lines.push("", "</details>");
  }
  return `${lines.join("\n")}
`;
}

// cli/commands/smoke.ts
var OPTIONS = {
  env: { type: "string", description: "Environment whose smoke settings apply (default production)" },
  config: { type: "string", description: `Configuration file (default ${DEFAULT_CONFIG_PATH})` },
  json: { type: "boolean", description: "Print the JSON report instead of the Markdown summary" },
  verbose: { type: "boolean", short: "v", description: "Show debug output" },
  help: { type: "boolean", short: "h", description: "Show this help" }
};
var USAGE = `Usage: shipline smoke <url> [options]

Runs the smoke probes of the configuration against <url> (warm-up, rounds, verdict) and prints the report.
Secrets come from the environment and are never printed: VERCEL_AUTOMATION_BYPASS_SECRET (protected deployments),
SUPABASE_URL + SUPABASE_ANON_KEY (function and table probes), SUPABASE_DB_URL (read-only SQL probes).
Exit code 0: pass, 1: fail or inconclusive, 2: usage error.

Options:
${formatOptions(OPTIONS)}
`;
async function run(argv, io = processIO()) {
  const { values, positionals } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const [url, ...extra] = positionals;
  if (!url || extra.length > 0 || !/^https?:\/\/\S+$/.test(url)) {
    throw new UsageError("usage", "Give exactly one deployment URL (http or https)", {
      hint: "e.g. shipline smoke https://shop-abc123.vercel.app --env production"
    });
  }
  const str = (name) => typeof values[name] === "string" ? values[name] : void 0;
  const redactor = new Redactor();
  const env = io.env;
  for (const secret of [env.VERCEL_AUTOMATION_BYPASS_SECRET, env.SUPABASE_ANON_KEY, env.SUPABASE_DB_URL])
    redactor.add(secret);
  redactor.addUrlCredentials(env.SUPABASE_DB_URL);
  const logger = redactingLogger(terminalLogger(io, { verbose: values.verbose === true }), redactor);
  const { config } = await loadConfig(str("config") ?? DEFAULT_CONFIG_PATH, {
    cwd: io.cwd,
    allowMissing: str("config") === void 0
  });
  const { targets, close } = openProbeTargets({
    baseUrl: url,
    bypassSecret: env.VERCEL_AUTOMATION_BYPASS_SECRET,
    supabaseUrl: env.SUPABASE_URL,
    supabaseAnonKey: env.SUPABASE_ANON_KEY,
    databaseUrl: env.SUPABASE_DB_URL,
    redact: (t) => redactor.redact(t)
  });
  try {
    const outcome = await smokeDeployment(smokeFor(config, str("env") ?? "production"), targets, {
      clock: io.clock,
      logger
    });
    const { run: smokeRun } = outcome.details;
    io.stdout(
      `${redactor.redact(values.json ? smokeReportJson(smokeRun, url) : `${smokeSummaryMarkdown(smokeRun, url)}
${outcome.message}`)}
`
    );
    return exitCodeFor(outcome);
  } catch (error) {
    io.stderr(`error: ${redactor.redact(describeError(error))}
`);
    return 1;
  } finally {
    await close();
  }
}
export {
  OPTIONS,
  USAGE,
  run
};
