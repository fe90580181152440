import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  failed,
  refused,
  succeeded
} from "./chunk-FI732W4Q.js";
import {
  systemClock
} from "./chunk-5RPISX4H.js";
import {
  HttpError,
  ShiplineError,
  TimeoutError
} from "./chunk-4YSQPGXF.js";

// lib/core/http.ts
var RETRYABLE_STATUSES = /* @__PURE__ */ new Set([429, 502, 503, 504]);
var IDEMPOTENT_METHODS = /* @__PURE__ */ new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
function parseRetryAfter(value, now = /* @__PURE__ */ new Date()) {
  if (!value) return void 0;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1e3);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return void 0;
  return Math.max(0, date - now.getTime());
}
function backoffDelay(attempt, policy, random = Math.random) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
async function httpRequest(url, options = {}, client = {}) {
  const doFetch = client.fetch ?? fetch;
  const clock = client.clock ?? systemClock;
  const random = client.random ?? Math.random;
  const method = (options.method ?? "GET").toUpperCase();
  const policy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 3e4, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 3e4;
  const mayRetry = IDEMPOTENT_METHODS.has(method) || options.retryUnsafe === true;
  const maxAttempts = mayRetry ? Math.max(1, policy.attempts) : 1;
  for (let attempt = 1; ; attempt++) {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let retryReason;
    let retryAfterMs;
    try {
      const res = await doFetch(url, { method, headers: options.headers, body: options.body, signal });
      const text = await res.text();
      if (!RETRYABLE_STATUSES.has(res.status) || attempt >= maxAttempts) {
        return {
          status: res.status,
          headers: res.headers,
          text,
          attempts: attempt,
          json: () => JSON.parse(text)
        };
      }
      retryReason = `HTTP ${res.status}`;
      retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), clock.now());
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      const timedOut = timeout.aborted;
      if (attempt >= maxAttempts) {
        if (timedOut) {
          throw new TimeoutError("http_timeout", `${method} ${url} timed out after ${timeoutMs} ms`, {
            hint: "The server did not answer in time; check that it is up, or raise the timeout.",
            cause: error
          });
        }
        throw new HttpError("http_network", `${method} ${url} failed: ${error.message}`, {
          url,
          cause: error,
          hint: "The request did not reach the server; check the URL and the network."
        });
      }
      retryReason = timedOut ? `timeout after ${timeoutMs} ms` : `network error: ${error.message}`;
    }
    const delayMs = Math.min(policy.maxDelayMs, retryAfterMs ?? backoffDelay(attempt, policy, random));
    client.onRetry?.({ url, attempt, delayMs, reason: retryReason });
    await clock.sleep(delayMs, options.signal);
  }
}

// lib/vercel/errors.ts
var VercelError = class extends ShiplineError {
  name = "VercelError";
  reason;
  /** The Vercel dashboard link of the deployment concerned, when one exists. */
  inspectorUrl;
  /** HTTP status of the answer that caused it, when it came from the API. */
  status;
  constructor(code, message, options) {
    super(code, message, { hint: options.hint, cause: options.cause });
    this.reason = options.reason;
    this.inspectorUrl = options.inspectorUrl;
    this.status = options.status;
  }
};

// lib/vercel/api.ts
var VercelApi = class {
  constructor(options) {
    this.options = options;
  }
  options;
  /** The full URL of `path` with the team scope and `query` added. */
  url(path, query = {}) {
    const url = new URL(`${this.options.apiUrl.replace(/\/+$/, "")}${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== void 0) url.searchParams.set(k, v);
    if (this.options.teamId) url.searchParams.set("teamId", this.options.teamId);
    return url.toString();
  }
  /** Sends a request; returns the final answer (2xx or not) after retries. Network failures throw VercelError. */
  async send(method, path, options) {
    for (let extra = 0; ; extra++) {
      const res = await this.sendOnce(method, path, options);
      if (res.status !== 500 || method !== "GET" && !options.retryUnsafe || extra >= 3) return res;
      const delayMs = backoffDelay(
        extra + 1,
        { attempts: 4, baseDelayMs: 500, maxDelayMs: 5e3 },
        this.options.random
      );
      this.options.logger.warning(
        `Vercel API: ${options.what} failed (HTTP 500); retry in ${(delayMs / 1e3).toFixed(1)} s`
      );
      await this.options.clock.sleep(delayMs);
    }
  }
  async sendOnce(method, path, options) {
    const url = this.url(path, options.query);
    try {
      return await httpRequest(
        url,
        {
          method,
          headers: {
            authorization: `Bearer ${this.options.token}`,
            accept: "application/json",
            ...options.body === void 0 ? {} : { "content-type": "application/json" },
            ...options.headers
          },
          body: options.raw ?? (options.body === void 0 ? void 0 : JSON.stringify(options.body)),
          timeoutMs: options.timeoutMs ?? this.options.timeoutMs ?? 3e4,
          retry: { attempts: 5, baseDelayMs: 500, maxDelayMs: 3e4, ...this.options.retry },
          retryUnsafe: options.retryUnsafe
        },
        {
          clock: this.options.clock,
          fetch: this.options.fetch,
          random: this.options.random,
          onRetry: ({ attempt, delayMs, reason }) => this.options.logger.warning(
            `Vercel API: ${options.what} failed (${reason}); retry ${attempt} in ${(delayMs / 1e3).toFixed(1)} s`
          )
        }
      );
    } catch (error) {
      if (error instanceof TimeoutError || error instanceof HttpError) {
        throw new VercelError("vercel_unreachable", `Vercel API: ${options.what} failed: ${error.message}`, {
          reason: error instanceof TimeoutError ? "timeout" : "api-error",
          hint: "The Vercel API did not answer after several attempts; check https://www.vercel-status.com and retry the job.",
          cause: error
        });
      }
      throw error;
    }
  }
  /** Sends a request and returns its JSON body; a non-2xx answer throws a VercelError naming the cause. */
  async json(method, path, options) {
    const res = await this.send(method, path, options);
    if (res.status >= 200 && res.status < 300) {
      if (!res.text) return void 0;
      try {
        return res.json();
      } catch {
        throw new VercelError("vercel_bad_answer", `Vercel API: ${options.what} answered with invalid JSON.`, {
          reason: "api-error",
          status: res.status
        });
      }
    }
    throw this.errorFor(res, options.what, options.notFound);
  }
  /** Turns a non-2xx answer into a VercelError with a hint for the common causes (token, team, project). */
  errorFor(res, what, notFound) {
    let body = {};
    try {
      body = JSON.parse(res.text);
    } catch {
    }
    const detail = body.error?.message ? `: ${body.error.message}` : "";
    const code = body.error?.code ?? `http_${res.status}`;
    const message = `Vercel API: ${what} failed with HTTP ${res.status} (${code})${detail}`;
    if (res.status === 401 || res.status === 403) {
      const team = this.options.teamId;
      return new VercelError("vercel_forbidden", message, {
        reason: "permission-denied",
        status: res.status,
        hint: team ? `The token has no access to team ${team}. Create a token in that team (Vercel \u2192 Account Settings \u2192 Tokens, scope: the team) and store it as the VERCEL_TOKEN secret.` : "The token is missing, expired or revoked, or the project belongs to a team: create a new token and set team-id (vercel.team-id) for team projects."
      });
    }
    if (res.status === 404 && notFound) {
      return new VercelError("vercel_not_found", message, {
        reason: notFound.reason,
        status: 404,
        hint: notFound.hint
      });
    }
    return new VercelError("vercel_api_error", message, {
      reason: "api-error",
      status: res.status,
      hint: res.status >= 500 || res.status === 429 ? "Vercel kept failing after several retries; retry the job later." : "The request was refused; check the project settings and inputs."
    });
  }
};

// lib/vercel/project.ts
async function getProject(api, idOrName) {
  return api.json("GET", `/v9/projects/${encodeURIComponent(idOrName)}`, {
    what: `reading project ${idOrName}`,
    notFound: {
      reason: "config-invalid",
      hint: `No Vercel project "${idOrName}" in this ${api.options.teamId ? `team (${api.options.teamId})` : "account"}. Create it (vercel link, or the dashboard) or fix vercel.project / the project input${api.options.teamId ? "" : "; team projects also need team-id"}.`
    }
  });
}
function productionDomains(project) {
  return (project.alias ?? []).filter((a) => !a.target || a.target.toLowerCase() === "production").map((a) => a.domain);
}

// lib/vercel/promote.ts
async function promoteDeployment(options) {
  const { clock, logger } = options;
  const started = clock.now().getTime();
  const since = (t) => clock.now().getTime() - t;
  const details = {
    wasPinned: false,
    servingVerified: false,
    timings: { promote: 0, verify: 0, total: 0 }
  };
  const finish = (o) => {
    details.timings.total = since(started);
    return o;
  };
  const api = new VercelApi({
    token: options.token,
    apiUrl: options.apiUrl,
    teamId: options.teamId,
    clock,
    logger,
    random: options.random,
    timeoutMs: options.idleTimeoutMs ?? 3e4
  });
  let requested = false;
  try {
    const project = await getProject(api, options.project);
    details.projectId = project.id;
    details.previousDeploymentId = project.targets?.production?.id;
    details.wasPinned = project.autoAssignCustomDomains === false;
    const deployment = await api.json(
      "GET",
      `/v13/deployments/${encodeURIComponent(options.deployment.replace(/^https?:\/\//, "").replace(/\/.*$/, ""))}`,
      {
        what: `reading deployment ${options.deployment}`,
        notFound: {
          reason: "deployment-missing",
          hint: "Check the deployment id (the deploy step\u2019s deployment-id output)."
        }
      }
    );
    details.deploymentId = deployment.id;
    details.url = `https://${deployment.url}`;
    details.inspectorUrl = deployment.inspectorUrl;
    if (deployment.projectId && deployment.projectId !== project.id) {
      return finish(
        refused(
          "invalid-input",
          `Deployment ${deployment.id} belongs to another project than ${project.name}.`,
          details
        )
      );
    }
    if (deployment.readyState !== "READY") {
      return finish(
        refused(
          "invalid-input",
          `Deployment ${deployment.id} is ${deployment.readyState}, not READY; only a READY deployment can be promoted.`,
          details
        )
      );
    }
    if (deployment.target !== "production") {
      return finish(
        refused(
          "invalid-input",
          `Deployment ${deployment.id} is a ${deployment.target ?? "preview"} deployment; promote needs a production deployment (deploy with target production first).`,
          details
        )
      );
    }
    const domain = productionDomains(project)[0];
    details.productionUrl = options.serveCheck?.productionUrl ?? (domain ? `https://${domain}` : void 0);
    const res = await api.send(
      "POST",
      `/v10/projects/${encodeURIComponent(project.id)}/promote/${encodeURIComponent(deployment.id)}`,
      {
        what: `promoting ${deployment.id}`,
        // Promoting the same deployment twice is harmless, so a lost answer may be retried.
        retryUnsafe: true
      }
    );
    requested = true;
    if (res.status !== 200 && res.status !== 201 && res.status !== 202) {
      throw api.errorFor(res, `promoting ${deployment.id}`, {
        reason: "deployment-missing",
        hint: "The deployment or project no longer exists."
      });
    }
    logger.info(`Promote of ${deployment.id} requested (HTTP ${res.status}); waiting for the production alias`);
    const deadline = started + options.timeoutMs;
    await waitForAlias(api, project.id, deployment.id, deadline, options);
    details.timings.promote = since(started);
    if (options.serveCheck && details.productionUrl) {
      const t = clock.now().getTime();
      await waitForServing(options.serveCheck, details.productionUrl, details.url, deadline, options);
      details.servingVerified = true;
      details.timings.verify = since(t);
    }
    logger.info(`Production (${details.productionUrl ?? project.name}) now serves ${deployment.id}`);
    return finish(
      succeeded(
        `Promoted ${deployment.id} to production${details.previousDeploymentId ? ` (was ${details.previousDeploymentId})` : ""}${details.wasPinned ? "; production is no longer pinned" : ""}.`,
        details
      )
    );
  } catch (error) {
    if (!(error instanceof VercelError)) throw error;
    details.errorCode = error.code;
    const message = error.hint ? `${error.message} ${error.hint}` : error.message;
    if (!requested && ["invalid-input", "config-invalid", "permission-denied", "deployment-missing"].includes(error.reason)) {
      return finish(refused(error.reason, message, details));
    }
    return finish(failed(error.reason === "api-error" ? "promote-failed" : error.reason, message, details));
  }
}
async function waitForAlias(api, projectId, deploymentId, deadline, options) {
  const { clock, logger } = options;
  let lastStatus = "";
  for (; ; ) {
    let project;
    try {
      project = await getProject(api, projectId);
    } catch (error) {
      if (!(error instanceof VercelError) || !(error.code === "vercel_unreachable" || (error.status ?? 0) >= 500))
        throw error;
      logger.warning(`${error.message}; still waiting for the promote of ${deploymentId}`);
    }
    const job = project?.lastAliasRequest;
    if (project && job && job.toDeploymentId === deploymentId) {
      if (job.jobStatus !== lastStatus) {
        logger.info(`Alias job: ${job.jobStatus}`);
        lastStatus = job.jobStatus;
      }
      if (job.jobStatus === "succeeded" && project.targets?.production?.id === deploymentId) return project;
      if (job.jobStatus === "failed") {
        throw new VercelError(
          "vercel_promote_failed",
          `Vercel could not move the production domains to ${deploymentId} (alias job failed).`,
          {
            reason: "promote-failed",
            hint: "Production still serves the previous deployment. Retry the promote; if it fails again, check the domains in the Vercel dashboard."
          }
        );
      }
    } else if (project && job && job.toDeploymentId !== deploymentId && job.requestedAt && lastStatus) {
      throw new VercelError(
        "vercel_promote_superseded",
        `Another promote or rollback (to ${job.toDeploymentId}) replaced this one.`,
        {
          reason: "promote-failed",
          hint: "Someone else changed production meanwhile; check who holds the environment lock."
        }
      );
    } else if (project && !job && project.targets?.production?.id === deploymentId) {
      return project;
    }
    if (clock.now().getTime() >= deadline) {
      throw new VercelError(
        "vercel_promote_timeout",
        `The promote of ${deploymentId} did not complete in time (alias job: ${lastStatus || "not seen"}).`,
        {
          reason: "timeout",
          hint: "Check the project in the Vercel dashboard; production may still switch. Rerun the promote to wait again."
        }
      );
    }
    await clock.sleep(options.pollIntervalMs ?? 1e3);
  }
}
async function bodyOf(check, url, bypass) {
  const res = await check.fetch(url, {
    headers: bypass ? { "x-vercel-protection-bypass": bypass } : {},
    redirect: "manual",
    signal: AbortSignal.timeout(15e3)
  });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}
async function expectedBody(check, url) {
  try {
    const answer = await bodyOf(check, url, check.bypassSecret);
    if (answer.status === 401 && check.expected) return { status: 200, bytes: check.expected };
    return answer;
  } catch (error) {
    if (!check.expected) throw error;
    return { status: 200, bytes: check.expected };
  }
}
async function waitForServing(check, productionUrl, deploymentUrl, deadline, options) {
  const path = check.path ?? "/";
  const { clock, logger } = options;
  let reason = "";
  for (; ; ) {
    try {
      const expected = await expectedBody(check, `${deploymentUrl}${path}`);
      const served = await bodyOf(check, `${productionUrl.replace(/\/$/, "")}${path}`);
      if (served.status === expected.status && served.bytes.equals(expected.bytes)) return;
      reason = `production answered ${served.status} with ${served.bytes.length} bytes, the deployment ${expected.status} with ${expected.bytes.length}`;
    } catch (error) {
      reason = error.message;
    }
    if (clock.now().getTime() >= deadline) {
      throw new VercelError(
        "vercel_not_serving",
        `${productionUrl}${path} does not serve the promoted deployment yet (${reason}).`,
        {
          reason: "promote-failed",
          hint: "The alias job succeeded but the domain answers differently; check DNS and caches for the production domain."
        }
      );
    }
    logger.debug(`Waiting for ${productionUrl}${path} to serve the new deployment (${reason})`);
    await clock.sleep(options.pollIntervalMs ?? 1e3);
  }
}

export {
  parseRetryAfter,
  backoffDelay,
  httpRequest,
  VercelError,
  VercelApi,
  getProject,
  promoteDeployment
};
