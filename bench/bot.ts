/**
 * Benchmark: the ChatOps bot from webhook received to workflow dispatched, against a bare Probot app (no-op handler)
 * in the same run, both on real HTTP with the GitHub emulator behind Octokit.
 *
 *  1. Own time, one comment at a time: for each `/rollback to <env>`, the time from the webhook request reaching the
 *     bot to GitHub's answer to the workflow dispatch, minus the time spent waiting on GitHub API calls (timed by a
 *     fetch wrapper, attributed to the delivery through AsyncLocalStorage). p50 and p99. Target p99 ≤ 50 ms.
 *  2. Throughput under 100 concurrent comments (`/rollback to env-<i>`, 100 environments, so every one dispatches):
 *     webhooks answered per second by Shipline and by the bare app (target Shipline ≥ 0.8x bare), and Shipline's
 *     rollbacks dispatched per second (the work the bare app does not do; reported, not targeted).
 * Prints everything, writes bench/results/bot.json, exits 0 even when a target is missed.
 *
 * Usage: tsx bench/bot.ts [--comments 100] [--sequential 100]
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Octokit } from '@octokit/rest';
import { type GitHubEmulator, startGitHubEmulator } from '../emulators/github/index.js';
import { createLedgerDeployment, setLedgerStatus } from '../lib/github/ledger.js';
import type { DeliveryTiming } from './lib/bot-process.js';
import { formatMs } from './lib/stats.js';

const { values: args } = parseArgs({
  options: { comments: { type: 'string', default: '100' }, sequential: { type: 'string', default: '100' } },
});
const COMMENTS = Math.max(1, Number(args.comments));
const SEQUENTIAL = Math.max(1, Number(args.sequential));
const TARGETS = { ownP99Ms: 50, throughputRatio: 0.8 } as const;
const REPO = 'acme/web';
const repoRef = { owner: 'acme', repo: 'web' };

/** Time covered by the union of the intervals up to `until` (overlapping waits count once). */
function waited(calls: Array<[number, number]>, until: number): number {
  const sorted = calls
    .filter(([a]) => a < until)
    .map(([a, b]) => [a, Math.min(b, until)] as const)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [a, b] of sorted) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/** Wall time from receipt to the dispatch's answer, minus the time spent waiting on GitHub. */
function ownWall(t: DeliveryTiming): number {
  if (t.dispatchedAt === undefined) return Number.NaN;
  return t.dispatchedAt - t.receivedAt - waited(t.calls, t.dispatchedAt);
}

/** CPU time the bot process spent from receipt to the dispatch's answer (nothing else runs in it meanwhile). */
function ownCpu(t: DeliveryTiming): number {
  return t.cpuAtDispatch === undefined ? Number.NaN : t.cpuAtDispatch - t.cpuAtReceipt;
}

/** A bot process (bench/lib/bot-process.ts) of `kind`, pointed at the emulator. */
async function spawnSide(gh: GitHubEmulator, kind: 'shipline' | 'bare') {
  const child = fork(
    join(import.meta.dirname, 'lib', 'bot-process.ts'),
    [kind, gh.url, String(gh.app.id), gh.app.webhookSecret],
    {
      execArgv: [
        '--import',
        'tsx',
        ...(process.env.BENCH_CPU_PROF && kind === 'shipline'
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
          : []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  child.send(gh.app.privateKey);
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`${kind} bot exited with ${code}`)));
  });
  return {
    url,
    /** Waits for the process's work to finish and returns the timings of the deliveries since the last call. */
    drain: () =>
      new Promise<Record<string, DeliveryTiming>>((resolve) => {
        child.once('message', (m) => resolve((m as { timings: Record<string, DeliveryTiming> }).timings));
        child.send({ type: 'drain' });
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.send({ type: 'stop' });
      }),
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function seed(): Promise<{ gh: GitHubEmulator; admin: Octokit }> {
  const gh = await startGitHubEmulator({ appId: 99, webhookSecret: 'bench-secret' });
  // Hundreds of rollbacks in a row would exhaust GitHub's 5,000 requests an hour; the benchmark measures time.
  gh.rateLimits.limits.installation = 1_000_000;
  gh.rateLimits.limits.user = 1_000_000;
  const { shas } = gh.seedRepo({
    fullName: REPO,
    commits: ['one', 'two', 'three'],
    tags: { 'v1.0.0': 1, 'v1.1.0': 2 },
    workflows: ['rollback.yml', 'deploy.yml'],
  });
  gh.seedInstallation({ account: 'acme' });
  gh.seedToken('t-owner', 'acme');
  gh.setRole(REPO, 'ops', 'write');
  gh.seedIssue(REPO, { title: 'Ops', user: 'acme' });
  const admin = new Octokit({ baseUrl: gh.url, auth: 't-owner' });
  const envs = ['production', ...Array.from({ length: COMMENTS }, (_, i) => `env-${i}`)];
  const config = `version: 1\nenvironments:\n${envs.map((e) => `  ${e}: {}`).join('\n')}\n`;
  // The emulator has no contents route yet: serve .github/shipline.yml the way GitHub does.
  gh.server.route('GET', '/repos/:owner/:repo/contents/:path*', () => ({
    status: 200,
    body: {
      type: 'file',
      encoding: 'base64',
      content: Buffer.from(config).toString('base64'),
      path: '.github/shipline.yml',
    },
  }));
  for (const environment of envs) {
    await release(admin, environment, 'v1.0.0', shas[1]!);
    await release(admin, environment, 'v1.1.0', shas[2]!);
  }
  return { gh, admin };
}

/** Records a good release of `version` in `environment`. */
async function release(admin: Octokit, environment: string, version: string, sha: string): Promise<void> {
  const entry = await createLedgerDeployment(admin, repoRef, {
    environment,
    production: environment === 'production',
    transient: false,
    payload: {
      schema: 1,
      kind: 'deploy',
      version,
      sha,
      vercel: { projectId: 'prj', deploymentId: `dpl_${version}`, url: 'web.vercel.app' },
      edge: {},
      migrations: { head: null },
      requestedBy: 'acme',
      reason: '',
      source: 'https://github.com/acme/web/actions/runs/1',
    },
  });
  await setLedgerStatus(admin, repoRef, entry.deploymentId, { state: 'success', phase: 'done' });
}

/** Delivers `count` comments at once to `url`; returns the wall time until every webhook was answered. */
async function burst(gh: GitHubEmulator, url: string, bodies: string[]): Promise<{ ms: number; deliveries: string[] }> {
  const payloads = bodies.map((body) => {
    const comment = gh.seedComment(REPO, 1, { body, user: 'ops' });
    return gh.issueCommentCreatedPayload({ repo: REPO, issueNumber: 1, commentId: comment.id });
  });
  const start = performance.now();
  const results = await Promise.all(
    payloads.map((payload) => gh.deliverWebhook({ url, event: 'issue_comment', payload })),
  );
  const ms = performance.now() - start;
  const bad = results.filter((r) => r.status !== 200);
  if (bad.length > 0) throw new Error(`${bad.length} deliveries were not accepted: ${bad[0]?.status} ${bad[0]?.body}`);
  return { ms, deliveries: results.map((r) => r.deliveryId) };
}

const { gh, admin } = await seed();
const shipline = await spawnSide(gh, 'shipline');
const bare = await spawnSide(gh, 'bare');

// 1. Own time, one comment at a time (each rollback finishes before the next, so the lock is free).
gh.webhookUrl = shipline.url;
const settle = async () => {
  for (let before = -1; before !== gh.webhookEvents.length; ) {
    before = gh.webhookEvents.length;
    await gh.webhooksIdle();
    await shipline.drain();
  }
};
const own: number[] = [];
const ownWalls: number[] = [];
const wall: number[] = [];
for (let i = 0; i < SEQUENTIAL; i++) {
  // A fresh release on top each time, so there is always a known-good one before it to roll back to.
  await release(admin, 'production', `v2.0.${i}`, gh.state.repo(REPO).refs.get('refs/tags/v1.1.0')!);
  await settle();
  const { deliveries } = await burst(gh, shipline.url, ['/rollback to production --reason "bench"']);
  const t = (await shipline.drain())[deliveries[0]!];
  if (t?.dispatchedAt === undefined) {
    const reply = gh.state
      .repo(REPO)
      .comments.filter((c) => c.user.login.endsWith('[bot]'))
      .at(-1)?.body;
    throw new Error(`comment ${i} dispatched nothing; the bot replied:\n${reply}`);
  }
  wall.push(t.dispatchedAt - t.receivedAt);
  ownWalls.push(ownWall(t));
  own.push(ownCpu(t));
  const run = gh.state.repo(REPO).dispatches.at(-1)!;
  await admin.rest.repos.createDeploymentStatus({
    ...repoRef,
    deployment_id: Number(run.inputs['deployment-id']),
    state: 'success',
    description: 'done',
  });
  await settle(); // the success status reaches the bot, which releases the lock
}
// The bursts below measure the comments alone.
gh.webhookUrl = undefined;

// 2. Throughput: 100 concurrent comments to the bare app and to Shipline, interleaved: the first Shipline burst
// dispatches a rollback in each of 100 environments, later ones ask /status (the lock would refuse a repeat).
const bodies = Array.from({ length: COMMENTS }, (_, i) => `/rollback to env-${i} --reason "bench"`);
const bareRuns: number[] = [];
const shiplineRuns: number[] = [];
let shiplineDone = Number.NaN;
let concurrentOwn: number[] = [];
for (let round = 0; round < 3; round++) {
  bareRuns.push((await burst(gh, bare.url, bodies)).ms);
  const before = gh.state.repo(REPO).dispatches.length;
  const start = performance.now();
  const { ms, deliveries } = await burst(
    gh,
    shipline.url,
    round === 0 ? bodies : bodies.map((b) => b.replace('rollback to', 'status')),
  );
  shiplineRuns.push(ms);
  const timings = await shipline.drain();
  if (round === 0) {
    shiplineDone = performance.now() - start;
    const dispatched = gh.state.repo(REPO).dispatches.length - before;
    if (dispatched !== COMMENTS) throw new Error(`expected ${COMMENTS} dispatches, got ${dispatched}`);
    concurrentOwn = deliveries.map((id) => ownWall(timings[id]!));
  }
}

const bareRate = COMMENTS / (Math.min(...bareRuns) / 1000);
const shiplineRate = COMMENTS / (Math.min(...shiplineRuns) / 1000);
const results = {
  comments: COMMENTS,
  sequential: SEQUENTIAL,
  ownCpuMs: { p50: percentile(own, 50), p99: percentile(own, 99) },
  ownWallMs: { p50: percentile(ownWalls, 50), p99: percentile(ownWalls, 99) },
  wallMs: { p50: percentile(wall, 50), p99: percentile(wall, 99) },
  concurrentOwnWallMs: { p50: percentile(concurrentOwn, 50), p99: percentile(concurrentOwn, 99) },
  webhooksPerSecond: { shipline: shiplineRate, bare: bareRate, ratio: shiplineRate / bareRate },
  rollbacksDispatchedPerSecond: COMMENTS / (shiplineDone / 1000),
  loadAverage: loadavg()[0] ?? 0,
  targets: TARGETS,
};
const ok = (pass: boolean) => (pass ? 'meets target' : 'MISSES target');
console.log(
  `Webhook received → rollback dispatched, ${SEQUENTIAL} comments one at a time (load average ${results.loadAverage.toFixed(1)}):`,
);
console.log(
  `  Shipline's own CPU time  p50 ${formatMs(results.ownCpuMs.p50)}  p99 ${formatMs(results.ownCpuMs.p99)}  (${ok(results.ownCpuMs.p99 <= TARGETS.ownP99Ms)} p99 ≤ ${TARGETS.ownP99Ms} ms)`,
);
console.log(
  `  own wall time (receipt → dispatch minus GitHub's share)  p50 ${formatMs(results.ownWallMs.p50)}  p99 ${formatMs(results.ownWallMs.p99)}`,
);
console.log(`  wall time incl. GitHub  p50 ${formatMs(results.wallMs.p50)}  p99 ${formatMs(results.wallMs.p99)}`);
console.log(`${COMMENTS} concurrent comments:`);
console.log(
  `  webhooks answered/s  Shipline ${shiplineRate.toFixed(0)}  bare Probot ${bareRate.toFixed(0)}  ratio ${results.webhooksPerSecond.ratio.toFixed(2)}x (${ok(results.webhooksPerSecond.ratio >= TARGETS.throughputRatio)} ≥ ${TARGETS.throughputRatio}x)`,
);
console.log(
  `  rollbacks dispatched/s (one in each of ${COMMENTS} environments)  ${results.rollbacksDispatchedPerSecond.toFixed(1)}`,
);
console.log(
  `  own wall time under that load  p50 ${formatMs(results.concurrentOwnWallMs.p50)}  p99 ${formatMs(results.concurrentOwnWallMs.p99)} (queueing behind the other handlers included)`,
);
const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'bot.json'), `${JSON.stringify(results, null, 2)}\n`);

await shipline.stop();
await bare.stop();
await gh.stop();
