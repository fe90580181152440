export const id = 32;
export const ids = [32];
export const modules = {

/***/ 1854:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   aj: () => (/* binding */ httpRequest),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter)
/* harmony export */ });
/* unused harmony export RETRYABLE_STATUSES */
/* harmony import */ var _clock_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1866);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1085);


/** Statuses worth another try: rate limited or a gateway/service hiccup. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Parses a Retry-After header (delta-seconds or an HTTP date) into milliseconds, or undefined. */
function parseRetryAfter(value, now = new Date()) {
    if (!value)
        return undefined;
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed))
        return Math.round(Number(trimmed) * 1000);
    const date = Date.parse(trimmed);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - now.getTime());
}
/** Full-jitter exponential backoff: a random wait in [0, base * 2^(attempt-1)], capped. */
function backoffDelay(attempt, policy, random = Math.random) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
    return Math.floor(random() * ceiling);
}
/**
 * Fetch with a per-attempt timeout (AbortSignal), and retries with jittered backoff on 429/502/503/504 and
 * network errors. A server's Retry-After is honoured (capped by maxDelayMs). Non-idempotent methods are not
 * retried unless `retryUnsafe` is set. Non-2xx final answers are returned, not thrown; network failures and
 * timeouts after the last attempt throw HttpError / TimeoutError.
 */
async function httpRequest(url, options = {}, client = {}) {
    const doFetch = client.fetch ?? fetch;
    const clock = client.clock ?? _clock_js__WEBPACK_IMPORTED_MODULE_0__/* .systemClock */ .m;
    const random = client.random ?? Math.random;
    const method = (options.method ?? 'GET').toUpperCase();
    const policy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 30_000, ...options.retry };
    const timeoutMs = options.timeoutMs ?? 30_000;
    const mayRetry = IDEMPOTENT_METHODS.has(method) || options.retryUnsafe === true;
    const maxAttempts = mayRetry ? Math.max(1, policy.attempts) : 1;
    for (let attempt = 1;; attempt++) {
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
                    json: () => JSON.parse(text),
                };
            }
            retryReason = `HTTP ${res.status}`;
            retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), clock.now());
        }
        catch (error) {
            if (options.signal?.aborted)
                throw options.signal.reason;
            const timedOut = timeout.aborted;
            if (attempt >= maxAttempts) {
                if (timedOut) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TimeoutError */ .MU('http_timeout', `${method} ${url} timed out after ${timeoutMs} ms`, {
                        hint: 'The server did not answer in time; check that it is up, or raise the timeout.',
                        cause: error,
                    });
                }
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .HttpError */ .j$('http_network', `${method} ${url} failed: ${error.message}`, {
                    url,
                    cause: error,
                    hint: 'The request did not reach the server; check the URL and the network.',
                });
            }
            retryReason = timedOut ? `timeout after ${timeoutMs} ms` : `network error: ${error.message}`;
        }
        const delayMs = Math.min(policy.maxDelayMs, retryAfterMs ?? backoffDelay(attempt, policy, random));
        client.onRetry?.({ url, attempt, delayMs, reason: retryReason });
        await clock.sleep(delayMs, options.signal);
    }
}


/***/ }),

/***/ 1004:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J5: () => (/* binding */ refused),
/* harmony export */   gq: () => (/* binding */ succeeded),
/* harmony export */   gz: () => (/* binding */ failed)
/* harmony export */ });
/* unused harmony exports REASON_CODES, isReasonCode, inconclusive, exitCodeFor */
/**
 * The result every engine operation returns. Adapters turn it into outputs and exit codes (actions), replies (bot)
 * and summary rows; nobody parses `message`. `reason` comes from one shared list of codes.
 */
/** Every reason code an operation may report. Add new codes here, never inline strings elsewhere. */
const REASON_CODES = (/* unused pure expression or super */ null && ([
    // success
    'ok',
    'already-done',
    'reused',
    // refusals: the operation did not start and changed nothing
    'never-good',
    'unknown-version',
    'no-known-good',
    'already-current',
    'lock-held',
    'lock-not-held',
    'permission-denied',
    'permission-unknown',
    'unknown-environment',
    'invalid-command',
    'invalid-input',
    'config-invalid',
    'deployment-missing',
    'ref-changed',
    // failures: the operation started and did not finish as asked
    'validate-failed',
    'migrate-failed',
    'deploy-edge-failed',
    'build-failed',
    'stage-failed',
    'smoke-failed',
    'promote-failed',
    'rollback-failed',
    'api-error',
    'timeout',
    // smoke analysis (verdict reasons)
    'error-rate-exceeded',
    'failure-limit-reached',
    'consecutive-errors',
    'latency-exceeded',
    'latency-warning',
    'warmup-failed',
    // inconclusive: not enough evidence either way
    'too-few-answers',
]));
/** True when `text` is a known reason code. */
function isReasonCode(text) {
    return REASON_CODES.includes(text);
}
/** Builds a success outcome. */
function succeeded(message, details, reason = 'ok') {
    return { outcome: 'success', reason, message, details };
}
/** Builds a refusal: the operation did not start and changed nothing. */
function refused(reason, message, details) {
    return { outcome: 'refused', reason, message, details };
}
/** Builds a failure: the operation started and did not complete. */
function failed(reason, message, details) {
    return { outcome: 'failure', reason, message, details };
}
/** Builds an inconclusive result: not enough evidence to pass or fail. */
function inconclusive(reason, message, details) {
    return { outcome: 'inconclusive', reason, message, details };
}
/** The process exit code an adapter uses for an outcome: 0 success, 1 failure or inconclusive, 3 refused. */
function exitCodeFor(outcome) {
    if (outcome.outcome === 'success')
        return 0;
    return outcome.outcome === 'refused' ? 3 : 1;
}


/***/ }),

/***/ 136:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ VercelApi)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1085);
/* harmony import */ var _core_http_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1854);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9017);



/** The Vercel REST API, scoped to one token and team. */
class VercelApi {
    options;
    constructor(options) {
        this.options = options;
    }
    /** The full URL of `path` with the team scope and `query` added. */
    url(path, query = {}) {
        const url = new URL(`${this.options.apiUrl.replace(/\/+$/, '')}${path}`);
        for (const [k, v] of Object.entries(query))
            if (v !== undefined)
                url.searchParams.set(k, v);
        if (this.options.teamId)
            url.searchParams.set('teamId', this.options.teamId);
        return url.toString();
    }
    /** Sends a request; returns the final answer (2xx or not) after retries. Network failures throw VercelError. */
    async send(method, path, options) {
        // A plain 500 is not retried by httpRequest (it may be a real bug), but reads and requests the caller marked safe
        // to repeat (promote) are repeated a few times.
        for (let extra = 0;; extra++) {
            const res = await this.sendOnce(method, path, options);
            if (res.status !== 500 || (method !== 'GET' && !options.retryUnsafe) || extra >= 3)
                return res;
            const delayMs = (0,_core_http_js__WEBPACK_IMPORTED_MODULE_1__/* .backoffDelay */ .EY)(extra + 1, { attempts: 4, baseDelayMs: 500, maxDelayMs: 5_000 }, this.options.random);
            this.options.logger.warning(`Vercel API: ${options.what} failed (HTTP 500); retry in ${(delayMs / 1000).toFixed(1)} s`);
            await this.options.clock.sleep(delayMs);
        }
    }
    async sendOnce(method, path, options) {
        const url = this.url(path, options.query);
        try {
            return await (0,_core_http_js__WEBPACK_IMPORTED_MODULE_1__/* .httpRequest */ .aj)(url, {
                method,
                headers: {
                    authorization: `Bearer ${this.options.token}`,
                    accept: 'application/json',
                    ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
                    ...options.headers,
                },
                body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
                timeoutMs: options.timeoutMs ?? this.options.timeoutMs ?? 30_000,
                retry: { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, ...this.options.retry },
                retryUnsafe: options.retryUnsafe,
            }, {
                clock: this.options.clock,
                fetch: this.options.fetch,
                random: this.options.random,
                onRetry: ({ attempt, delayMs, reason }) => this.options.logger.warning(`Vercel API: ${options.what} failed (${reason}); retry ${attempt} in ${(delayMs / 1000).toFixed(1)} s`),
            });
        }
        catch (error) {
            if (error instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .TimeoutError */ .MU || error instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .VercelError */ .q('vercel_unreachable', `Vercel API: ${options.what} failed: ${error.message}`, {
                    reason: error instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .TimeoutError */ .MU ? 'timeout' : 'api-error',
                    hint: 'The Vercel API did not answer after several attempts; check https://www.vercel-status.com and retry the job.',
                    cause: error,
                });
            }
            throw error;
        }
    }
    /** Sends a request and returns its JSON body; a non-2xx answer throws a VercelError naming the cause. */
    async json(method, path, options) {
        const res = await this.send(method, path, options);
        if (res.status >= 200 && res.status < 300) {
            if (!res.text)
                return undefined;
            try {
                return res.json();
            }
            catch {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .VercelError */ .q('vercel_bad_answer', `Vercel API: ${options.what} answered with invalid JSON.`, {
                    reason: 'api-error',
                    status: res.status,
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
        }
        catch {
            // not JSON: keep the status only
        }
        const detail = body.error?.message ? `: ${body.error.message}` : '';
        const code = body.error?.code ?? `http_${res.status}`;
        const message = `Vercel API: ${what} failed with HTTP ${res.status} (${code})${detail}`;
        if (res.status === 401 || res.status === 403) {
            const team = this.options.teamId;
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .VercelError */ .q('vercel_forbidden', message, {
                reason: 'permission-denied',
                status: res.status,
                hint: team
                    ? `The token has no access to team ${team}. Create a token in that team (Vercel → Account Settings → Tokens, scope: the team) and store it as the VERCEL_TOKEN secret.`
                    : 'The token is missing, expired or revoked, or the project belongs to a team: create a new token and set team-id (vercel.team-id) for team projects.',
            });
        }
        if (res.status === 404 && notFound) {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .VercelError */ .q('vercel_not_found', message, {
                reason: notFound.reason,
                status: 404,
                hint: notFound.hint,
            });
        }
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .VercelError */ .q('vercel_api_error', message, {
            reason: 'api-error',
            status: res.status,
            hint: res.status >= 500 || res.status === 429
                ? 'Vercel kept failing after several retries; retry the job later.'
                : 'The request was refused; check the project settings and inputs.',
        });
    }
}


/***/ }),

/***/ 9017:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ VercelError)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1085);
/** Errors of the Vercel engine: each carries a machine-readable code and a hint for the user. */

/** A Vercel deploy or promote could not be done; `reason` is the outcome reason code adapters report. */
class VercelError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShiplineError */ .J0 {
    name = 'VercelError';
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
}


/***/ }),

/***/ 3873:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ getProject),
/* harmony export */   j: () => (/* binding */ productionDomains)
/* harmony export */ });
/** Loads a project by id or name; a missing project or a token without access is a VercelError naming the fix. */
async function getProject(api, idOrName) {
    return api.json('GET', `/v9/projects/${encodeURIComponent(idOrName)}`, {
        what: `reading project ${idOrName}`,
        notFound: {
            reason: 'config-invalid',
            hint: `No Vercel project "${idOrName}" in this ${api.options.teamId ? `team (${api.options.teamId})` : 'account'}. Create it (vercel link, or the dashboard) or fix vercel.project / the project input${api.options.teamId ? '' : '; team projects also need team-id'}.`,
        },
    });
}
/** The production domains of a project (its aliases targeting production, e.g. `shop.vercel.app`). */
function productionDomains(project) {
    return (project.alias ?? []).filter((a) => !a.target || a.target.toLowerCase() === 'production').map((a) => a.domain);
}


/***/ }),

/***/ 1032:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   promoteDeployment: () => (/* binding */ promoteDeployment)
/* harmony export */ });
/* harmony import */ var _release_outcome_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1004);
/* harmony import */ var _api_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(136);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9017);
/* harmony import */ var _project_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3873);




/** Promotes; returns an Outcome (refused when nothing was changed, failure when the switch did not complete). */
async function promoteDeployment(options) {
    const { clock, logger } = options;
    const started = clock.now().getTime();
    const since = (t) => clock.now().getTime() - t;
    const details = {
        wasPinned: false,
        servingVerified: false,
        timings: { promote: 0, verify: 0, total: 0 },
    };
    const finish = (o) => {
        details.timings.total = since(started);
        return o;
    };
    const api = new _api_js__WEBPACK_IMPORTED_MODULE_0__/* .VercelApi */ .C({
        token: options.token,
        apiUrl: options.apiUrl,
        teamId: options.teamId,
        clock,
        logger,
        random: options.random,
        timeoutMs: options.idleTimeoutMs ?? 30_000,
    });
    let requested = false;
    try {
        const project = await (0,_project_js__WEBPACK_IMPORTED_MODULE_2__/* .getProject */ .U)(api, options.project);
        details.projectId = project.id;
        details.previousDeploymentId = project.targets?.production?.id;
        details.wasPinned = project.autoAssignCustomDomains === false;
        const deployment = await api.json('GET', `/v13/deployments/${encodeURIComponent(options.deployment.replace(/^https?:\/\//, '').replace(/\/.*$/, ''))}`, {
            what: `reading deployment ${options.deployment}`,
            notFound: {
                reason: 'deployment-missing',
                hint: 'Check the deployment id (the deploy step’s deployment-id output).',
            },
        });
        details.deploymentId = deployment.id;
        details.url = `https://${deployment.url}`;
        details.inspectorUrl = deployment.inspectorUrl;
        if (deployment.projectId && deployment.projectId !== project.id) {
            return finish((0,_release_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .refused */ .J5)('invalid-input', `Deployment ${deployment.id} belongs to another project than ${project.name}.`, details));
        }
        if (deployment.readyState !== 'READY') {
            return finish((0,_release_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .refused */ .J5)('invalid-input', `Deployment ${deployment.id} is ${deployment.readyState}, not READY; only a READY deployment can be promoted.`, details));
        }
        if (deployment.target !== 'production') {
            return finish((0,_release_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .refused */ .J5)('invalid-input', `Deployment ${deployment.id} is a ${deployment.target ?? 'preview'} deployment; promote needs a production deployment (deploy with target production first).`, details));
        }
        const domain = (0,_project_js__WEBPACK_IMPORTED_MODULE_2__/* .productionDomains */ .j)(project)[0];
        details.productionUrl = options.serveCheck?.productionUrl ?? (domain ? `https://${domain}` : undefined);
        const res = await api.send('POST', `/v10/projects/${encodeURIComponent(project.id)}/promote/${encodeURIComponent(deployment.id)}`, {
            what: `promoting ${deployment.id}`,
            // Promoting the same deployment twice is harmless, so a lost answer may be retried.
            retryUnsafe: true,
        });
        requested = true;
        if (res.status !== 200 && res.status !== 201 && res.status !== 202) {
            throw api.errorFor(res, `promoting ${deployment.id}`, {
                reason: 'deployment-missing',
                hint: 'The deployment or project no longer exists.',
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
        return finish((0,_release_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .succeeded */ .gq)(`Promoted ${deployment.id} to production${details.previousDeploymentId ? ` (was ${details.previousDeploymentId})` : ''}${details.wasPinned ? '; production is no longer pinned' : ''}.`, details));
    }
    catch (error) {
        if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .VercelError */ .q))
            throw error;
        details.errorCode = error.code;
        const message = error.hint ? `${error.message} ${error.hint}` : error.message;
        if (!requested &&
            ['invalid-input', 'config-invalid', 'permission-denied', 'deployment-missing'].includes(error.reason)) {
            return finish((0,_release_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .refused */ .J5)(error.reason, message, details));
        }
        return finish((0,_release_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .failed */ .gz)(error.reason === 'api-error' ? 'promote-failed' : error.reason, message, details));
    }
}
async function waitForAlias(api, projectId, deploymentId, deadline, options) {
    const { clock, logger } = options;
    let lastStatus = '';
    for (;;) {
        let project;
        try {
            project = await (0,_project_js__WEBPACK_IMPORTED_MODULE_2__/* .getProject */ .U)(api, projectId);
        }
        catch (error) {
            if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .VercelError */ .q) || !(error.code === 'vercel_unreachable' || (error.status ?? 0) >= 500))
                throw error;
            logger.warning(`${error.message}; still waiting for the promote of ${deploymentId}`);
        }
        const job = project?.lastAliasRequest;
        if (project && job && job.toDeploymentId === deploymentId) {
            if (job.jobStatus !== lastStatus) {
                logger.info(`Alias job: ${job.jobStatus}`);
                lastStatus = job.jobStatus;
            }
            if (job.jobStatus === 'succeeded' && project.targets?.production?.id === deploymentId)
                return project;
            if (job.jobStatus === 'failed') {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .VercelError */ .q('vercel_promote_failed', `Vercel could not move the production domains to ${deploymentId} (alias job failed).`, {
                    reason: 'promote-failed',
                    hint: 'Production still serves the previous deployment. Retry the promote; if it fails again, check the domains in the Vercel dashboard.',
                });
            }
        }
        else if (project && job && job.toDeploymentId !== deploymentId && job.requestedAt && lastStatus) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .VercelError */ .q('vercel_promote_superseded', `Another promote or rollback (to ${job.toDeploymentId}) replaced this one.`, {
                reason: 'promote-failed',
                hint: 'Someone else changed production meanwhile; check who holds the environment lock.',
            });
        }
        else if (project && !job && project.targets?.production?.id === deploymentId) {
            return project;
        }
        if (clock.now().getTime() >= deadline) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .VercelError */ .q('vercel_promote_timeout', `The promote of ${deploymentId} did not complete in time (alias job: ${lastStatus || 'not seen'}).`, {
                reason: 'timeout',
                hint: 'Check the project in the Vercel dashboard; production may still switch. Rerun the promote to wait again.',
            });
        }
        await clock.sleep(options.pollIntervalMs ?? 1_000);
    }
}
async function bodyOf(check, url, bypass) {
    const res = await check.fetch(url, {
        headers: bypass ? { 'x-vercel-protection-bypass': bypass } : {},
        redirect: 'manual',
        signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}
/** What production should serve: the deployment URL's answer, or `check.expected` when that URL is unreadable. */
async function expectedBody(check, url) {
    try {
        const answer = await bodyOf(check, url, check.bypassSecret);
        if (answer.status === 401 && check.expected)
            return { status: 200, bytes: check.expected };
        return answer;
    }
    catch (error) {
        if (!check.expected)
            throw error;
        return { status: 200, bytes: check.expected };
    }
}
async function waitForServing(check, productionUrl, deploymentUrl, deadline, options) {
    const path = check.path ?? '/';
    const { clock, logger } = options;
    let reason = '';
    for (;;) {
        try {
            const expected = await expectedBody(check, `${deploymentUrl}${path}`);
            const served = await bodyOf(check, `${productionUrl.replace(/\/$/, '')}${path}`);
            if (served.status === expected.status && served.bytes.equals(expected.bytes))
                return;
            reason = `production answered ${served.status} with ${served.bytes.length} bytes, the deployment ${expected.status} with ${expected.bytes.length}`;
        }
        catch (error) {
            reason = error.message;
        }
        if (clock.now().getTime() >= deadline) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .VercelError */ .q('vercel_not_serving', `${productionUrl}${path} does not serve the promoted deployment yet (${reason}).`, {
                reason: 'promote-failed',
                hint: 'The alias job succeeded but the domain answers differently; check DNS and caches for the production domain.',
            });
        }
        logger.debug(`Waiting for ${productionUrl}${path} to serve the new deployment (${reason})`);
        await clock.sleep(options.pollIntervalMs ?? 1_000);
    }
}


/***/ })

};
