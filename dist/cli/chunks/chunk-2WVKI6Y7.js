import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  failed,
  inconclusive,
  succeeded
} from "./chunk-FI732W4Q.js";

// lib/smoke/expectations.ts
function jsonContains(actual, expected) {
  if (expected === null || typeof expected !== "object") return Object.is(actual, expected);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => jsonContains(actual[i], item));
  }
  if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
  const record = actual;
  return Object.entries(expected).every(
    ([key, value]) => Object.hasOwn(record, key) && jsonContains(record[key], value)
  );
}
function brokenExpectation(answer, expect) {
  const statuses = Array.isArray(expect.status) ? expect.status : [expect.status];
  if (!statuses.includes(answer.status)) return `status ${answer.status}, expected ${statuses.join(" or ")}`;
  const needle = expect["body-contains"];
  if (needle !== void 0 && !answer.body.includes(needle)) return `body does not contain ${JSON.stringify(needle)}`;
  if (expect.json !== void 0) {
    let parsed;
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      return "body is not JSON";
    }
    if (!jsonContains(parsed, expect.json)) return "JSON body does not contain the expected value";
  }
  for (const [name, value] of Object.entries(expect.header ?? {})) {
    const actual = answer.headers.get(name);
    if (actual === null) return `header ${name} missing`;
    if (!actual.toLowerCase().includes(value.toLowerCase())) return `header ${name} is ${JSON.stringify(actual)}`;
  }
  return void 0;
}

// lib/smoke/probes/timing.ts
function probeSignal(outer, timeoutMs) {
  return AbortSignal.any([outer, AbortSignal.timeout(timeoutMs)]);
}
function elapsed(start) {
  return performance.now() - start;
}
function probeErrorText(error, timeoutMs) {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}
function overBudget(latencyMs, budgetMs) {
  return budgetMs !== void 0 && latencyMs > budgetMs ? `took ${Math.round(latencyMs)} ms, budget ${budgetMs} ms` : void 0;
}

// lib/smoke/probes/http.ts
var MAX_REDIRECTS = 5;
function httpProbe(spec, options) {
  const doFetch = options.fetch ?? fetch;
  const redact = options.redact ?? ((t) => t);
  const origin = new URL(options.baseUrl).origin;
  return {
    name: spec.name,
    kind: "http",
    latencyBudgetMs: spec.latencyBudgetMs,
    async run(signal) {
      const started = performance.now();
      try {
        let url = new URL(spec.path, options.baseUrl);
        let method = spec.method;
        let body = spec.body;
        let response;
        for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
          const headers = new Headers(spec.headers);
          if (options.bypassSecret && url.origin === origin) {
            headers.set("x-vercel-protection-bypass", options.bypassSecret);
          }
          response = await doFetch(url, {
            method,
            headers,
            body: method === "GET" || method === "HEAD" ? void 0 : body,
            redirect: "manual",
            signal: probeSignal(signal, options.timeoutMs)
          });
          const location = response.headers.get("location");
          if (response.status < 300 || response.status >= 400 || !location || hop === MAX_REDIRECTS) break;
          await response.body?.cancel();
          url = new URL(location, url);
          if (response.status === 303 || (response.status === 301 || response.status === 302) && method === "POST") {
            method = "GET";
            body = void 0;
          }
        }
        if (!response) throw new Error("no response");
        const text = spec.method === "HEAD" ? "" : await response.text();
        const latencyMs = elapsed(started);
        const broken = brokenExpectation({ status: response.status, headers: response.headers, body: text }, spec.expect) ?? overBudget(latencyMs, spec.latencyBudgetMs);
        return {
          ok: broken === void 0,
          answered: true,
          latencyMs,
          status: response.status,
          ...broken ? { error: redact(broken) } : {}
        };
      } catch (error) {
        return {
          ok: false,
          answered: false,
          latencyMs: elapsed(started),
          error: redact(probeErrorText(error, options.timeoutMs))
        };
      }
    }
  };
}

// lib/smoke/probes/sql.ts
function sqlProbe(spec, options) {
  const redact = options.redact ?? ((t) => t);
  return {
    name: spec.name,
    kind: "sql",
    latencyBudgetMs: spec.latencyBudgetMs,
    async run(signal) {
      const started = performance.now();
      let client;
      try {
        if (signal.aborted) throw signal.reason;
        client = await options.pool.connect();
        await client.query("BEGIN READ ONLY");
        await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(options.timeoutMs))}`);
        const result = await client.query(spec.query);
        await client.query("ROLLBACK");
        const latencyMs = elapsed(started);
        const rows = result.rowCount ?? result.rows.length;
        const broken = spec.expectRows !== void 0 && rows < spec.expectRows ? `returned ${rows} rows, expected at least ${spec.expectRows}` : overBudget(latencyMs, spec.latencyBudgetMs);
        return { ok: broken === void 0, answered: true, latencyMs, ...broken ? { error: broken } : {} };
      } catch (error) {
        const pgError = error;
        await client?.query("ROLLBACK").catch(() => void 0);
        const answered = typeof pgError.code === "string";
        return {
          ok: false,
          answered,
          latencyMs: elapsed(started),
          error: redact(answered ? `${pgError.code}: ${pgError.message}` : probeErrorText(error, options.timeoutMs))
        };
      } finally {
        client?.release();
      }
    }
  };
}

// lib/smoke/probes/supabase.ts
function functionProbe(spec, options) {
  const redact = options.redact ?? ((t) => t);
  return {
    name: spec.name,
    kind: "supabase-function",
    latencyBudgetMs: spec.latencyBudgetMs,
    async run(signal) {
      const started = performance.now();
      try {
        const { data, error, response } = await options.client.functions.invoke(spec.slug, {
          method: spec.method,
          ...spec.body === void 0 ? {} : { body: spec.body },
          signal: probeSignal(signal, options.timeoutMs)
        });
        if (!response) {
          return {
            ok: false,
            answered: false,
            latencyMs: elapsed(started),
            error: redact(probeErrorText(error, options.timeoutMs))
          };
        }
        const text = response.bodyUsed ? bodyText(data) : await response.text();
        const latencyMs = elapsed(started);
        const broken = brokenExpectation({ status: response.status, headers: response.headers, body: text }, spec.expect) ?? overBudget(latencyMs, spec.latencyBudgetMs);
        return {
          ok: broken === void 0,
          answered: true,
          latencyMs,
          status: response.status,
          ...broken ? { error: redact(broken) } : {}
        };
      } catch (error) {
        return {
          ok: false,
          answered: false,
          latencyMs: elapsed(started),
          error: redact(probeErrorText(error, options.timeoutMs))
        };
      }
    }
  };
}
function tableProbe(spec, options) {
  const redact = options.redact ?? ((t) => t);
  return {
    name: spec.name,
    kind: "supabase-table",
    latencyBudgetMs: spec.latencyBudgetMs,
    async run(signal) {
      const started = performance.now();
      try {
        const query = options.client.schema(spec.schema).from(spec.table).select(spec.select).limit(1).abortSignal(probeSignal(signal, options.timeoutMs));
        const { data, error, status } = await query;
        const latencyMs = elapsed(started);
        if (error) {
          const answered = status > 0;
          const detail = error.code ? `${error.code}: ${error.message}` : error.message;
          return {
            ok: false,
            answered,
            latencyMs,
            ...answered ? { status } : {},
            error: redact(answered ? `PostgREST ${status} ${detail}` : probeErrorText(error, options.timeoutMs))
          };
        }
        const rows = Array.isArray(data) ? data.length : 0;
        const broken = rows < Math.min(spec.minRows, 1) ? `the anon role sees no rows in ${spec.schema}.${spec.table} (row-level security or an empty table)` : overBudget(latencyMs, spec.latencyBudgetMs);
        return { ok: broken === void 0, answered: true, latencyMs, status, ...broken ? { error: broken } : {} };
      } catch (error) {
        return {
          ok: false,
          answered: false,
          latencyMs: elapsed(started),
          error: redact(probeErrorText(error, options.timeoutMs))
        };
      }
    }
  };
}
function bodyText(data) {
  if (data === null || data === void 0) return "";
  if (typeof data === "string") return data;
  if (typeof Blob !== "undefined" && data instanceof Blob) return "";
  return JSON.stringify(data);
}

// lib/smoke/from-config.ts
function probesFromConfig(config, targets) {
  const timeoutMs = config.timeout * 1e3;
  const used = /* @__PURE__ */ new Map();
  const unique = (name) => {
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    return n === 1 ? name : `${name} #${n}`;
  };
  const probes = [];
  const skipped = [];
  for (const check of config.checks) {
    probes.push(
      httpProbe(
        {
          name: unique(check.name ?? `${check.method} ${check.path}`),
          path: check.path,
          method: check.method,
          headers: check.headers,
          body: check.body,
          latencyBudgetMs: check["latency-ms"],
          expect: check.expect
        },
        {
          baseUrl: targets.baseUrl,
          bypassSecret: targets.bypassSecret,
          timeoutMs,
          fetch: targets.fetch,
          redact: targets.redact
        }
      )
    );
  }
  for (const fn of config.supabase.functions) {
    const name = unique(fn.name ?? `function ${fn.function}`);
    if (!targets.supabase) {
      skipped.push(name);
      continue;
    }
    probes.push(
      functionProbe(
        {
          name,
          slug: fn.function,
          method: fn.method,
          body: fn.body,
          latencyBudgetMs: fn["latency-ms"],
          expect: fn.expect
        },
        { client: targets.supabase, timeoutMs, redact: targets.redact }
      )
    );
  }
  for (const table of config.supabase.tables) {
    const name = unique(table.name ?? `table ${table.table}`);
    if (!targets.supabase) {
      skipped.push(name);
      continue;
    }
    probes.push(
      tableProbe(
        {
          name,
          schema: table.schema,
          table: table.table,
          select: table.select,
          minRows: table["min-rows"],
          latencyBudgetMs: table["latency-ms"]
        },
        { client: targets.supabase, timeoutMs, redact: targets.redact }
      )
    );
  }
  config.supabase.sql.forEach((probe, i) => {
    const name = unique(probe.name ?? `sql ${i + 1}`);
    if (!targets.pool) {
      skipped.push(name);
      return;
    }
    probes.push(
      sqlProbe(
        { name, query: probe.query, expectRows: probe["expect-rows"], latencyBudgetMs: probe["latency-ms"] },
        { pool: targets.pool, timeoutMs, redact: targets.redact }
      )
    );
  });
  return { probes, skipped };
}

// lib/smoke/percentiles.ts
function latencySummary(values) {
  if (values.length === 0) return {};
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => sorted[Math.max(1, Math.ceil(p / 100 * sorted.length)) - 1];
  return { p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] };
}

// lib/smoke/analysis.ts
function stats(name, samples) {
  let errors = 0;
  let answered = 0;
  let run = 0;
  let maxRun = 0;
  for (const s of [...samples].sort((a, b) => a.round - b.round || a.at - b.at)) {
    if (s.answered) answered++;
    if (s.ok) {
      run = 0;
    } else {
      errors++;
      run++;
      maxRun = Math.max(maxRun, run);
    }
  }
  const latencies = samples.filter((s) => s.answered).map((s) => s.latencyMs);
  return {
    name,
    samples: samples.length,
    errors,
    errorRate: samples.length === 0 ? 0 : errors / samples.length,
    answered,
    maxConsecutiveErrors: maxRun,
    ...latencySummary(latencies)
  };
}
var percent = (rate) => `${(rate * 100).toFixed(1)} %`;
function analyse(probeNames, samples, thresholds) {
  const counted = samples.filter((s) => s.round >= 1);
  const probes = probeNames.map(
    (name) => stats(
      name,
      counted.filter((s) => s.probe === name)
    )
  );
  const overall = stats("all probes", counted);
  const reasons = [];
  const warnings = [];
  for (const p of probes) {
    if (p.samples > 0 && p.errorRate > thresholds.maxErrorRate) {
      reasons.push({
        code: "error-rate-exceeded",
        probe: p.name,
        message: `${p.name}: ${p.errors} of ${p.samples} requests failed (${percent(p.errorRate)}, limit ${percent(thresholds.maxErrorRate)}).`
      });
    }
    if (p.maxConsecutiveErrors >= thresholds.consecutiveErrorLimit) {
      reasons.push({
        code: "consecutive-errors",
        probe: p.name,
        message: `${p.name}: ${p.maxConsecutiveErrors} consecutive errors (limit ${thresholds.consecutiveErrorLimit}).`
      });
    }
    if (p.p95 !== void 0 && p.p95 > thresholds.p95FailMs) {
      reasons.push({
        code: "latency-exceeded",
        probe: p.name,
        message: `${p.name}: p95 latency ${Math.round(p.p95)} ms is above ${thresholds.p95FailMs} ms.`
      });
    } else if (p.p95 !== void 0 && p.p95 > thresholds.p95WarnMs) {
      warnings.push({
        code: "latency-warning",
        probe: p.name,
        message: `${p.name}: p95 latency ${Math.round(p.p95)} ms is above the ${thresholds.p95WarnMs} ms warning threshold.`
      });
    }
  }
  if (overall.samples > 0 && overall.errorRate > thresholds.maxErrorRate) {
    reasons.push({
      code: "error-rate-exceeded",
      message: `${overall.errors} of ${overall.samples} requests failed in all (${percent(overall.errorRate)}, limit ${percent(thresholds.maxErrorRate)}).`
    });
  }
  if (thresholds.failureLimit !== void 0 && overall.errors > thresholds.failureLimit) {
    reasons.push({
      code: "failure-limit-reached",
      message: `${overall.errors} failed requests, more than the failure limit of ${thresholds.failureLimit}.`
    });
  }
  if (reasons.length > 0) return { verdict: "fail", reasons, warnings, probes, overall };
  const short = probes.filter((p) => p.samples < thresholds.expectedRounds);
  if (probeNames.length === 0 || short.length > 0) {
    const inconclusiveReasons = probeNames.length === 0 ? [{ code: "too-few-answers", message: "No probes are configured, so nothing was measured." }] : short.map((p) => ({
      code: "too-few-answers",
      probe: p.name,
      message: `${p.name}: ${p.samples} of ${thresholds.expectedRounds} rounds completed before the deadline.`
    }));
    return { verdict: "inconclusive", reasons: inconclusiveReasons, warnings, probes, overall };
  }
  return { verdict: "pass", reasons: [], warnings, probes, overall };
}
function failedEarly(samples, thresholds) {
  const counted = samples.filter((s) => s.round >= 1);
  const errors = counted.filter((s) => !s.ok).length;
  if (thresholds.failureLimit !== void 0 && errors > thresholds.failureLimit) return true;
  const byProbe = /* @__PURE__ */ new Map();
  for (const s of counted) byProbe.set(s.probe, [...byProbe.get(s.probe) ?? [], s]);
  for (const list of byProbe.values()) {
    if (stats("", list).maxConsecutiveErrors >= thresholds.consecutiveErrorLimit) return true;
  }
  return false;
}

// lib/smoke/pool.ts
async function mapBounded(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

// lib/smoke/runner.ts
var WARMUP_RETRY_MS = [250, 500, 1e3, 2e3];
async function runSmoke(options) {
  const { clock, logger } = options;
  const signal = options.signal ?? new AbortController().signal;
  const started = clock.now().getTime();
  const since = () => clock.now().getTime() - started;
  const samples = [];
  const thresholds = { ...options.thresholds, expectedRounds: options.rounds };
  const ask = async (probe, round) => {
    const result = await probe.run(signal);
    const sample = { ...result, probe: probe.name, round, at: since() };
    samples.push(sample);
    return sample;
  };
  if (options.warmupMs > 0) {
    const deadline = started + options.warmupMs;
    const cold = await mapBounded(options.probes, options.concurrency, async (probe) => {
      for (let attempt = 0; !signal.aborted; attempt++) {
        if ((await ask(probe, 0)).ok) return void 0;
        const wait = WARMUP_RETRY_MS[Math.min(attempt, WARMUP_RETRY_MS.length - 1)] ?? 1e3;
        if (clock.now().getTime() + wait >= deadline) return probe.name;
        await clock.sleep(wait, signal).catch(() => void 0);
      }
      return probe.name;
    });
    const stillCold = cold.filter((name) => name !== void 0);
    if (stillCold.length > 0) {
      logger.warning(`Warm-up ended without a healthy answer from: ${stillCold.join(", ")}.`);
    }
  }
  const warmupMs = since();
  let stoppedEarly = false;
  for (let round = 1; round <= options.rounds && !signal.aborted; round++) {
    const roundStart = clock.now().getTime();
    const results = await mapBounded(options.probes, options.concurrency, (probe) => ask(probe, round));
    const failures = results.filter((s) => !s.ok).length;
    logger.info(`Round ${round}/${options.rounds}: ${results.length - failures} healthy, ${failures} failed.`);
    if (failedEarly(samples, thresholds)) {
      stoppedEarly = round < options.rounds;
      break;
    }
    if (round < options.rounds) {
      const wait = options.intervalMs - (clock.now().getTime() - roundStart);
      if (wait > 0) await clock.sleep(wait, signal).catch(() => void 0);
    }
  }
  const analysis = analyse(
    options.probes.map((p) => p.name),
    samples,
    stoppedEarly ? { ...thresholds, expectedRounds: 0 } : thresholds
  );
  return { analysis, samples, warmupMs, durationMs: since(), stoppedEarly };
}

// lib/smoke/smoke.ts
async function smokeDeployment(config, targets, deps) {
  const { probes, skipped } = probesFromConfig(config, targets);
  for (const name of skipped) {
    deps.logger.warning(
      `Smoke probe "${name}" skipped: give a Supabase URL and anon key (or a database URL for SQL probes).`
    );
  }
  const run = await runSmoke({
    probes,
    rounds: config.rounds,
    intervalMs: config.interval * 1e3,
    warmupMs: config.warmup * 1e3,
    concurrency: config.concurrency,
    thresholds: {
      maxErrorRate: config["max-error-rate"],
      failureLimit: config["failure-limit"],
      consecutiveErrorLimit: config["consecutive-error-limit"],
      p95WarnMs: config["p95-ms"],
      p95FailMs: config["p95-fail-ms"]
    },
    clock: deps.clock,
    logger: deps.logger,
    signal: deps.signal
  });
  const details = { target: targets.baseUrl, run, skipped };
  const { analysis } = run;
  const first = analysis.reasons[0];
  if (analysis.verdict === "fail") {
    return failed("smoke-failed", `Smoke failed on ${targets.baseUrl}: ${first?.message ?? "see the report"}`, details);
  }
  if (analysis.verdict === "inconclusive") {
    return inconclusive(
      "too-few-answers",
      `Smoke was inconclusive on ${targets.baseUrl}: ${first?.message ?? ""}`,
      details
    );
  }
  const warn = analysis.warnings.length > 0 ? ` (${analysis.warnings.length} warning(s))` : "";
  return succeeded(`Smoke passed on ${targets.baseUrl}: ${analysis.overall.samples} requests${warn}.`, details);
}

// lib/smoke/targets.ts
import { createClient } from "@supabase/supabase-js";
import pg from "pg";
var NoRealtime = class {
  constructor() {
    throw new Error("Realtime is not used by smoke probes");
  }
};
function openProbeTargets(settings) {
  const supabase = settings.supabaseUrl && settings.supabaseAnonKey ? createClient(settings.supabaseUrl, settings.supabaseAnonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    ...globalThis.WebSocket ? {} : { realtime: { transport: NoRealtime } }
  }) : void 0;
  const pool = settings.databaseUrl ? new pg.Pool({ connectionString: settings.databaseUrl, max: settings.databaseConnections ?? 4 }) : void 0;
  pool?.on("error", () => void 0);
  return {
    targets: {
      baseUrl: settings.baseUrl,
      ...settings.bypassSecret ? { bypassSecret: settings.bypassSecret } : {},
      ...supabase ? { supabase } : {},
      ...pool ? { pool } : {},
      ...settings.redact ? { redact: settings.redact } : {},
      ...settings.fetch ? { fetch: settings.fetch } : {}
    },
    close: async () => {
      await pool?.end();
    }
  };
}

export {
  smokeDeployment,
  openProbeTargets
};
