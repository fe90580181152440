import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  DEFAULT_LOCK_TTL_MS,
  DEPLOY_PHASES,
  LEDGER_TASK,
  acquireLock,
  breakLock,
  call,
  createLedgerDeployment,
  currentRelease,
  errorMessage,
  errorStatus,
  isLockStale,
  lastKnownGood,
  listLedger,
  lockAgeSeconds,
  parsePhaseDescription,
  phaseIndex,
  readLock,
  readPayload,
  releaseLock,
  resolveRollbackTarget,
  setLedgerStatus
} from "./chunk-VKAJKWVU.js";
import {
  serverCanReach,
  startLocalCloud
} from "./chunk-RBKLGUNU.js";
import {
  runWorkflow
} from "./chunk-H32E4YH2.js";
import {
  isReleaseVersion,
  isVersionTag
} from "./chunk-B6S7ISLE.js";
import {
  SHUTDOWN_SIGNALS,
  onShutdown
} from "./chunk-ST5DBQXP.js";
import {
  failed,
  refused,
  succeeded
} from "./chunk-FI732W4Q.js";
import {
  CHATOPS_COMMANDS,
  DEFAULT_CONFIG_PATH,
  PERMISSION_LEVELS,
  defaultConfig,
  parseConfig
} from "./chunk-B6QXPYAO.js";
import {
  Redactor,
  redactingLogger
} from "./chunk-2AZVKRUL.js";
import {
  processIO,
  systemClock,
  terminalLogger
} from "./chunk-5RPISX4H.js";
import {
  ShiplineError,
  describeError,
  formatOptions,
  parseArgs
} from "./chunk-4YSQPGXF.js";

// cli/commands/start.ts
import { createHash as createHash2 } from "node:crypto";
import { readFile as readFile4, rm as rm5, writeFile as writeFile6 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join as join7, resolve as resolve2 } from "node:path";
import { fileURLToPath, pathToFileURL as pathToFileURL2 } from "node:url";
import { parse as parseYaml3 } from "yaml";

// bot/server.ts
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { resolve } from "node:path";
import { createNodeMiddleware, Probot } from "probot";

// lib/chatops/progress.ts
var TERMINAL = /* @__PURE__ */ new Set(["success", "failure", "error", "inactive"]);
async function followDeployment(deps, deploymentId, run3) {
  const { octokit: octokit2, repo } = deps;
  const view = await readView(deps, deploymentId, run3);
  if (!view) {
    return refused("deployment-missing", `Deployment ${deploymentId} is not a Shipline release.`, void 0);
  }
  if (run3 && run3.status === "completed" && !TERMINAL.has(view.state ?? "")) {
    const detail = `workflow run ${run3.id} ended: ${run3.conclusion ?? "unknown"}`;
    if (run3.conclusion !== "success") {
      await setLedgerStatus(octokit2, repo, deploymentId, {
        state: "error",
        phase: view.phase?.phase ?? "lock",
        detail,
        logUrl: run3.htmlUrl
      });
      return followDeployment(deps, deploymentId);
    }
  }
  if (view.stage === "done" || view.stage === "failed") {
    view.lockReleased = await releaseOwnLock(deps, view);
  }
  if (view.stage === "failed") {
    return failed(
      view.payload.kind === "rollback" ? "rollback-failed" : "api-error",
      `The ${view.payload.kind} of ${view.payload.version} in ${view.environment} ended with ${view.state}.`,
      view
    );
  }
  return succeeded(
    `The ${view.payload.kind} of ${view.payload.version} in ${view.environment} is ${view.stage}.`,
    view
  );
}
async function readView(deps, deploymentId, run3) {
  const { octokit: octokit2, repo } = deps;
  const [deployment, statuses] = await Promise.all([
    call(
      `read deployment ${deploymentId}`,
      repo,
      () => octokit2.rest.repos.getDeployment({ ...repo, deployment_id: deploymentId })
    ),
    call(
      `read the statuses of deployment ${deploymentId}`,
      repo,
      () => octokit2.paginate(octokit2.rest.repos.listDeploymentStatuses, {
        ...repo,
        deployment_id: deploymentId,
        per_page: 100
      })
    )
  ]);
  const payload = readPayload(deployment.data.payload);
  if (!payload) return void 0;
  const ordered = [...statuses].sort((a, b) => b.id - a.id);
  const latest = ordered[0];
  const state = latest?.state;
  const final = ordered.find((s) => TERMINAL.has(s.state) && s.state !== "inactive") ?? (state === "inactive" ? latest : void 0);
  const wasGood = ordered.some((s) => s.state === "success");
  const stage = state === void 0 || state === "queued" || state === "pending" ? run3?.status === "in_progress" ? "running" : "queued" : state === "in_progress" ? "running" : wasGood ? "done" : state === "inactive" ? "done" : "failed";
  let phase;
  for (const s of ordered) {
    phase = parsePhaseDescription(s.description);
    if (phase) break;
  }
  const logUrl = ordered.find((s) => s.log_url)?.log_url ?? run3?.htmlUrl;
  const environmentUrl = ordered.find((s) => s.environment_url)?.environment_url;
  const view = {
    deploymentId,
    environment: deployment.data.environment,
    payload,
    state,
    stage,
    startedAt: deployment.data.created_at
  };
  if (phase) view.phase = phase;
  if (logUrl) view.logUrl = logUrl;
  if (environmentUrl) view.environmentUrl = environmentUrl;
  if (run3) view.run = run3;
  if ((stage === "done" || stage === "failed") && final) {
    view.finishedAt = final.created_at;
    view.seconds = Math.max(0, Math.round((Date.parse(final.created_at) - Date.parse(view.startedAt)) / 1e3));
  }
  if (payload.rollbackOf !== void 0) {
    try {
      const replaced = await octokit2.rest.repos.getDeployment({ ...repo, deployment_id: payload.rollbackOf });
      const from = readPayload(replaced.data.payload)?.version;
      if (from) view.from = from;
    } catch (error) {
      deps.logger.debug(`Could not read the replaced deployment ${payload.rollbackOf}: ${describeError(error)}`);
    }
  }
  return view;
}
async function releaseOwnLock(deps, view) {
  const held = await readLock(deps.octokit, deps.repo, view.environment);
  const lock = held?.lock;
  if (!held || !lock || lock.source !== view.payload.source || lock.purpose !== view.payload.kind) return true;
  if (await releaseLock(deps.octokit, deps.repo, view.environment, held.sha)) {
    deps.logger.info(`Released the ${view.environment} lock taken by ${lock.source}.`);
    return true;
  }
  const after = await readLock(deps.octokit, deps.repo, view.environment);
  return !(after?.lock && after.lock.source === view.payload.source && after.lock.purpose === view.payload.kind);
}

// lib/chatops/comment-url.ts
function parseCommentUrl(url) {
  const match = /\/(?:issues|pull)\/(\d+)#issuecomment-(\d+)$/.exec(url);
  if (!match) return void 0;
  return { issueNumber: Number(match[1]), commentId: Number(match[2]) };
}

// lib/chatops/deployment-issue.ts
var DEPLOYMENT_LABEL = "deployment";
var PLAN_MARKER = "<!-- shipline:plan -->";
var TITLE = /^Deploy (\S+) to ([A-Za-z0-9][A-Za-z0-9._-]*)$/;
function readDeploymentIssue(title, labels) {
  const match = TITLE.exec(title.trim());
  const labelled = labels.some((l) => l.toLowerCase() === DEPLOYMENT_LABEL);
  if (match && isVersionTag(match[1])) return { kind: "target", version: match[1], environment: match[2] };
  if (!labelled) return { kind: "not-deployment" };
  return {
    kind: "unreadable",
    message: `This issue is labelled \`${DEPLOYMENT_LABEL}\`, but its title does not say what to deploy. Title it \`Deploy vX.Y.Z to <env>\` (e.g. \`Deploy v1.4.0 to production\`).`
  };
}
async function planDeployment(deps, version, environment2) {
  const { octokit: octokit2, repo, config } = deps;
  const empty = { version, environment: environment2, commits: [], migrations: [], functions: [] };
  if (!config.environments[environment2]) {
    return refused(
      "unknown-environment",
      `\`${environment2}\` is not an environment of this repository (${Object.keys(config.environments).map((e) => `\`${e}\``).join(", ")}). Retitle the issue.`,
      empty
    );
  }
  let sha;
  try {
    sha = (await octokit2.rest.repos.getCommit({ ...repo, ref: `refs/tags/${version}`, per_page: 1 })).data.sha;
  } catch (error) {
    if (errorStatus(error) !== 404 && errorStatus(error) !== 422) {
      return failed("api-error", `Could not read the tag ${version}: ${error.message}`, empty);
    }
    return refused(
      "unknown-version",
      `There is no tag \`${version}\` yet. Push it, then edit this issue's title to plan again.`,
      empty
    );
  }
  const current = await currentRelease(octokit2, repo, environment2);
  const details = { ...empty, sha };
  if (current) {
    details.current = current.release.version;
    const compare = await call(
      `compare ${current.release.version}...${version}`,
      repo,
      () => octokit2.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${current.release.sha}...${sha}` })
    );
    details.commits = compare.data.commits.map((c) => ({
      sha: c.sha,
      message: c.commit.message.split("\n")[0] ?? "",
      author: c.author?.login ?? c.commit.author?.name ?? ""
    }));
    const files = (compare.data.files ?? []).map((f) => f.filename);
    details.migrations = changedMigrations(config, files);
    details.functions = changedFunctions(config, files);
  }
  return succeeded(`Plan for ${version} to ${environment2}.`, details);
}
function under(dir, file) {
  const prefix = `${dir.replace(/^\.\//, "").replace(/\/+$/, "")}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : void 0;
}
function changedMigrations(config, files) {
  return files.filter((f) => {
    const rest = under(config.supabase["migrations-dir"], f);
    return rest !== void 0 && !rest.includes("/") && rest.endsWith(".sql");
  });
}
function changedFunctions(config, files) {
  const names = /* @__PURE__ */ new Set();
  for (const f of files) {
    const rest = under(config.supabase["functions-dir"], f);
    const name = rest?.split("/")[0];
    if (rest?.includes("/") && name) names.add(name);
  }
  return [...names].sort();
}
function validateItems(config) {
  const v = config.validate;
  const items = [];
  if (v.env.length > 0) items.push(`${v.env.length} environment variable rule(s)`);
  if (v.git) items.push("git state");
  for (const c of v.commands) items.push(`\`${c.name}\``);
  if (v.tls) items.push("TLS expiry");
  if (v.bundle.length > 0) items.push("bundle size");
  if (v.freeze) items.push("freeze windows");
  if (v["blocking-labels"].length > 0) items.push("blocking issues");
  items.push("migration lint");
  return items;
}
function renderPlan(config, plan) {
  const { version, environment: environment2 } = plan;
  const lines = [PLAN_MARKER, `### \u{1F6A2} Plan: ${version} to \`${environment2}\``, ""];
  lines.push(`- **Now live:** ${plan.current ?? "nothing recorded (first release)"}`);
  lines.push(`- **Release:** ${version}${plan.sha ? ` (${plan.sha.slice(0, 7)})` : ""}`);
  lines.push("");
  if (plan.current) {
    lines.push(`#### Commits since ${plan.current} (${plan.commits.length})`, "");
    if (plan.commits.length === 0) lines.push("None.");
    for (const c of plan.commits.slice(0, 50))
      lines.push(`- ${c.sha.slice(0, 7)} ${c.message}${c.author ? ` (@${c.author})` : ""}`);
    if (plan.commits.length > 50) lines.push(`- \u2026 and ${plan.commits.length - 50} more`);
    lines.push("");
    lines.push(
      `#### Migrations (${plan.migrations.length})`,
      "",
      ...plan.migrations.length ? plan.migrations.map((m) => `- \`${m}\``) : ["None."],
      ""
    );
    lines.push(
      `#### Edge functions (${plan.functions.length})`,
      "",
      ...plan.functions.length ? plan.functions.map((f) => `- \`${f}\``) : ["None."],
      ""
    );
  }
  lines.push("#### Checklist", "");
  for (const phase of DEPLOY_PHASES) {
    const note = phase === "validate" ? `: ${validateItems(config).join(", ")}` : phase === "migrate" && plan.current ? `: ${plan.migrations.length} file(s), expand-only` : phase === "deploy-edge" && plan.current ? `: ${plan.functions.length ? plan.functions.join(", ") : "no function changed"}` : "";
    lines.push(`- [ ] **${phase}**${note}`);
  }
  lines.push("", `Start it: \`/deploy ${version} to ${environment2}\``);
  lines.push(
    plan.current ? `Roll back afterwards: \`/rollback ${plan.current} to ${environment2} --reason "..."\`` : "Roll back afterwards: nothing to roll back to yet (first release)."
  );
  return lines.join("\n");
}
function tickChecklist(body, phase, state) {
  const reached = phase ? phaseIndex("deploy", phase) : -1;
  const success = state === "success";
  const broken = state === "failure" || state === "error";
  return body.replace(/^- \[( |x)\] (❌ )?\*\*([a-z-]+)\*\*/gm, (line, _mark, _x, name) => {
    const index = phaseIndex("deploy", name);
    if (index < 0) return line;
    if (success || index < reached) return `- [x] **${name}**`;
    if (broken && index === reached) return `- [ ] \u274C **${name}**`;
    return `- [ ] **${name}**`;
  });
}

// lib/chatops/command.ts
var USAGE = {
  rollback: '/rollback [vX.Y.Z] [to <env>] [--reason "..."]',
  deploy: "/deploy vX.Y.Z to <env>",
  status: "/status [<env>]",
  lock: '/lock <env> [--reason "..."]',
  unlock: "/unlock <env>",
  help: "/help"
};

// lib/chatops/lock-holder.ts
function formatAge(seconds2) {
  if (seconds2 < 60) return `${seconds2} s`;
  const minutes = Math.floor(seconds2 / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
function describeHolder(lock, now) {
  const age = formatAge(lockAgeSeconds(lock, now));
  const what = lock.purpose === "manual" ? "locked it" : `holds it for a ${lock.purpose}${lock.version ? ` of ${lock.version}` : ""}`;
  const reason = lock.reason ? ` ("${lock.reason}")` : "";
  const stale = isLockStale(lock, now) ? ` The lock is stale (it expired ${formatAge(Math.max(0, Math.floor((now.getTime() - Date.parse(lock.expiresAt)) / 1e3)))} ago).` : "";
  return `@${lock.holder} ${what}${reason}, taken ${age} ago from ${lock.source}.${stale}`;
}
function lockHeldRefusal(environment2, holder, now, action, details) {
  if (!holder) {
    return refused(
      "lock-held",
      `\`${environment2}\` is locked, but the lock cannot be read, so I did not ${action}. If no deploy or rollback is running, \`/unlock ${environment2}\` frees it.`,
      details
    );
  }
  const stale = isLockStale(holder, now);
  const next = stale ? `If that run is gone, \`/unlock ${environment2}\` frees it; then try again.` : `Wait for it to finish, or ask @${holder.holder}; \`/unlock ${environment2}\` breaks it if it is stuck.`;
  return refused("lock-held", `\`${environment2}\` is locked: ${describeHolder(holder, now)} ${next}`, details);
}

// lib/chatops/render.ts
function renderWorking(text) {
  return `\u23F3 Working on \`${text}\`\u2026`;
}
function renderProblem(outcome) {
  const title = outcome.outcome === "refused" ? "Not done" : "Failed";
  return `\u{1F615} **${title}** (\`${outcome.reason}\`)

${outcome.message}`;
}
function link(text, url) {
  return url ? `[${text}](${url})` : text;
}
function stageLine(view) {
  switch (view.stage) {
    case "queued":
      return "\u{1F552} queued";
    case "running":
      return `\u{1F3C3} running${view.phase ? `: ${view.phase.phase}${view.phase.detail ? ` (${view.phase.detail})` : ""}` : ""}`;
    case "done":
      return `\u2705 done${view.seconds !== void 0 ? ` in ${view.seconds} s` : ""}`;
    case "failed":
      return `\u274C failed${view.seconds !== void 0 ? ` after ${view.seconds} s` : ""}${view.phase ? ` at ${view.phase.phase}${view.phase.detail ? ` (${view.phase.detail})` : ""}` : ""}`;
  }
}
function renderProgress(view) {
  const p = view.payload;
  const title = p.kind === "rollback" ? `\u23EA Rollback of \`${view.environment}\`${view.from ? ` from ${view.from}` : ""} to **${p.version}**` : `\u{1F6A2} Deploy of **${p.version}** to \`${view.environment}\``;
  const rows = [
    ["State", stageLine(view)],
    ["Requested by", `@${p.requestedBy}${p.reason ? ` \u2014 "${p.reason}"` : ""}`],
    ["Deployment", `${view.deploymentId} (${p.sha.slice(0, 7)})`]
  ];
  const runUrl = view.run?.htmlUrl ?? view.logUrl;
  if (runUrl) rows.push(["Workflow run", link(view.run ? `#${view.run.id}` : "logs", runUrl)]);
  if (p.vercel)
    rows.push([
      "Vercel deployment",
      link(p.vercel.deploymentId, p.vercel.url.startsWith("http") ? p.vercel.url : `https://${p.vercel.url}`)
    ]);
  if (view.environmentUrl) rows.push(["Environment", link(view.environmentUrl, view.environmentUrl)]);
  if (view.stage === "done" || view.stage === "failed") {
    rows.push(["Lock", view.lockReleased ? "released" : `still held: \`/unlock ${view.environment}\` frees it`]);
  }
  const table = ["| | |", "|---|---|", ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, "\\|")} |`)].join("\n");
  const next = view.stage === "failed" ? `

The ${p.kind} did not finish. Check the run's log; \`/status ${view.environment}\` shows what is live now.` : "";
  return `### ${title}

${table}${next}`;
}
function entryRow(e) {
  const by = e.payload.requestedBy ? `@${e.payload.requestedBy}` : e.creator ? `@${e.creator}` : "";
  return `| ${e.release.version} | ${e.payload.kind} | ${e.state ?? "no status"} | ${e.createdAt} | ${by} | ${e.deploymentId} |`;
}
function renderEnvironmentStatus(status, now) {
  const lines = [`### \`${status.environment}\``, ""];
  lines.push(
    `- **Current release:** ${status.current ? `${status.current.release.version} (${status.current.release.sha.slice(0, 7)}, deployment ${status.current.deploymentId})` : "none recorded"}`
  );
  lines.push(
    `- **Last known-good before it:** ${status.lastKnownGood ? `${status.lastKnownGood.release.version} \u2014 \`/rollback to ${status.environment}\` restores it` : "none"}`
  );
  if (!status.lock) lines.push("- **Lock:** free");
  else if (!status.lock.lock) lines.push(`- **Lock:** held, unreadable \u2014 \`/unlock ${status.environment}\` frees it`);
  else lines.push(`- **Lock:** ${describeHolder(status.lock.lock, now)}`);
  if (status.vercelPin) {
    lines.push(
      `- **Vercel:** production is pinned to ${status.vercelPin.deploymentId} by the rollback; the next promote unpins it`
    );
  }
  lines.push("");
  if (status.recent.length === 0) {
    lines.push("No releases recorded yet.");
  } else {
    lines.push("| Version | Kind | State | Created | By | Deployment |", "|---|---|---|---|---|---|");
    for (const e of status.recent) lines.push(entryRow(e));
  }
  return lines.join("\n");
}
function renderStatus(statuses, now) {
  return `\u{1F4CB} **Status**

${statuses.map((s) => renderEnvironmentStatus(s, now)).join("\n\n")}`;
}
function renderHelp(config, lockTtlMs = 36e5) {
  const enabled = new Set(config.chatops.commands);
  const rows = Object.keys(USAGE).filter((name) => enabled.has(name)).map((name) => `| \`${USAGE[name]}\` | ${HELP_TEXT[name]} |`);
  const envs = Object.entries(config.environments).map(([name, env]) => `\`${name}\`: ${env["required-permission"]}`).join(", ");
  return [
    "\u{1F916} **Shipline commands** (first line of a comment, exactly as written)",
    "",
    "| Command | What it does |",
    "|---|---|",
    ...rows,
    "",
    `Who may change an environment (repository role or higher): ${envs}. \`/status\` and \`/help\` are open to everyone.`,
    `Locks expire after ${formatAge(Math.floor(lockTtlMs / 1e3))} unless released; \`/unlock <env>\` breaks one.`
  ].join("\n");
}
var HELP_TEXT = {
  rollback: "Restores a release that was good in the environment (default: the last known-good before the current one).",
  deploy: "Runs the deploy workflow for a release tag.",
  status: "Current release, last known-good, lock and the last five releases.",
  lock: "Holds the environment: deploys and rollbacks are refused until `/unlock`.",
  unlock: "Frees the environment lock, whoever holds it.",
  help: "This list."
};

// lib/chatops/deployment-issue-sync.ts
async function postPlan(deps, issue) {
  const target = readDeploymentIssue(issue.title, issue.labels);
  if (target.kind === "not-deployment") return refused("invalid-input", "Not a deployment issue.", {});
  let body;
  let outcome;
  if (target.kind === "unreadable") {
    outcome = refused("invalid-input", target.message, {});
    body = `${PLAN_MARKER}
${renderProblem(outcome)}`;
  } else {
    const plan = await planDeployment(deps, target.version, target.environment);
    outcome = { ...plan, details: {} };
    body = plan.outcome === "success" ? renderPlan(deps.config, plan.details) : `${PLAN_MARKER}
${renderProblem(plan)}`;
  }
  const existing = await findPlan(deps, issue.number);
  if (existing) {
    await call(
      "update the plan",
      deps.repo,
      () => deps.octokit.rest.issues.updateComment({ ...deps.repo, comment_id: existing.id, body })
    );
    return { ...outcome, details: { commentId: existing.id } };
  }
  const res = await call(
    "post the plan",
    deps.repo,
    () => deps.octokit.rest.issues.createComment({ ...deps.repo, issue_number: issue.number, body })
  );
  return { ...outcome, details: { commentId: res.data.id } };
}
async function findPlan(deps, issueNumber) {
  const comments = await call(
    "read the issue comments",
    deps.repo,
    () => deps.octokit.paginate(deps.octokit.rest.issues.listComments, {
      ...deps.repo,
      issue_number: issueNumber,
      per_page: 100
    })
  );
  const plan = comments.find((c) => c.body?.startsWith(PLAN_MARKER));
  return plan ? { id: plan.id, body: plan.body ?? "" } : void 0;
}
async function syncDeploymentIssues(deps, view) {
  if (view.payload.kind !== "deploy")
    return refused("invalid-input", "Only deploys have deployment issues.", { issues: [], closed: [] });
  const open = await call(
    "list open issues",
    deps.repo,
    () => deps.octokit.paginate(deps.octokit.rest.issues.listForRepo, { ...deps.repo, state: "open", per_page: 100 })
  );
  const issues = [];
  const closed = [];
  for (const issue of open) {
    if (issue.pull_request) continue;
    const labels = issue.labels.map((l) => typeof l === "string" ? l : l.name ?? "");
    const target = readDeploymentIssue(issue.title, labels);
    if (target.kind !== "target" || target.version !== view.payload.version || target.environment !== view.environment)
      continue;
    issues.push(issue.number);
    const plan = await findPlan(deps, issue.number);
    if (plan) {
      const phase = view.stage === "done" ? "done" : view.phase?.phase;
      const body = tickChecklist(plan.body, phase, view.state ?? "");
      if (body !== plan.body) {
        await call(
          "tick the checklist",
          deps.repo,
          () => deps.octokit.rest.issues.updateComment({ ...deps.repo, comment_id: plan.id, body })
        );
      }
    }
    if (view.stage === "done") {
      await call(
        "close the deployment issue",
        deps.repo,
        () => deps.octokit.rest.issues.update({
          ...deps.repo,
          issue_number: issue.number,
          state: "closed",
          state_reason: "completed"
        })
      );
      closed.push(issue.number);
    }
  }
  return succeeded(`${issues.length} deployment issue(s) updated.`, { issues, closed });
}

// lib/chatops/reply-thread.ts
function replyMarker(commentId) {
  return `<!-- shipline:reply-to=${commentId} -->`;
}
async function createReply(octokit2, repo, issueNumber, commentId, body) {
  const res = await call(
    "reply to the command",
    repo,
    () => octokit2.rest.issues.createComment({
      ...repo,
      issue_number: issueNumber,
      body: `${replyMarker(commentId)}
${body}`
    })
  );
  return res.data.id;
}
async function editReply(octokit2, repo, replyId, commentId, body) {
  await call(
    "edit the reply",
    repo,
    () => octokit2.rest.issues.updateComment({ ...repo, comment_id: replyId, body: `${replyMarker(commentId)}
${body}` })
  );
}
async function findReply(octokit2, repo, issueNumber, commentId) {
  const marker = replyMarker(commentId);
  const comments = await call(
    "read the issue comments",
    repo,
    () => octokit2.paginate(octokit2.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 })
  );
  return comments.find((c) => c.body?.startsWith(marker))?.id;
}
async function upsertReply(octokit2, repo, issueNumber, commentId, body) {
  const existing = await findReply(octokit2, repo, issueNumber, commentId);
  if (existing === void 0) return createReply(octokit2, repo, issueNumber, commentId, body);
  await editReply(octokit2, repo, existing, commentId, body);
  return existing;
}
async function react(octokit2, repo, commentId, content) {
  const res = await call(
    `react ${content}`,
    repo,
    () => octokit2.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content })
  );
  return res.status === 201;
}

// lib/chatops/publish-progress.ts
async function publishProgress(deps, view) {
  let replyId;
  const comment = parseCommentUrl(view.payload.source);
  if (comment) {
    replyId = await upsertReply(deps.octokit, deps.repo, comment.issueNumber, comment.commentId, renderProgress(view));
    if (view.stage === "done") await react(deps.octokit, deps.repo, comment.commentId, "rocket");
    if (view.stage === "failed") await react(deps.octokit, deps.repo, comment.commentId, "confused");
  }
  if (view.payload.kind === "deploy") await syncDeploymentIssues(deps, view);
  return {
    outcome: "success",
    reason: "ok",
    message: `Progress of deployment ${view.deploymentId} shown.`,
    details: replyId === void 0 ? {} : { replyId }
  };
}

// lib/chatops/deps.ts
var DEFAULT_WORKFLOWS = { rollback: "rollback.yml", deploy: "deploy.yml" };

// lib/chatops/repo-config.ts
async function loadRepoConfig(octokit2, repo, ref) {
  let text;
  try {
    const res = await octokit2.rest.repos.getContent({
      ...repo,
      path: DEFAULT_CONFIG_PATH,
      ...ref ? { ref } : {}
    });
    const data = res.data;
    if (data.type !== "file" || typeof data.content !== "string") return defaultConfig();
    text = Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8").toString("utf8");
  } catch (error) {
    if (errorStatus(error) === 404) return defaultConfig();
    return call(`read ${DEFAULT_CONFIG_PATH}`, repo, () => Promise.reject(error));
  }
  return parseConfig(text, DEFAULT_CONFIG_PATH);
}

// bot/context.ts
function probotLogger(log) {
  return {
    debug: (m) => log.debug(m),
    info: (m) => log.info(m),
    warning: (m) => log.warn(m),
    error: (m) => log.error(m),
    group: (_title, fn) => fn()
  };
}
function repoOf(context) {
  const payload = context.payload;
  return { owner: payload.repository.owner.login, repo: payload.repository.name };
}
async function depsFor(context, options) {
  const octokit2 = context.octokit;
  const repo = repoOf(context);
  const payload = context.payload;
  const defaultBranch = payload.repository.default_branch ?? "main";
  const config = await loadRepoConfig(octokit2, repo, defaultBranch);
  return {
    octokit: octokit2,
    repo,
    config,
    logger: probotLogger(context.log),
    clock: options.clock ?? systemClock,
    defaultBranch,
    workflows: { ...DEFAULT_WORKFLOWS, ...options.workflows },
    lockTtlMs: options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS
  };
}

// bot/handlers/deployment-status.ts
async function onDeploymentStatus(context, options) {
  const { deployment } = context.payload;
  if (!readPayload(deployment.payload)) return "ignored";
  const deps = await depsFor(context, options);
  const followed = await followDeployment(deps, deployment.id);
  if (!followed.details) return "ignored";
  await publishProgress(deps, followed.details);
  return followed.details.stage;
}

// lib/chatops/authorize.ts
function permissionRank(level) {
  return PERMISSION_LEVELS.indexOf(level) + 1;
}
function roleFrom(data) {
  if (typeof data.role_name === "string" && permissionRank(data.role_name) > 0) {
    return data.role_name;
  }
  const flags = data.user?.permissions ?? {};
  const byFlag = [
    ["admin", "admin"],
    ["maintain", "maintain"],
    ["push", "write"],
    ["triage", "triage"],
    ["pull", "read"]
  ];
  for (const [flag, level] of byFlag) if (flags[flag] === true) return level;
  if (typeof data.permission === "string" && permissionRank(data.permission) > 0) {
    return data.permission;
  }
  return "none";
}
async function authorize(deps, login, environment2, action) {
  const required = deps.config.environments[environment2]?.["required-permission"] ?? "write";
  let role;
  try {
    const { data } = await deps.octokit.rest.repos.getCollaboratorPermissionLevel({
      ...deps.repo,
      username: login
    });
    role = roleFrom(data);
  } catch (error) {
    const status = errorStatus(error);
    deps.logger.warning(`Permission lookup for ${login} failed: ${errorMessage(error)}`);
    return refused(
      "permission-unknown",
      `I could not check @${login}'s permission on this repository (GitHub answered ${status ?? "nothing"}: ${errorMessage(error)}), so I did not ${action}. Try again in a minute; if it keeps failing, check that the app may read collaborators.`,
      { login, environment: environment2, role: void 0, required }
    );
  }
  if (permissionRank(role) >= permissionRank(required)) {
    return succeeded(`@${login} (${role}) may ${action} in ${environment2}.`, { login, environment: environment2, role, required });
  }
  return refused(
    "permission-denied",
    `@${login} has the \`${role}\` role here; to ${action} in \`${environment2}\` you need \`${required}\` or higher. Ask someone with that role to run it, or to grant it to you.`,
    { login, environment: environment2, role, required }
  );
}

// lib/chatops/dispatch.ts
async function dispatchWorkflow(octokit2, repo, workflow, ref, inputs) {
  const res = await call(
    `dispatch ${workflow} on ${ref}`,
    repo,
    () => octokit2.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
      owner: repo.owner,
      repo: repo.repo,
      workflow_id: workflow,
      ref,
      inputs,
      return_run_details: true
    })
  );
  const data = res.data;
  const run3 = {};
  if (typeof data?.workflow_run_id === "number") run3.runId = data.workflow_run_id;
  if (typeof data?.html_url === "string") run3.htmlUrl = data.html_url;
  return run3;
}

// lib/chatops/deploy.ts
async function requestDeploy(deps, requester, version, environment2) {
  const { octokit: octokit2, repo } = deps;
  try {
    await octokit2.rest.git.getRef({ ...repo, ref: `tags/${version}` });
  } catch (error) {
    if (errorStatus(error) !== 404) await call(`read the tag ${version}`, repo, () => Promise.reject(error));
    return refused(
      "unknown-version",
      `There is no tag \`${version}\` in this repository. Push it first (\`git tag ${version} && git push origin ${version}\`), then run \`/deploy ${version} to ${environment2}\` again.`,
      { environment: environment2, version }
    );
  }
  const lock = await readLock(octokit2, repo, environment2);
  if (lock) {
    return lockHeldRefusal(environment2, lock.lock, deps.clock.now(), `deploy ${version}`, { environment: environment2, version });
  }
  const run3 = await dispatchWorkflow(octokit2, repo, deps.workflows.deploy, `refs/tags/${version}`, {
    version,
    environment: environment2,
    "requested-by": requester.login,
    source: requester.source
  });
  return succeeded(`Deploying ${version} to \`${environment2}\`: ${deps.workflows.deploy} dispatched.`, {
    environment: environment2,
    version,
    run: run3
  });
}

// lib/chatops/environment.ts
function resolveEnvironment(config, name) {
  const known = Object.keys(config.environments);
  const list = known.map((e) => `\`${e}\``).join(", ");
  if (name === void 0) {
    if (known.includes("production")) return succeeded("production", { environment: "production" });
    if (known.length === 1) return succeeded(known[0], { environment: known[0] });
    return refused("unknown-environment", `Name the environment with \`to <env>\`: one of ${list}.`, {
      environment: ""
    });
  }
  if (known.includes(name)) return succeeded(name, { environment: name });
  return refused(
    "unknown-environment",
    `\`${name}\` is not an environment of this repository. Configured in .github/shipline.yml: ${list}.`,
    { environment: name }
  );
}

// lib/chatops/lock-commands.ts
async function lockEnvironment(deps, requester, environment2, reason) {
  const now = deps.clock.now();
  const content = {
    schema: 1,
    environment: environment2,
    holder: requester.login,
    purpose: "manual",
    reason: reason ?? "",
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.lockTtlMs).toISOString(),
    source: requester.source
  };
  const claim = await acquireLock(deps.octokit, deps.repo, content);
  if (!claim.acquired) {
    return lockHeldRefusal(environment2, claim.holder, now, "lock it", {
      environment: environment2,
      ...claim.holder ? { holder: claim.holder } : {}
    });
  }
  return succeeded(
    `\`${environment2}\` is locked by @${requester.login}${reason ? ` ("${reason}")` : ""}: deploys and rollbacks are refused until \`/unlock ${environment2}\` (or until it expires, ${formatAge(Math.floor(deps.lockTtlMs / 1e3))} from now).`,
    { environment: environment2, lock: claim.lock }
  );
}
async function unlockEnvironment(deps, environment2) {
  const now = deps.clock.now();
  const current = await readLock(deps.octokit, deps.repo, environment2);
  if (!current) {
    return refused("lock-not-held", `\`${environment2}\` is not locked; there is nothing to unlock.`, { environment: environment2 });
  }
  await breakLock(deps.octokit, deps.repo, environment2);
  if (!current.lock) {
    return succeeded(`Broke an unreadable lock on \`${environment2}\`.`, { environment: environment2 });
  }
  const ageSeconds = lockAgeSeconds(current.lock, now);
  const stale = isLockStale(current.lock, now);
  return succeeded(
    `Unlocked \`${environment2}\`. The lock was ${formatAge(ageSeconds)} old${stale ? " and stale" : ""}: ${describeHolder(current.lock, now)}${current.lock.purpose === "manual" || stale ? "" : " If that run is still going, it will not release the lock itself now."}`,
    { environment: environment2, broken: current.lock, ageSeconds, stale }
  );
}

// lib/chatops/resolve-target.ts
async function resolveRollbackTarget2(deps, environment2, version) {
  return resolveRollbackTarget(
    { octokit: deps.octokit, repo: deps.repo, keep: deps.config.rollback.keep },
    environment2,
    version
  );
}

// lib/chatops/rollback.ts
async function requestRollback(deps, requester, request) {
  const { octokit: octokit2, repo, clock } = deps;
  const environment2 = request.environment;
  const resolved = await resolveRollbackTarget2(deps, environment2, request.version);
  if (resolved.outcome !== "success" || !resolved.details.target || !resolved.details.current) {
    return {
      ...resolved,
      details: {
        environment: environment2,
        ...resolved.details.current ? { from: resolved.details.current.release.version } : {},
        ...resolved.details.goodVersions ? { goodVersions: resolved.details.goodVersions } : {}
      }
    };
  }
  const { current, target } = resolved.details;
  const reason = request.reason ?? "";
  const now = clock.now();
  const content = {
    schema: 1,
    environment: environment2,
    holder: requester.login,
    purpose: "rollback",
    reason: reason || `rollback to ${target.release.version}`,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.lockTtlMs).toISOString(),
    source: requester.source,
    version: target.release.version
  };
  const claim = await acquireLock(octokit2, repo, content);
  if (!claim.acquired) {
    return lockHeldRefusal(environment2, claim.holder, now, "roll back", {
      environment: environment2,
      version: target.release.version,
      from: current.release.version,
      ...claim.holder ? { holder: claim.holder } : {}
    });
  }
  const base = { environment: environment2, version: target.release.version, from: current.release.version };
  let deploymentId;
  try {
    const newer = await newerDeployment(deps, environment2, current.deploymentId);
    if (newer !== void 0) {
      await releaseLock(octokit2, repo, environment2, claim.sha);
      return refused(
        "ref-changed",
        `\`${environment2}\` changed while I was preparing the rollback (deployment ${newer} is newer than ${current.release.version}). Nothing was done; run the command again.`,
        base
      );
    }
    const entry = await createLedgerDeployment(octokit2, repo, {
      environment: environment2,
      payload: rollbackPayload(current, target, requester, reason),
      production: deps.config.environments[environment2]?.["vercel-target"] === "production",
      transient: false,
      description: `rollback to ${target.release.version}`
    });
    deploymentId = entry.deploymentId;
    const run3 = await dispatchWorkflow(octokit2, repo, deps.workflows.rollback, deps.defaultBranch, {
      "deployment-id": String(entry.deploymentId),
      environment: environment2,
      version: target.release.version
    });
    await setLedgerStatus(octokit2, repo, entry.deploymentId, {
      state: "queued",
      phase: "lock",
      detail: run3.runId ? `workflow run ${run3.runId} started` : `${deps.workflows.rollback} dispatched`,
      ...run3.htmlUrl ? { logUrl: run3.htmlUrl } : {}
    });
    return succeeded(`Rolling \`${environment2}\` back from ${current.release.version} to ${target.release.version}.`, {
      ...base,
      deploymentId: entry.deploymentId,
      rollbackOf: current.deploymentId,
      run: run3
    });
  } catch (error) {
    deps.logger.error(`Rollback of ${environment2} failed after taking the lock: ${describeError(error)}`);
    if (deploymentId !== void 0) {
      await setLedgerStatus(octokit2, repo, deploymentId, {
        state: "error",
        phase: "lock",
        detail: `could not start the rollback workflow: ${describeError(error).split("\n")[0]}`
      }).catch((e) => deps.logger.warning(`Could not mark deployment ${deploymentId} as error: ${describeError(e)}`));
    }
    const released = await releaseLock(octokit2, repo, environment2, claim.sha).catch(() => false);
    return failed(
      "api-error",
      `The rollback of \`${environment2}\` to ${target.release.version} could not start: ${describeError(error)}${released ? " The lock was released; nothing changed in production. Try again." : ` The lock could not be released; \`/unlock ${environment2}\` frees it.`}`,
      { ...base, ...deploymentId !== void 0 ? { deploymentId } : {}, rollbackOf: current.deploymentId }
    );
  }
}
function rollbackPayload(current, target, requester, reason) {
  return {
    schema: 1,
    kind: "rollback",
    version: target.release.version,
    sha: target.release.sha,
    vercel: target.payload.vercel,
    edge: target.payload.edge,
    // Migrations never run down: the database keeps the current release's schema.
    migrations: current.payload.migrations,
    requestedBy: requester.login,
    reason,
    source: requester.source,
    rollbackOf: current.deploymentId
  };
}
async function newerDeployment(deps, environment2, deploymentId) {
  const res = await call(
    `list the deployments of ${environment2}`,
    deps.repo,
    () => deps.octokit.rest.repos.listDeployments({ ...deps.repo, environment: environment2, task: LEDGER_TASK, per_page: 1 })
  );
  const newest = res.data[0];
  return newest && newest.id > deploymentId ? newest.id : void 0;
}

// lib/chatops/status.ts
async function environmentStatus(deps, environment2) {
  const [recent, lock] = await Promise.all([
    listLedger(deps.octokit, deps.repo, environment2, { limit: 5 }),
    readLock(deps.octokit, deps.repo, environment2)
  ]);
  let current = recent.find((e) => e.state === "success");
  if (!current && recent.length === 5) {
    const older = await listLedger(deps.octokit, deps.repo, environment2, { limit: 50 });
    current = older.find((e) => e.state === "success");
  }
  const good = current ? await lastKnownGood(deps.octokit, deps.repo, environment2, { before: current.deploymentId }) : void 0;
  const status = { environment: environment2, recent };
  if (current) status.current = current;
  if (good) status.lastKnownGood = good;
  if (lock) status.lock = lock.lock ? { lock: lock.lock } : {};
  if (current?.payload.kind === "rollback" && current.payload.vercel) {
    status.vercelPin = { deploymentId: current.payload.vercel.deploymentId, url: current.payload.vercel.url };
  }
  return status;
}
async function statusReport(deps, environments) {
  const list = await Promise.all(environments.map((e) => environmentStatus(deps, e)));
  return succeeded(`Status of ${environments.join(", ")}.`, { environments: list });
}

// lib/chatops/run-command.ts
var ACTIONS = {
  rollback: "roll back",
  deploy: "deploy",
  lock: "lock it",
  unlock: "unlock it"
};
async function runCommand(deps, command, requester) {
  try {
    return await run(deps, command, requester);
  } catch (error) {
    deps.logger.error(`${command.name} failed: ${describeError(error)}`);
    const outcome = failed(
      "api-error",
      `Something failed while handling \`/${command.name}\`: ${describeError(error)} Try again in a minute; if \`/status\` shows a lock this command took, \`/unlock\` frees it.`,
      {}
    );
    return { outcome, body: renderProblem(outcome) };
  }
}
async function run(deps, command, requester) {
  if (!deps.config.chatops.commands.includes(command.name)) {
    const enabled = deps.config.chatops.commands.map((c) => `\`/${c}\``).join(", ");
    const outcome = refused(
      "invalid-command",
      `\`/${command.name}\` is turned off in .github/shipline.yml (chatops.commands). Enabled: ${enabled}.`,
      {}
    );
    return { outcome, body: renderProblem(outcome) };
  }
  if (command.name === "help") {
    return {
      outcome: { outcome: "success", reason: "ok", message: "help", details: {} },
      body: renderHelp(deps.config)
    };
  }
  if (command.name === "status") {
    let environments = Object.keys(deps.config.environments);
    if (command.environment !== void 0) {
      const env2 = resolveEnvironment(deps.config, command.environment);
      if (env2.outcome !== "success") return { outcome: env2, body: renderProblem(env2) };
      environments = [env2.details.environment];
    }
    const outcome = await statusReport(deps, environments);
    return { outcome, body: renderStatus(outcome.details.environments, deps.clock.now()) };
  }
  const env = resolveEnvironment(deps.config, command.environment);
  if (env.outcome !== "success")
    return { outcome: env, body: `${renderProblem(env)}

Usage: \`${USAGE[command.name]}\`` };
  const environment2 = env.details.environment;
  const auth = await authorize(deps, requester.login, environment2, ACTIONS[command.name]);
  if (auth.outcome !== "success") return { outcome: auth, body: renderProblem(auth) };
  switch (command.name) {
    case "rollback": {
      const outcome = await requestRollback(deps, requester, {
        environment: environment2,
        ...command.version !== void 0 ? { version: command.version } : {},
        ...command.reason !== void 0 ? { reason: command.reason } : {}
      });
      const id = outcome.details.deploymentId;
      if (outcome.outcome !== "success" || id === void 0) return { outcome, body: renderProblem(outcome) };
      const progress = await followDeployment(deps, id);
      const body = progress.details ? renderProgress(progress.details) : `\u{1F552} ${outcome.message}`;
      return { outcome, body, deploymentId: id };
    }
    case "deploy": {
      const outcome = await requestDeploy(deps, requester, command.version, environment2);
      if (outcome.outcome !== "success") return { outcome, body: renderProblem(outcome) };
      const run3 = outcome.details.run?.htmlUrl;
      return { outcome, body: `\u{1F6A2} ${outcome.message}${run3 ? ` [Workflow run](${run3})` : ""}` };
    }
    case "lock": {
      const outcome = await lockEnvironment(deps, requester, environment2, command.reason);
      return { outcome, body: outcome.outcome === "success" ? `\u{1F512} ${outcome.message}` : renderProblem(outcome) };
    }
    case "unlock": {
      const outcome = await unlockEnvironment(deps, environment2);
      return { outcome, body: outcome.outcome === "success" ? `\u{1F513} ${outcome.message}` : renderProblem(outcome) };
    }
  }
}

// bot/commands.ts
var ENV_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
var MAX_REASON_LENGTH = 200;
var GrammarError = class {
  constructor(message) {
    this.message = message;
  }
  message;
};
function parseCommand(body) {
  if (typeof body !== "string") return { kind: "none" };
  const firstLine = (body.split(/\r?\n|\r/, 1)[0] ?? "").replace(/^[ \t]+|[ \t]+$/g, "");
  const match = /^\/([a-z]+)(?=[ \t]|$)/.exec(firstLine);
  const name = match?.[1];
  if (!name || !CHATOPS_COMMANDS.includes(name)) return { kind: "none" };
  const commandName = name;
  try {
    const tokens = tokenize(firstLine.slice(name.length + 1));
    return { kind: "command", command: build(commandName, tokens) };
  } catch (error) {
    const message = error instanceof GrammarError ? error.message : "The command could not be read.";
    return {
      kind: "refusal",
      name: commandName,
      reason: "invalid-command",
      message: `${message} Write it as \`${USAGE[commandName]}\`.`,
      usage: USAGE[commandName]
    };
  }
}
function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "	") {
      i++;
      continue;
    }
    if (c === '"') {
      let value = "";
      i++;
      let closed = false;
      while (i < text.length) {
        const d = text[i];
        if (d === "\\" && (text[i + 1] === '"' || text[i + 1] === "\\")) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        value += d;
        i++;
      }
      if (!closed) throw new GrammarError('The quoted text is not closed (a `"` is missing).');
      if (i < text.length && text[i] !== " " && text[i] !== "	") {
        throw new GrammarError('Put a space after the closing `"`.');
      }
      tokens.push({ text: value, quoted: true });
      continue;
    }
    let word = "";
    while (i < text.length && text[i] !== " " && text[i] !== "	") {
      if (text[i] === '"') throw new GrammarError('A `"` may only start a quoted reason.');
      word += text[i];
      i++;
    }
    tokens.push({ text: word, quoted: false });
  }
  return tokens;
}
var Reader = class {
  constructor(tokens) {
    this.tokens = tokens;
  }
  tokens;
  index = 0;
  peek() {
    return this.tokens[this.index];
  }
  next() {
    return this.tokens[this.index++];
  }
  done() {
    return this.index >= this.tokens.length;
  }
};
function show(token) {
  const text = token.quoted ? `"${token.text}"` : token.text;
  return `\`${text.length > 40 ? `${text.slice(0, 39)}\u2026` : text}\``;
}
function environment(token, what) {
  if (!token) throw new GrammarError(`${what} is missing.`);
  if (token.quoted || !ENV_NAME.test(token.text)) {
    throw new GrammarError(`${show(token)} is not an environment name (letters, digits, \`.\`, \`_\`, \`-\`).`);
  }
  return token.text;
}
function reasonAfterFlag(reader) {
  const flag = reader.peek();
  if (!flag) return void 0;
  if (flag.quoted || flag.text !== "--reason") return void 0;
  reader.next();
  const value = reader.next();
  if (!value?.quoted) throw new GrammarError('`--reason` takes a quoted text, e.g. `--reason "checkout broken"`.');
  const reason = value.text.trim();
  if (reason.length === 0) throw new GrammarError("The reason is empty.");
  if (reason.length > MAX_REASON_LENGTH) {
    throw new GrammarError(`The reason is longer than ${MAX_REASON_LENGTH} characters.`);
  }
  return reason;
}
function expectEnd(reader) {
  const extra = reader.next();
  if (extra) throw new GrammarError(`Unexpected ${show(extra)}.`);
}
function build(name, tokens) {
  const reader = new Reader(tokens);
  switch (name) {
    case "rollback": {
      const command = { name: "rollback" };
      const first = reader.peek();
      if (first && !first.quoted && first.text !== "to" && first.text !== "--reason") {
        if (!isReleaseVersion(first.text)) {
          throw new GrammarError(`${show(first)} is not a version: versions look like \`v1.2.3\`.`);
        }
        command.version = first.text;
        reader.next();
      }
      const to = reader.peek();
      if (to && !to.quoted && to.text === "to") {
        reader.next();
        command.environment = environment(reader.next(), "The environment after `to`");
      }
      const reason = reasonAfterFlag(reader);
      if (reason !== void 0) command.reason = reason;
      expectEnd(reader);
      return command;
    }
    case "deploy": {
      const version = reader.next();
      if (!version) throw new GrammarError("The version to deploy is missing.");
      if (version.quoted || !isVersionTag(version.text)) {
        throw new GrammarError(`${show(version)} is not a release tag: tags look like \`v1.2.3\`.`);
      }
      const to = reader.next();
      if (!to || to.quoted || to.text !== "to") throw new GrammarError("Name the environment with `to <env>`.");
      const env = environment(reader.next(), "The environment after `to`");
      expectEnd(reader);
      return { name: "deploy", version: version.text, environment: env };
    }
    case "status": {
      const token = reader.next();
      const command = { name: "status" };
      if (token) command.environment = environment(token, "The environment");
      expectEnd(reader);
      return command;
    }
    case "lock": {
      const env = environment(reader.next(), "The environment to lock");
      const command = { name: "lock", environment: env };
      const reason = reasonAfterFlag(reader);
      if (reason !== void 0) command.reason = reason;
      expectEnd(reader);
      return command;
    }
    case "unlock": {
      const env = environment(reader.next(), "The environment to unlock");
      expectEnd(reader);
      return { name: "unlock", environment: env };
    }
    case "help":
      expectEnd(reader);
      return { name: "help" };
  }
}

// bot/handlers/issue-comment.ts
async function onIssueComment(context, options) {
  const { comment, sender } = context.payload;
  if (context.payload.action !== "created") return "ignored";
  if (comment.user?.type === "Bot" || sender.type === "Bot" || /\[bot\]$/.test(comment.user?.login ?? "")) {
    return "ignored";
  }
  const parsed = parseCommand(comment.body);
  if (parsed.kind === "none") return "ignored";
  const octokit2 = context.octokit;
  const repo = repoOf(context);
  const issueNumber = context.payload.issue.number;
  if (!await react(octokit2, repo, comment.id, "eyes")) return "duplicate";
  const text = comment.body.split(/\r?\n|\r/, 1)[0]?.trim() ?? "";
  const replyId = await createReply(octokit2, repo, issueNumber, comment.id, renderWorking(text));
  const finish = async (body, ok) => {
    await editReply(octokit2, repo, replyId, comment.id, body);
    if (ok !== void 0) await react(octokit2, repo, comment.id, ok ? "rocket" : "confused");
  };
  if (parsed.kind === "refusal") {
    await finish(renderProblem(refused(parsed.reason, parsed.message, {})), false);
    return "refused";
  }
  try {
    let deps;
    try {
      deps = await depsFor(context, options);
    } catch (error) {
      await finish(
        renderProblem(refused("config-invalid", `I could not use .github/shipline.yml: ${describeError(error)}`, {})),
        false
      );
      return "refused";
    }
    const result = await runCommand(deps, parsed.command, {
      login: comment.user?.login ?? sender.login,
      source: comment.html_url
    });
    const ok = result.outcome.outcome === "success";
    await finish(result.body, ok && result.deploymentId !== void 0 ? void 0 : ok);
    if (!ok) return result.outcome.outcome === "refused" ? "refused" : "failure";
    return "success";
  } catch (error) {
    await finish(
      renderProblem(
        failed("api-error", `Something failed while answering: ${describeError(error)} Try again in a minute.`, {})
      ),
      false
    ).catch(() => void 0);
    throw error;
  }
}

// bot/handlers/issues.ts
async function onIssue(context, options) {
  const { issue } = context.payload;
  if (issue.state !== "open") return "ignored";
  if (context.payload.action === "labeled") {
    const label = context.payload.label?.name ?? "";
    if (label.toLowerCase() !== DEPLOYMENT_LABEL) return "ignored";
  }
  if (context.payload.action === "edited" && !context.payload.changes?.title) {
    return "ignored";
  }
  const labels = (issue.labels ?? []).map((l) => typeof l === "string" ? l : l.name ?? "");
  if (readDeploymentIssue(issue.title, labels).kind === "not-deployment") return "ignored";
  const deps = await depsFor(context, options);
  const outcome = await postPlan(deps, { number: issue.number, title: issue.title, labels });
  return outcome.outcome;
}

// lib/chatops/find-run-deployment.ts
async function findRunDeployment(octokit2, repo, run3) {
  const named = /deployment[\s#:-]*(\d+)/i.exec(run3.displayTitle ?? "");
  if (named) return Number(named[1]);
  const recent = await call(
    "list recent deployments",
    repo,
    () => octokit2.rest.repos.listDeployments({ ...repo, task: LEDGER_TASK, per_page: 10 })
  );
  for (const deployment of recent.data) {
    const statuses = await call(
      `read the statuses of deployment ${deployment.id}`,
      repo,
      () => octokit2.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id, per_page: 100 })
    );
    if (statuses.data.some((s) => s.log_url === run3.htmlUrl || s.target_url === run3.htmlUrl)) return deployment.id;
  }
  return void 0;
}

// bot/handlers/workflow-run.ts
async function onWorkflowRun(context, options) {
  const run3 = context.payload.workflow_run;
  const file = (run3.path ?? "").split("/").pop() ?? "";
  const ours = [options.workflows?.rollback ?? "rollback.yml", options.workflows?.deploy ?? "deploy.yml"];
  if (run3.event !== "workflow_dispatch" || !ours.includes(file)) return "ignored";
  const octokit2 = context.octokit;
  const deploymentId = await findRunDeployment(octokit2, repoOf(context), {
    displayTitle: run3.display_title ?? null,
    htmlUrl: run3.html_url
  });
  if (deploymentId === void 0) return "ignored";
  const deps = await depsFor(context, options);
  const followed = await followDeployment(deps, deploymentId, {
    id: run3.id,
    status: run3.status ?? "queued",
    conclusion: run3.conclusion ?? null,
    htmlUrl: run3.html_url
  });
  if (!followed.details) return "ignored";
  await publishProgress(deps, followed.details);
  return followed.details.stage;
}

// bot/options.ts
var DeliveryLog = class {
  constructor(capacity = 1e4) {
    this.capacity = capacity;
  }
  capacity;
  ids = /* @__PURE__ */ new Set();
  claim(id) {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== void 0) this.ids.delete(oldest);
    }
    return true;
  }
};
var KeyedQueue = class {
  tails = /* @__PURE__ */ new Map();
  run(key, task) {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => void 0);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
};

// bot/app.ts
function shiplineApp(options = {}) {
  const deliveries = options.deliveries ?? new DeliveryLog();
  const defer = options.defer ?? ((work) => work());
  const progress = new KeyedQueue();
  const repoKey = (c) => String(c.payload.repository?.full_name ?? "");
  return (app) => {
    const handle = (name, fn) => async (context) => {
      if (!deliveries.claim(context.id)) {
        context.log.info(`Delivery ${context.id} (${name}) was already handled; ignoring the replay.`);
        options.onHandled?.({ name, deliveryId: context.id, result: "replay" });
        return;
      }
      await defer(
        async () => {
          try {
            const result = await fn(context);
            options.onHandled?.({ name, deliveryId: context.id, result });
          } catch (error) {
            context.log.error(`Shipline ${name} handler failed: ${describeError(error)}`);
            options.onHandled?.({ name, deliveryId: context.id, result: "error" });
          }
        },
        { name, deliveryId: context.id }
      );
    };
    app.on(
      "issue_comment.created",
      handle("issue_comment", (c) => onIssueComment(c, options))
    );
    app.on(
      ["issues.opened", "issues.labeled", "issues.edited"],
      handle("issues", (c) => onIssue(c, options))
    );
    app.on(
      "deployment_status.created",
      handle(
        "deployment_status",
        (c) => progress.run(repoKey(c), () => onDeploymentStatus(c, options))
      )
    );
    app.on(
      ["workflow_run.requested", "workflow_run.in_progress", "workflow_run.completed"],
      handle("workflow_run", (c) => progress.run(repoKey(c), () => onWorkflowRun(c, options)))
    );
  };
}
var app_default = shiplineApp();

// bot/octokit.ts
import { ProbotOctokit } from "probot";
var UnthrottledOctokit = class extends ProbotOctokit {
  constructor(options = {}) {
    super({ ...options, throttle: { ...options?.throttle, enabled: false } });
  }
};

// bot/server.ts
var BackgroundWork = class {
  constructor(limit) {
    this.limit = limit;
  }
  limit;
  running = /* @__PURE__ */ new Set();
  waiting = [];
  active = 0;
  run = (work) => {
    const task = this.slot().then(work).finally(() => {
      this.active--;
      this.waiting.shift()?.();
      this.running.delete(task);
    });
    this.running.add(task);
  };
  slot() {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise(
      (resolve3) => this.waiting.push(() => {
        this.active++;
        resolve3();
      })
    );
  }
  async drain() {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
};
var BotConfigError = class extends Error {
  name = "BotConfigError";
};
async function startBotServer(options) {
  if (!options.webhookSecret) {
    throw new BotConfigError(
      "WEBHOOK_SECRET is not set: the bot will not accept webhooks it cannot verify. Set it to the webhook secret of your GitHub App (Settings \u2192 Developer settings \u2192 GitHub Apps \u2192 your app)."
    );
  }
  if (!options.appId || !options.privateKey) {
    throw new BotConfigError(
      "APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are required: they are the GitHub App id and the private key (.pem) generated in its settings."
    );
  }
  const probot = new Probot({
    appId: options.appId,
    privateKey: options.privateKey,
    secret: options.webhookSecret,
    logLevel: options.logLevel ?? "info",
    ...options.throttle === false ? { Octokit: UnthrottledOctokit } : {},
    ...options.fetch ? { request: { fetch: options.fetch } } : {},
    ...options.baseUrl ? { baseUrl: options.baseUrl } : {}
  });
  const background = new BackgroundWork(Math.max(1, options.concurrency ?? 8));
  const webhookPath = options.webhookPath ?? "/api/github/webhooks";
  const middleware = await createNodeMiddleware(
    shiplineApp({
      ...options,
      deliveries: options.deliveries ?? new DeliveryLog(),
      // The host's own defer (the benchmark's) still runs in the background.
      defer: (work, event) => background.run(options.defer ? async () => options.defer?.(work, event) : work)
    }),
    { probot, webhooksPath: webhookPath }
  );
  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok\n");
      return;
    }
    void middleware(req, res, () => {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end(`Not found. Webhooks go to POST ${webhookPath}.
`);
    });
  });
  await new Promise((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 3e3, options.host ?? "0.0.0.0", () => resolveListen());
  });
  const address = server.address();
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${address.port}${webhookPath}`,
    server,
    drain: () => background.drain(),
    close: async () => {
      await new Promise((r) => server.close(() => r()));
      await background.drain();
    }
  };
}
function optionsFromEnv(env) {
  let privateKey = env.PRIVATE_KEY ?? "";
  if (!privateKey && env.PRIVATE_KEY_PATH) {
    try {
      privateKey = readFileSync(env.PRIVATE_KEY_PATH, "utf8");
    } catch (error) {
      throw new BotConfigError(`PRIVATE_KEY_PATH ${env.PRIVATE_KEY_PATH} cannot be read: ${error.message}`);
    }
  }
  if (privateKey && !privateKey.includes("-----BEGIN")) privateKey = Buffer.from(privateKey, "base64").toString("utf8");
  privateKey = privateKey.replace(/\\n/g, "\n");
  const port = env.PORT ? Number(env.PORT) : 3e3;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new BotConfigError(`PORT ${env.PORT} is not a port number.`);
  const level = env.LOG_LEVEL;
  const workflows = {};
  if (env.SHIPLINE_ROLLBACK_WORKFLOW) workflows.rollback = env.SHIPLINE_ROLLBACK_WORKFLOW;
  if (env.SHIPLINE_DEPLOY_WORKFLOW) workflows.deploy = env.SHIPLINE_DEPLOY_WORKFLOW;
  return {
    appId: env.APP_ID ?? "",
    privateKey,
    webhookSecret: env.WEBHOOK_SECRET ?? "",
    port,
    host: env.HOST || "0.0.0.0",
    throttle: env.SHIPLINE_THROTTLE !== "off",
    ...env.SHIPLINE_CONCURRENCY ? { concurrency: Number(env.SHIPLINE_CONCURRENCY) } : {},
    workflows,
    ...env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {},
    ...env.WEBHOOK_PATH ? { webhookPath: env.WEBHOOK_PATH } : {},
    ...level ? { logLevel: level } : {}
  };
}
async function main(env = process.env) {
  let bot;
  try {
    bot = await startBotServer(optionsFromEnv(env));
  } catch (error) {
    console.error(`shipline bot: ${error.message}`);
    process.exitCode = 1;
    return;
  }
  console.log(`Shipline bot listening: webhooks to ${bot.url}`);
  const stop = () => {
    console.log("Shipline bot stopping: finishing started work\u2026");
    void bot.close().then(() => console.log("Shipline bot stopped."));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) await main();

// lib/rehearsal/rehearse.ts
import { mkdir as mkdir3, readFile as readFile3, rm as rm2, symlink, writeFile as writeFile3 } from "node:fs/promises";
import { join as join4 } from "node:path";
import { Octokit } from "@octokit/rest";
import { parse as parseYaml2 } from "yaml";

// lib/rehearsal/preflight.ts
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
async function checkWorkflowActions(checkout, file) {
  const text = await readFile(join(checkout, file), "utf8");
  const doc = parseYaml(text);
  const problems = [];
  for (const job of Object.values(doc.jobs ?? {})) {
    const steps = job.steps ?? [];
    const outputsOf = /* @__PURE__ */ new Map();
    for (const step of steps) {
      const match = /\/shipline\/actions\/([\w-]+)@/.exec(step.uses ?? "");
      if (!match?.[1]) continue;
      const name = match[1];
      const label = step.id ?? name;
      const yml = join(checkout, "actions", name, "action.yml");
      if (!existsSync(yml)) {
        problems.push({ workflow: file, step: label, message: `actions/${name} does not exist yet` });
        continue;
      }
      const action = parseYaml(await readFile(yml, "utf8"));
      const inputs = new Set(Object.keys(action.inputs ?? {}));
      const missing = Object.keys(step.with ?? {}).filter((key) => !inputs.has(key));
      if (missing.length > 0)
        problems.push({
          workflow: file,
          step: label,
          message: `actions/${name} has no input ${missing.map((m) => `\`${m}\``).join(", ")}`
        });
      if (step.id) outputsOf.set(step.id, new Set(Object.keys(action.outputs ?? {})));
    }
    const reads = text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g);
    for (const [, id = "", output = ""] of reads) {
      const outputs = outputsOf.get(id);
      if (outputs && !outputs.has(output)) {
        const message = `step \`${id}\` has no output \`${output}\``;
        if (!problems.some((p) => p.message === message)) problems.push({ workflow: file, step: id, message });
      }
    }
  }
  return problems;
}

// lib/rehearsal/releases.ts
import { mkdir, writeFile } from "node:fs/promises";
import { join as join2 } from "node:path";
var RELEASES = [
  { version: "v1.0.0", message: "feat: the shop", health: "healthy", expectation: "deployed; production serves it" },
  {
    version: "v1.1.0",
    message: "feat: health reports the cart service (broken)",
    health: "broken",
    expectation: "smoke fails on the staged URL; never promoted; production keeps v1.0.0"
  },
  {
    version: "v1.2.0",
    message: "feat: new checkout",
    health: "healthy",
    expectation: "passes staged smoke; fails on production; rolled back to v1.0.0 with an incident issue"
  },
  {
    version: "v1.2.1",
    message: "fix: new checkout",
    health: "healthy",
    expectation: "deployed; production serves it until `/rollback v1.0.0` puts v1.0.0 back"
  }
];
function homePage(version) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Shop ${version}</title></head>
<body><h1>Shop</h1><p data-version="${version}">Release ${version}</p></body>
</html>
`;
}
function healthFunction(version, health) {
  const ok = health === "healthy";
  return `// Health endpoint of the example shop (${version}).
export default function handler(_req, res) {
  res.statusCode = ${ok ? 200 : 500};
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify({ ok: ${ok}, version: ${JSON.stringify(version)}${ok ? "" : ", error: 'cart service unreachable'"} }));
}
`;
}
async function writeReleaseSources(dir, release) {
  await mkdir(join2(dir, "public"), { recursive: true });
  await mkdir(join2(dir, "api"), { recursive: true });
  await writeFile(join2(dir, "public", "index.html"), homePage(release.version));
  await writeFile(join2(dir, "api", "health.js"), healthFunction(release.version, release.health));
}
function vercelProjectJson(projectId, orgId) {
  return `${JSON.stringify(
    {
      projectId,
      orgId,
      settings: {
        framework: null,
        outputDirectory: "public",
        buildCommand: null,
        // Nothing to install: the runner has the vercel CLI (see runner-tools.ts).
        installCommand: "",
        devCommand: null,
        rootDirectory: null,
        nodeVersion: "22.x"
      }
    },
    null,
    2
  )}
`;
}

// lib/rehearsal/work-repo.ts
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync as existsSync2 } from "node:fs";
import { cp, mkdir as mkdir2, readdir, readFile as readFile2, rm, writeFile as writeFile2 } from "node:fs/promises";
import { join as join3, relative, sep } from "node:path";
import { promisify } from "node:util";
var execFileAsync = promisify(execFile);
var LOCAL_PRODUCTION_URL = "https://shop.vercel.app";
var GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "Shop Developer",
  GIT_AUTHOR_EMAIL: "dev@shop.example",
  GIT_COMMITTER_NAME: "Shop Developer",
  GIT_COMMITTER_EMAIL: "dev@shop.example",
  GIT_AUTHOR_DATE: "2026-01-01T12:00:00Z",
  GIT_COMMITTER_DATE: "2026-01-01T12:00:00Z"
};
async function git(dir, args, path) {
  try {
    const { stdout } = await execFileAsync("git", args, {
      cwd: dir,
      env: { PATH: path, HOME: dir, ...GIT_ENV }
    });
    return stdout.trim();
  } catch (error) {
    throw new ShiplineError("rehearsal-git", `git ${args.join(" ")} failed in ${dir}: ${error.message}`, {
      hint: "Run `npm start -- --reset` to rebuild the rehearsal repository."
    });
  }
}
async function sourceDigest(app, releases) {
  const hash = createHash("sha256").update(JSON.stringify(releases)).update(LOCAL_PRODUCTION_URL);
  const files = (await readdir(app, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join3(e.parentPath, e.name)).filter((f) => !relative(app, f).split(sep).includes(".vercel")).sort();
  for (const file of files)
    hash.update(relative(app, file)).update("\0").update(await readFile2(file)).update("\0");
  return hash.digest("hex");
}
var DIGEST_FILE = join3(".git", "shipline-rehearsal-source");
async function tagShas(dir, releases, digest, path) {
  if (!existsSync2(join3(dir, ".git"))) return void 0;
  const recorded = await readFile2(join3(dir, DIGEST_FILE), "utf8").catch(() => "");
  if (recorded.trim() !== digest) return void 0;
  const shas = {};
  for (const release of releases) {
    try {
      shas[release.version] = await git(dir, ["rev-parse", `refs/tags/${release.version}^{commit}`], path);
    } catch {
      return void 0;
    }
  }
  return shas;
}
async function prepareWorkRepo(app, dir, releases, path) {
  const digest = await sourceDigest(app, releases);
  const existing = await tagShas(dir, releases, digest, path);
  if (existing) return { dir, shas: existing, reused: true };
  await rm(dir, { recursive: true, force: true });
  await mkdir2(dir, { recursive: true });
  await cp(app, dir, { recursive: true, filter: (source) => !source.split(/[\\/]/).includes(".vercel") });
  await writeFile2(join3(dir, ".gitignore"), ".vercel/\nnode_modules/\n");
  const configFile = join3(dir, ".github", "shipline.yml");
  const config = await readFile2(configFile, "utf8");
  await writeFile2(
    configFile,
    config.replace(/^(\s+url:\s*)https:\/\/shop\.example\.com\s*$/m, `$1${LOCAL_PRODUCTION_URL}`)
  );
  await git(dir, ["init", "--quiet", "--initial-branch=main"], path);
  const shas = {};
  for (const release of releases) {
    await writeReleaseSources(dir, release);
    await git(dir, ["add", "--all"], path);
    await git(dir, ["commit", "--quiet", "--message", `${release.message} (${release.version})`], path);
    await git(dir, ["tag", release.version], path);
    shas[release.version] = await git(dir, ["rev-parse", "HEAD"], path);
  }
  await writeFile2(join3(dir, DIGEST_FILE), `${digest}
`);
  return { dir, shas, reused: false };
}
async function checkoutRelease(dir, version, path) {
  await git(dir, ["checkout", "--quiet", "--force", "--detach", `refs/tags/${version}`], path);
  await git(dir, ["clean", "--quiet", "-d", "--force"], path);
}

// lib/rehearsal/rehearse.ts
var SHIPLINE_REPOS = ["your-org/shipline"];
var StepFailure = class extends Error {
};
async function rehearse(ctx) {
  const steps = [];
  const problems = [
    ...await checkWorkflowActions(ctx.checkout, ".github/workflows/deploy.yml"),
    ...await checkWorkflowActions(ctx.checkout, ".github/workflows/rollback.yml")
  ];
  const releaseSteps = [
    ["v1.0.0", "v1.0.0: merge to main deploys to production", (s) => deployGood(ctx, s, "v1.0.0")],
    ["v1.1.0", "v1.1.0: broken health endpoint is stopped by staged smoke", (s) => deployBroken(ctx, s)],
    ["v1.2.0", "v1.2.0: production breaks after promote, auto-rollback", (s) => deployRolledBack(ctx, s)],
    ["v1.2.1", "v1.2.1: the fix ships to production", (s) => deployGood(ctx, s, "v1.2.1")],
    ["rollback", "/rollback v1.0.0 through the bot", (s) => chatopsRollback(ctx, s)]
  ];
  for (const [id, title, body] of releaseSteps) {
    const runner = new StepRunner(ctx, id, title);
    ctx.progress.start(id, title);
    try {
      for (const p of problems.filter((p2) => !p2.workflow.endsWith(id === "rollback" ? "deploy.yml" : "rollback.yml")))
        runner.check(false, `${p.workflow} step \`${p.step}\`: ${p.message}`);
      await body(runner);
    } catch (error) {
      if (!(error instanceof StepFailure))
        runner.fail(`stopped: ${ctx.redactor.redact(error.message)}`, true);
    }
    const step = runner.finish();
    steps.push(step);
    ctx.progress.end(step);
  }
  return steps;
}
var StepRunner = class {
  constructor(ctx, id, title) {
    this.ctx = ctx;
    this.id = id;
    this.title = title;
    this.started = ctx.now();
  }
  ctx;
  id;
  title;
  lines = [];
  summaries = [];
  failed = false;
  started;
  note(text) {
    this.lines.push(text);
    this.ctx.progress.detail(this.id, text);
  }
  /** Records a check; a false one fails the step (later checks still run). */
  check(ok, text) {
    this.note(`${ok ? "\u2713" : "\u2717"} ${text}`);
    if (!ok) this.failed = true;
    return ok;
  }
  /** Fails the step and stops it (or only records, with `record`). */
  fail(text, record = false) {
    this.note(text);
    this.failed = true;
    if (!record) throw new StepFailure(text);
  }
  finish() {
    return {
      id: this.id,
      title: this.title,
      status: this.failed ? "failed" : "passed",
      lines: this.lines,
      durationMs: this.ctx.now() - this.started,
      summaries: this.summaries
    };
  }
};
function octokit(ctx) {
  return new Octokit({ baseUrl: ctx.cloud.env.GITHUB_API_URL, auth: ctx.cloud.env.GITHUB_TOKEN });
}
function repoRef(ctx) {
  const [owner = "", repo = ""] = ctx.repository.split("/");
  return { owner, repo };
}
function secretsAndVars(ctx) {
  const env = ctx.cloud.env;
  return {
    secrets: {
      VERCEL_TOKEN: env.VERCEL_TOKEN ?? "",
      SUPABASE_ACCESS_TOKEN: env.SUPABASE_ACCESS_TOKEN ?? "",
      SUPABASE_DB_URL: env.SUPABASE_DB_URL ?? "",
      SUPABASE_ANON_KEY: env.SUPABASE_ANON_KEY ?? "",
      VERCEL_AUTOMATION_BYPASS_SECRET: env.VERCEL_AUTOMATION_BYPASS_SECRET ?? "",
      GITHUB_TOKEN: env.GITHUB_TOKEN ?? ""
    },
    vars: {
      VERCEL_ORG_ID: env.VERCEL_ORG_ID ?? "",
      VERCEL_PROJECT_ID: ctx.vercelProjectId,
      // The local cloud's endpoints, for workflows that pass them to actions' `api-url` inputs (empty on GitHub,
      // where the actions' defaults, the public APIs, apply).
      VERCEL_API_URL: env.VERCEL_API_URL ?? "",
      SUPABASE_API_URL: env.SUPABASE_API_URL ?? "",
      SUPABASE_URL: env.SUPABASE_URL ?? ""
    }
  };
}
async function runAppWorkflow(ctx, step, run3) {
  const { dir } = ctx.repo;
  await checkoutRelease(dir, run3.version, ctx.baseEnv.PATH ?? "");
  await mkdir3(join4(dir, ".vercel"), { recursive: true });
  await writeFile3(
    join4(dir, ".vercel", "project.json"),
    vercelProjectJson(ctx.vercelProjectId, ctx.cloud.env.VERCEL_ORG_ID ?? "")
  );
  await mkdir3(join4(dir, "node_modules"), { recursive: true });
  await rm2(join4(dir, "node_modules", "vercel"), { force: true, recursive: true });
  await symlink(ctx.vercelCli, join4(dir, "node_modules", "vercel"));
  const sha = ctx.githubShas[run3.version] ?? "";
  const { secrets, vars } = secretsAndVars(ctx);
  const tail = [];
  const result = await runWorkflow({
    file: join4(dir, run3.file),
    shiplineRoot: ctx.actions.root,
    shiplineRepos: SHIPLINE_REPOS,
    workspace: dir,
    eventName: run3.eventName,
    eventPayload: run3.eventPayload,
    ...run3.inputs ? { inputs: run3.inputs } : {},
    secrets,
    vars,
    github: {
      repository: ctx.repository,
      sha,
      ref: run3.eventName === "push" ? "refs/heads/main" : "refs/heads/main",
      actor: "octocat",
      serverUrl: `${ctx.cloud.github.url}/_web`,
      apiUrl: ctx.cloud.github.url,
      runId: run3.runId,
      runNumber: run3.runId,
      token: ctx.cloud.env.GITHUB_TOKEN ?? ""
    },
    baseEnv: ctx.baseEnv,
    node: ctx.nodeBinary,
    logger: ctx.logger,
    redactor: ctx.redactor,
    onOutput: (line) => {
      tail.push(line);
      if (tail.length > 6) tail.shift();
    },
    onStep: (event, record) => {
      if (event === "start") tail.length = 0;
      if (event === "end") {
        const label = record.name.startsWith("your-org/") || record.name.includes("@") ? record.id || record.name : record.name;
        const mark = record.conclusion === "success" ? "\xB7" : record.conclusion === "skipped" ? "-" : "\u2717";
        step.note(`  ${mark} ${record.job} \u203A ${label}: ${record.conclusion}${record.note ? ` (${record.note})` : ""}`);
        if (record.conclusion === "failure")
          for (const line of tail.filter((l) => l.trim() !== "")) step.note(`      \u2502 ${line.slice(0, 240)}`);
      }
      run3.onStep?.(event, record);
    }
  });
  for (const record of result.steps)
    if (record.summary.trim())
      step.summaries.push({ step: `${record.job} \u203A ${record.name}`, markdown: record.summary });
  return result;
}
function pushEvent(ctx, version) {
  const [owner = "", name = ""] = ctx.repository.split("/");
  return {
    ref: "refs/heads/main",
    after: ctx.githubShas[version],
    head_commit: { id: ctx.githubShas[version], message: version },
    repository: { full_name: ctx.repository, name, owner: { login: owner }, default_branch: "main" },
    sender: { login: "octocat" }
  };
}
function oneLine(text) {
  return text.split("\n").map((l) => l.trim()).filter((l) => l !== "").join(" \u2014 ");
}
function stepOf(result, id) {
  return result.steps.find((s) => s.id === id);
}
async function productionHealth(ctx) {
  const host = await productionHost(ctx);
  if (!host) return { status: 0, error: "no production domain serves a deployment" };
  try {
    const response = await ctx.cloud.vercel.fetch(`https://${host}/api/health`);
    const text = await response.text();
    let version;
    try {
      version = JSON.parse(text).version;
    } catch {
      version = void 0;
    }
    return { status: response.status, ...version ? { version } : {} };
  } catch (error) {
    return { status: 0, error: error.message };
  }
}
async function productionHost(ctx) {
  const config = parseYaml2(await readFile3(join4(ctx.repo.dir, ".github", "shipline.yml"), "utf8"));
  for (const project of [config.vercel?.project, ctx.cloud.env.VERCEL_PROJECT_ID]) {
    if (!project) continue;
    try {
      return ctx.cloud.vercel.productionUrl(project);
    } catch {
    }
  }
  return void 0;
}
async function ledgerEntry(ctx, version, kind = "deploy") {
  const entries = await listLedger(octokit(ctx), repoRef(ctx), "production", { limit: 30 });
  return entries.find((e) => e.payload.version === version && e.payload.kind === kind);
}
var runIds = 1e3;
async function deployRelease(ctx, step, version, onStep) {
  const result = await runAppWorkflow(ctx, step, {
    file: ".github/workflows/deploy.yml",
    version,
    eventName: "push",
    eventPayload: pushEvent(ctx, version),
    runId: ++runIds,
    ...onStep ? { onStep } : {}
  });
  return result;
}
async function deployGood(ctx, step, version) {
  const result = await deployRelease(ctx, step, version);
  step.check(result.conclusion === "success", `deploy.yml concluded ${result.conclusion}`);
  const health = await productionHealth(ctx);
  step.check(
    health.status === 200 && health.version === version,
    `production /api/health answers ${health.status}${health.version ? ` ${health.version}` : ""}${health.error ? ` (${health.error})` : ""} (expected 200 ${version})`
  );
  const entry = await ledgerEntry(ctx, version);
  step.check(entry?.state === "success", `ledger: ${version} is ${entry?.state ?? "not recorded"} (expected success)`);
}
async function deployBroken(ctx, step) {
  const result = await deployRelease(ctx, step, "v1.1.0");
  step.check(result.conclusion === "failure", `deploy.yml concluded ${result.conclusion} (expected failure)`);
  const smoke = stepOf(result, "smoke-staged");
  step.check(
    smoke?.conclusion === "failure" && smoke.outputs.verdict === "fail",
    `staged smoke: ${smoke?.conclusion ?? "did not run"}, verdict ${smoke?.outputs.verdict ?? "none"} (expected failure, fail)`
  );
  const promote = stepOf(result, "promote");
  step.check(promote?.conclusion === "skipped", `promote: ${promote?.conclusion ?? "absent"} (expected skipped)`);
  const health = await productionHealth(ctx);
  step.check(
    health.status === 200 && health.version === "v1.0.0",
    `production /api/health answers ${health.status}${health.version ? ` ${health.version}` : ""} (expected 200 v1.0.0: v1 kept)`
  );
  const entry = await ledgerEntry(ctx, "v1.1.0");
  step.check(
    entry?.state === "failure" && (entry.phase?.detail ?? "") !== "",
    `ledger: v1.1.0 is ${entry?.state ?? "not recorded"}${entry?.phase ? ` at ${entry.phase.phase}: ${entry.phase.detail}` : ""} (expected failure with the reason)`
  );
  const summary = step.summaries.map((s) => s.markdown).join("\n");
  step.check(/smoke/i.test(summary), "the job summary explains the smoke failure");
}
async function deployRolledBack(ctx, step) {
  const issuesBefore = ctx.cloud.github.state.repo(ctx.repository).issues.length;
  let faultId;
  const faults = ctx.cloud.vercel.edge.faults;
  const result = await deployRelease(ctx, step, "v1.2.0", (event, record) => {
    if (event === "end" && record.id === "promote" && record.conclusion === "success") {
      faultId = faults.add({
        path: "/api/health",
        status: 503,
        body: { error: "injected: production database overloaded" }
      });
      step.note("  \u26A1 fault injected on production: /api/health answers 503");
    }
    if (event === "start" && record.id === "finish" && faultId !== void 0) {
      faults.remove(faultId);
      faultId = void 0;
    }
  });
  if (faultId !== void 0) faults.remove(faultId);
  const staged = stepOf(result, "smoke-staged");
  step.check(
    staged?.conclusion === "success",
    `staged smoke: ${staged?.conclusion ?? "did not run"} (expected success)`
  );
  const promote = stepOf(result, "promote");
  step.check(promote?.conclusion === "success", `promote: ${promote?.conclusion ?? "did not run"} (expected success)`);
  const prod = stepOf(result, "smoke-production");
  step.check(
    prod?.conclusion === "failure",
    `production smoke: ${prod?.conclusion ?? "did not run"} (expected failure)`
  );
  const finish = stepOf(result, "finish");
  step.check(
    finish?.conclusion !== void 0 && finish.conclusion !== "skipped",
    `finisher ran: ${finish?.conclusion ?? "absent"}`
  );
  const health = await productionHealth(ctx);
  step.check(
    health.status === 200 && health.version === "v1.0.0",
    `production /api/health answers ${health.status}${health.version ? ` ${health.version}` : ""} (expected 200 v1.0.0: rolled back)`
  );
  const entry = await ledgerEntry(ctx, "v1.2.0");
  step.check(entry?.state === "failure", `ledger: v1.2.0 is ${entry?.state ?? "not recorded"} (expected failure)`);
  const incidents = ctx.cloud.github.state.repo(ctx.repository).issues.slice(issuesBefore).filter((i) => i.labels.includes("incident") || /incident/i.test(i.title));
  step.check(
    incidents.length === 1,
    `incident issue opened: ${incidents.map((i) => `#${i.number} ${i.title}`).join(", ") || "none"}`
  );
}
async function chatopsRollback(ctx, step) {
  const gh = ctx.cloud.github;
  const bot = await ctx.startBot();
  gh.webhookUrl = bot.url;
  const settle = async () => {
    for (let i = 0; i < 100; i++) {
      const before = gh.webhookEvents.length;
      await bot.drain();
      await gh.webhooksIdle();
      await bot.drain();
      if (gh.webhookEvents.length === before) return;
    }
    throw new Error("the bot and the GitHub emulator never settled");
  };
  try {
    const issue = gh.seedIssue(ctx.repository, { title: "Release v1.2.0", user: "octocat" });
    const dispatchesBefore = gh.state.dispatches(ctx.repository).length;
    const posted = await gh.deliverIssueComment({
      url: bot.url,
      repo: ctx.repository,
      issueNumber: issue.number,
      body: "/rollback v1.0.0",
      user: "octocat"
    });
    step.check(
      posted.status >= 200 && posted.status < 300,
      `signed issue_comment webhook accepted: HTTP ${posted.status}`
    );
    await settle();
    const marker = `<!-- shipline:reply-to=${posted.comment.id} -->`;
    const reply = () => gh.state.repo(ctx.repository).comments.find((c) => c.body.startsWith(marker));
    const dispatch = gh.state.dispatches(ctx.repository).slice(dispatchesBefore).find((d) => /rollback/.test(d.workflowId));
    if (!dispatch)
      return step.fail(
        `\u2717 the bot dispatched no rollback workflow; its reply: ${oneLine(reply()?.body.slice(marker.length) ?? "none")}`
      );
    step.check(
      true,
      `bot dispatched ${dispatch.workflowId} (run ${dispatch.runId}) with version ${String(dispatch.inputs.version ?? "")}`
    );
    await gh.startRun(dispatch.runId);
    await settle();
    const inputs = Object.fromEntries(Object.entries(dispatch.inputs).map(([k, v]) => [k, String(v ?? "")]));
    const result = await runAppWorkflow(ctx, step, {
      file: ".github/workflows/rollback.yml",
      // Dispatched on the default branch, whose head is the newest release: the workflow file is read from there.
      version: RELEASES[RELEASES.length - 1]?.version ?? "v1.0.0",
      eventName: "workflow_dispatch",
      eventPayload: {
        inputs,
        ref: dispatch.ref,
        repository: { full_name: ctx.repository },
        sender: { login: "octocat" }
      },
      inputs,
      runId: dispatch.runId
    });
    step.check(result.conclusion === "success", `rollback.yml concluded ${result.conclusion}`);
    await gh.completeRun(dispatch.runId, result.conclusion === "success" ? "success" : "failure");
    await settle();
    const health = await productionHealth(ctx);
    step.check(
      health.status === 200 && health.version === "v1.0.0",
      `production /api/health answers ${health.status}${health.version ? ` ${health.version}` : ""} (expected 200 v1.0.0)`
    );
    const text = reply()?.body ?? "";
    step.check(
      /done/i.test(text),
      `bot's reply edited to done: ${text.split("\n").find((l) => /done|fail/i.test(l))?.trim() ?? (text ? "not done" : "no reply")}`
    );
  } finally {
    gh.webhookUrl = void 0;
    await bot.close();
  }
}
async function snapshot(ctx) {
  const host = await productionHost(ctx) ?? null;
  const entries = await listLedger(octokit(ctx), repoRef(ctx), "production", { limit: 50 }).catch(() => []);
  const repo = ctx.cloud.github.state.repo(ctx.repository);
  return {
    production: { host, health: await productionHealth(ctx) },
    ledger: entries.map((e) => ({
      version: e.payload.version,
      kind: e.payload.kind,
      state: e.state ?? null,
      phase: e.phase ? `${e.phase.phase}: ${e.phase.detail}` : null
    })),
    issues: repo.issues.map((i) => ({ number: i.number, title: i.title, labels: i.labels, state: i.state })),
    replies: repo.comments.filter((c) => c.body.startsWith("<!-- shipline:reply-to=")).map((c) => ({ issue: c.issueNumber, body: c.body }))
  };
}

// lib/rehearsal/report.ts
import { mkdir as mkdir4, rm as rm3, writeFile as writeFile4 } from "node:fs/promises";
import { join as join5 } from "node:path";
var ICON = { passed: "\u2705", failed: "\u274C", "not-run": "\u23ED\uFE0F" };
function seconds(ms) {
  return `${(ms / 1e3).toFixed(1)} s`;
}
async function writeReport(dir, steps, links) {
  await rm3(dir, { recursive: true, force: true });
  await mkdir4(dir, { recursive: true });
  const rows = [];
  for (const [i, step] of steps.entries()) {
    const file = `${i + 1}-${step.id.replace(/[^\w.-]/g, "-")}.md`;
    const body = [
      `# ${i + 1}. ${step.title}`,
      "",
      `${ICON[step.status]} **${step.status}** in ${seconds(step.durationMs)}`,
      "",
      "## Checks",
      "",
      "```text",
      ...step.lines,
      "```",
      "",
      ...step.summaries.flatMap((s) => [`## Job summary: ${s.step}`, "", s.markdown.trim(), ""])
    ].join("\n");
    await writeFile4(join5(dir, file), body);
    rows.push(
      `| ${i + 1} | [${step.title}](${file}) | ${ICON[step.status]} ${step.status} | ${seconds(step.durationMs)} |`
    );
  }
  const index = [
    "# Shipline rehearsal",
    "",
    "| # | Step | Result | Time |",
    "|---|------|--------|------|",
    ...rows,
    "",
    "## Local cloud",
    "",
    ...links.map((l) => `- ${l.label}: ${l.url}`),
    ""
  ].join("\n");
  const path = join5(dir, "index.md");
  await writeFile4(path, index);
  return path;
}
function reportText(steps, links, indexPath) {
  const lines = ["", "Rehearsal report", ""];
  for (const [i, step] of steps.entries()) {
    lines.push(`  ${ICON[step.status]} ${i + 1}. ${step.title} \u2014 ${step.status} (${seconds(step.durationMs)})`);
    if (step.status === "failed")
      for (const l of step.lines.filter((x) => x.trim().startsWith("\u2717") || x.trim().startsWith("\u2502")).slice(0, 24))
        lines.push(`       ${l.trimStart().startsWith("\u2502") ? `    ${l.trim()}` : l.trim()}`);
  }
  lines.push("", ...links.map((l) => `  ${l.label}: ${l.url}`), "", `  Job summaries and checks: ${indexPath}`, "");
  return lines.join("\n");
}

// lib/rehearsal/source-actions.ts
import { existsSync as existsSync3 } from "node:fs";
import { mkdir as mkdir5, readdir as readdir2, rm as rm4, symlink as symlink2, writeFile as writeFile5 } from "node:fs/promises";
import { join as join6 } from "node:path";
import { pathToFileURL } from "node:url";
async function prepareSourceActions(checkout, dir, tsxApi) {
  await rm4(dir, { recursive: true, force: true });
  await mkdir5(join6(dir, "dist"), { recursive: true });
  await symlink2(join6(checkout, "actions"), join6(dir, "actions"));
  await symlink2(join6(checkout, ".github"), join6(dir, ".github"));
  const actions = [];
  for (const name of (await readdir2(join6(checkout, "actions"))).sort()) {
    const entry = join6(checkout, "actions", name, "index.ts");
    if (!existsSync3(entry) || !existsSync3(join6(checkout, "actions", name, "action.yml"))) continue;
    actions.push(name);
    await mkdir5(join6(dir, "dist", name), { recursive: true });
    await writeFile5(
      join6(dir, "dist", name, "index.js"),
      `import { register } from ${JSON.stringify(tsxApi)};
register();
await import(${JSON.stringify(pathToFileURL(entry).href)});
`
    );
  }
  return { root: dir, actions };
}

// cli/commands/start.ts
var OPTIONS = {
  app: { type: "string", description: "The app to rehearse (default: examples/app)" },
  "state-dir": { type: "string", description: "Where the local cloud keeps its data (default: .shipline/local-cloud)" },
  reset: { type: "boolean", description: "Start from an empty database and a fresh rehearsal repository" },
  exit: { type: "boolean", description: "Stop when the report is written (default: keep production up until Ctrl-C)" },
  help: { type: "boolean", short: "h", description: "Show this help" }
};
var USAGE2 = `Usage: shipline start [options]

The whole rehearsal on the local cloud (emulated Vercel, Supabase and GitHub; real PostgreSQL 15), no accounts:
  1. v1.0.0 \u2014 the app's deploy workflow runs end to end; production serves v1
  2. v1.1.0 \u2014 broken health endpoint: staged smoke fails, production keeps v1
  3. v1.2.0 \u2014 breaks production after the promote: auto-rollback to v1, incident issue
  4. /rollback v1.0.0 \u2014 a signed comment to the bot; the workflow it dispatches runs
Then a report (with the job summaries as Markdown files). Exit code 0 when every step passed.

Options:
${formatOptions(OPTIONS)}
`;
var CHECKOUT = resolve2(dirname(fileURLToPath(import.meta.url)), "..", "..");
var REPOSITORY = "acme/shop";
function chooseStateDir(cwd, option) {
  if (typeof option === "string") return resolve2(cwd, option);
  const inCheckout = resolve2(cwd, ".shipline", "local-cloud");
  if (serverCanReach(dirname(inCheckout))) return inCheckout;
  const key = createHash2("sha256").update(cwd).digest("hex").slice(0, 12);
  return join7(tmpdir(), `shipline-local-cloud-${key}`);
}
function createProgress(io, live, titles) {
  if (!live) {
    return {
      start: (_id, title) => io.stdout(`\u25B6 ${title}
`),
      detail: (_id, text) => io.stdout(`    ${text}
`),
      end: (step) => io.stdout(
        `${step.status === "passed" ? "\u2714" : "\u2716"} ${step.title}: ${step.status} (${(step.durationMs / 1e3).toFixed(1)} s)
`
      )
    };
  }
  const state = titles.map((title) => ({ title, mark: "\u25CB", last: "" }));
  let drawn = 0;
  let current = -1;
  const draw = () => {
    const lines = state.map(
      (s, i) => `${s.mark} ${s.title}${i === current && s.last ? `
    \x1B[2m${s.last.slice(0, 110)}\x1B[0m` : ""}`
    );
    const body = lines.join("\n");
    io.stdout(`${drawn > 0 ? `\x1B[${drawn}F\x1B[J` : ""}${body}
`);
    drawn = body.split("\n").length;
  };
  return {
    start: (_id, title) => {
      current = state.findIndex((s) => s.title === title);
      const entry = state[current];
      if (entry) entry.mark = "\u25D0";
      draw();
    },
    detail: (_id, text) => {
      const entry = state[current];
      if (entry) entry.last = text.trim();
      draw();
    },
    end: (step) => {
      const entry = state.find((s) => s.title === step.title);
      if (entry) {
        entry.mark = step.status === "passed" ? "\u2714" : "\u2716";
        entry.title = `${step.title} (${(step.durationMs / 1e3).toFixed(1)} s)`;
        entry.last = "";
      }
      current = -1;
      draw();
    }
  };
}
function seedGitHub(cloud, workDir, localShas, pathEnv) {
  const gh = cloud.github;
  const shas = {};
  for (const release of RELEASES) {
    shas[release.version] = gh.seedCommit(REPOSITORY, {
      message: `${release.message} (${release.version})`,
      ...localShas[release.version] ? { sha: localShas[release.version] } : {}
    });
    gh.seedTag(REPOSITORY, release.version, shas[release.version] ?? "");
  }
  gh.seedWorkflow(REPOSITORY, { file: "deploy.yml", triggers: ["push", "workflow_dispatch"] });
  gh.seedWorkflow(REPOSITORY, "rollback.yml");
  gh.seedInstallation({ account: REPOSITORY.split("/")[0] ?? "" });
  gh.server.route("GET", "/repos/:owner/:repo/contents/:path*", async (req) => {
    const path = req.params.path ?? "";
    let text;
    if (`${req.params.owner}/${req.params.repo}`.toLowerCase() === REPOSITORY && !path.includes("..")) {
      text = await git(workDir, ["show", `refs/tags/${RELEASES[0]?.version}:${path}`], pathEnv).catch(() => void 0);
    }
    if (text === void 0)
      return {
        status: 404,
        body: {
          message: "Not Found",
          documentation_url: "https://docs.github.com/rest/repos/contents#get-repository-content"
        }
      };
    return {
      status: 200,
      body: {
        type: "file",
        encoding: "base64",
        size: Buffer.byteLength(text),
        name: path.split("/").pop(),
        path,
        content: Buffer.from(`${text}
`).toString("base64"),
        sha: createHash2("sha1").update(text).digest("hex")
      }
    };
  });
  return shas;
}
async function run2(argv, io = processIO()) {
  const { values } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE2);
    return 0;
  }
  const app = resolve2(io.cwd, typeof values.app === "string" ? values.app : "examples/app");
  const stateDir = chooseStateDir(io.cwd, values["state-dir"]);
  if (values.reset === true)
    for (const part of ["postgres", "work", "report", "runner"])
      await rm5(join7(stateDir, part), { recursive: true, force: true });
  const pathEnv = io.env.PATH ?? "/usr/local/bin:/usr/bin:/bin";
  const redactor = new Redactor();
  let liveDetail;
  const plain = terminalLogger(io);
  const logger = redactingLogger(
    io.color ? {
      ...plain,
      debug: () => void 0,
      info: (m) => liveDetail?.(m),
      warning: (m) => liveDetail?.(`warning: ${m}`)
    } : plain,
    redactor
  );
  const started = Date.now();
  io.stdout(`Starting the local cloud in ${stateDir} \u2026
`);
  const cloud = await startLocalCloud({ stateDir, repository: REPOSITORY, vercelBuildMs: 300 });
  for (const name of [
    "VERCEL_TOKEN",
    "SUPABASE_ACCESS_TOKEN",
    "SUPABASE_ANON_KEY",
    "VERCEL_AUTOMATION_BYPASS_SECRET",
    "GITHUB_TOKEN"
  ])
    redactor.add(cloud.env[name]);
  redactor.addUrlCredentials(cloud.env.SUPABASE_DB_URL);
  let stopping;
  const stop = () => {
    stopping ??= cloud.stop();
    return stopping;
  };
  let wake = () => void 0;
  const stopRequested = new Promise((r) => {
    wake = r;
  });
  let rehearsing = true;
  const unregister = onShutdown(
    async (signal) => {
      wake();
      io.stdout("\nStopping the local cloud\u2026\n");
      await stop();
      if (rehearsing) process.exit(128 + SHUTDOWN_SIGNALS[signal]);
    },
    { endsProgram: true }
  );
  try {
    io.stdout(
      `Local cloud up in ${((Date.now() - started) / 1e3).toFixed(1)} s (PostgreSQL ${cloud.postgres.created ? "initialised" : "reused"}).
`
    );
    const repo = await prepareWorkRepo(app, join7(stateDir, "work", "shop"), RELEASES, pathEnv);
    io.stdout(
      `Rehearsal repository ${repo.reused ? "reused" : "created"}: ${repo.dir} (tags ${RELEASES.map((r) => r.version).join(", ")})
`
    );
    const githubShas = seedGitHub(cloud, repo.dir, repo.shas, pathEnv);
    const config = parseYaml3(await readFile4(join7(repo.dir, ".github", "shipline.yml"), "utf8"));
    const project = await cloud.vercel.createProject(config.vercel?.project ?? "shop", {
      teamId: cloud.env.VERCEL_ORG_ID ?? "",
      protectionBypassSecret: cloud.env.VERCEL_AUTOMATION_BYPASS_SECRET ?? ""
    });
    const actions = await prepareSourceActions(
      CHECKOUT,
      join7(stateDir, "runner", "shipline"),
      import.meta.resolve("tsx/esm/api")
    );
    io.stdout(`Actions run from their TypeScript sources: ${actions.actions.join(", ")}

`);
    const env = cloud.env;
    const baseEnv = {
      PATH: pathEnv,
      HOME: join7(stateDir, "runner", "home"),
      LANG: "C.UTF-8",
      NODE_EXTRA_CA_CERTS: env.NODE_EXTRA_CA_CERTS ?? "",
      VERCEL_TELEMETRY_DISABLED: "1",
      // Where "the cloud" is: the actions read these instead of the public endpoints.
      VERCEL_API_URL: env.VERCEL_API_URL ?? "",
      SUPABASE_API_URL: env.SUPABASE_API_URL ?? "",
      SUPABASE_URL: env.SUPABASE_URL ?? "",
      // The emulator's Host-routed edge: a client sends a *.vercel.app URL's host there (Host or
      // x-vercel-deployment-url header) instead of resolving it in DNS.
      VERCEL_EDGE_URL: env.VERCEL_EDGE_URL ?? "",
      // The local cloud's name resolution: *.vercel.app hosts reach the emulator's edge (see the module).
      NODE_OPTIONS: `--import ${pathToFileURL2(join7(CHECKOUT, "emulators", "vercel", "edge-resolver.mjs")).href}`,
      // Nothing leaves the machine: a request to a public host fails at once instead of reaching it.
      HTTP_PROXY: "http://127.0.0.1:9",
      HTTPS_PROXY: "http://127.0.0.1:9",
      NO_PROXY: "127.0.0.1,localhost",
      NODE_USE_ENV_PROXY: "1"
    };
    const progress = createProgress(io, io.color, [
      "v1.0.0: merge to main deploys to production",
      "v1.1.0: broken health endpoint is stopped by staged smoke",
      "v1.2.0: production breaks after promote, auto-rollback",
      "/rollback v1.0.0 through the bot"
    ]);
    liveDetail = (text) => progress.detail("", text);
    const context = {
      cloud,
      repo,
      actions,
      checkout: CHECKOUT,
      repository: REPOSITORY,
      githubShas,
      baseEnv,
      logger,
      redactor,
      progress,
      vercelCli: join7(CHECKOUT, "node_modules", "vercel"),
      nodeBinary: process.execPath,
      vercelProjectId: project.id,
      now: () => Date.now(),
      startBot: () => startBotServer({
        appId: cloud.github.app.id,
        privateKey: cloud.github.app.privateKey,
        webhookSecret: cloud.github.app.webhookSecret,
        baseUrl: cloud.github.url,
        port: 0,
        host: "127.0.0.1",
        logLevel: "fatal",
        throttle: false
      })
    };
    const steps = await rehearse(context);
    const host = await productionHost(context).catch(() => void 0);
    const links = [
      ...host ? [{ label: `Production (${host})`, url: cloud.vercel.httpUrl(host) }] : [],
      { label: "Vercel API", url: cloud.vercel.url },
      { label: "Supabase Management API", url: cloud.supabase.url },
      { label: "Supabase project (functions, REST)", url: env.SUPABASE_URL ?? "" },
      { label: "GitHub API", url: cloud.github.url },
      { label: `GitHub: ${REPOSITORY} issues`, url: `${cloud.github.url}/repos/${REPOSITORY}/issues?state=all` },
      {
        label: "GitHub: production ledger",
        url: `${cloud.github.url}/repos/${REPOSITORY}/deployments?environment=production`
      },
      { label: "PostgreSQL 15", url: `127.0.0.1:${cloud.postgres.port}` }
    ];
    rehearsing = false;
    liveDetail = void 0;
    const indexPath = await writeReport(join7(stateDir, "report"), steps, links);
    const state = await snapshot(context);
    await writeFile6(join7(stateDir, "report", "state.json"), `${redactor.redact(JSON.stringify(state, null, 2))}
`);
    io.stdout(redactor.redact(reportText(steps, links, indexPath)));
    const passed = steps.every((s) => s.status === "passed");
    io.stdout(passed ? "Rehearsal passed.\n" : "Rehearsal failed: see the \u2717 lines above and the report.\n");
    if (values.exit !== true) {
      io.stdout("\nThe local cloud stays up (production included). Press Ctrl-C to stop.\n");
      await stopRequested;
    }
    return passed ? 0 : 1;
  } finally {
    await stop();
    unregister();
  }
}
export {
  OPTIONS,
  USAGE2 as USAGE,
  chooseStateDir,
  createProgress,
  run2 as run
};
