import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  ManagementApi,
  deployEdge
} from "./chunk-PCGNF7TZ.js";
import {
  formatBytes,
  runCommand
} from "./chunk-BLYCYRB2.js";
import {
  isVersionTag,
  makeRelease
} from "./chunk-B6S7ISLE.js";
import "./chunk-ST5DBQXP.js";
import {
  checkBuildOutput,
  staticFileFor,
  vercelSettings
} from "./chunk-O3QJLUAU.js";
import {
  VercelApi,
  VercelError,
  backoffDelay,
  getProject,
  parseRetryAfter,
  promoteDeployment
} from "./chunk-23YFJWZK.js";
import {
  exitCodeFor,
  failed,
  refused,
  succeeded
} from "./chunk-FI732W4Q.js";
import {
  DEFAULT_CONFIG_PATH,
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
  UsageError,
  describeError,
  formatOptions,
  parseArgs
} from "./chunk-4YSQPGXF.js";

// cli/commands/deploy.ts
import { resolve } from "node:path";

// lib/supabase/functions/report.ts
function edgeSummaryLine(outcome) {
  const d = outcome.details;
  return `deploy-edge ${outcome.outcome}: ${d.deployed.length} deployed, ${d.skipped.length} skipped, ${d.failed.length} failed, ${d.pruned.length} pruned`;
}

// lib/vercel/deploy.ts
import { randomBytes } from "node:crypto";
import { createDeployment } from "@vercel/client";

// lib/vercel/meta.ts
var META = {
  version: "shiplineVersion",
  sha: "shiplineSha",
  ref: "shiplineRef",
  runUrl: "shiplineRunUrl",
  actor: "shiplineActor",
  target: "shiplineTarget",
  /** A random value per deploy call, to recognise a deployment created by an attempt whose answer was lost. */
  attempt: "shiplineAttempt"
};
function deploymentMeta(release, git2, target, attempt) {
  const meta = {
    [META.version]: release.version,
    [META.sha]: release.sha,
    [META.ref]: git2.ref,
    [META.actor]: git2.actor,
    [META.target]: target,
    [META.attempt]: attempt,
    // Vercel's own keys, so the dashboard links the commit as for Git-integrated deployments.
    githubCommitSha: release.sha,
    githubCommitRef: branchOf(git2)
  };
  if (git2.runUrl) meta[META.runUrl] = git2.runUrl;
  if (git2.repository) {
    const [org, repo] = git2.repository.split("/");
    if (org && repo) {
      meta.githubCommitOrg = org;
      meta.githubCommitRepo = repo;
    }
  }
  if (git2.actor) meta.githubCommitAuthorLogin = git2.actor;
  return meta;
}
function branchOf(git2) {
  if (git2.headRef) return git2.headRef;
  return git2.ref.replace(/^refs\/(heads|tags)\//, "");
}
function gitMetadata(git2) {
  return {
    commitSha: git2.sha,
    commitRef: branchOf(git2),
    ...git2.commitMessage ? { commitMessage: git2.commitMessage } : {},
    ...git2.commitAuthorName ? { commitAuthorName: git2.commitAuthorName } : {},
    ...git2.repository ? { remoteUrl: `${(git2.serverUrl ?? "https://github.com").replace(/\/$/, "")}/${git2.repository}` } : {},
    dirty: false
  };
}
function releaseFor(sha, ref, explicitVersion) {
  if (explicitVersion) return makeRelease(sha, explicitVersion);
  const tag = ref.startsWith("refs/tags/") ? ref.slice("refs/tags/".length) : void 0;
  return makeRelease(sha, tag && isVersionTag(tag) ? tag : void 0);
}

// lib/vercel/find-existing.ts
async function listByMeta(api, projectId, meta, filters = {}) {
  const query = { projectId, limit: "100" };
  if (filters.state) query.state = filters.state;
  if (filters.target === "production" || filters.target === "preview") query.target = filters.target;
  for (const [k, v] of Object.entries(meta)) query[`meta-${k}`] = v;
  const body = await api.json("GET", "/v6/deployments", {
    query,
    what: "listing deployments"
  });
  return (body?.deployments ?? []).filter((d) => Object.entries(meta).every(([k, v]) => d.meta?.[k] === v));
}
async function findExistingDeployment(api, projectId, sha, target) {
  const found = await listByMeta(
    api,
    projectId,
    { [META.sha]: sha, [META.target]: target },
    { target, state: "READY" }
  );
  return found.find((d) => (d.readyState ?? d.state) === "READY");
}

// lib/vercel/guarded-dispatcher.ts
var GLOBAL_DISPATCHER = /* @__PURE__ */ Symbol.for("undici.globalDispatcher.1");
async function globalDispatcher() {
  const holder = globalThis;
  if (!holder[GLOBAL_DISPATCHER]) await fetch("data:,").then((r) => r.arrayBuffer());
  const found = holder[GLOBAL_DISPATCHER];
  if (!found) throw new Error("Node fetch has no global dispatcher");
  return found;
}
var GuardedDispatcher = class _GuardedDispatcher {
  constructor(inner, idleTimeoutMs) {
    this.inner = inner;
    this.idleTimeoutMs = idleTimeoutMs;
  }
  inner;
  idleTimeoutMs;
  /** Milliseconds of the last Retry-After seen on a 429/503 answer (undefined after `takeRetryAfter`). */
  retryAfter;
  /** Statuses of answers seen, by status (for logs and tests). */
  statuses = /* @__PURE__ */ new Map();
  /** Creates one around Node's fetch dispatcher; `idleTimeoutMs` is how long a request may go without progress. */
  static async create(idleTimeoutMs) {
    return new _GuardedDispatcher(await globalDispatcher(), idleTimeoutMs);
  }
  /** The last Retry-After header value seen (raw), cleared by this call. */
  takeRetryAfter() {
    const value = this.retryAfter;
    this.retryAfter = void 0;
    return value;
  }
  dispatch(options, handler) {
    let timer;
    let abort;
    let finished = false;
    const stop = () => {
      finished = true;
      if (timer) clearTimeout(timer);
    };
    const arm = () => {
      if (finished) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const error = Object.assign(
          new Error(`ETIMEDOUT: no progress for ${this.idleTimeoutMs} ms (the server stalled)`),
          { code: "ETIMEDOUT" }
        );
        if (abort) abort(error);
        else call("onError", error);
        stop();
      }, this.idleTimeoutMs);
      timer.unref?.();
    };
    const call = (name, ...args) => {
      const fn = handler[name];
      return typeof fn === "function" ? fn.apply(handler, args) : void 0;
    };
    const wrapped = new Proxy(handler, {
      get: (target, prop, receiver) => {
        switch (prop) {
          case "onConnect":
            return (abortFn, context) => {
              abort = abortFn;
              arm();
              return call("onConnect", abortFn, context);
            };
          case "onBodySent":
            return (...args) => {
              arm();
              return call("onBodySent", ...args);
            };
          case "onHeaders":
            return (status, rawHeaders, ...rest) => {
              arm();
              this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
              if (status === 429 || status === 503) this.retryAfter = retryAfterOf(rawHeaders) ?? this.retryAfter;
              return call("onHeaders", status, rawHeaders, ...rest);
            };
          case "onData":
            return (...args) => {
              arm();
              return call("onData", ...args);
            };
          case "onComplete":
            return (...args) => {
              stop();
              return call("onComplete", ...args);
            };
          case "onError":
            return (...args) => {
              stop();
              return call("onError", ...args);
            };
          default:
            return Reflect.get(target, prop, receiver);
        }
      }
    });
    arm();
    return this.inner.dispatch(options, wrapped);
  }
};
function retryAfterOf(rawHeaders) {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (String(rawHeaders[i]).toLowerCase() === "retry-after") return String(rawHeaders[i + 1]);
  }
  return void 0;
}

// lib/vercel/upload.ts
import { readFile } from "node:fs/promises";
async function uploadFiles(api, files, options = {}) {
  let next = 0;
  let uploaded = 0;
  let bytes = 0;
  let failure;
  const worker = async () => {
    while (failure === void 0 && next < files.length) {
      const file = files[next++];
      try {
        const data = file.data ?? await readFile(file.names[0]);
        const res = await api.send("POST", "/v2/files", {
          raw: data,
          headers: {
            "content-type": "application/octet-stream",
            "x-now-digest": file.sha,
            "x-now-size": String(data.length)
          },
          retryUnsafe: true,
          // A big file needs longer than the stall limit: allow at least 100 kB/s on top of it.
          timeoutMs: (api.options.timeoutMs ?? 3e4) + Math.ceil(data.length / 100),
          what: `uploading ${file.names[0]?.split("/.vercel/output/")[1] ?? file.sha}`
        });
        if (res.status !== 200) throw api.errorFor(res, `uploading ${file.sha}`);
        uploaded++;
        bytes += data.length;
        options.onUploaded?.(data.length);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 50, files.length)) }, worker));
  if (failure !== void 0) throw failure;
  return { files: uploaded, bytes };
}

// lib/vercel/wait-ready.ts
async function waitForReady(api, deploymentId, options) {
  const { clock, logger } = options;
  const deadline = clock.now().getTime() + options.timeoutMs;
  let lastState = "";
  let last;
  let wait = Math.min(250, options.intervalMs);
  for (; ; ) {
    try {
      last = await api.json("GET", `/v13/deployments/${encodeURIComponent(deploymentId)}`, {
        what: `reading deployment ${deploymentId}`,
        notFound: { reason: "deployment-missing", hint: "The deployment was deleted while building." }
      });
      if (last.readyState !== lastState) {
        logger.info(`Build state: ${last.readyState}`);
        lastState = last.readyState;
      }
      if (last.readyState === "READY") return last;
      if (last.readyState === "ERROR" || last.readyState === "CANCELED") {
        const code = last.errorCode ?? (last.readyState === "CANCELED" ? "CANCELED" : "BUILD_FAILED");
        throw new VercelError(
          "vercel_build_failed",
          `Deployment ${deploymentId} ended in ${last.readyState} (${code})${last.errorMessage ? `: ${last.errorMessage}` : ""}.`,
          {
            reason: "build-failed",
            inspectorUrl: last.inspectorUrl,
            hint: `Production is unchanged.${last.inspectorUrl ? ` Build logs: ${last.inspectorUrl}` : ""}`
          }
        );
      }
    } catch (error) {
      const transient = error instanceof VercelError && (error.code === "vercel_unreachable" || error.status !== void 0 && error.status >= 500);
      if (!transient) throw error;
      logger.warning(`${error.message}; still waiting for ${deploymentId}`);
    }
    const left = deadline - clock.now().getTime();
    if (left <= 0) {
      throw new VercelError(
        "vercel_build_timeout",
        `Deployment ${deploymentId} was not READY within ${Math.round(options.timeoutMs / 1e3)} s (last state: ${lastState || "unknown"}).`,
        {
          reason: "timeout",
          inspectorUrl: last?.inspectorUrl,
          hint: `Production is unchanged. Raise vercel.build-timeout if builds take longer${last?.inspectorUrl ? `; see ${last.inspectorUrl}` : ""}.`
        }
      );
    }
    await clock.sleep(Math.min(wait, left));
    wait = Math.min(options.intervalMs, wait * 2);
  }
}

// lib/vercel/deploy.ts
var RETRYABLE_CODES = /* @__PURE__ */ new Set(["rate_limited", "internal_server_error", "bad_gateway", "service_unavailable"]);
var NETWORK = /ETIMEDOUT|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|other side closed|fetch failed|network|terminated/i;
function isTransient(payload) {
  const p = payload;
  if (!p) return false;
  if (typeof p.status === "number") return p.status === 429 || p.status >= 500;
  if (p.code && RETRYABLE_CODES.has(p.code)) return true;
  if (p.name === "SyntaxError") return true;
  const text = `${p.message ?? ""} ${p.cause?.message ?? ""} ${p.cause?.code ?? ""}`;
  return NETWORK.test(text);
}
function describePayload(payload) {
  const p = payload;
  if (!p) return "unknown error";
  const cause = p.cause?.message ? ` (${p.cause.message})` : "";
  const status = p.status ? `HTTP ${p.status} ` : "";
  return `${status}${p.code ? `${p.code}: ` : ""}${p.message ?? String(payload)}${cause}`;
}
function httpsUrl(host) {
  return host.startsWith("http") ? host : `https://${host}`;
}
async function deployToVercel(options) {
  const { clock, logger } = options;
  const started = clock.now().getTime();
  const since = (t) => clock.now().getTime() - t;
  const details = {
    target: options.target,
    staged: false,
    reused: false,
    filesHashed: 0,
    filesUploaded: 0,
    bytesUploaded: 0,
    attempts: 0,
    timings: { check: 0, hash: 0, upload: 0, build: 0, total: 0 }
  };
  const finish = (outcome) => {
    details.timings.total = since(started);
    return outcome;
  };
  const api = new VercelApi({
    token: options.token,
    apiUrl: options.apiUrl,
    teamId: options.teamId,
    clock,
    logger,
    random: options.random,
    timeoutMs: options.idleTimeoutMs ?? 6e4
  });
  const production = options.target === "production";
  const stage = production && options.stage !== false;
  try {
    const output = checkBuildOutput(options.outputDir, options.cwd);
    const project = await getProject(api, options.project);
    details.projectId = project.id;
    logger.info(`Vercel project ${project.name} (${project.id}), target ${options.target}`);
    if (!options.force) {
      const existing = await findExistingDeployment(api, project.id, options.release.sha, options.target);
      if (existing) {
        details.deploymentId = existing.uid;
        details.url = httpsUrl(existing.url);
        details.inspectorUrl = existing.inspectorUrl ?? void 0;
        details.readyState = "READY";
        details.reused = true;
        details.staged = production && existing.readySubstate !== "PROMOTED";
        details.timings.check = since(started);
        logger.info(
          `Reusing ${existing.uid} (${details.url}): commit ${options.release.sha.slice(0, 7)} is already READY for ${options.target}; nothing uploaded (force: true deploys again).`
        );
        return finish(
          succeeded(
            `Reused deployment ${existing.uid} of commit ${options.release.sha.slice(0, 7)}.`,
            details,
            "reused"
          )
        );
      }
    }
    details.timings.check = since(started);
    const attemptId = randomBytes(8).toString("hex");
    const dispatcher = await GuardedDispatcher.create(options.idleTimeoutMs ?? 6e4);
    const maxAttempts = Math.max(1, options.attempts ?? 5);
    let created;
    let failures = 0;
    let uploadRounds = 0;
    while (!created) {
      details.attempts = failures + 1;
      const result = await createOnce(options, output, dispatcher, attemptId, stage, details, clock, logger);
      if (result.created) {
        created = result.created;
        break;
      }
      let error = result.error;
      if (result.missing) {
        uploadRounds++;
        if (uploadRounds > maxAttempts) {
          throw new VercelError(
            "vercel_missing_files",
            `Vercel still reports ${result.missing.length} file(s) missing after ${maxAttempts} upload rounds.`,
            {
              reason: "stage-failed",
              hint: "Uploads are accepted but not kept; retry later or contact Vercel support."
            }
          );
        }
        const t = clock.now().getTime();
        const missing = new Set(result.missing);
        const files = Object.entries(result.hashed ?? {}).filter(([sha]) => missing.has(sha)).map(([sha, f]) => ({ sha, names: f.names, data: f.data }));
        logger.info(`Uploading ${files.length} file(s) the API does not have yet`);
        try {
          const sent = await uploadFiles(api, files, {
            concurrency: options.uploadConcurrency,
            onUploaded: (bytes) => {
              details.filesUploaded++;
              details.bytesUploaded += bytes;
            }
          });
          logger.info(`Uploaded ${sent.files} file(s), ${formatBytes(sent.bytes)}`);
          continue;
        } catch (uploadError) {
          if (!(uploadError instanceof VercelError)) throw uploadError;
          error = {
            status: uploadError.status,
            code: uploadError.code,
            message: uploadError.message,
            vercel: uploadError
          };
        } finally {
          details.timings.upload += clock.now().getTime() - t;
        }
      }
      failures++;
      const lost = await listByMeta(api, project.id, { [META.attempt]: attemptId }).catch(() => []);
      const found = lost[0];
      if (found) {
        logger.info(`Found deployment ${found.uid} created by an attempt whose answer was lost; using it.`);
        created = { id: found.uid, url: found.url, inspectorUrl: found.inspectorUrl ?? void 0 };
        break;
      }
      const vercelError = error?.vercel;
      if (!isTransient(error) || failures >= maxAttempts) {
        throw vercelError && !isTransient(error) ? vercelError : clientError(error, api, failures);
      }
      const retryAfter = parseRetryAfter(dispatcher.takeRetryAfter() ?? null, clock.now());
      const delay = Math.min(
        3e4,
        retryAfter ?? backoffDelay(failures, { attempts: maxAttempts, baseDelayMs: 500, maxDelayMs: 3e4 }, options.random)
      );
      logger.warning(
        `Upload/create attempt ${failures} failed (${describePayload(error)}); retrying in ${(delay / 1e3).toFixed(1)} s${retryAfter !== void 0 ? " (Retry-After)" : ""}. Files already uploaded are not sent again.`
      );
      await clock.sleep(delay);
    }
    details.deploymentId = created.id;
    details.url = httpsUrl(created.url);
    details.inspectorUrl = created.inspectorUrl;
    logger.info(
      `Created ${created.id}: ${details.url}${created.inspectorUrl ? ` (inspect: ${created.inspectorUrl})` : ""}`
    );
    const buildStarted = clock.now().getTime();
    const ready = await waitForReady(api, created.id, {
      timeoutMs: options.buildTimeoutMs,
      intervalMs: options.pollIntervalMs ?? 2e3,
      clock,
      logger
    });
    details.timings.build = since(buildStarted);
    details.readyState = ready.readyState;
    details.inspectorUrl = ready.inspectorUrl ?? details.inspectorUrl;
    details.staged = production && ready.readySubstate !== "PROMOTED";
    const how = details.staged ? "staged: production domains still serve the previous deployment until it is promoted" : production ? "serving production" : "ready";
    return finish(succeeded(`Deployed ${created.id} to ${options.target} (${how}).`, details));
  } catch (error) {
    if (!(error instanceof VercelError)) throw error;
    details.inspectorUrl = error.inspectorUrl ?? details.inspectorUrl;
    details.errorCode = error.code;
    const message = error.hint ? `${error.message} ${error.hint}` : error.message;
    const before = ["invalid-input", "config-invalid", "permission-denied"].includes(error.reason) && !details.deploymentId;
    return finish(before ? refused(error.reason, message, details) : failed(error.reason, message, details));
  }
}
async function createOnce(options, output, dispatcher, attemptId, stage, details, clock, logger) {
  const t0 = clock.now().getTime();
  let hashedAt;
  let hashed = {};
  const production = options.target === "production";
  const deploymentOptions = {
    name: options.project,
    project: options.project,
    target: options.target,
    meta: deploymentMeta(options.release, options.git, options.target, attemptId),
    gitMetadata: gitMetadata(options.git),
    ...production ? { autoAssignCustomDomains: !stage } : {}
  };
  const events = createDeployment(
    {
      token: options.token,
      path: output.projectDir,
      vercelOutputDir: output.outputDir,
      prebuilt: true,
      apiUrl: options.apiUrl.replace(/\/+$/, ""),
      ...options.teamId ? { teamId: options.teamId } : {},
      ...options.force ? { force: true } : {},
      dispatcher,
      userAgent: "shipline"
    },
    deploymentOptions
  );
  try {
    for await (const event of events) {
      switch (event.type) {
        case "hashes-calculated": {
          hashedAt = clock.now().getTime();
          details.timings.hash += hashedAt - t0;
          hashed = event.payload;
          details.filesHashed = Object.values(hashed).reduce((n, f) => n + f.names.length, 0);
          logger.info(`Hashed ${details.filesHashed} files (${Object.keys(hashed).length} distinct)`);
          break;
        }
        case "file-count":
          return { missing: event.payload.missing, hashed };
        case "warning":
        case "notice":
        case "tip":
          logger.warning(`Vercel: ${String(event.payload)}`);
          break;
        case "created":
          return { created: event.payload };
        case "error":
          return { error: event.payload };
        default:
          break;
      }
    }
    return { error: new Error("The Vercel client ended without creating a deployment") };
  } catch (error) {
    return { error };
  } finally {
    details.timings.upload += clock.now().getTime() - (hashedAt ?? t0);
    await events.return?.(void 0);
  }
}
function clientError(payload, api, attempts) {
  const p = payload;
  if (p && typeof p.status === "number" && p.status >= 400 && p.status < 500 && p.status !== 429) {
    const res = {
      status: p.status,
      headers: new Headers(),
      text: JSON.stringify({ error: { code: p.code, message: p.message } }),
      attempts,
      json: () => ({ error: { code: p.code, message: p.message } })
    };
    return api.errorFor(res, "creating the deployment", {
      reason: "config-invalid",
      hint: "The project or team was not found; check vercel.project and team-id."
    });
  }
  const forbidden = p?.code === "forbidden" || p?.code === "not_authorized";
  return new VercelError(
    "vercel_upload_failed",
    `Uploading or creating the deployment failed after ${attempts} attempt(s): ${describePayload(payload)}`,
    {
      reason: forbidden ? "permission-denied" : isTransient(payload) ? "api-error" : "stage-failed",
      hint: forbidden ? "The token may not upload to this team; use a token created in the team." : "Vercel kept failing; nothing was promoted, production is unchanged. Retry the job.",
      cause: payload
    }
  );
}

// lib/vercel/report.ts
function seconds(ms) {
  return `${(ms / 1e3).toFixed(1)} s`;
}
function deploySummaryLine(outcome) {
  const d = outcome.details;
  if (outcome.outcome !== "success") return `${outcome.outcome} (${outcome.reason}): ${outcome.message}`;
  const what = d.reused ? "reused" : d.staged ? "staged" : "deployed";
  return `${what} ${d.deploymentId} \u2192 ${d.url} (${d.target}); ${d.filesUploaded} file(s), ${formatBytes(d.bytesUploaded)} uploaded of ${d.filesHashed} hashed; ${seconds(d.timings.total)}`;
}

// cli/commands/deploy.ts
var OPTIONS = {
  env: { type: "string", description: "Environment of the configuration to deploy (default production)" },
  target: { type: "string", description: "Vercel target, overriding the environment's vercel-target" },
  project: { type: "string", description: "Vercel project (default vercel.project)" },
  "team-id": { type: "string", description: "Vercel team id (default vercel.team-id)" },
  "output-dir": { type: "string", description: "Prebuilt .vercel/output folder (default vercel.output-dir)" },
  config: { type: "string", description: `Configuration file (default ${DEFAULT_CONFIG_PATH})` },
  sha: { type: "string", description: "Commit to record (default: git rev-parse HEAD)" },
  version: {
    type: "string",
    description: "Release version to record (default: the vX.Y.Z tag at HEAD, else sha-<short>)"
  },
  force: { type: "boolean", description: "Deploy even if this commit is already READY for the target" },
  "no-stage": { type: "boolean", description: "Let a production deployment take the domains at once" },
  promote: { type: "boolean", description: "Promote the staged production deployment once it is READY" },
  "skip-edge": { type: "boolean", description: "Do not deploy Supabase edge functions" },
  "api-url": { type: "string", description: "Vercel API (default $VERCEL_API_URL or https://api.vercel.com)" },
  "supabase-api-url": {
    type: "string",
    description: "Supabase Management API (default $SUPABASE_API_URL or https://api.supabase.com)"
  },
  json: { type: "boolean", description: "Print the outcomes as JSON" },
  verbose: { type: "boolean", short: "v", description: "Show debug output" },
  help: { type: "boolean", short: "h", description: "Show this help" }
};
var USAGE = `Usage: shipline deploy [options]

Deploys the prebuilt Vercel output (.vercel/output, made by \`vercel build\`) with the token in $VERCEL_TOKEN.
Production deployments are staged (no domains) until \`shipline promote <deployment-id>\` or --promote. When the
configuration has supabase.project-ref and $SUPABASE_ACCESS_TOKEN is set, the edge functions are deployed first.
Exit code 0: deployed (or reused), 1: failed, 2: usage error, 3: refused (nothing changed).

Options:
${formatOptions(OPTIONS)}
`;
async function git(args, cwd, env) {
  const result = await runCommand(["git", ...args], { cwd, env, timeoutMs: 1e4 }).catch(() => void 0);
  return result?.exitCode === 0 ? result.output.trim() : "";
}
async function run(argv, io = processIO()) {
  const { values } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const str = (name) => typeof values[name] === "string" ? values[name] : void 0;
  const token = io.env.VERCEL_TOKEN ?? "";
  if (!token) {
    throw new UsageError("usage", "No Vercel token: set VERCEL_TOKEN", {
      hint: "Create one at https://vercel.com/account/tokens (in the team, for team projects). It is never printed."
    });
  }
  const redactor = new Redactor();
  redactor.add(token);
  redactor.add(io.env.SUPABASE_ACCESS_TOKEN);
  const logger = redactingLogger(terminalLogger(io, { verbose: values.verbose === true }), redactor);
  const configPath = str("config") ?? DEFAULT_CONFIG_PATH;
  const { config } = await loadConfig(configPath, { cwd: io.cwd, allowMissing: str("config") === void 0 });
  const settings = vercelSettings(
    config,
    {
      environment: str("env"),
      target: str("target"),
      project: str("project"),
      teamId: str("team-id"),
      outputDir: str("output-dir")
    },
    { environment: "--env", project: "--project", buildTimeout: "--build-timeout" }
  );
  const sha = str("sha") ?? await git(["rev-parse", "HEAD"], io.cwd, io.env);
  if (!sha)
    throw new UsageError("usage", "Cannot tell the commit: not a git checkout", {
      hint: "Pass --sha <40-hex commit>."
    });
  const tags = (await git(["tag", "--points-at", sha], io.cwd, io.env)).split("\n").filter(Boolean);
  const branch = await git(["rev-parse", "--abbrev-ref", "HEAD"], io.cwd, io.env);
  const release = releaseFor(sha, tags.length ? `refs/tags/${tags.sort().at(-1)}` : "", str("version"));
  const actor = io.env.USER ?? "local";
  const results = {};
  let exit = 0;
  try {
    const supabaseToken = io.env.SUPABASE_ACCESS_TOKEN;
    const ref = config.supabase["project-ref"];
    if (!values["skip-edge"] && ref && supabaseToken) {
      const api = new ManagementApi({
        baseUrl: str("supabase-api-url") ?? io.env.SUPABASE_API_URL ?? "https://api.supabase.com",
        token: supabaseToken,
        clock: io.clock
      });
      const edge = await deployEdge({
        api,
        ref,
        root: io.cwd,
        functionsDir: config.supabase["functions-dir"],
        env: io.env,
        mask: (v) => redactor.add(v),
        logger,
        clock: io.clock
      });
      results.edge = edge;
      logger.info(edgeSummaryLine(edge));
      if (edge.outcome !== "success") {
        io.stdout(`${values.json ? JSON.stringify(results, null, 2) : redactor.redact(edge.message)}
`);
        return exitCodeFor(edge);
      }
    } else if (!values["skip-edge"] && ref) {
      logger.info("Edge functions skipped: SUPABASE_ACCESS_TOKEN is not set.");
    }
    const apiUrl = str("api-url") ?? io.env.VERCEL_API_URL ?? "https://api.vercel.com";
    const deployed = await deployToVercel({
      token,
      apiUrl,
      teamId: settings.teamId ?? (io.env.VERCEL_TEAM_ID || void 0),
      project: settings.project,
      target: settings.target,
      outputDir: settings.outputDir,
      cwd: io.cwd,
      release,
      git: { sha: release.sha, ref: branch && branch !== "HEAD" ? `refs/heads/${branch}` : "", actor },
      force: values.force === true,
      stage: values["no-stage"] !== true,
      buildTimeoutMs: settings.buildTimeoutMs,
      clock: io.clock,
      logger
    });
    results.vercel = deployed;
    exit = exitCodeFor(deployed);
    if (!values.json) io.stdout(`${redactor.redact(deploySummaryLine(deployed))}
`);
    if (deployed.outcome === "success" && values.promote && deployed.details.staged && deployed.details.deploymentId) {
      const promoted = await promoteDeployment({
        token,
        apiUrl,
        teamId: settings.teamId ?? (io.env.VERCEL_TEAM_ID || void 0),
        project: settings.project,
        deployment: deployed.details.deploymentId,
        timeoutMs: settings.buildTimeoutMs,
        serveCheck: settings.environmentUrl ? {
          fetch: (url, init) => fetch(url, init),
          productionUrl: settings.environmentUrl,
          expected: staticFileFor(resolve(io.cwd, settings.outputDir), "/")
        } : void 0,
        clock: io.clock,
        logger
      });
      results.promote = promoted;
      exit = exitCodeFor(promoted);
      if (!values.json) io.stdout(`${redactor.redact(promoted.message)}
`);
    } else if (deployed.details.staged && deployed.details.deploymentId && !values.json) {
      io.stdout(`Staged. Promote with: shipline promote ${deployed.details.deploymentId}
`);
    }
    if (values.json) io.stdout(`${redactor.redact(JSON.stringify(results, null, 2))}
`);
    return exit;
  } catch (error) {
    io.stderr(`error: ${redactor.redact(describeError(error))}
`);
    return 1;
  }
}
export {
  OPTIONS,
  USAGE,
  run
};
