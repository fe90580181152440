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
import { randomBytes } from 'node:crypto';
import { createDeployment } from '@vercel/client';
import type { Clock } from '../core/clock.js';
import { backoffDelay, parseRetryAfter } from '../core/http.js';
import type { Logger } from '../core/logger.js';
import { formatBytes } from '../core/size.js';
import { failed, type Outcome, refused, succeeded } from '../release/outcome.js';
import type { Release } from '../release/release.js';
import { VercelApi } from './api.js';
import { checkBuildOutput } from './build-output.js';
import { VercelError } from './errors.js';
import { findExistingDeployment, listByMeta } from './find-existing.js';
import { GuardedDispatcher } from './guarded-dispatcher.js';
import { deploymentMeta, type GitContext, gitMetadata, META } from './meta.js';
import { getProject } from './project.js';
import { uploadFiles } from './upload.js';
import { waitForReady } from './wait-ready.js';

/** Where and how to deploy. */
export interface DeployOptions {
  token: string;
  /** `https://api.vercel.com`, or an emulator. */
  apiUrl: string;
  teamId?: string;
  /** Vercel project name or id (must exist). */
  project: string;
  /** `production`, `preview` or a custom environment slug. */
  target: string;
  /** The `.vercel/output` folder, absolute or relative to `cwd`. */
  outputDir: string;
  cwd: string;
  release: Release;
  git: GitContext;
  /** Deploy even when a READY deployment of this commit exists for the target. */
  force?: boolean;
  /** Production only: create it without domains (staged) so a later promote switches traffic. Default true. */
  stage?: boolean;
  /** Deadline for the build to reach READY, ms. */
  buildTimeoutMs: number;
  /** A request without progress for this long counts as stalled. Default 60 000. */
  idleTimeoutMs?: number;
  /** Delay between status polls, ms. Default 2 000. */
  pollIntervalMs?: number;
  /** Attempts of the hash–upload–create step. Default 5. */
  attempts?: number;
  /** Uploads in flight at once. Default 50. */
  uploadConcurrency?: number;
  clock: Clock;
  logger: Logger;
  random?: () => number;
}

/** Per-phase wall time, ms. */
export interface PhaseTimings {
  check: number;
  hash: number;
  upload: number;
  build: number;
  total: number;
}

/** What a deploy produced; partially filled when it failed. */
export interface DeployDetails {
  projectId?: string;
  target: string;
  deploymentId?: string;
  /** `https://<deployment host>`. */
  url?: string;
  inspectorUrl?: string;
  /** True for a production deployment that does not serve the production domains yet. */
  staged: boolean;
  /** True when an existing deployment of this commit was reused. */
  reused: boolean;
  readyState?: string;
  filesHashed: number;
  filesUploaded: number;
  bytesUploaded: number;
  /** How many hash–upload–create attempts it took. */
  attempts: number;
  timings: PhaseTimings;
  errorCode?: string;
}

interface ClientEvent {
  type: string;
  payload: unknown;
}

interface CreatedDeployment {
  id: string;
  url: string;
  inspectorUrl?: string;
  readyState?: string;
  readySubstate?: string;
}

const RETRYABLE_CODES = new Set(['rate_limited', 'internal_server_error', 'bad_gateway', 'service_unavailable']);
const NETWORK =
  /ETIMEDOUT|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|other side closed|fetch failed|network|terminated/i;

/** True when an error event of the client is worth another attempt (rate limit, 5xx, network, stall). */
function isTransient(payload: unknown): boolean {
  const p = payload as { status?: number; code?: string; message?: string; cause?: unknown; name?: string } | null;
  if (!p) return false;
  if (typeof p.status === 'number') return p.status === 429 || p.status >= 500;
  if (p.code && RETRYABLE_CODES.has(p.code)) return true;
  if (p.name === 'SyntaxError') return true; // a 5xx answered with HTML
  const text = `${p.message ?? ''} ${(p.cause as Error | undefined)?.message ?? ''} ${(p.cause as { code?: string } | undefined)?.code ?? ''}`;
  return NETWORK.test(text);
}

function describePayload(payload: unknown): string {
  const p = payload as { status?: number; code?: string; message?: string; cause?: Error } | null;
  if (!p) return 'unknown error';
  const cause = p.cause?.message ? ` (${p.cause.message})` : '';
  const status = p.status ? `HTTP ${p.status} ` : '';
  return `${status}${p.code ? `${p.code}: ` : ''}${p.message ?? String(payload)}${cause}`;
}

function httpsUrl(host: string): string {
  return host.startsWith('http') ? host : `https://${host}`;
}

/** Deploys the build output; returns an Outcome (never throws for expected failures). */
export async function deployToVercel(options: DeployOptions): Promise<Outcome<DeployDetails>> {
  const { clock, logger } = options;
  const started = clock.now().getTime();
  const since = (t: number) => clock.now().getTime() - t;
  const details: DeployDetails = {
    target: options.target,
    staged: false,
    reused: false,
    filesHashed: 0,
    filesUploaded: 0,
    bytesUploaded: 0,
    attempts: 0,
    timings: { check: 0, hash: 0, upload: 0, build: 0, total: 0 },
  };
  const finish = <O extends Outcome<DeployDetails>>(outcome: O): O => {
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
    timeoutMs: options.idleTimeoutMs ?? 60_000,
  });
  const production = options.target === 'production';
  const stage = production && options.stage !== false;

  try {
    // 1. Check: the output folder, then the project and the token's access to it.
    const output = checkBuildOutput(options.outputDir, options.cwd);
    const project = await getProject(api, options.project);
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
        logger.info(
          `Reusing ${existing.uid} (${details.url}): commit ${options.release.sha.slice(0, 7)} is already READY for ${options.target}; nothing uploaded (force: true deploys again).`,
        );
        return finish(
          succeeded(
            `Reused deployment ${existing.uid} of commit ${options.release.sha.slice(0, 7)}.`,
            details,
            'reused',
          ),
        );
      }
    }
    details.timings.check = since(started);

    // 3. Hash, upload what is missing, create — retried as a whole on transient failures.
    const attemptId = randomBytes(8).toString('hex');
    const dispatcher = await GuardedDispatcher.create(options.idleTimeoutMs ?? 60_000);
    const maxAttempts = Math.max(1, options.attempts ?? 5);
    let created: CreatedDeployment | undefined;
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
          throw new VercelError(
            'vercel_missing_files',
            `Vercel still reports ${result.missing.length} file(s) missing after ${maxAttempts} upload rounds.`,
            {
              reason: 'stage-failed',
              hint: 'Uploads are accepted but not kept; retry later or contact Vercel support.',
            },
          );
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
          logger.info(`Uploaded ${sent.files} file(s), ${formatBytes(sent.bytes)}`);
          continue;
        } catch (uploadError) {
          if (!(uploadError instanceof VercelError)) throw uploadError;
          error = {
            status: uploadError.status,
            code: uploadError.code,
            message: uploadError.message,
            vercel: uploadError,
          };
        } finally {
          details.timings.upload += clock.now().getTime() - t;
        }
      }
      failures++;
      // The creation request may have reached Vercel although its answer was lost: look for it by its attempt id.
      const lost = await listByMeta(api, project.id, { [META.attempt]: attemptId }).catch(() => []);
      const found = lost[0];
      if (found) {
        logger.info(`Found deployment ${found.uid} created by an attempt whose answer was lost; using it.`);
        created = { id: found.uid, url: found.url, inspectorUrl: found.inspectorUrl ?? undefined };
        break;
      }
      const vercelError = (error as { vercel?: VercelError } | undefined)?.vercel;
      if (!isTransient(error) || failures >= maxAttempts) {
        throw vercelError && !isTransient(error) ? vercelError : clientError(error, api, failures);
      }
      const retryAfter = parseRetryAfter(dispatcher.takeRetryAfter() ?? null, clock.now());
      const delay = Math.min(
        30_000,
        retryAfter ??
          backoffDelay(failures, { attempts: maxAttempts, baseDelayMs: 500, maxDelayMs: 30_000 }, options.random),
      );
      logger.warning(
        `Upload/create attempt ${failures} failed (${describePayload(error)}); retrying in ${(delay / 1000).toFixed(1)} s${retryAfter !== undefined ? ' (Retry-After)' : ''}. Files already uploaded are not sent again.`,
      );
      await clock.sleep(delay);
    }
    details.deploymentId = created.id;
    details.url = httpsUrl(created.url);
    details.inspectorUrl = created.inspectorUrl;
    logger.info(
      `Created ${created.id}: ${details.url}${created.inspectorUrl ? ` (inspect: ${created.inspectorUrl})` : ''}`,
    );

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
    return finish(succeeded(`Deployed ${created.id} to ${options.target} (${how}).`, details));
  } catch (error) {
    if (!(error instanceof VercelError)) throw error;
    details.inspectorUrl = error.inspectorUrl ?? details.inspectorUrl;
    details.errorCode = error.code;
    const message = error.hint ? `${error.message} ${error.hint}` : error.message;
    const before =
      ['invalid-input', 'config-invalid', 'permission-denied'].includes(error.reason) && !details.deploymentId;
    return finish(before ? refused(error.reason, message, details) : failed(error.reason, message, details));
  }
}

/** One pass of the client: hash, upload missing files, create. Returns the created deployment or the error event. */
async function createOnce(
  options: DeployOptions,
  output: { projectDir: string; outputDir: string },
  dispatcher: GuardedDispatcher,
  attemptId: string,
  stage: boolean,
  details: DeployDetails,
  clock: Clock,
  logger: Logger,
): Promise<{
  created?: CreatedDeployment;
  error?: unknown;
  missing?: string[];
  hashed?: Record<string, { names: string[]; data?: Buffer }>;
}> {
  const t0 = clock.now().getTime();
  let hashedAt: number | undefined;
  let hashed: Record<string, { names: string[]; data?: Buffer }> = {};
  const production = options.target === 'production';
  const deploymentOptions = {
    name: options.project,
    project: options.project,
    target: options.target,
    meta: deploymentMeta(options.release, options.git, options.target, attemptId),
    gitMetadata: gitMetadata(options.git),
    ...(production ? { autoAssignCustomDomains: !stage } : {}),
  };
  const events = createDeployment(
    {
      token: options.token,
      path: output.projectDir,
      vercelOutputDir: output.outputDir,
      prebuilt: true,
      apiUrl: options.apiUrl.replace(/\/+$/, ''),
      ...(options.teamId ? { teamId: options.teamId } : {}),
      ...(options.force ? { force: true } : {}),
      dispatcher,
      userAgent: 'shipline',
    },
    deploymentOptions as Parameters<typeof createDeployment>[1],
  ) as AsyncGenerator<ClientEvent>;
  try {
    for await (const event of events) {
      switch (event.type) {
        case 'hashes-calculated': {
          hashedAt = clock.now().getTime();
          details.timings.hash += hashedAt - t0;
          hashed = event.payload as Record<string, { names: string[]; data?: Buffer }>;
          details.filesHashed = Object.values(hashed).reduce((n, f) => n + f.names.length, 0);
          logger.info(`Hashed ${details.filesHashed} files (${Object.keys(hashed).length} distinct)`);
          break;
        }
        case 'file-count':
          // Stop the client before it uploads: upload.ts sends the missing files (see the module comment).
          return { missing: (event.payload as { missing: string[] }).missing, hashed };
        case 'warning':
        case 'notice':
        case 'tip':
          logger.warning(`Vercel: ${String(event.payload)}`);
          break;
        case 'created':
          return { created: event.payload as CreatedDeployment };
        case 'error':
          return { error: event.payload };
        default:
          break;
      }
    }
    return { error: new Error('The Vercel client ended without creating a deployment') };
  } catch (error) {
    // The client throws (rather than yielding) for unreadable files and bad options.
    return { error };
  } finally {
    details.timings.upload += clock.now().getTime() - (hashedAt ?? t0);
    await events.return?.(undefined);
  }
}

/** Maps the client's final error to a VercelError with a hint. */
function clientError(payload: unknown, api: VercelApi, attempts: number): VercelError {
  const p = payload as { status?: number; code?: string; message?: string } | null;
  if (p && typeof p.status === 'number' && p.status >= 400 && p.status < 500 && p.status !== 429) {
    const res = {
      status: p.status,
      headers: new Headers(),
      text: JSON.stringify({ error: { code: p.code, message: p.message } }),
      attempts,
      json: <T>() => ({ error: { code: p.code, message: p.message } }) as T,
    };
    return api.errorFor(res, 'creating the deployment', {
      reason: 'config-invalid',
      hint: 'The project or team was not found; check vercel.project and team-id.',
    });
  }
  const forbidden = p?.code === 'forbidden' || p?.code === 'not_authorized';
  return new VercelError(
    'vercel_upload_failed',
    `Uploading or creating the deployment failed after ${attempts} attempt(s): ${describePayload(payload)}`,
    {
      reason: forbidden ? 'permission-denied' : isTransient(payload) ? 'api-error' : 'stage-failed',
      hint: forbidden
        ? 'The token may not upload to this team; use a token created in the team.'
        : 'Vercel kept failing; nothing was promoted, production is unchanged. Retry the job.',
      cause: payload,
    },
  );
}
