export const id = 574;
export const ids = [574,600,919];
export const modules = {

/***/ 4865:
/***/ ((module) => {

function webpackEmptyContext(req) {
	var e = new Error("Cannot find module '" + req + "'");
	e.code = 'MODULE_NOT_FOUND';
	throw e;
}
webpackEmptyContext.keys = () => ([]);
webpackEmptyContext.resolve = webpackEmptyContext;
webpackEmptyContext.id = 4865;
module.exports = webpackEmptyContext;

/***/ }),

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

/***/ 935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ formatBytes)
/* harmony export */ });
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];
/**
 * Formats a byte count with decimal (SI) units, one decimal at most: 999 → "999 B", 1_200_000 → "1.2 MB",
 * 1_000_000 → "1 MB". SI because bundle budgets and CDN dashboards speak in powers of 1000.
 */
function formatBytes(bytes) {
    if (!Number.isFinite(bytes))
        return String(bytes);
    const sign = bytes < 0 ? '-' : '';
    let value = Math.abs(bytes);
    let unit = 0;
    while (value >= 1000 && unit < UNITS.length - 1) {
        value /= 1000;
        unit++;
    }
    if (unit === 0)
        return `${sign}${Math.round(value)} B`;
    let rounded = Math.round(value * 10) / 10;
    if (rounded >= 1000 && unit < UNITS.length - 1) {
        rounded = 1;
        unit++;
    }
    return `${sign}${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} ${UNITS[unit]}`;
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

/***/ 6600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkBuildOutput: () => (/* binding */ checkBuildOutput),
/* harmony export */   staticFileFor: () => (/* binding */ staticFileFor)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9017);
/**
 * Checks a prebuilt Build Output API v3 folder (what `vercel build` writes to `.vercel/output`) before any API call:
 * it must exist, sit at `<project>/.vercel/output` (Vercel reads the files under that prefix), and hold a
 * `config.json` with `"version": 3`.
 */



const HOW_TO_BUILD = 'Build it before deploying: run `vercel pull --yes --environment=<target>` and `vercel build` (add `--prod` for production) in the project, or let your framework write the Build Output API v3 folder to .vercel/output.';
function isDir(path) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path).isDirectory();
    }
    catch {
        return false;
    }
}
/** Validates `outputDir` (absolute, or relative to `cwd`); throws a VercelError (`invalid-input`) naming the fix. */
function checkBuildOutput(outputDir, cwd) {
    const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, outputDir);
    const shown = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(cwd, abs) || '.';
    if (!isDir(abs)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .VercelError */ .q('build_output_missing', `The Vercel build output folder ${shown} does not exist.`, {
            reason: 'invalid-input',
            hint: HOW_TO_BUILD,
        });
    }
    if ((0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(abs) !== 'output' || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(abs)) !== '.vercel') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .VercelError */ .q('build_output_location', `The build output folder ${shown} must be named .vercel/output: Vercel reads prebuilt files under that path.`, {
            reason: 'invalid-input',
            hint: 'Point vercel.output-dir (or the output-dir input) at <project>/.vercel/output.',
        });
    }
    const configPath = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(abs, 'config.json');
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(configPath, 'utf8');
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .VercelError */ .q('build_output_invalid', `${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(shown, 'config.json')} is missing.`, {
            reason: 'invalid-input',
            hint: `A Build Output API v3 folder starts with config.json containing {"version": 3}. ${HOW_TO_BUILD}`,
        });
    }
    let config;
    try {
        config = JSON.parse(text);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .VercelError */ .q('build_output_invalid', `${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(shown, 'config.json')} is not valid JSON: ${error.message}`, { reason: 'invalid-input', hint: HOW_TO_BUILD });
    }
    const version = config?.version;
    if (version !== 3) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .VercelError */ .q('build_output_invalid', `${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(shown, 'config.json')} has "version": ${JSON.stringify(version ?? null)}; the Build Output API needs 3.`, { reason: 'invalid-input', hint: `Rebuild with a current Vercel CLI. ${HOW_TO_BUILD}` });
    }
    return { projectDir: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(abs)), outputDir: abs, hasFunctions: isDir((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(abs, 'functions')) };
}
/** The static file of the output that Vercel serves at `path` (`/` → `static/index.html`), when there is one. */
function staticFileFor(outputDir, path) {
    const clean = decodeURIComponent(path.split('?')[0] ?? '/').replace(/\/+$/, '');
    if (clean.split('/').includes('..'))
        return undefined;
    const base = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(outputDir, 'static', clean);
    for (const candidate of [(0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(base, 'index.html'), `${base}.html`, base]) {
        try {
            if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(candidate) && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(candidate).isFile())
                return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(candidate);
        }
        catch {
            // unreadable: no expectation
        }
    }
    return undefined;
}


/***/ }),

/***/ 3118:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployToVercel: () => (/* binding */ deployToVercel)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@vercel/client/dist/index.js
var dist = __webpack_require__(1208);
// EXTERNAL MODULE: ./lib/core/http.ts
var http = __webpack_require__(1854);
// EXTERNAL MODULE: ./lib/core/size.ts
var size = __webpack_require__(935);
// EXTERNAL MODULE: ./lib/release/outcome.ts
var outcome = __webpack_require__(1004);
// EXTERNAL MODULE: ./lib/vercel/api.ts
var vercel_api = __webpack_require__(136);
// EXTERNAL MODULE: ./lib/vercel/build-output.ts
var build_output = __webpack_require__(6600);
// EXTERNAL MODULE: ./lib/vercel/errors.ts
var errors = __webpack_require__(9017);
// EXTERNAL MODULE: ./lib/vercel/meta.ts
var meta = __webpack_require__(6919);
;// CONCATENATED MODULE: ./lib/vercel/find-existing.ts

/** Lists deployments of `projectId` whose meta matches every `meta` pair, newest first (one page of up to 100). */
async function listByMeta(api, projectId, meta, filters = {}) {
    const query = { projectId, limit: '100' };
    if (filters.state)
        query.state = filters.state;
    if (filters.target === 'production' || filters.target === 'preview')
        query.target = filters.target;
    for (const [k, v] of Object.entries(meta))
        query[`meta-${k}`] = v;
    const body = await api.json('GET', '/v6/deployments', {
        query,
        what: 'listing deployments',
    });
    return (body?.deployments ?? []).filter((d) => Object.entries(meta).every(([k, v]) => d.meta?.[k] === v));
}
/** The newest READY deployment of commit `sha` for `target` (production, preview or a custom environment). */
async function findExistingDeployment(api, projectId, sha, target) {
    const found = await listByMeta(api, projectId, { [meta.META.sha]: sha, [meta.META.target]: target }, { target, state: 'READY' });
    return found.find((d) => (d.readyState ?? d.state) === 'READY');
}

;// CONCATENATED MODULE: ./lib/vercel/guarded-dispatcher.ts
/**
 * A fetch `dispatcher` for `@vercel/client` (its documented `dispatcher` option) that adds what the client lacks:
 * an idle timeout per request (a stalled upload or API call fails with an ETIMEDOUT error instead of hanging for
 * minutes; the client retries network errors of uploads itself) and a record of the last Retry-After a 429/503
 * carried (the client drops response headers, so the caller could not honour it otherwise).
 * It delegates to the process's own fetch dispatcher, so connection pooling and TLS settings stay Node's.
 */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
/** Node's fetch dispatcher (created on the first fetch; a `data:` fetch creates it without a network call). */
async function globalDispatcher() {
    const holder = globalThis;
    if (!holder[GLOBAL_DISPATCHER])
        await fetch('data:,').then((r) => r.arrayBuffer());
    const found = holder[GLOBAL_DISPATCHER];
    if (!found)
        throw new Error('Node fetch has no global dispatcher');
    return found;
}
/** A dispatcher with an idle timeout that remembers Retry-After values; see the module comment. */
class GuardedDispatcher {
    inner;
    idleTimeoutMs;
    /** Milliseconds of the last Retry-After seen on a 429/503 answer (undefined after `takeRetryAfter`). */
    retryAfter;
    /** Statuses of answers seen, by status (for logs and tests). */
    statuses = new Map();
    constructor(inner, idleTimeoutMs) {
        this.inner = inner;
        this.idleTimeoutMs = idleTimeoutMs;
    }
    /** Creates one around Node's fetch dispatcher; `idleTimeoutMs` is how long a request may go without progress. */
    static async create(idleTimeoutMs) {
        return new GuardedDispatcher(await globalDispatcher(), idleTimeoutMs);
    }
    /** The last Retry-After header value seen (raw), cleared by this call. */
    takeRetryAfter() {
        const value = this.retryAfter;
        this.retryAfter = undefined;
        return value;
    }
    dispatch(options, handler) {
        let timer;
        let abort;
        let finished = false;
        const stop = () => {
            finished = true;
            if (timer)
                clearTimeout(timer);
        };
        const arm = () => {
            if (finished)
                return;
            if (timer)
                clearTimeout(timer);
            timer = setTimeout(() => {
                const error = Object.assign(new Error(`ETIMEDOUT: no progress for ${this.idleTimeoutMs} ms (the server stalled)`), { code: 'ETIMEDOUT' });
                if (abort)
                    abort(error);
                else
                    call('onError', error);
                stop();
            }, this.idleTimeoutMs);
            timer.unref?.();
        };
        const call = (name, ...args) => {
            const fn = handler[name];
            return typeof fn === 'function' ? fn.apply(handler, args) : undefined;
        };
        const wrapped = new Proxy(handler, {
            get: (target, prop, receiver) => {
                switch (prop) {
                    case 'onConnect':
                        return (abortFn, context) => {
                            abort = abortFn;
                            arm();
                            return call('onConnect', abortFn, context);
                        };
                    case 'onBodySent':
                        return (...args) => {
                            arm();
                            return call('onBodySent', ...args);
                        };
                    case 'onHeaders':
                        return (status, rawHeaders, ...rest) => {
                            arm();
                            this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
                            if (status === 429 || status === 503)
                                this.retryAfter = retryAfterOf(rawHeaders) ?? this.retryAfter;
                            return call('onHeaders', status, rawHeaders, ...rest);
                        };
                    case 'onData':
                        return (...args) => {
                            arm();
                            return call('onData', ...args);
                        };
                    case 'onComplete':
                        return (...args) => {
                            stop();
                            return call('onComplete', ...args);
                        };
                    case 'onError':
                        return (...args) => {
                            stop();
                            return call('onError', ...args);
                        };
                    default:
                        return Reflect.get(target, prop, receiver);
                }
            },
        });
        arm();
        return this.inner.dispatch(options, wrapped);
    }
}
function retryAfterOf(rawHeaders) {
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
        if (String(rawHeaders[i]).toLowerCase() === 'retry-after')
            return String(rawHeaders[i + 1]);
    }
    return undefined;
}

// EXTERNAL MODULE: ./lib/vercel/project.ts
var vercel_project = __webpack_require__(3873);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./lib/vercel/upload.ts
/**
 * Uploads the files the API reported missing (`POST /v2/files`, content-addressed by SHA-1, so a repeat is
 * harmless): bounded concurrency, each request with an idle timeout and retries with backoff that honour
 * Retry-After (VercelApi). Buffers go out in one write, which on a loaded machine is markedly cheaper than the
 * client's per-file streams (bench/deploy).
 */

/** Uploads `files` with at most `concurrency` requests in flight; returns how many files and bytes went out. */
async function uploadFiles(api, files, options = {}) {
    let next = 0;
    let uploaded = 0;
    let bytes = 0;
    let failure;
    const worker = async () => {
        while (failure === undefined && next < files.length) {
            const file = files[next++];
            try {
                const data = file.data ?? (await (0,promises_.readFile)(file.names[0]));
                const res = await api.send('POST', '/v2/files', {
                    raw: data,
                    headers: {
                        'content-type': 'application/octet-stream',
                        'x-now-digest': file.sha,
                        'x-now-size': String(data.length),
                    },
                    retryUnsafe: true,
                    // A big file needs longer than the stall limit: allow at least 100 kB/s on top of it.
                    timeoutMs: (api.options.timeoutMs ?? 30_000) + Math.ceil(data.length / 100),
                    what: `uploading ${file.names[0]?.split('/.vercel/output/')[1] ?? file.sha}`,
                });
                if (res.status !== 200)
                    throw api.errorFor(res, `uploading ${file.sha}`);
                uploaded++;
                bytes += data.length;
                options.onUploaded?.(data.length);
            }
            catch (error) {
                failure ??= error;
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 50, files.length)) }, worker));
    if (failure !== undefined)
        throw failure;
    return { files: uploaded, bytes };
}

;// CONCATENATED MODULE: ./lib/vercel/wait-ready.ts

/** Polls until READY (after 250 ms, doubling up to `intervalMs`); throws VercelError (`build-failed`, `timeout`, or the API error) otherwise. */
async function waitForReady(api, deploymentId, options) {
    const { clock, logger } = options;
    const deadline = clock.now().getTime() + options.timeoutMs;
    let lastState = '';
    let last;
    let wait = Math.min(250, options.intervalMs);
    for (;;) {
        try {
            last = await api.json('GET', `/v13/deployments/${encodeURIComponent(deploymentId)}`, {
                what: `reading deployment ${deploymentId}`,
                notFound: { reason: 'deployment-missing', hint: 'The deployment was deleted while building.' },
            });
            if (last.readyState !== lastState) {
                logger.info(`Build state: ${last.readyState}`);
                lastState = last.readyState;
            }
            if (last.readyState === 'READY')
                return last;
            if (last.readyState === 'ERROR' || last.readyState === 'CANCELED') {
                const code = last.errorCode ?? (last.readyState === 'CANCELED' ? 'CANCELED' : 'BUILD_FAILED');
                throw new errors/* VercelError */.q('vercel_build_failed', `Deployment ${deploymentId} ended in ${last.readyState} (${code})${last.errorMessage ? `: ${last.errorMessage}` : ''}.`, {
                    reason: 'build-failed',
                    inspectorUrl: last.inspectorUrl,
                    hint: `Production is unchanged.${last.inspectorUrl ? ` Build logs: ${last.inspectorUrl}` : ''}`,
                });
            }
        }
        catch (error) {
            const transient = error instanceof errors/* VercelError */.q &&
                (error.code === 'vercel_unreachable' || (error.status !== undefined && error.status >= 500));
            if (!transient)
                throw error;
            logger.warning(`${error.message}; still waiting for ${deploymentId}`);
        }
        const left = deadline - clock.now().getTime();
        if (left <= 0) {
            throw new errors/* VercelError */.q('vercel_build_timeout', `Deployment ${deploymentId} was not READY within ${Math.round(options.timeoutMs / 1000)} s (last state: ${lastState || 'unknown'}).`, {
                reason: 'timeout',
                inspectorUrl: last?.inspectorUrl,
                hint: `Production is unchanged. Raise vercel.build-timeout if builds take longer${last?.inspectorUrl ? `; see ${last.inspectorUrl}` : ''}.`,
            });
        }
        // Short waits first (most prebuilt deployments are READY within a second or two), then the full interval.
        await clock.sleep(Math.min(wait, left));
        wait = Math.min(options.intervalMs, wait * 2);
    }
}

;// CONCATENATED MODULE: ./lib/vercel/deploy.ts
/**
 * Deploys a prebuilt Build Output API v3 folder with `@vercel/client` (`createDeployment`, `prebuilt: true`):
 * validate the folder, check the project and token, reuse a READY deployment of the same commit (unless `force`),
 * hash, upload only what the API reports missing, create, and wait for READY with a deadline.
 * Production deployments are staged (`autoAssignCustomDomains: false`): promotion is a separate step (promote.ts).
 * The client hashes and creates; it is stopped at its missing-files answer and upload.ts sends those files (one
 * buffer per request, per-request retries with Retry-After and an idle timeout), then the client creates. What it
 * lacks besides is wrapped here: an idle timeout and Retry-After capture for its own requests
 * (guarded-dispatcher.ts), whole-attempt retries on 429/5xx/network failures (the server then reports fewer missing
 * files), and polling with its own deadline instead of the client's 5–35 s waits.
 */














const RETRYABLE_CODES = new Set(['rate_limited', 'internal_server_error', 'bad_gateway', 'service_unavailable']);
const NETWORK = /ETIMEDOUT|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|other side closed|fetch failed|network|terminated/i;
/** True when an error event of the client is worth another attempt (rate limit, 5xx, network, stall). */
function isTransient(payload) {
    const p = payload;
    if (!p)
        return false;
    if (typeof p.status === 'number')
        return p.status === 429 || p.status >= 500;
    if (p.code && RETRYABLE_CODES.has(p.code))
        return true;
    if (p.name === 'SyntaxError')
        return true; // a 5xx answered with HTML
    const text = `${p.message ?? ''} ${p.cause?.message ?? ''} ${p.cause?.code ?? ''}`;
    return NETWORK.test(text);
}
function describePayload(payload) {
    const p = payload;
    if (!p)
        return 'unknown error';
    const cause = p.cause?.message ? ` (${p.cause.message})` : '';
    const status = p.status ? `HTTP ${p.status} ` : '';
    return `${status}${p.code ? `${p.code}: ` : ''}${p.message ?? String(payload)}${cause}`;
}
function httpsUrl(host) {
    return host.startsWith('http') ? host : `https://${host}`;
}
/** Deploys the build output; returns an Outcome (never throws for expected failures). */
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
        timings: { check: 0, hash: 0, upload: 0, build: 0, total: 0 },
    };
    const finish = (outcome) => {
        details.timings.total = since(started);
        return outcome;
    };
    const api = new vercel_api/* VercelApi */.C({
        token: options.token,
        apiUrl: options.apiUrl,
        teamId: options.teamId,
        clock,
        logger,
        random: options.random,
        timeoutMs: options.idleTimeoutMs ?? 60_000,
    });
    const production = options.target === 'production';
    const stage = production && options.stage !== false;
    try {
        // 1. Check: the output folder, then the project and the token's access to it.
        const output = (0,build_output.checkBuildOutput)(options.outputDir, options.cwd);
        const project = await (0,vercel_project/* getProject */.U)(api, options.project);
        details.projectId = project.id;
        logger.info(`Vercel project ${project.name} (${project.id}), target ${options.target}`);
        // 2. Reuse a READY deployment of this commit for this target.
        if (!options.force) {
            const existing = await findExistingDeployment(api, project.id, options.release.sha, options.target);
            if (existing) {
                details.deploymentId = existing.uid;
                details.url = httpsUrl(existing.url);
                details.inspectorUrl = existing.inspectorUrl ?? undefined;
                details.readyState = 'READY';
                details.reused = true;
                details.staged = production && existing.readySubstate !== 'PROMOTED';
                details.timings.check = since(started);
                logger.info(`Reusing ${existing.uid} (${details.url}): commit ${options.release.sha.slice(0, 7)} is already READY for ${options.target}; nothing uploaded (force: true deploys again).`);
                return finish((0,outcome/* succeeded */.gq)(`Reused deployment ${existing.uid} of commit ${options.release.sha.slice(0, 7)}.`, details, 'reused'));
            }
        }
        details.timings.check = since(started);
        // 3. Hash, upload what is missing, create — retried as a whole on transient failures.
        const attemptId = (0,external_node_crypto_.randomBytes)(8).toString('hex');
        const dispatcher = await GuardedDispatcher.create(options.idleTimeoutMs ?? 60_000);
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
                // The client stopped at the missing-files answer; upload them here, then the next pass creates.
                uploadRounds++;
                if (uploadRounds > maxAttempts) {
                    throw new errors/* VercelError */.q('vercel_missing_files', `Vercel still reports ${result.missing.length} file(s) missing after ${maxAttempts} upload rounds.`, {
                        reason: 'stage-failed',
                        hint: 'Uploads are accepted but not kept; retry later or contact Vercel support.',
                    });
                }
                const t = clock.now().getTime();
                const missing = new Set(result.missing);
                const files = Object.entries(result.hashed ?? {})
                    .filter(([sha]) => missing.has(sha))
                    .map(([sha, f]) => ({ sha, names: f.names, data: f.data }));
                logger.info(`Uploading ${files.length} file(s) the API does not have yet`);
                try {
                    const sent = await uploadFiles(api, files, {
                        concurrency: options.uploadConcurrency,
                        onUploaded: (bytes) => {
                            details.filesUploaded++;
                            details.bytesUploaded += bytes;
                        },
                    });
                    logger.info(`Uploaded ${sent.files} file(s), ${(0,size/* formatBytes */.z)(sent.bytes)}`);
                    continue;
                }
                catch (uploadError) {
                    if (!(uploadError instanceof errors/* VercelError */.q))
                        throw uploadError;
                    error = {
                        status: uploadError.status,
                        code: uploadError.code,
                        message: uploadError.message,
                        vercel: uploadError,
                    };
                }
                finally {
                    details.timings.upload += clock.now().getTime() - t;
                }
            }
            failures++;
            // The creation request may have reached Vercel although its answer was lost: look for it by its attempt id.
            const lost = await listByMeta(api, project.id, { [meta.META.attempt]: attemptId }).catch(() => []);
            const found = lost[0];
            if (found) {
                logger.info(`Found deployment ${found.uid} created by an attempt whose answer was lost; using it.`);
                created = { id: found.uid, url: found.url, inspectorUrl: found.inspectorUrl ?? undefined };
                break;
            }
            const vercelError = error?.vercel;
            if (!isTransient(error) || failures >= maxAttempts) {
                throw vercelError && !isTransient(error) ? vercelError : clientError(error, api, failures);
            }
            const retryAfter = (0,http/* parseRetryAfter */.mu)(dispatcher.takeRetryAfter() ?? null, clock.now());
            const delay = Math.min(30_000, retryAfter ??
                (0,http/* backoffDelay */.EY)(failures, { attempts: maxAttempts, baseDelayMs: 500, maxDelayMs: 30_000 }, options.random));
            logger.warning(`Upload/create attempt ${failures} failed (${describePayload(error)}); retrying in ${(delay / 1000).toFixed(1)} s${retryAfter !== undefined ? ' (Retry-After)' : ''}. Files already uploaded are not sent again.`);
            await clock.sleep(delay);
        }
        details.deploymentId = created.id;
        details.url = httpsUrl(created.url);
        details.inspectorUrl = created.inspectorUrl;
        logger.info(`Created ${created.id}: ${details.url}${created.inspectorUrl ? ` (inspect: ${created.inspectorUrl})` : ''}`);
        // 4. Wait for READY with a deadline.
        const buildStarted = clock.now().getTime();
        const ready = await waitForReady(api, created.id, {
            timeoutMs: options.buildTimeoutMs,
            intervalMs: options.pollIntervalMs ?? 2_000,
            clock,
            logger,
        });
        details.timings.build = since(buildStarted);
        details.readyState = ready.readyState;
        details.inspectorUrl = ready.inspectorUrl ?? details.inspectorUrl;
        details.staged = production && ready.readySubstate !== 'PROMOTED';
        const how = details.staged
            ? 'staged: production domains still serve the previous deployment until it is promoted'
            : production
                ? 'serving production'
                : 'ready';
        return finish((0,outcome/* succeeded */.gq)(`Deployed ${created.id} to ${options.target} (${how}).`, details));
    }
    catch (error) {
        if (!(error instanceof errors/* VercelError */.q))
            throw error;
        details.inspectorUrl = error.inspectorUrl ?? details.inspectorUrl;
        details.errorCode = error.code;
        const message = error.hint ? `${error.message} ${error.hint}` : error.message;
        const before = ['invalid-input', 'config-invalid', 'permission-denied'].includes(error.reason) && !details.deploymentId;
        return finish(before ? (0,outcome/* refused */.J5)(error.reason, message, details) : (0,outcome/* failed */.gz)(error.reason, message, details));
    }
}
/** One pass of the client: hash, upload missing files, create. Returns the created deployment or the error event. */
async function createOnce(options, output, dispatcher, attemptId, stage, details, clock, logger) {
    const t0 = clock.now().getTime();
    let hashedAt;
    let hashed = {};
    const production = options.target === 'production';
    const deploymentOptions = {
        name: options.project,
        project: options.project,
        target: options.target,
        meta: (0,meta.deploymentMeta)(options.release, options.git, options.target, attemptId),
        gitMetadata: (0,meta.gitMetadata)(options.git),
        ...(production ? { autoAssignCustomDomains: !stage } : {}),
    };
    const events = (0,dist.createDeployment)({
        token: options.token,
        path: output.projectDir,
        vercelOutputDir: output.outputDir,
        prebuilt: true,
        apiUrl: options.apiUrl.replace(/\/+$/, ''),
        ...(options.teamId ? { teamId: options.teamId } : {}),
        ...(options.force ? { force: true } : {}),
        dispatcher,
        userAgent: 'shipline',
    }, deploymentOptions);
    try {
        for await (const event of events) {
            switch (event.type) {
                case 'hashes-calculated': {
                    hashedAt = clock.now().getTime();
                    details.timings.hash += hashedAt - t0;
                    hashed = event.payload;
                    details.filesHashed = Object.values(hashed).reduce((n, f) => n + f.names.length, 0);
                    logger.info(`Hashed ${details.filesHashed} files (${Object.keys(hashed).length} distinct)`);
                    break;
                }
                case 'file-count':
                    // Stop the client before it uploads: upload.ts sends the missing files (see the module comment).
                    return { missing: event.payload.missing, hashed };
                case 'warning':
                case 'notice':
                case 'tip':
                    logger.warning(`Vercel: ${String(event.payload)}`);
                    break;
                case 'created':
                    return { created: event.payload };
                case 'error':
                    return { error: event.payload };
                default:
                    break;
            }
        }
        return { error: new Error('The Vercel client ended without creating a deployment') };
    }
    catch (error) {
        // The client throws (rather than yielding) for unreadable files and bad options.
        return { error };
    }
    finally {
        details.timings.upload += clock.now().getTime() - (hashedAt ?? t0);
        await events.return?.(undefined);
    }
}
/** Maps the client's final error to a VercelError with a hint. */
function clientError(payload, api, attempts) {
    const p = payload;
    if (p && typeof p.status === 'number' && p.status >= 400 && p.status < 500 && p.status !== 429) {
        const res = {
            status: p.status,
            headers: new Headers(),
            text: JSON.stringify({ error: { code: p.code, message: p.message } }),
            attempts,
            json: () => ({ error: { code: p.code, message: p.message } }),
        };
        return api.errorFor(res, 'creating the deployment', {
            reason: 'config-invalid',
            hint: 'The project or team was not found; check vercel.project and team-id.',
        });
    }
    const forbidden = p?.code === 'forbidden' || p?.code === 'not_authorized';
    return new errors/* VercelError */.q('vercel_upload_failed', `Uploading or creating the deployment failed after ${attempts} attempt(s): ${describePayload(payload)}`, {
        reason: forbidden ? 'permission-denied' : isTransient(payload) ? 'api-error' : 'stage-failed',
        hint: forbidden
            ? 'The token may not upload to this team; use a token created in the team.'
            : 'Vercel kept failing; nothing was promoted, production is unchanged. Retry the job.',
        cause: payload,
    });
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

/***/ 6919:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   META: () => (/* binding */ META),
/* harmony export */   branchOf: () => (/* binding */ branchOf),
/* harmony export */   deploymentMeta: () => (/* binding */ deploymentMeta),
/* harmony export */   gitMetadata: () => (/* binding */ gitMetadata),
/* harmony export */   releaseFor: () => (/* binding */ releaseFor)
/* harmony export */ });
/* harmony import */ var _release_release_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5573);
/**
 * What Shipline writes into a Vercel deployment's `meta` and `gitMetadata`, from the GitHub context passed in as
 * plain data. `meta` is how a later run finds the deployment of a commit again (find-existing.ts).
 */

/** Meta keys Shipline sets on every deployment it creates. */
const META = {
    version: 'shiplineVersion',
    sha: 'shiplineSha',
    ref: 'shiplineRef',
    runUrl: 'shiplineRunUrl',
    actor: 'shiplineActor',
    target: 'shiplineTarget',
    /** A random value per deploy call, to recognise a deployment created by an attempt whose answer was lost. */
    attempt: 'shiplineAttempt',
};
/** The `meta` of a deployment of `release` to `target`. */
function deploymentMeta(release, git, target, attempt) {
    const meta = {
        [META.version]: release.version,
        [META.sha]: release.sha,
        [META.ref]: git.ref,
        [META.actor]: git.actor,
        [META.target]: target,
        [META.attempt]: attempt,
        // Vercel's own keys, so the dashboard links the commit as for Git-integrated deployments.
        githubCommitSha: release.sha,
        githubCommitRef: branchOf(git),
    };
    if (git.runUrl)
        meta[META.runUrl] = git.runUrl;
    if (git.repository) {
        const [org, repo] = git.repository.split('/');
        if (org && repo) {
            meta.githubCommitOrg = org;
            meta.githubCommitRepo = repo;
        }
    }
    if (git.actor)
        meta.githubCommitAuthorLogin = git.actor;
    return meta;
}
/** The short branch or tag name of the context (`main`, `v1.2.3`, the PR's head branch). */
function branchOf(git) {
    if (git.headRef)
        return git.headRef;
    return git.ref.replace(/^refs\/(heads|tags)\//, '');
}
/** `gitMetadata` for `createDeployment`, from the context. */
function gitMetadata(git) {
    return {
        commitSha: git.sha,
        commitRef: branchOf(git),
        ...(git.commitMessage ? { commitMessage: git.commitMessage } : {}),
        ...(git.commitAuthorName ? { commitAuthorName: git.commitAuthorName } : {}),
        ...(git.repository
            ? { remoteUrl: `${(git.serverUrl ?? 'https://github.com').replace(/\/$/, '')}/${git.repository}` }
            : {}),
        dirty: false,
    };
}
/**
 * The release of a deploy: an explicit version wins; else the `vX.Y.Z` tag the ref names; else `sha-<short>`.
 * Throws (ShiplineError `invalid-release`) for a bad SHA or an explicit version that is no release version.
 */
function releaseFor(sha, ref, explicitVersion) {
    if (explicitVersion)
        return (0,_release_release_js__WEBPACK_IMPORTED_MODULE_0__/* .makeRelease */ .cx)(sha, explicitVersion);
    const tag = ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
    return (0,_release_release_js__WEBPACK_IMPORTED_MODULE_0__/* .makeRelease */ .cx)(sha, tag && (0,_release_release_js__WEBPACK_IMPORTED_MODULE_0__/* .isVersionTag */ .JM)(tag) ? tag : undefined);
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


/***/ })

};
