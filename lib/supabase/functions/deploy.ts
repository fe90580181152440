/**
 * deploy-edge: discovers the project's functions, syncs their secrets, and deploys each through the Management API
 * with bounded concurrency, skipping a function whose hash equals the one the current release recorded in the ledger
 * (`edge` map) while the platform still runs it — active, and not redeployed since that release was recorded —,
 * unless `force`. Remote functions that no longer exist locally are
 * deleted only when `prune` is set (and only after every deploy succeeded). Returns an Outcome.
 */
import { readFile } from 'node:fs/promises';
import type { Clock } from '../../core/clock.js';
import { describeError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { failed, type Outcome, succeeded } from '../../release/outcome.js';
import type { ManagementApi, RemoteFunction } from './api.js';
import type { SecretReference } from './config-toml.js';
import { type Discovery, discoverFunctions, type LocalFunction } from './discover.js';
import { functionHash } from './hash.js';
import { syncSecrets } from './secrets.js';

/** What happened to one function. */
export interface FunctionResult {
  slug: string;
  action: 'deployed' | 'skipped' | 'failed' | 'pruned';
  /** Platform version after the run (undefined for pruned or failed). */
  version?: number;
  /** The local content hash (undefined for pruned). */
  hash?: string;
  files?: number;
  bytes?: number;
  durationMs?: number;
  /** Why it was skipped, or the error when it failed. */
  note?: string;
}

/** Outcome details: machine-readable lists for outputs and the ledger. */
export interface DeployEdgeDetails {
  deployed: string[];
  skipped: string[];
  pruned: string[];
  failed: string[];
  /** slug → platform version, for every deployed or skipped function. */
  versions: Record<string, number>;
  /** slug → sha256 of its files: the ledger payload's `edge` map. */
  hashes: Record<string, string>;
  /** Secret names set. */
  secrets: string[];
  results: FunctionResult[];
  /** Management API requests sent, retries included. */
  requests: number;
}

export interface DeployFunctionsOptions {
  api: ManagementApi;
  ref: string;
  functions: LocalFunction[];
  /** The `edge` map of the release currently live in the environment (empty when none). */
  recorded?: Readonly<Record<string, string>>;
  /**
   * When that release was recorded (its ledger entry's creation time). A function redeployed after it (say by a
   * deploy that failed later and never became current) is not trusted to run the recorded code: it deploys again.
   */
  recordedAt?: string;
  force?: boolean;
  /** Delete remote functions that are neither local nor disabled in config.toml. Default false. */
  prune?: boolean;
  /** Functions kept although not deployed (config.toml `enabled = false`): never pruned. */
  keep?: string[];
  /** Deploys in flight at once. Default 4. */
  concurrency?: number;
  logger: Logger;
  clock: Clock;
}

export interface DeployEdgeOptions extends Omit<DeployFunctionsOptions, 'functions' | 'keep'> {
  /** Project root (upload names are relative to it). */
  root: string;
  /** Functions folder relative to root. */
  functionsDir: string;
  /** config.toml relative to root; default next to the functions folder. */
  configToml?: string;
  /** Secrets to set besides config.toml's `[edge_runtime.secrets]`. */
  secrets?: SecretReference[];
  /** The environment as data, for secret values. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Registers a secret value with the adapter's masker. */
  mask?: (value: string) => void;
}

/** Discovers, syncs secrets, deploys (see the module comment). Throws EdgeFunctionError for bad local input. */
export async function deployEdge(options: DeployEdgeOptions): Promise<Outcome<DeployEdgeDetails>> {
  const discovery: Discovery = await discoverFunctions({
    root: options.root,
    functionsDir: options.functionsDir,
    configToml: options.configToml,
  });
  options.logger.info(
    `Found ${discovery.functions.length} function(s)${discovery.shared.length ? `, shared: ${discovery.shared.join(', ')}` : ''}${discovery.disabled.length ? `, disabled: ${discovery.disabled.join(', ')}` : ''}`,
  );
  const secrets = await syncSecrets({
    api: options.api,
    ref: options.ref,
    references: [...discovery.secrets, ...(options.secrets ?? [])],
    env: options.env ?? {},
    mask: options.mask ?? (() => undefined),
    logger: options.logger,
    source: 'config.toml [edge_runtime.secrets] and the secrets input',
  });
  const outcome = await deployFunctions({ ...options, functions: discovery.functions, keep: discovery.disabled });
  outcome.details.secrets = secrets;
  return outcome;
}

/** Deploys already discovered functions (see the module comment). */
export async function deployFunctions(options: DeployFunctionsOptions): Promise<Outcome<DeployEdgeDetails>> {
  const { api, ref, logger, clock } = options;
  const startRequests = api.requestCount;
  const remote = new Map<string, RemoteFunction>((await api.listFunctions(ref)).map((f) => [f.slug, f]));
  const results: FunctionResult[] = [];
  const hashes: Record<string, string> = {};
  const recordedAt = options.recordedAt === undefined ? undefined : Date.parse(options.recordedAt);
  // GitHub gives `created_at` in whole seconds: anything deployed before the entry was made is within that second.
  const untouchedSince = (live: RemoteFunction) =>
    recordedAt === undefined ||
    Number.isNaN(recordedAt) ||
    (live.updated_at ?? Number.POSITIVE_INFINITY) < recordedAt + 1000;

  const deployOne = async (fn: LocalFunction): Promise<FunctionResult> => {
    const hash = await functionHash(fn);
    hashes[fn.slug] = hash;
    const live = remote.get(fn.slug);
    if (
      !options.force &&
      options.recorded?.[fn.slug] === hash &&
      live &&
      live.status === 'ACTIVE' &&
      untouchedSince(live)
    ) {
      logger.info(
        `${fn.slug}: unchanged since the current release (${hash.slice(0, 12)}), version ${live.version} kept`,
      );
      return { slug: fn.slug, action: 'skipped', version: live.version, hash, note: 'unchanged' };
    }
    const started = clock.now().getTime();
    const files = await Promise.all(fn.files.map(async (f) => ({ name: f.name, bytes: await readFile(f.path) })));
    const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
    try {
      const deployed = await api.deployFunction(
        ref,
        fn.slug,
        {
          name: fn.slug,
          entrypoint_path: fn.entrypointPath,
          ...(fn.importMapPath ? { import_map_path: fn.importMapPath } : {}),
          ...(fn.staticPatterns.length ? { static_patterns: fn.staticPatterns } : {}),
          verify_jwt: fn.verifyJwt,
        },
        files,
      );
      const durationMs = clock.now().getTime() - started;
      logger.info(`${fn.slug}: deployed version ${deployed.version} (${files.length} file(s), ${bytes} bytes)`);
      return {
        slug: fn.slug,
        action: 'deployed',
        version: deployed.version,
        hash,
        files: files.length,
        bytes,
        durationMs,
      };
    } catch (error) {
      const note = describeError(error);
      logger.error(`${fn.slug}: deploy failed: ${note}`);
      return { slug: fn.slug, action: 'failed', hash, files: files.length, bytes, note };
    }
  };

  const queue = [...options.functions];
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, queue.length || 1));
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let fn = queue.shift(); fn; fn = queue.shift()) results.push(await deployOne(fn));
    }),
  );

  const failedSlugs = results.filter((r) => r.action === 'failed').map((r) => r.slug);
  if (options.prune && failedSlugs.length === 0) {
    const local = new Set([...options.functions.map((f) => f.slug), ...(options.keep ?? [])]);
    for (const slug of [...remote.keys()].filter((s) => !local.has(s)).sort()) {
      await api.deleteFunction(ref, slug);
      logger.info(`${slug}: deleted (no longer in the repository)`);
      results.push({ slug, action: 'pruned' });
    }
  }

  results.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const pick = (action: FunctionResult['action']) => results.filter((r) => r.action === action).map((r) => r.slug);
  const versions: Record<string, number> = {};
  for (const r of results) if (r.version !== undefined) versions[r.slug] = r.version;
  const details: DeployEdgeDetails = {
    deployed: pick('deployed'),
    skipped: pick('skipped'),
    pruned: pick('pruned'),
    failed: failedSlugs.sort(),
    versions,
    hashes: Object.fromEntries(Object.entries(hashes).sort(([a], [b]) => (a < b ? -1 : 1))),
    secrets: [],
    results,
    requests: api.requestCount - startRequests,
  };
  if (failedSlugs.length > 0) {
    return failed(
      'deploy-edge-failed',
      `${failedSlugs.length} of ${options.functions.length} function(s) failed to deploy: ${details.failed.join(', ')}. The others are live; re-run to retry (unchanged ones are skipped only when the ledger recorded them).`,
      details,
    );
  }
  const message =
    details.deployed.length === 0 && options.functions.length > 0
      ? `All ${details.skipped.length} function(s) unchanged; nothing deployed.`
      : `Deployed ${details.deployed.length} function(s)${details.skipped.length ? `, skipped ${details.skipped.length} unchanged` : ''}${details.pruned.length ? `, deleted ${details.pruned.length}` : ''}.`;
  return succeeded(
    message,
    details,
    details.deployed.length === 0 && details.skipped.length > 0 ? 'already-done' : 'ok',
  );
}
