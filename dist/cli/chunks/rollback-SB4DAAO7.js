import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  openProbeTargets,
  smokeDeployment
} from "./chunk-2WVKI6Y7.js";
import {
  DEFAULT_LOCK_TTL_MS,
  ROLLBACK_PHASES,
  acquireLock,
  call,
  createLedgerDeployment,
  currentRelease,
  findGoodVersion,
  iterateLedger,
  ledgerEntry,
  readLock,
  releaseLock,
  resolveRollbackTarget,
  setLedgerStatus
} from "./chunk-VKAJKWVU.js";
import {
  ManagementApi,
  deployFunctions,
  discoverFunctions
} from "./chunk-PCGNF7TZ.js";
import {
  isReleaseVersion
} from "./chunk-B6S7ISLE.js";
import {
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
  ShiplineError,
  UsageError,
  describeError,
  formatOptions,
  parseArgs
} from "./chunk-4YSQPGXF.js";

// cli/commands/rollback.ts
import { resolve } from "node:path";
import { Octokit } from "@octokit/rest";

// lib/rollback/verify.ts
function productionVerifier(config, targets, deps) {
  return (productionUrl) => deps.logger.group(
    `Smoke on production (${productionUrl ?? targets.baseUrl})`,
    () => smokeDeployment(config, { ...targets, baseUrl: productionUrl ?? targets.baseUrl }, deps)
  );
}

// actions/auto-rollback/checkout.ts
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
function exitOf(child, what, stderr) {
  return new Promise((resolve2, reject) => {
    child.on(
      "error",
      (error) => reject(new ShiplineError("git-archive-failed", `${what} could not start: ${error.message}`))
    );
    child.on(
      "close",
      (code) => code === 0 ? resolve2() : reject(
        new ShiplineError("git-archive-failed", `${what} exited ${code}: ${stderr().trim().slice(0, 500)}`, {
          hint: "Fetch the full history (actions/checkout with fetch-depth: 0) so the target commit is in the clone."
        })
      )
    );
  });
}
async function existsAt(cwd, sha, path) {
  const child = spawn("git", ["cat-file", "-e", `${sha}:${path}`], { cwd, stdio: "ignore" });
  return new Promise((resolve2) => {
    child.on("error", () => resolve2(false));
    child.on("close", (code) => resolve2(code === 0));
  });
}
function gitArchiveCheckout(cwd, functionsDir) {
  return async (sha) => {
    if (!/^[0-9a-f]{40}$/.test(sha)) {
      throw new ShiplineError("invalid-input", `"${sha}" is not a full commit SHA.`);
    }
    const dir = posix.normalize(functionsDir.replace(/\\/g, "/")).replace(/\/$/, "");
    const toml = posix.join(posix.dirname(dir), "config.toml");
    const root = await mkdtemp(join(tmpdir(), "shipline-rollback-src-"));
    try {
      const paths = [dir];
      if (!await existsAt(cwd, sha, dir)) {
        throw new ShiplineError("git-archive-failed", `Commit ${sha.slice(0, 7)} has no ${dir} folder.`, {
          hint: "Check supabase.functions-dir in .github/shipline.yml, and fetch the full history."
        });
      }
      if (await existsAt(cwd, sha, toml)) paths.push(toml);
      let gitErr = "";
      let tarErr = "";
      const git = spawn("git", ["archive", "--format=tar", sha, "--", ...paths], {
        cwd,
        stdio: ["ignore", "pipe", "pipe"]
      });
      const tar = spawn("tar", ["-x", "-f", "-", "-C", root], { stdio: ["pipe", "ignore", "pipe"] });
      git.stderr?.on("data", (d) => {
        gitErr += d;
      });
      tar.stderr?.on("data", (d) => {
        tarErr += d;
      });
      git.stdout?.pipe(tar.stdin);
      await Promise.all([exitOf(git, "git archive", () => gitErr), exitOf(tar, "tar -x", () => tarErr)]);
    } catch (error) {
      await rm(root, { recursive: true, force: true });
      throw error;
    }
    return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
  };
}

// actions/auto-rollback/deps.ts
function buildRollbackDeps(settings) {
  const { config, environment, clock, logger } = settings;
  const env = config.environments[environment];
  const environmentUrl = env?.url;
  const ref = settings.supabaseProjectRef || config.supabase["project-ref"] || "";
  const probe = settings.verify ? openProbeTargets({
    baseUrl: environmentUrl ?? "",
    supabaseUrl: settings.supabaseUrl,
    supabaseAnonKey: settings.supabaseAnonKey,
    databaseUrl: settings.databaseUrl,
    redact: settings.redact
  }) : void 0;
  const deps = {
    octokit: settings.octokit,
    repo: settings.repo,
    clock,
    logger,
    keep: config.rollback.keep,
    production: env?.["vercel-target"] === "production",
    ...environmentUrl ? { environmentUrl } : {},
    ...settings.logUrl ? { logUrl: settings.logUrl } : {},
    requestedBy: settings.requestedBy,
    reason: settings.reason,
    source: settings.source,
    incidents: {
      labels: config.incidents.labels,
      assignees: config.incidents.assignees,
      ...config.project.name ? { projectName: config.project.name } : {}
    },
    ...settings.vercelToken ? {
      vercel: {
        token: settings.vercelToken,
        apiUrl: settings.vercelApiUrl,
        ...config.vercel["team-id"] ? { teamId: config.vercel["team-id"] } : {},
        timeoutMs: config.vercel["build-timeout"] * 1e3,
        serveCheck: {
          fetch: (url, init) => fetch(url, init),
          ...settings.bypassSecret ? { bypassSecret: settings.bypassSecret } : {},
          ...environmentUrl ? { productionUrl: environmentUrl } : {}
        }
      }
    } : {},
    ...settings.supabaseAccessToken && ref ? {
      edge: {
        api: new ManagementApi({ baseUrl: settings.supabaseApiUrl, token: settings.supabaseAccessToken, clock }),
        ref,
        functionsDir: config.supabase["functions-dir"],
        checkout: gitArchiveCheckout(settings.cwd, config.supabase["functions-dir"])
      }
    } : {},
    ...probe ? { verify: productionVerifier(smokeFor(config, environment), probe.targets, { clock, logger }) } : {}
  };
  return { deps, close: async () => probe?.close() };
}

// lib/github/incidents.ts
function incidentMarker(version, environment) {
  return `<!-- shipline-incident version=${encodeURIComponent(version)} environment=${encodeURIComponent(environment)} -->`;
}
var time = (iso) => iso ? iso.replace("T", " ").replace(/\.\d+Z$/, "Z") : "\u2014";
function duration(from, to) {
  if (!to) return void 0;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? `${(ms / 1e3).toFixed(1)} s` : void 0;
}
var link = (text, url) => url ? `[${text}](${url})` : text;
function smokeLines(smoke) {
  if (!smoke) return [];
  const numbers = [
    smoke.errorRate !== void 0 ? `error rate ${(smoke.errorRate * 100).toFixed(1)} %` : void 0,
    smoke.errors !== void 0 && smoke.samples !== void 0 ? `${smoke.errors} of ${smoke.samples} requests failed` : void 0,
    smoke.p95 !== void 0 ? `p95 ${Math.round(smoke.p95)} ms` : void 0
  ].filter(Boolean);
  return [
    `- Smoke verdict: **${smoke.verdict}**${numbers.length ? ` (${numbers.join(", ")})` : ""}`,
    ...smoke.reasons.map((r) => `  - ${r}`)
  ];
}
function incidentTitle(facts) {
  const what = facts.restored ? `rolled back to ${facts.restored.version}` : "deploy failed";
  return `Incident: ${facts.version} in ${facts.environment} \u2014 ${what} (${facts.trigger.reason})`;
}
function renderIncident(facts, options = {}) {
  const t = facts.timeline;
  const outage = duration(t.detected, t.restored);
  const project = options.projectName ? `${options.projectName} ` : "";
  return [
    incidentMarker(facts.version, facts.environment),
    "## Summary",
    "",
    `${project}${facts.version} (${facts.sha.slice(0, 7)}) failed in \`${facts.environment}\`: ${facts.trigger.message}`,
    "",
    `- Trigger: \`${facts.trigger.reason}\``,
    ...smokeLines(facts.smoke),
    `- Failed release: ${facts.version} at \`${facts.sha}\`${facts.failedDeployment.ledgerId ? ` (ledger deployment ${facts.failedDeployment.ledgerId})` : ""} \u2014 ${link("deployment", facts.failedDeployment.url)}`,
    ...facts.restored ? [
      `- Restored release: ${facts.restored.version}${facts.restored.ledgerId ? ` (rollback deployment ${facts.restored.ledgerId})` : ""} \u2014 ${link("deployment", facts.restored.url)}`
    ] : [],
    `- Run: ${link(facts.runUrl ?? "unknown", facts.runUrl)}`,
    "",
    "## Impact",
    "",
    facts.restored ? `Production served ${facts.version} from its promotion until the rollback${outage ? `; ${outage} from detection to restore` : ""}. _Add who was affected and how._` : `Production was not switched to ${facts.version}${t.restored ? "" : " (or could not be restored)"}. _Add who was affected and how._`,
    "",
    "## Timeline",
    "",
    "| When (UTC) | What |",
    "| --- | --- |",
    `| ${time(t.detected)} | Failure detected (${facts.trigger.reason}) |`,
    ...t.rollbackStarted ? [`| ${time(t.rollbackStarted)} | Rollback started |`] : [],
    ...t.restored ? [`| ${time(t.restored)} | Production restored${facts.restored ? ` to ${facts.restored.version}` : ""} |`] : [],
    ...outage ? ["", `Duration from detection to restore: **${outage}**.`] : [],
    "",
    "## Root cause",
    "",
    "_To be written by the responders._",
    "",
    "## Resolution",
    "",
    facts.resolution,
    ...facts.migrations ? ["", facts.migrations] : [],
    "",
    "## Action items",
    "",
    `- [ ] Find and fix the root cause of the failure of ${facts.version}`,
    "- [ ] Add a smoke probe or test that would have caught it earlier",
    `- [ ] Deploy a fixed release to \`${facts.environment}\``,
    ""
  ].join("\n");
}
function renderRecurrence(facts) {
  return [
    `**${facts.version} failed again in \`${facts.environment}\`** at ${time(facts.timeline.detected)} (\`${facts.trigger.reason}\`): ${facts.trigger.message}`,
    "",
    ...smokeLines(facts.smoke),
    ...facts.timeline.restored ? [`- Production restored at ${time(facts.timeline.restored)}`] : [],
    `- Resolution: ${facts.resolution}`,
    `- Run: ${link(facts.runUrl ?? "unknown", facts.runUrl)}`
  ].join("\n");
}
async function findOpenIncident(octokit, repo, version, environment) {
  const marker = incidentMarker(version, environment);
  const issues = await call(
    "list open issues",
    repo,
    () => octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: repo.owner,
      repo: repo.repo,
      state: "open",
      per_page: 100
    })
  );
  const found = issues.find((i) => !i.pull_request && (i.body ?? "").includes(marker));
  return found ? { number: found.number, url: found.html_url } : void 0;
}
async function reportIncident(octokit, repo, facts, options) {
  const open = await findOpenIncident(octokit, repo, facts.version, facts.environment);
  if (open) {
    const comment = await call(
      `comment on incident #${open.number}`,
      repo,
      () => octokit.rest.issues.createComment({
        owner: repo.owner,
        repo: repo.repo,
        issue_number: open.number,
        body: renderRecurrence(facts)
      })
    );
    return { action: "commented", number: open.number, url: comment.data.html_url };
  }
  const created = await call(
    "open the incident issue",
    repo,
    () => octokit.rest.issues.create({
      owner: repo.owner,
      repo: repo.repo,
      title: incidentTitle(facts),
      body: renderIncident(facts, options),
      labels: options.labels,
      ...options.assignees.length > 0 ? { assignees: options.assignees } : {}
    })
  );
  return { action: "opened", number: created.data.number, url: created.data.html_url };
}

// lib/rollback/migrations.ts
function migrationsNote(current, targetVersion, targetHead) {
  const currentHead = current.payload.migrations.head;
  const differs = targetHead !== void 0 && currentHead !== targetHead && currentHead !== null;
  const message = differs ? `Database: migrations after ${targetHead ?? "(none)"} up to ${currentHead} stay applied \u2014 Shipline never runs down-migrations. They are expand-only, so ${targetVersion} runs against the newer schema.` : targetHead === void 0 ? `Database: no migration is rolled back (Shipline never runs down-migrations); the schema stays at ${currentHead ?? "no migration"}.` : `Database: ${current.release.version} and ${targetVersion} share the migration head ${currentHead ?? "(none)"}; nothing to say about the schema.`;
  return { currentHead, targetHead, differs, message };
}

// lib/rollback/restore-edge.ts
async function restoreEdge(edge, sha, recorded, deps) {
  const source = await edge.checkout(sha);
  try {
    const discovery = await discoverFunctions({ root: source.root, functionsDir: edge.functionsDir });
    const outcome = await deployFunctions({
      api: edge.api,
      ref: edge.ref,
      functions: discovery.functions,
      keep: discovery.disabled,
      recorded,
      logger: deps.logger,
      clock: deps.clock
    });
    const local = new Set(discovery.functions.map((f) => f.slug));
    const kept = Object.keys(recorded).filter((slug) => !local.has(slug));
    if (kept.length > 0) {
      deps.logger.warning(`Edge functions ${kept.join(", ")} are not part of ${sha.slice(0, 7)}; left deployed.`);
    }
    return {
      deployed: outcome.details.deployed,
      skipped: outcome.details.skipped,
      failed: outcome.details.failed,
      kept,
      hashes: outcome.details.hashes
    };
  } finally {
    await source.cleanup();
  }
}

// lib/rollback/execute.ts
async function rollback(deps, request) {
  const { clock, logger } = deps;
  const details = {
    environment: request.environment,
    lockTaken: false,
    timeline: {
      started: clock.now().toISOString(),
      ...request.detectedAt ? { detected: request.detectedAt.toISOString() } : {}
    }
  };
  let plan;
  try {
    const resolved = await planRollback(deps, request, details);
    if ("outcome" in resolved) return resolved;
    plan = resolved;
  } catch (error) {
    return failed(
      "api-error",
      `Could not resolve the rollback target of \`${request.environment}\`: ${describeError(error)} Nothing was changed.`,
      details
    );
  }
  details.fromVersion = plan.current.release.version;
  details.targetVersion = plan.target.version;
  details.targetSha = plan.target.sha;
  details.rollbackOf = plan.current.deploymentId;
  details.migrations = migrationsNote(plan.current, plan.target.version, plan.targetMigrationsHead);
  if (plan.rollback) details.rollbackDeploymentId = plan.rollback.deploymentId;
  if (plan.rollback?.state === "success") {
    details.phase = "done";
    return succeeded(
      `\`${request.environment}\` was already rolled back to ${plan.target.version} by deployment ${plan.rollback.deploymentId}; nothing changed.`,
      details,
      "already-done"
    );
  }
  const edgeNeeded = !sameEdge(plan.current.payload.edge, plan.target.edge);
  if (edgeNeeded && !deps.edge) {
    return refused(
      "invalid-input",
      `The edge functions of ${plan.target.version} differ from those of ${plan.current.release.version}, and no Supabase access was given to redeploy them. Nothing was changed; pass a Supabase access token and project ref.`,
      details
    );
  }
  if (plan.target.vercel && !deps.vercel) {
    return refused(
      "invalid-input",
      `${plan.target.version} was served by Vercel deployment ${plan.target.vercel.deploymentId}, and no Vercel token was given. Nothing was changed.`,
      details
    );
  }
  let lockSha;
  try {
    const lock = await holdLock(deps, request, plan, details);
    if ("outcome" in lock) return lock;
    lockSha = lock.releaseSha;
  } catch (error) {
    return failed(
      "api-error",
      `Could not take the lock of \`${request.environment}\`: ${describeError(error)} Nothing was changed.`,
      details
    );
  }
  try {
    return await act(deps, request, plan, details);
  } finally {
    if (lockSha) {
      const released = await releaseLock(deps.octokit, deps.repo, request.environment, lockSha).catch((error) => {
        logger.warning(`Could not release the lock of ${request.environment}: ${describeError(error)}`);
        return false;
      });
      if (!released) logger.warning(`The lock of ${request.environment} was no longer this run's when releasing it.`);
    }
  }
}
async function planRollback(deps, request, details) {
  const { environment } = request;
  if (request.deploymentId !== void 0) {
    const entry = await ledgerEntry(deps, environment, request.deploymentId);
    if (entry?.payload.kind !== "rollback" || entry.payload.rollbackOf === void 0) {
      return refused(
        "deployment-missing",
        `Deployment ${request.deploymentId} is not a Shipline rollback of \`${environment}\`. Nothing was changed.`,
        details
      );
    }
    return planFromRollback(deps, environment, entry, details);
  }
  for await (const entry of iterateLedger(deps.octokit, deps.repo, environment)) {
    if (entry.payload.kind !== "rollback" || entry.payload.source !== request.source) continue;
    if (request.failedDeploymentId !== void 0 && entry.payload.rollbackOf !== request.failedDeploymentId) continue;
    if (request.version !== void 0 && entry.release.version !== request.version) continue;
    deps.logger.info(`Found rollback deployment ${entry.deploymentId} of this run (${entry.state ?? "no status"})`);
    return planFromRollback(deps, environment, entry, details);
  }
  const resolved = await resolveRollbackTarget(deps, environment, request.version, {
    ...request.failedDeploymentId !== void 0 ? { failedDeploymentId: request.failedDeploymentId } : {}
  });
  if (resolved.outcome !== "success" || !resolved.details.current || !resolved.details.target) {
    if (resolved.details.current) details.fromVersion = resolved.details.current.release.version;
    if (resolved.details.goodVersions) details.goodVersions = resolved.details.goodVersions;
    return { ...resolved, details };
  }
  const { current, target } = resolved.details;
  return {
    current,
    target: {
      version: target.release.version,
      sha: target.release.sha,
      vercel: target.payload.vercel,
      edge: target.payload.edge
    },
    targetMigrationsHead: target.payload.migrations.head
  };
}
async function planFromRollback(deps, environment, entry, details) {
  const rollbackOf = entry.payload.rollbackOf;
  const current = await ledgerEntry(deps, environment, rollbackOf);
  if (!current) {
    return refused(
      "deployment-missing",
      `Rollback deployment ${entry.deploymentId} names deployment ${rollbackOf}, which is not in the ledger of \`${environment}\`. Nothing was changed.`,
      details
    );
  }
  const { entry: target } = await findGoodVersion(deps.octokit, deps.repo, environment, entry.release.version);
  return {
    current,
    target: {
      version: entry.release.version,
      sha: entry.release.sha,
      vercel: entry.payload.vercel,
      edge: entry.payload.edge
    },
    targetMigrationsHead: target?.payload.migrations.head,
    rollback: entry
  };
}
async function holdLock(deps, request, plan, details) {
  const { octokit, repo, clock } = deps;
  const { environment } = request;
  if (request.deploymentId !== void 0 || request.heldLockSha !== void 0) {
    const held = await readLock(octokit, repo, environment);
    const lock = held?.lock;
    const ours = request.heldLockSha !== void 0 ? held?.sha === request.heldLockSha : lock !== void 0 && (lock.deploymentId === request.deploymentId || lock.deploymentId === void 0 && lock.purpose === "rollback" && lock.source === plan.rollback?.payload.source);
    if (!ours) {
      if (lock) details.holder = lock;
      return refused(
        lock ? "lock-held" : "lock-not-held",
        lock ? `The lock of \`${environment}\` is held by @${lock.holder} for a ${lock.purpose} (${lock.source}), not for this rollback. Nothing was changed.` : `The lock of \`${environment}\` that this rollback should act under is not held any more. Nothing was changed; start the rollback again.`,
        details
      );
    }
    return {};
  }
  const now = clock.now();
  const content = {
    schema: 1,
    environment,
    holder: request.requestedBy,
    purpose: "rollback",
    reason: request.reason || `rollback to ${plan.target.version}`,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + (deps.lockTtlMs ?? DEFAULT_LOCK_TTL_MS)).toISOString(),
    source: request.source,
    version: plan.target.version,
    ...plan.rollback ? { deploymentId: plan.rollback.deploymentId } : {}
  };
  const claim = await acquireLock(octokit, repo, content);
  if (claim.acquired) {
    details.lockTaken = true;
    if (!plan.rollback && request.failedDeploymentId === void 0) {
      const now2 = await currentRelease(octokit, repo, environment);
      if (now2?.deploymentId !== plan.current.deploymentId) {
        await releaseLock(octokit, repo, environment, claim.sha);
        details.lockTaken = false;
        return refused(
          "ref-changed",
          `\`${environment}\` changed while preparing the rollback (it now runs ${now2?.release.version ?? "nothing"}). Nothing was done; run it again.`,
          details
        );
      }
    }
    return { releaseSha: claim.sha };
  }
  if (claim.holder && claim.holder.source === request.source && claim.holder.purpose === "rollback" && claim.sha) {
    deps.logger.info(`The lock of ${environment} is still held by an earlier attempt of this run; continuing under it`);
    details.lockTaken = true;
    return { releaseSha: claim.sha };
  }
  if (claim.holder) details.holder = claim.holder;
  return refused(
    "lock-held",
    claim.holder ? `\`${environment}\` is locked by @${claim.holder.holder} for a ${claim.holder.purpose}${claim.holder.version ? ` of ${claim.holder.version}` : ""} (${claim.holder.source})${claim.stale ? "; the lock is stale" : ""}. Nothing was changed; retry when it is released.` : `\`${environment}\` is locked and the lock cannot be read. Nothing was changed.`,
    details
  );
}
async function act(deps, request, plan, details) {
  const { octokit, repo, clock, logger } = deps;
  const { environment } = request;
  const since = Date.parse(details.timeline.started);
  let deploymentId = plan.rollback?.deploymentId;
  const status = async (state, phase, detail) => {
    details.phase = phase;
    if (deploymentId === void 0) return;
    await setLedgerStatus(octokit, repo, deploymentId, {
      state,
      phase,
      detail,
      ...deps.logUrl ? { logUrl: deps.logUrl } : {},
      ...state === "success" && (deps.environmentUrl ?? details.vercel?.productionUrl) ? { environmentUrl: deps.environmentUrl ?? details.vercel?.productionUrl } : {}
    });
  };
  const fail = async (reason, phase, message) => {
    await status("failure", phase, message).catch(
      (error) => logger.warning(`Could not record the failure in the ledger: ${describeError(error)}`)
    );
    details.timeline.finished = clock.now().toISOString();
    return failed(reason, message, details);
  };
  const from = plan.current.release.version;
  const to = plan.target.version;
  try {
    if (deploymentId === void 0) {
      const entry = await createLedgerDeployment(octokit, repo, {
        environment,
        payload: {
          schema: 1,
          kind: "rollback",
          version: to,
          sha: plan.target.sha,
          vercel: plan.target.vercel,
          edge: plan.target.edge,
          // Migrations never run down: the database keeps the current release's schema.
          migrations: plan.current.payload.migrations,
          requestedBy: request.requestedBy,
          reason: request.reason,
          source: request.source,
          rollbackOf: plan.current.deploymentId
        },
        production: deps.production,
        transient: false,
        description: `rollback to ${to}`
      });
      deploymentId = entry.deploymentId;
      details.rollbackDeploymentId = deploymentId;
      await status("in_progress", "resolve", `${from} \u2192 ${to}`);
    }
    await status("in_progress", "lock", details.lockTaken ? `taken by ${request.requestedBy}` : "held by the caller");
  } catch (error) {
    return fail("api-error", "lock", `Could not record the rollback in the ledger: ${describeError(error)}`);
  }
  details.timeline.rollbackStarted = clock.now().toISOString();
  const vercel = plan.target.vercel;
  if (vercel && deps.vercel) {
    await status("in_progress", "restore-vercel", `promoting ${vercel.deploymentId}`);
    const promoted = await promoteDeployment({
      ...deps.vercel,
      project: vercel.projectId,
      deployment: vercel.deploymentId,
      clock,
      logger
    });
    const d = promoted.details;
    details.vercel = {
      deploymentId: vercel.deploymentId,
      url: d.url ?? `https://${vercel.url}`,
      servingVerified: d.servingVerified,
      ...d.productionUrl ? { productionUrl: d.productionUrl } : {},
      ...d.previousDeploymentId ? { previousDeploymentId: d.previousDeploymentId } : {}
    };
    if (promoted.outcome !== "success") {
      if (promoted.reason === "deployment-missing") {
        return fail(
          "deployment-missing",
          "restore-vercel",
          `The Vercel deployment ${vercel.deploymentId} recorded for ${to} no longer exists (deleted?). Production was not changed and still serves ${from}; deploy ${to} again with the deploy workflow instead.`
        );
      }
      return fail(
        promoted.reason === "timeout" ? "timeout" : "rollback-failed",
        "restore-vercel",
        `Vercel could not switch production to ${to}: ${promoted.message}`
      );
    }
    logger.info(`Production serves ${to} again (${vercel.deploymentId})`);
  } else {
    await status("in_progress", "restore-vercel", `no Vercel deployment recorded for ${to}`);
  }
  if (!sameEdge(plan.current.payload.edge, plan.target.edge) && deps.edge) {
    await status("in_progress", "restore-edge", `redeploying functions of ${plan.target.sha.slice(0, 7)}`);
    try {
      details.edge = await restoreEdge(deps.edge, plan.target.sha, plan.current.payload.edge, { clock, logger });
    } catch (error) {
      return fail(
        "deploy-edge-failed",
        "restore-edge",
        `Could not redeploy the edge functions of ${to}: ${describeError(error)}`
      );
    }
    if (details.edge.failed.length > 0) {
      return fail(
        "deploy-edge-failed",
        "restore-edge",
        `Edge functions ${details.edge.failed.join(", ")} of ${to} could not be redeployed; Vercel production serves ${to}.`
      );
    }
  } else {
    await status("in_progress", "restore-edge", "edge functions unchanged");
  }
  details.timeline.restored = clock.now().toISOString();
  if (details.migrations?.differs) logger.warning(details.migrations.message);
  else if (details.migrations) logger.info(details.migrations.message);
  if (deps.verify) {
    await status(
      "in_progress",
      "smoke-production",
      `checking ${deps.environmentUrl ?? details.vercel?.productionUrl ?? environment}`
    );
    const smoke = await deps.verify(deps.environmentUrl ?? details.vercel?.productionUrl);
    details.smoke = smoke;
    if (smoke.outcome !== "success") {
      return fail(
        "smoke-failed",
        "smoke-production",
        `Production was restored to ${to}, but its smoke did not pass: ${smoke.message}`
      );
    }
  }
  const seconds = Math.round((clock.now().getTime() - since) / 100) / 10;
  try {
    await status("success", "done", `restored ${to} (rollback of ${from}) in ${seconds} s`);
  } catch (error) {
    return fail(
      "api-error",
      "done",
      `Production serves ${to}, but the ledger could not record it: ${describeError(error)}`
    );
  }
  details.timeline.finished = clock.now().toISOString();
  return succeeded(`Rolled \`${environment}\` back from ${from} to ${to} in ${seconds} s.`, details);
}
function sameEdge(a, b) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

// lib/rollback/auto.ts
async function autoRollback(deps, trigger) {
  if (trigger.kind === "manual") {
    const result = await rollback(deps, {
      environment: trigger.environment,
      ...trigger.version !== void 0 ? { version: trigger.version } : {},
      ...trigger.deploymentId !== void 0 ? { deploymentId: trigger.deploymentId } : {},
      requestedBy: deps.requestedBy,
      reason: deps.reason,
      source: deps.source
    });
    return {
      ...result,
      details: { environment: trigger.environment, rolledBack: result.outcome === "success", rollback: result }
    };
  }
  return finishDeploy(deps, trigger);
}
function tripped(trigger) {
  const bad = (o) => o === "failure" || o === "cancelled";
  if (bad(trigger.migrate))
    return { reason: "migrate-failed", message: `the migrate step ended ${trigger.migrate}.`, phase: "migrate" };
  if (bad(trigger.deploy))
    return { reason: "stage-failed", message: `the deploy step ended ${trigger.deploy}.`, phase: "stage" };
  const phase = trigger.promoted ? "smoke-production" : "smoke-staged";
  if (trigger.smokeVerdict === "fail")
    return {
      reason: "smoke-failed",
      message: `smoke failed on ${trigger.promoted ? "production" : "the staged deployment"}.`,
      phase
    };
  if (trigger.smokeVerdict === "inconclusive") {
    return {
      reason: "too-few-answers",
      message: `smoke was inconclusive on ${trigger.promoted ? "production" : "the staged deployment"}.`,
      phase
    };
  }
  return void 0;
}
async function finishDeploy(deps, trigger) {
  const { logger, clock } = deps;
  const details = { environment: trigger.environment, rolledBack: false };
  try {
    const what = tripped(trigger);
    if (!what) return succeeded(`The deploy to \`${trigger.environment}\` finished; nothing to roll back.`, details);
    details.trigger = { reason: what.reason, message: what.message };
    const detectedAt = clock.now();
    let failedEntry;
    if (trigger.ledgerDeploymentId !== void 0) {
      failedEntry = await ledgerEntry(deps, trigger.environment, trigger.ledgerDeploymentId).catch((error) => {
        logger.warning(`Could not read ledger deployment ${trigger.ledgerDeploymentId}: ${describeError(error)}`);
        return void 0;
      });
    }
    let result;
    if (trigger.promoted && trigger.auto && trigger.ledgerDeploymentId !== void 0) {
      logger.info(`Production was switched and ${what.message} Rolling back.`);
      const rb = await rollback(deps, {
        environment: trigger.environment,
        failedDeploymentId: trigger.ledgerDeploymentId,
        ...trigger.lockSha ? { heldLockSha: trigger.lockSha } : {},
        requestedBy: deps.requestedBy,
        reason: deps.reason || `automatic: ${what.message}`,
        source: deps.source,
        detectedAt
      });
      details.rollback = rb;
      details.rolledBack = rb.outcome === "success";
      result = rb.outcome === "success" ? succeeded(`${what.message} ${rb.message}`, details, rb.reason) : {
        outcome: rb.outcome === "refused" ? "refused" : "failure",
        reason: rb.reason,
        message: `${what.message} The rollback did not complete: ${rb.message}`,
        details
      };
    } else if (trigger.promoted) {
      result = failed(
        what.reason,
        trigger.ledgerDeploymentId === void 0 ? `${what.message} Production was switched, but no ledger-deployment-id was given, so the release to roll back from is unknown.` : `${what.message} Automatic rollback is off (rollback.auto: false): production still serves the failed release.`,
        details
      );
    } else {
      result = succeeded(`${what.message} Production was not switched; nothing to roll back.`, details);
    }
    if (trigger.ledgerDeploymentId !== void 0) {
      const restored = details.rollback?.details.targetVersion;
      await setLedgerStatus(deps.octokit, deps.repo, trigger.ledgerDeploymentId, {
        state: "failure",
        phase: what.phase,
        detail: `${what.message}${details.rolledBack && restored ? ` Rolled back to ${restored}.` : ""}`,
        ...deps.logUrl ? { logUrl: deps.logUrl } : {}
      }).catch((error) => logger.warning(`Could not record the failure in the ledger: ${describeError(error)}`));
    }
    const rerun = details.rollback?.reason === "already-done";
    if (deps.incidents && !rerun && (deps.production || details.rollback)) {
      details.incident = await reportIncident(
        deps.octokit,
        deps.repo,
        incidentFacts(trigger, what, detectedAt, failedEntry, details, deps),
        deps.incidents
      ).catch((error) => {
        logger.warning(`Could not open the incident issue: ${describeError(error)}`);
        return void 0;
      });
      if (details.incident) logger.info(`Incident ${details.incident.action}: ${details.incident.url}`);
    }
    return result;
  } finally {
    if (trigger.lockSha) {
      details.lockReleased = await releaseLock(deps.octokit, deps.repo, trigger.environment, trigger.lockSha).catch(
        (error) => {
          logger.warning(`Could not release the lock of ${trigger.environment}: ${describeError(error)}`);
          return false;
        }
      );
    }
  }
}
function incidentFacts(trigger, what, detectedAt, failedEntry, details, deps) {
  const rb = details.rollback;
  const rd = rb?.details;
  const resolution = !rb ? trigger.promoted ? "Production still serves the failed release (no automatic rollback)." : "Production was not switched; it still serves the previous release." : rb.outcome === "success" ? `Shipline rolled production back to ${rd?.targetVersion}: Vercel production re-pointed to ${rd?.vercel?.deploymentId ?? "the recorded deployment"}${rd?.edge ? `, edge functions redeployed (${rd.edge.deployed.join(", ") || "none changed"})` : ""}${rd?.smoke ? `, smoke on production ${rd.smoke.outcome === "success" ? "passed" : "did not pass"}` : ""}.` : `The automatic rollback did not complete (${rb.reason}): ${rb.message}`;
  return {
    environment: trigger.environment,
    version: failedEntry?.release.version ?? rd?.fromVersion ?? "unknown",
    sha: failedEntry?.release.sha ?? "",
    trigger: what,
    ...smokeFromReport(trigger.smokeReport) ? { smoke: smokeFromReport(trigger.smokeReport) } : {},
    timeline: {
      detected: detectedAt.toISOString(),
      ...rd?.timeline.rollbackStarted ? { rollbackStarted: rd.timeline.rollbackStarted } : {},
      ...rb?.outcome === "success" && rd?.timeline.restored ? { restored: rd.timeline.restored } : {}
    },
    runUrl: deps.source,
    failedDeployment: {
      ...trigger.ledgerDeploymentId !== void 0 ? { ledgerId: trigger.ledgerDeploymentId } : {},
      ...failedEntry?.payload.vercel ? { url: httpsUrl(failedEntry.payload.vercel.url) } : {}
    },
    ...rb?.outcome === "success" && rd?.targetVersion ? {
      restored: {
        version: rd.targetVersion,
        ...rd.rollbackDeploymentId ? { ledgerId: rd.rollbackDeploymentId } : {},
        ...rd.vercel ? { url: rd.vercel.url } : {}
      }
    } : {},
    resolution,
    ...rd?.migrations ? { migrations: rd.migrations.message } : {}
  };
}
var httpsUrl = (url) => /^https?:\/\//.test(url) ? url : `https://${url}`;
function smokeFromReport(report) {
  if (!report) return void 0;
  try {
    const r = JSON.parse(report);
    if (typeof r.verdict !== "string") return void 0;
    return {
      verdict: r.verdict,
      ...typeof r.overall?.errorRate === "number" ? { errorRate: r.overall.errorRate } : {},
      ...typeof r.overall?.p95 === "number" ? { p95: r.overall.p95 } : {},
      ...typeof r.overall?.samples === "number" ? { samples: r.overall.samples } : {},
      ...typeof r.overall?.errors === "number" ? { errors: r.overall.errors } : {},
      reasons: (r.reasons ?? []).map((x) => `${x.code ?? ""}: ${x.message ?? ""}`)
    };
  } catch {
    return void 0;
  }
}

// lib/rollback/report.ts
var ICON = { success: "\u2705", failure: "\u274C", refused: "\u26D4", inconclusive: "\u26A0\uFE0F" };
var cell = (text) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
function renderRollbackMarkdown(outcome) {
  const d = outcome.details;
  const rb = d.rollback?.details;
  const lines = [
    `## ${ICON[outcome.outcome]} Shipline auto-rollback (${d.environment})`,
    "",
    `${cell(outcome.message)} \u2014 \`${outcome.outcome}\` / \`${outcome.reason}\``,
    ""
  ];
  if (d.trigger) lines.push(`**Trigger:** \`${d.trigger.reason}\` \u2014 ${cell(d.trigger.message)}`, "");
  if (rb) {
    const reached = rb.phase ? ROLLBACK_PHASES.indexOf(rb.phase) : -1;
    const ok = d.rollback?.outcome === "success";
    lines.push("| Phase | State |", "| --- | --- |");
    ROLLBACK_PHASES.forEach((phase, i) => {
      const state = i < reached || i === reached && ok ? "\u2705" : i === reached ? ICON[d.rollback?.outcome ?? "failure"] : "\u2014";
      lines.push(`| ${phase} | ${state} |`);
    });
    lines.push("");
    lines.push(
      `| | |`,
      "| --- | --- |",
      `| From | ${rb.fromVersion ?? "\u2014"} |`,
      `| To | ${rb.targetVersion ?? "\u2014"}${rb.targetSha ? ` (\`${rb.targetSha.slice(0, 7)}\`)` : ""} |`,
      `| Rollback deployment | ${rb.rollbackDeploymentId ?? "\u2014"} |`,
      `| Vercel | ${rb.vercel ? `${rb.vercel.deploymentId}${rb.vercel.servingVerified ? " (serving verified)" : ""}` : "\u2014"} |`,
      `| Edge functions | ${rb.edge ? `deployed: ${rb.edge.deployed.join(", ") || "none"}; unchanged: ${rb.edge.skipped.join(", ") || "none"}` : "unchanged"} |`,
      `| Smoke on production | ${rb.smoke ? `${rb.smoke.outcome} (${rb.smoke.reason})` : "not run"} |`,
      ""
    );
    if (rb.migrations) lines.push(`> ${cell(rb.migrations.message)}`, "");
    if (rb.goodVersions?.length)
      lines.push(`Versions that were good: ${rb.goodVersions.map((v) => `\`${v}\``).join(", ")}`, "");
  }
  if (d.incident) lines.push(`Incident: ${d.incident.url} (${d.incident.action})`, "");
  if (d.lockReleased !== void 0)
    lines.push(`Deploy lock released: ${d.lockReleased ? "yes" : "no (not held by this run any more)"}`, "");
  return lines.join("\n");
}

// cli/commands/rollback.ts
var OPTIONS = {
  env: { type: "string", description: "Environment to roll back (default production)" },
  "deployment-id": {
    type: "string",
    description: "Act on a rollback ledger deployment the bot created (under its lock)"
  },
  reason: { type: "string", description: "Why; recorded in the ledger" },
  config: { type: "string", description: `Configuration file (default ${DEFAULT_CONFIG_PATH})` },
  repo: { type: "string", description: "owner/name (default $GITHUB_REPOSITORY)" },
  "no-verify": { type: "boolean", description: "Skip the smoke on production afterwards" },
  json: { type: "boolean", description: "Print the outcome as JSON" },
  verbose: { type: "boolean", short: "v", description: "Show debug output" },
  help: { type: "boolean", short: "h", description: "Show this help" }
};
var USAGE = `Usage: shipline rollback [version] [options]

Rolls an environment back to <version> (it must have been good there) or, without one, to the last known-good
release before the current one: Vercel production re-pointed to the recorded deployment (no rebuild), edge
functions redeployed from the target commit (run inside a clone that has it), migrations never run down, smoke on
production, all recorded in the ledger under the environment lock.
Environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL; VERCEL_TOKEN, VERCEL_API_URL; SUPABASE_ACCESS_TOKEN,
SUPABASE_API_URL, SUPABASE_PROJECT_REF (edge functions); SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_DB_URL,
VERCEL_AUTOMATION_BYPASS_SECRET (smoke). Secrets are never printed.
Exit code 0: rolled back (or already done), 1: failed, 2: usage error, 3: refused (nothing changed).

Options:
${formatOptions(OPTIONS)}
`;
async function run(argv, io = processIO()) {
  const { values, positionals } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const str = (name2) => typeof values[name2] === "string" ? values[name2] : void 0;
  const [version, ...extra] = positionals;
  if (extra.length > 0 || version !== void 0 && !isReleaseVersion(version)) {
    throw new UsageError("usage", "Give at most one version, like v1.2.3 or sha-abc1234", {
      hint: "e.g. shipline rollback v1.2.3 --env production"
    });
  }
  const deploymentId = str("deployment-id");
  if (deploymentId !== void 0 && !/^[1-9]\d*$/.test(deploymentId)) {
    throw new UsageError("usage", `--deployment-id must be a GitHub Deployment id, got "${deploymentId}"`);
  }
  const env = io.env;
  const token = env.GITHUB_TOKEN ?? "";
  const [owner = "", name = ""] = (str("repo") ?? env.GITHUB_REPOSITORY ?? "").split("/");
  if (!token || !owner || !name) {
    throw new UsageError("usage", "Set GITHUB_TOKEN and GITHUB_REPOSITORY (owner/name) or pass --repo", {
      hint: "The ledger and the lock live in the GitHub repository."
    });
  }
  const redactor = new Redactor();
  for (const secret of [
    token,
    env.VERCEL_TOKEN,
    env.SUPABASE_ACCESS_TOKEN,
    env.SUPABASE_ANON_KEY,
    env.SUPABASE_DB_URL,
    env.VERCEL_AUTOMATION_BYPASS_SECRET
  ]) {
    redactor.add(secret);
  }
  redactor.addUrlCredentials(env.SUPABASE_DB_URL);
  const logger = redactingLogger(terminalLogger(io, { verbose: values.verbose === true }), redactor);
  const { config } = await loadConfig(str("config") ?? DEFAULT_CONFIG_PATH, {
    cwd: io.cwd,
    allowMissing: str("config") === void 0
  });
  const environment = str("env") ?? "production";
  const user = env.USER ?? "shipline-cli";
  const { deps, close } = buildRollbackDeps({
    config,
    environment,
    cwd: resolve(io.cwd),
    octokit: new Octokit({ auth: token, baseUrl: env.GITHUB_API_URL ?? "https://api.github.com" }),
    repo: { owner, repo: name },
    vercelToken: env.VERCEL_TOKEN ?? "",
    vercelApiUrl: env.VERCEL_API_URL ?? "https://api.vercel.com",
    supabaseAccessToken: env.SUPABASE_ACCESS_TOKEN ?? "",
    supabaseApiUrl: env.SUPABASE_API_URL ?? "https://api.supabase.com",
    supabaseProjectRef: env.SUPABASE_PROJECT_REF ?? "",
    bypassSecret: env.VERCEL_AUTOMATION_BYPASS_SECRET ?? "",
    supabaseUrl: env.SUPABASE_URL ?? "",
    supabaseAnonKey: env.SUPABASE_ANON_KEY ?? "",
    databaseUrl: env.SUPABASE_DB_URL ?? "",
    verify: values["no-verify"] !== true,
    requestedBy: user,
    reason: str("reason") ?? "",
    // The idempotency key of a terminal rollback: this invocation.
    source: `shipline-cli://${user}/${io.clock.now().toISOString()}`,
    clock: io.clock,
    logger,
    redact: (t) => redactor.redact(t)
  });
  try {
    const outcome = await autoRollback(deps, {
      kind: "manual",
      environment,
      ...version ? { version } : {},
      ...deploymentId ? { deploymentId: Number(deploymentId) } : {}
    });
    io.stdout(
      `${redactor.redact(values.json ? JSON.stringify(outcome, null, 2) : `${renderRollbackMarkdown(outcome)}`)}
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
