import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  refused,
  succeeded
} from "./chunk-FI732W4Q.js";
import {
  HttpError,
  ShiplineError
} from "./chunk-4YSQPGXF.js";

// lib/release/phases.ts
var DEPLOY_PHASES = [
  "validate",
  "migrate",
  "deploy-edge",
  "stage",
  "smoke-staged",
  "promote",
  "smoke-production",
  "done"
];
var ROLLBACK_PHASES = [
  "resolve",
  "lock",
  "restore-vercel",
  "restore-edge",
  "smoke-production",
  "done"
];
var ALL_PHASES = /* @__PURE__ */ new Set([...DEPLOY_PHASES, ...ROLLBACK_PHASES]);
var STATUS_DESCRIPTION_LIMIT = 140;
function isPhase(text) {
  return ALL_PHASES.has(text);
}
function phaseDescription(phase, detail = "") {
  const oneLine = detail.replace(/\s+/g, " ").trim();
  const text = oneLine ? `${phase}: ${oneLine}` : phase;
  return text.length <= STATUS_DESCRIPTION_LIMIT ? text : `${text.slice(0, STATUS_DESCRIPTION_LIMIT - 1)}\u2026`;
}
function parsePhaseDescription(text) {
  if (!text) return void 0;
  const match = /^([a-z-]+)(?::\s*(.*))?$/s.exec(text.trim());
  if (!match || !isPhase(match[1] ?? "")) return void 0;
  return { phase: match[1], detail: match[2] ?? "" };
}
function phaseIndex(kind, phase) {
  const list = kind === "deploy" ? DEPLOY_PHASES : ROLLBACK_PHASES;
  return list.indexOf(phase);
}

// lib/release/payload.ts
import { z } from "zod";
var PAYLOAD_SCHEMA_VERSION = 1;
var sha256 = z.string().regex(/^[0-9a-f]{64}$/, "a sha256 hex digest");
var ledgerPayloadV1 = z.object({
  schema: z.literal(1),
  kind: z.enum(["deploy", "rollback"]),
  version: z.string().min(1),
  sha: z.string().regex(/^[0-9a-f]{40}$/, "a full commit SHA"),
  vercel: z.object({
    projectId: z.string().min(1),
    deploymentId: z.string().min(1),
    url: z.string().min(1)
  }).nullable(),
  /** Edge function slug → sha256 of its deployed files. */
  edge: z.record(z.string(), sha256),
  migrations: z.object({ head: z.string().nullable() }),
  /** GitHub login of whoever asked (the actor of the run, or the commenter). */
  requestedBy: z.string(),
  reason: z.string(),
  /** URL of the run or comment that caused this release. */
  source: z.string(),
  /** For kind rollback: the GitHub Deployment id of the release being rolled back. */
  rollbackOf: z.number().int().positive().optional()
});
var LEDGER_TASK = "deploy:shipline";
function buildPayload(fields) {
  const result = ledgerPayloadV1.safeParse({ schema: PAYLOAD_SCHEMA_VERSION, ...fields });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ShiplineError(
      "invalid-payload",
      `Ledger payload is invalid at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "unknown problem"}.`,
      { hint: "This is a bug in the caller that builds the release record; report it with the run log." }
    );
  }
  return result.data;
}
function readPayload(raw) {
  let value = raw;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return void 0;
    }
  }
  if (typeof value !== "object" || value === null) return void 0;
  const result = ledgerPayloadV1.safeParse(value);
  return result.success ? result.data : void 0;
}

// lib/github/repo.ts
function repoName(repo) {
  return `${repo.owner}/${repo.repo}`;
}
function errorStatus(error) {
  if (typeof error === "object" && error !== null && "status" in error) {
    const status = error.status;
    return typeof status === "number" ? status : void 0;
  }
  return void 0;
}
function errorMessage(error) {
  const data = error?.response?.data;
  if (typeof data === "object" && data !== null && typeof data.message === "string") {
    return data.message;
  }
  return error instanceof Error ? error.message : String(error);
}
function apiError(action, repo, error) {
  if (error instanceof HttpError) return error;
  const answered = error?.response !== void 0;
  const status = answered ? errorStatus(error) : void 0;
  const request = error?.request;
  const url = typeof request?.url === "string" ? request.url : "";
  const what = status === void 0 ? "could not reach GitHub" : `GitHub answered ${status}`;
  return new HttpError("api-error", `Could not ${action} in ${repoName(repo)}: ${what}: ${errorMessage(error)}.`, {
    status,
    url,
    hint: hint(status),
    cause: error
  });
}
function hint(status) {
  if (status === 401) return "The token is missing or invalid; check the token the workflow or bot passes.";
  if (status === 403 || status === 404) {
    return "The token may lack access: it needs `deployments: write` and `contents: write` on this repository.";
  }
  if (status === void 0) return "Check the network and the API URL (GITHUB_API_URL on GitHub Enterprise Server).";
  if (status >= 500) return "GitHub had a problem; retry the run in a few minutes.";
  return "Nothing was changed by this call; retry once the cause is fixed.";
}
async function call(action, repo, fn) {
  try {
    return await fn();
  } catch (error) {
    throw apiError(action, repo, error);
  }
}

// lib/github/ledger.ts
var STATUS_CONCURRENCY = 8;
async function createLedgerDeployment(octokit, repo, options) {
  const { schema: _schema, ...fields } = options.payload;
  const payload = buildPayload(fields);
  const res = await call(
    `record ${payload.version} in the ledger for ${options.environment}`,
    repo,
    () => octokit.rest.repos.createDeployment({
      owner: repo.owner,
      repo: repo.repo,
      ref: payload.sha,
      task: LEDGER_TASK,
      auto_merge: false,
      required_contexts: [],
      environment: options.environment,
      payload,
      production_environment: options.production,
      transient_environment: options.transient,
      description: options.description ?? `${payload.kind} ${payload.version}`
    })
  );
  if (res.status !== 201 || !("id" in res.data)) {
    throw new ShiplineError(
      "api-error",
      `GitHub did not create the deployment of ${payload.version} in ${repoName(repo)} (HTTP ${res.status}).`,
      { hint: "Check that the commit exists on GitHub and retry." }
    );
  }
  const entry = toEntry(res.data, []);
  if (!entry) throw new ShiplineError("api-error", "GitHub returned a deployment without the ledger payload.");
  return entry;
}
async function setLedgerStatus(octokit, repo, deploymentId, options) {
  await call(
    `set the ledger status of deployment ${deploymentId} to ${options.state}`,
    repo,
    () => octokit.rest.repos.createDeploymentStatus({
      owner: repo.owner,
      repo: repo.repo,
      deployment_id: deploymentId,
      state: options.state,
      description: phaseDescription(options.phase, options.detail),
      ...options.logUrl ? { log_url: options.logUrl } : {},
      ...options.environmentUrl ? { environment_url: options.environmentUrl } : {},
      auto_inactive: true
    })
  );
  if (options.state !== "success") return;
  try {
    await deactivateReplaced(octokit, repo, deploymentId);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new ShiplineError(
      "api-error",
      `Recorded success for deployment ${deploymentId}, but could not mark the release it replaced inactive: ${cause}`,
      {
        hint: "What is served is unaffected and the ledger already reads this release as current; setting the success status again finishes the job.",
        cause: error
      }
    );
  }
}
async function deactivateReplaced(octokit, repo, deploymentId) {
  const res = await call(
    `read deployment ${deploymentId}`,
    repo,
    () => octokit.rest.repos.getDeployment({ owner: repo.owner, repo: repo.repo, deployment_id: deploymentId })
  );
  if (res.data.transient_environment) return;
  for await (const entry of iterateLedger(octokit, repo, res.data.environment)) {
    if (entry.deploymentId === deploymentId) continue;
    const last = entry.deploymentId < deploymentId && entry.wasGood;
    if (entry.state !== "success") {
      if (last) return;
      continue;
    }
    await call(
      `mark deployment ${entry.deploymentId} inactive`,
      repo,
      () => octokit.rest.repos.createDeploymentStatus({
        owner: repo.owner,
        repo: repo.repo,
        deployment_id: entry.deploymentId,
        state: "inactive",
        description: `replaced by deployment ${deploymentId}`,
        auto_inactive: false
      })
    );
    if (last) return;
  }
}
async function* iterateLedger(octokit, repo, environment) {
  const pages = octokit.paginate.iterator(octokit.rest.repos.listDeployments, {
    owner: repo.owner,
    repo: repo.repo,
    environment,
    task: LEDGER_TASK,
    per_page: 100
  });
  const iterator = pages[Symbol.asyncIterator]();
  for (; ; ) {
    const next = await call(`list the deployments of ${environment}`, repo, () => iterator.next());
    if (next.done) return;
    const ours = next.value.data.filter((d) => d.task === LEDGER_TASK && d.environment === environment);
    for (let i = 0; i < ours.length; i += STATUS_CONCURRENCY) {
      const chunk = ours.slice(i, i + STATUS_CONCURRENCY);
      const statuses = await Promise.all(chunk.map((d) => listStatuses(octokit, repo, d.id)));
      for (const [j, deployment] of chunk.entries()) {
        const entry = toEntry(deployment, statuses[j] ?? []);
        if (entry) yield entry;
      }
    }
  }
}
async function listStatuses(octokit, repo, deploymentId) {
  return call(
    `read the statuses of deployment ${deploymentId}`,
    repo,
    () => octokit.paginate(octokit.rest.repos.listDeploymentStatuses, {
      owner: repo.owner,
      repo: repo.repo,
      deployment_id: deploymentId,
      per_page: 100
    })
  );
}
function toEntry(d, statuses) {
  const payload = readPayload(d.payload);
  if (!payload || d.task !== LEDGER_TASK) return void 0;
  const ordered = [...statuses].sort((a, b) => b.id - a.id);
  let phase;
  for (const s of ordered) {
    phase = parsePhaseDescription(s.description);
    if (phase) break;
  }
  const logUrl = ordered.find((s) => s.log_url || s.target_url);
  const environmentUrl = ordered.find((s) => s.environment_url)?.environment_url;
  return {
    deploymentId: d.id,
    environment: d.environment,
    release: { version: payload.version, sha: payload.sha },
    payload,
    state: ordered[0]?.state,
    wasGood: ordered.some((s) => s.state === "success"),
    createdAt: d.created_at,
    creator: d.creator?.login ?? "",
    ...phase ? { phase } : {},
    transient: d.transient_environment === true,
    production: d.production_environment === true,
    updatedAt: ordered[0]?.created_at ?? d.created_at,
    ...logUrl ? { logUrl: logUrl.log_url || logUrl.target_url } : {},
    ...environmentUrl ? { environmentUrl } : {}
  };
}
async function listLedger(octokit, repo, environment, options = {}) {
  const entries = [];
  if (options.limit !== void 0 && options.limit <= 0) return entries;
  for await (const entry of iterateLedger(octokit, repo, environment)) {
    entries.push(entry);
    if (options.limit !== void 0 && entries.length >= options.limit) break;
  }
  return entries;
}
async function currentRelease(octokit, repo, environment) {
  for await (const entry of iterateLedger(octokit, repo, environment)) {
    if (entry.state === "success") return entry;
  }
  return void 0;
}
async function lastKnownGood(octokit, repo, environment, options = {}) {
  let before = options.before;
  let excludedVersion;
  const rolledBack = /* @__PURE__ */ new Set();
  let sawCurrent = false;
  for await (const entry of iterateLedger(octokit, repo, environment)) {
    if (entry.payload.kind === "rollback" && entry.payload.rollbackOf !== void 0) {
      rolledBack.add(entry.payload.rollbackOf);
    }
    if (before === void 0 && !sawCurrent && entry.state === "success") {
      sawCurrent = true;
      before = entry.deploymentId;
    }
    if (entry.deploymentId === before) {
      excludedVersion = entry.release.version;
      continue;
    }
    if (before !== void 0 && entry.deploymentId > before) continue;
    if (!entry.wasGood || rolledBack.has(entry.deploymentId) || entry.release.version === excludedVersion) continue;
    return entry;
  }
  return void 0;
}
async function findGoodVersion(octokit, repo, environment, version) {
  let entry;
  const good = /* @__PURE__ */ new Set();
  for await (const e of iterateLedger(octokit, repo, environment)) {
    if (!e.wasGood) continue;
    good.add(e.release.version);
    if (!entry && e.release.version === version) entry = e;
  }
  return entry ? { entry, goodVersions: [...good] } : { goodVersions: [...good] };
}

// lib/release/lock.ts
import { z as z2 } from "zod";
var lockContentSchema = z2.object({
  schema: z2.literal(1),
  environment: z2.string().min(1),
  /** GitHub login of the person or app that took it. */
  holder: z2.string().min(1),
  /** `deploy`, `rollback`, `manual` (a `/lock` command). */
  purpose: z2.enum(["deploy", "rollback", "manual"]),
  reason: z2.string(),
  createdAt: z2.string().datetime(),
  /** After this time the lock is stale: it may be broken with `/unlock`, and holders say so. */
  expiresAt: z2.string().datetime(),
  /** The run or comment URL that took it. */
  source: z2.string(),
  /** The version being deployed or restored, when known. */
  version: z2.string().optional(),
  /** The GitHub Deployment (ledger entry) the holder is working on; the workflow it dispatched acts under this lock. */
  deploymentId: z2.number().int().positive().optional()
});
var DEFAULT_LOCK_TTL_MS = 60 * 60 * 1e3;
function lockRefName(environment) {
  const encoded = [...Buffer.from(environment, "utf8")].map((b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9_-]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }).join("");
  return `shipline/locks/${encoded}`;
}
function isLockStale(lock, now) {
  return Date.parse(lock.expiresAt) <= now.getTime();
}
function lockAgeSeconds(lock, now) {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(lock.createdAt)) / 1e3));
}
function readLockContent(text) {
  try {
    const result = lockContentSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : void 0;
  } catch {
    return void 0;
  }
}

// lib/github/locks.ts
var TOMBSTONE = { shipline: "lock-released", schema: 1 };
var MAX_ATTEMPTS = 5;
async function acquireLock(octokit, repo, content, options = {}) {
  const parsed = lockContentSchema.safeParse(content);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ShiplineError(
      "invalid-input",
      `Lock content is invalid at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "unknown problem"}.`,
      { hint: "This is a bug in the caller that builds the lock; report it with the run log." }
    );
  }
  const lock = parsed.data;
  const ref = `refs/${lockRefName(lock.environment)}`;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await readRef(octokit, repo, ref);
    if (current === void 0) {
      const sha2 = await createLockCommit(octokit, repo, JSON.stringify(lock), []);
      const created = await tryRefWrite(
        repo,
        `create the lock ref ${ref}`,
        () => octokit.rest.git.createRef({ owner: repo.owner, repo: repo.repo, ref, sha: sha2 })
      );
      if (created) return { acquired: true, lock, sha: sha2 };
      continue;
    }
    const read = await readCommitMessage(octokit, repo, current);
    if (!isTombstone(read)) {
      const holder = readLockContent(read);
      if (!holder) return { acquired: false, stale: false, sha: current };
      const stale = isLockStale(holder, new Date(lock.createdAt));
      if (!stale || !options.takeOverStale) return { acquired: false, holder, stale, sha: current };
    }
    const sha = await createLockCommit(octokit, repo, JSON.stringify(lock), [current]);
    if (await fastForward(octokit, repo, ref, sha)) return { acquired: true, lock, sha };
  }
  throw new ShiplineError(
    "api-error",
    `Could not take the lock ref ${ref} in ${repoName(repo)}: it kept changing, or GitHub kept refusing to write it.`,
    { hint: "Nothing was taken. Retry in a minute; if it persists, check GitHub status and the lock with `/status`." }
  );
}
async function readLock(octokit, repo, environment) {
  const ref = `refs/${lockRefName(environment)}`;
  const sha = await readRef(octokit, repo, ref);
  if (sha === void 0) return void 0;
  const message = await readCommitMessage(octokit, repo, sha);
  if (isTombstone(message)) return void 0;
  const lock = readLockContent(message);
  return lock ? { lock, sha } : { sha };
}
async function releaseLock(octokit, repo, environment, sha) {
  const ref = `refs/${lockRefName(environment)}`;
  const tombstone = await createLockCommit(octokit, repo, JSON.stringify(TOMBSTONE), [sha]);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (await fastForward(octokit, repo, ref, tombstone)) return true;
    if (await readRef(octokit, repo, ref) !== sha) return false;
  }
  throw new ShiplineError("api-error", `GitHub kept refusing to release the lock ref ${ref} in ${repoName(repo)}.`, {
    hint: "The lock is still held by this run; break it with `/unlock` once GitHub answers again."
  });
}
async function breakLock(octokit, repo, environment) {
  const ref = `refs/${lockRefName(environment)}`;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await readRef(octokit, repo, ref);
    if (current === void 0) return;
    if (isTombstone(await readCommitMessage(octokit, repo, current))) return;
    if (await releaseLock(octokit, repo, environment, current)) return;
  }
  throw new ShiplineError("api-error", `The lock ref ${ref} in ${repoName(repo)} kept changing while breaking it.`, {
    hint: "Another run is taking and releasing this lock in a loop; retry in a minute."
  });
}
async function readRef(octokit, repo, ref) {
  const res = await call(
    `read the lock ref ${ref}`,
    repo,
    () => octokit.rest.git.listMatchingRefs({ owner: repo.owner, repo: repo.repo, ref: ref.slice("refs/".length) })
  );
  return res.data.find((r) => r.ref === ref)?.object.sha;
}
async function readCommitMessage(octokit, repo, sha) {
  const res = await call(
    `read the lock commit ${sha}`,
    repo,
    () => octokit.rest.git.getCommit({ owner: repo.owner, repo: repo.repo, commit_sha: sha })
  );
  return res.data.message;
}
function isTombstone(message) {
  try {
    const value = JSON.parse(message);
    return value.shipline === TOMBSTONE.shipline;
  } catch {
    return false;
  }
}
async function createLockCommit(octokit, repo, text, parents) {
  const tree = await call(
    "write the lock tree",
    repo,
    () => octokit.rest.git.createTree({
      owner: repo.owner,
      repo: repo.repo,
      tree: [{ path: "lock.json", mode: "100644", type: "blob", content: `${text}
` }]
    })
  );
  const commit = await call(
    "write the lock commit",
    repo,
    () => octokit.rest.git.createCommit({ owner: repo.owner, repo: repo.repo, message: text, tree: tree.data.sha, parents })
  );
  return commit.data.sha;
}
async function fastForward(octokit, repo, ref, sha) {
  return tryRefWrite(
    repo,
    `update the lock ref ${ref}`,
    () => octokit.rest.git.updateRef({
      owner: repo.owner,
      repo: repo.repo,
      ref: ref.slice("refs/".length),
      sha,
      force: false
    })
  );
}
async function tryRefWrite(repo, action, fn) {
  try {
    await call(action, repo, fn);
    return true;
  } catch (error) {
    if (errorStatus(error) === 422) return false;
    throw error;
  }
}

// lib/rollback/resolve.ts
async function resolveRollbackTarget(deps, environment, version, options = {}) {
  const { octokit, repo } = deps;
  const current = options.failedDeploymentId !== void 0 ? await ledgerEntry(deps, environment, options.failedDeploymentId) : await currentRelease(octokit, repo, environment);
  if (!current) {
    return refused(
      "no-known-good",
      options.failedDeploymentId !== void 0 ? `Deployment ${options.failedDeploymentId} is not a Shipline release of \`${environment}\`, so there is nothing to roll back from.` : `\`${environment}\` has no current release in the ledger, so there is nothing to roll back from. Deploy a release first (\`/deploy vX.Y.Z to ${environment}\`).`,
      { environment }
    );
  }
  if (version === void 0) {
    const target = await lastKnownGood(octokit, repo, environment, { before: current.deploymentId });
    if (!target) {
      return refused(
        "no-known-good",
        `\`${environment}\` runs ${current.release.version} and no earlier release was ever good there, so there is nothing to roll back to.`,
        { environment, current }
      );
    }
    return succeeded(`Rolling ${environment} back to ${target.release.version}.`, { environment, current, target });
  }
  if (version === current.release.version) {
    return refused(
      "already-current",
      `\`${environment}\` already runs ${version}. ${await suggestion(deps, environment, current)}`,
      { environment, current }
    );
  }
  const { entry, goodVersions } = await findGoodVersion(octokit, repo, environment, version);
  if (!entry && !await wasRecorded(deps, environment, version)) {
    const others = goodVersions.filter((v) => v !== current.release.version).slice(0, deps.keep ?? 10);
    return refused(
      "unknown-version",
      `${version} was never deployed to \`${environment}\`.${others.length > 0 ? ` Versions that were good there: ${others.map((v) => `\`${v}\``).join(", ")}.` : ""}`,
      { environment, current, goodVersions }
    );
  }
  if (!entry) {
    const others = goodVersions.filter((v) => v !== current.release.version);
    const list = others.length > 0 ? others.slice(0, deps.keep ?? 10).map((v) => `\`${v}\``).join(", ") : "";
    return refused(
      "never-good",
      list ? `${version} was never good in \`${environment}\`. Versions that were: ${list}. Try \`/rollback ${others[0]} to ${environment}\`.` : `${version} was never good in \`${environment}\`, and no other release was either.`,
      { environment, current, goodVersions }
    );
  }
  return succeeded(`Rolling ${environment} back to ${version}.`, { environment, current, target: entry });
}
async function ledgerEntry(deps, environment, deploymentId) {
  for await (const entry of iterateLedger(deps.octokit, deps.repo, environment)) {
    if (entry.deploymentId === deploymentId) return entry;
    if (entry.deploymentId < deploymentId) return void 0;
  }
  return void 0;
}
async function wasRecorded(deps, environment, version) {
  for await (const entry of iterateLedger(deps.octokit, deps.repo, environment)) {
    if (entry.release.version === version) return true;
  }
  return false;
}
async function suggestion(deps, environment, current) {
  const previous = await lastKnownGood(deps.octokit, deps.repo, environment, { before: current.deploymentId });
  return previous ? `The last known-good release before it is ${previous.release.version}: \`/rollback ${previous.release.version} to ${environment}\`.` : "No earlier release was ever good there.";
}

export {
  LEDGER_TASK,
  readPayload,
  DEPLOY_PHASES,
  ROLLBACK_PHASES,
  parsePhaseDescription,
  phaseIndex,
  errorStatus,
  errorMessage,
  call,
  createLedgerDeployment,
  setLedgerStatus,
  iterateLedger,
  listLedger,
  currentRelease,
  lastKnownGood,
  findGoodVersion,
  DEFAULT_LOCK_TTL_MS,
  isLockStale,
  lockAgeSeconds,
  acquireLock,
  readLock,
  releaseLock,
  breakLock,
  resolveRollbackTarget,
  ledgerEntry
};
