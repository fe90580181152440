/**
 * The whole rehearsal on the local cloud: the example app's own workflow files run with runWorkflow for three
 * releases (a good one, one that fails staged smoke, one that breaks production and is rolled back), then `/rollback`
 * is posted to the hosted bot and the workflow it dispatches runs. Every step asserts its outcome from the emulators'
 * state and says what failed; a missing piece fails its step by name, never a faked success.
 */
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { parse as parseYaml } from 'yaml';
import type { LocalCloud } from '../../emulators/local-cloud.js';
import type { Logger } from '../core/logger.js';
import type { Redactor } from '../core/redact.js';
import { type LedgerEntry, listLedger } from '../github/ledger.js';
import { runWorkflow, type StepRecord, type WorkflowRunResult } from '../workflows/run.js';
import { checkWorkflowActions } from './preflight.js';
import { RELEASES, vercelProjectJson } from './releases.js';
import type { SourceActions } from './source-actions.js';
import { checkoutRelease, type WorkRepo } from './work-repo.js';

export type StepStatus = 'passed' | 'failed' | 'not-run';

export interface RehearsalStep {
  id: string;
  title: string;
  status: StepStatus;
  /** What was checked (✓/✗ lines) and why it failed. */
  lines: string[];
  durationMs: number;
  /** Job summaries of the workflow run(s) of this step, as Markdown. */
  summaries: Array<{ step: string; markdown: string }>;
}

/** Live progress: a task list on a terminal, plain lines otherwise. */
export interface Progress {
  start(id: string, title: string): void;
  detail(id: string, text: string): void;
  end(step: RehearsalStep): void;
}

/** A hosted bot the rehearsal posts webhooks to (started by the CLI: lib/ does not import probot). */
export interface HostedBot {
  url: string;
  drain(): Promise<void>;
  close(): Promise<void>;
}

export interface RehearsalContext {
  cloud: LocalCloud;
  repo: WorkRepo;
  actions: SourceActions;
  /** The Shipline checkout (for the preflight of its reusable workflows). */
  checkout: string;
  /** `owner/name` of the rehearsal repository in the GitHub emulator. */
  repository: string;
  /** Release version → commit sha in the GitHub emulator. */
  githubShas: Record<string, string>;
  baseEnv: Record<string, string>;
  logger: Logger;
  redactor: Redactor;
  progress: Progress;
  startBot(): Promise<HostedBot>;
  /** The vercel CLI package folder the runner provides (node_modules/vercel of this checkout). */
  vercelCli: string;
  /** The node binary that runs the actions. */
  nodeBinary: string;
  /** The app's Vercel project (created as a user creates it in the dashboard), for VERCEL_PROJECT_ID. */
  vercelProjectId: string;
  now(): number;
}

const SHIPLINE_REPOS = ['your-org/shipline'];

class StepFailure extends Error {}

/** Runs the four rehearsal steps in order (a failed step does not stop later ones); returns their records. */
export async function rehearse(ctx: RehearsalContext): Promise<RehearsalStep[]> {
  const steps: RehearsalStep[] = [];
  const problems = [
    ...(await checkWorkflowActions(ctx.checkout, '.github/workflows/deploy.yml')),
    ...(await checkWorkflowActions(ctx.checkout, '.github/workflows/rollback.yml')),
  ];
  const releaseSteps: Array<[string, string, (s: StepRunner) => Promise<void>]> = [
    ['v1.0.0', 'v1.0.0: merge to main deploys to production', (s) => deployGood(ctx, s, 'v1.0.0')],
    ['v1.1.0', 'v1.1.0: broken health endpoint is stopped by staged smoke', (s) => deployBroken(ctx, s)],
    ['v1.2.0', 'v1.2.0: production breaks after promote, auto-rollback', (s) => deployRolledBack(ctx, s)],
    ['v1.2.1', 'v1.2.1: the fix ships to production', (s) => deployGood(ctx, s, 'v1.2.1')],
    ['rollback', '/rollback v1.0.0 through the bot', (s) => chatopsRollback(ctx, s)],
  ];
  for (const [id, title, body] of releaseSteps) {
    const runner = new StepRunner(ctx, id, title);
    ctx.progress.start(id, title);
    try {
      // A disagreement fails the step but the workflow still runs as GitHub would run it (unknown inputs warned).
      for (const p of problems.filter((p) => !p.workflow.endsWith(id === 'rollback' ? 'deploy.yml' : 'rollback.yml')))
        runner.check(false, `${p.workflow} step \`${p.step}\`: ${p.message}`);
      await body(runner);
    } catch (error) {
      if (!(error instanceof StepFailure))
        runner.fail(`stopped: ${ctx.redactor.redact((error as Error).message)}`, true);
    }
    const step = runner.finish();
    steps.push(step);
    ctx.progress.end(step);
  }
  return steps;
}

/** Collects one step's checks and summaries. */
class StepRunner {
  readonly lines: string[] = [];
  readonly summaries: RehearsalStep['summaries'] = [];
  private failed = false;
  private readonly started: number;

  constructor(
    private readonly ctx: RehearsalContext,
    readonly id: string,
    readonly title: string,
  ) {
    this.started = ctx.now();
  }

  note(text: string): void {
    this.lines.push(text);
    this.ctx.progress.detail(this.id, text);
  }

  /** Records a check; a false one fails the step (later checks still run). */
  check(ok: boolean, text: string): boolean {
    this.note(`${ok ? '✓' : '✗'} ${text}`);
    if (!ok) this.failed = true;
    return ok;
  }

  /** Fails the step and stops it (or only records, with `record`). */
  fail(text: string, record = false): void {
    this.note(text);
    this.failed = true;
    if (!record) throw new StepFailure(text);
  }

  finish(): RehearsalStep {
    return {
      id: this.id,
      title: this.title,
      status: this.failed ? 'failed' : 'passed',
      lines: this.lines,
      durationMs: this.ctx.now() - this.started,
      summaries: this.summaries,
    };
  }
}

function octokit(ctx: RehearsalContext): Octokit {
  return new Octokit({ baseUrl: ctx.cloud.env.GITHUB_API_URL, auth: ctx.cloud.env.GITHUB_TOKEN });
}

function repoRef(ctx: RehearsalContext) {
  const [owner = '', repo = ''] = ctx.repository.split('/');
  return { owner, repo };
}

/** Secrets and variables a user sets in the repository, here pointing at the local cloud. */
function secretsAndVars(ctx: RehearsalContext) {
  const env = ctx.cloud.env;
  return {
    secrets: {
      VERCEL_TOKEN: env.VERCEL_TOKEN ?? '',
      SUPABASE_ACCESS_TOKEN: env.SUPABASE_ACCESS_TOKEN ?? '',
      SUPABASE_DB_URL: env.SUPABASE_DB_URL ?? '',
      SUPABASE_ANON_KEY: env.SUPABASE_ANON_KEY ?? '',
      VERCEL_AUTOMATION_BYPASS_SECRET: env.VERCEL_AUTOMATION_BYPASS_SECRET ?? '',
      GITHUB_TOKEN: env.GITHUB_TOKEN ?? '',
    },
    vars: {
      VERCEL_ORG_ID: env.VERCEL_ORG_ID ?? '',
      VERCEL_PROJECT_ID: ctx.vercelProjectId,
      // The local cloud's endpoints, for workflows that pass them to actions' `api-url` inputs (empty on GitHub,
      // where the actions' defaults, the public APIs, apply).
      VERCEL_API_URL: env.VERCEL_API_URL ?? '',
      SUPABASE_API_URL: env.SUPABASE_API_URL ?? '',
      SUPABASE_URL: env.SUPABASE_URL ?? '',
    },
  };
}

interface RunOptions {
  file: string;
  version: string;
  eventName: string;
  eventPayload: Record<string, unknown>;
  inputs?: Record<string, string>;
  runId: number;
  onStep?: (event: 'start' | 'end', step: StepRecord) => void;
}

async function runAppWorkflow(ctx: RehearsalContext, step: StepRunner, run: RunOptions): Promise<WorkflowRunResult> {
  const { dir } = ctx.repo;
  await checkoutRelease(dir, run.version, ctx.baseEnv.PATH ?? '');
  // `vercel pull` would write this; the Build step's `vercel build` reads it and works offline.
  await mkdir(join(dir, '.vercel'), { recursive: true });
  await writeFile(
    join(dir, '.vercel', 'project.json'),
    vercelProjectJson(ctx.vercelProjectId, ctx.cloud.env.VERCEL_ORG_ID ?? ''),
  );
  // The runner's tool cache: the vercel CLI this checkout installed, so `npx vercel@50` finds it without the network.
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  await rm(join(dir, 'node_modules', 'vercel'), { force: true, recursive: true });
  await symlink(ctx.vercelCli, join(dir, 'node_modules', 'vercel'));
  const sha = ctx.githubShas[run.version] ?? '';
  const { secrets, vars } = secretsAndVars(ctx);
  const tail: string[] = [];
  const result = await runWorkflow({
    file: join(dir, run.file),
    shiplineRoot: ctx.actions.root,
    shiplineRepos: SHIPLINE_REPOS,
    workspace: dir,
    eventName: run.eventName,
    eventPayload: run.eventPayload,
    ...(run.inputs ? { inputs: run.inputs } : {}),
    secrets,
    vars,
    github: {
      repository: ctx.repository,
      sha,
      ref: run.eventName === 'push' ? 'refs/heads/main' : 'refs/heads/main',
      actor: 'octocat',
      serverUrl: `${ctx.cloud.github.url}/_web`,
      apiUrl: ctx.cloud.github.url,
      runId: run.runId,
      runNumber: run.runId,
      token: ctx.cloud.env.GITHUB_TOKEN ?? '',
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
      if (event === 'start') tail.length = 0;
      if (event === 'end') {
        const label =
          record.name.startsWith('your-org/') || record.name.includes('@') ? record.id || record.name : record.name;
        const mark = record.conclusion === 'success' ? '·' : record.conclusion === 'skipped' ? '-' : '✗';
        step.note(`  ${mark} ${record.job} › ${label}: ${record.conclusion}${record.note ? ` (${record.note})` : ''}`);
        // A failed step's last words say why (the full log stays in the terminal output above).
        if (record.conclusion === 'failure')
          for (const line of tail.filter((l) => l.trim() !== '')) step.note(`      │ ${line.slice(0, 240)}`);
      }
      run.onStep?.(event, record);
    },
  });
  for (const record of result.steps)
    if (record.summary.trim())
      step.summaries.push({ step: `${record.job} › ${record.name}`, markdown: record.summary });
  return result;
}

function pushEvent(ctx: RehearsalContext, version: string): Record<string, unknown> {
  const [owner = '', name = ''] = ctx.repository.split('/');
  return {
    ref: 'refs/heads/main',
    after: ctx.githubShas[version],
    head_commit: { id: ctx.githubShas[version], message: version },
    repository: { full_name: ctx.repository, name, owner: { login: owner }, default_branch: 'main' },
    sender: { login: 'octocat' },
  };
}

/** Text on one line (paragraphs joined with ' — '), for the report. */
function oneLine(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' — ');
}

function stepOf(result: WorkflowRunResult, id: string): StepRecord | undefined {
  return result.steps.find((s) => s.id === id);
}

/** The production deployment's health answer (status and version), or why it could not be read. */
async function productionHealth(ctx: RehearsalContext): Promise<{ status: number; version?: string; error?: string }> {
  const host = await productionHost(ctx);
  if (!host) return { status: 0, error: 'no production domain serves a deployment' };
  try {
    const response = await ctx.cloud.vercel.fetch(`https://${host}/api/health`);
    const text = await response.text();
    let version: string | undefined;
    try {
      version = (JSON.parse(text) as { version?: string }).version;
    } catch {
      version = undefined;
    }
    return { status: response.status, ...(version ? { version } : {}) };
  } catch (error) {
    return { status: 0, error: (error as Error).message };
  }
}

/** The production domain of the app's Vercel project (by the name in its config, else the seeded project). */
export async function productionHost(ctx: RehearsalContext): Promise<string | undefined> {
  const config = parseYaml(await readFile(join(ctx.repo.dir, '.github', 'shipline.yml'), 'utf8')) as {
    vercel?: { project?: string };
  };
  for (const project of [config.vercel?.project, ctx.cloud.env.VERCEL_PROJECT_ID]) {
    if (!project) continue;
    try {
      return ctx.cloud.vercel.productionUrl(project);
    } catch {
      // not created (yet)
    }
  }
  return undefined;
}

async function ledgerEntry(ctx: RehearsalContext, version: string, kind = 'deploy'): Promise<LedgerEntry | undefined> {
  const entries = await listLedger(octokit(ctx), repoRef(ctx), 'production', { limit: 30 });
  return entries.find((e) => e.payload.version === version && e.payload.kind === kind);
}

let runIds = 1000;

async function deployRelease(ctx: RehearsalContext, step: StepRunner, version: string, onStep?: RunOptions['onStep']) {
  const result = await runAppWorkflow(ctx, step, {
    file: '.github/workflows/deploy.yml',
    version,
    eventName: 'push',
    eventPayload: pushEvent(ctx, version),
    runId: ++runIds,
    ...(onStep ? { onStep } : {}),
  });
  return result;
}

async function deployGood(ctx: RehearsalContext, step: StepRunner, version: string): Promise<void> {
  const result = await deployRelease(ctx, step, version);
  step.check(result.conclusion === 'success', `deploy.yml concluded ${result.conclusion}`);
  const health = await productionHealth(ctx);
  step.check(
    health.status === 200 && health.version === version,
    `production /api/health answers ${health.status}${health.version ? ` ${health.version}` : ''}${health.error ? ` (${health.error})` : ''} (expected 200 ${version})`,
  );
  const entry = await ledgerEntry(ctx, version);
  step.check(entry?.state === 'success', `ledger: ${version} is ${entry?.state ?? 'not recorded'} (expected success)`);
}

async function deployBroken(ctx: RehearsalContext, step: StepRunner): Promise<void> {
  const result = await deployRelease(ctx, step, 'v1.1.0');
  step.check(result.conclusion === 'failure', `deploy.yml concluded ${result.conclusion} (expected failure)`);
  const smoke = stepOf(result, 'smoke-staged');
  step.check(
    smoke?.conclusion === 'failure' && smoke.outputs.verdict === 'fail',
    `staged smoke: ${smoke?.conclusion ?? 'did not run'}, verdict ${smoke?.outputs.verdict ?? 'none'} (expected failure, fail)`,
  );
  const promote = stepOf(result, 'promote');
  step.check(promote?.conclusion === 'skipped', `promote: ${promote?.conclusion ?? 'absent'} (expected skipped)`);
  const health = await productionHealth(ctx);
  step.check(
    health.status === 200 && health.version === 'v1.0.0',
    `production /api/health answers ${health.status}${health.version ? ` ${health.version}` : ''} (expected 200 v1.0.0: v1 kept)`,
  );
  const entry = await ledgerEntry(ctx, 'v1.1.0');
  step.check(
    entry?.state === 'failure' && (entry.phase?.detail ?? '') !== '',
    `ledger: v1.1.0 is ${entry?.state ?? 'not recorded'}${entry?.phase ? ` at ${entry.phase.phase}: ${entry.phase.detail}` : ''} (expected failure with the reason)`,
  );
  const summary = step.summaries.map((s) => s.markdown).join('\n');
  step.check(/smoke/i.test(summary), 'the job summary explains the smoke failure');
}

async function deployRolledBack(ctx: RehearsalContext, step: StepRunner): Promise<void> {
  const issuesBefore = ctx.cloud.github.state.repo(ctx.repository).issues.length;
  let faultId: number | undefined;
  const faults = ctx.cloud.vercel.edge.faults;
  const result = await deployRelease(ctx, step, 'v1.2.0', (event, record) => {
    // Production breaks right after the promote (its health endpoint answers 503) and recovers when the finisher
    // starts, as an incident that began with the release would: the finisher's rollback and smoke then see v1.
    if (event === 'end' && record.id === 'promote' && record.conclusion === 'success') {
      faultId = faults.add({
        path: '/api/health',
        status: 503,
        body: { error: 'injected: production database overloaded' },
      });
      step.note('  ⚡ fault injected on production: /api/health answers 503');
    }
    if (event === 'start' && record.id === 'finish' && faultId !== undefined) {
      faults.remove(faultId);
      faultId = undefined;
    }
  });
  if (faultId !== undefined) faults.remove(faultId);
  const staged = stepOf(result, 'smoke-staged');
  step.check(
    staged?.conclusion === 'success',
    `staged smoke: ${staged?.conclusion ?? 'did not run'} (expected success)`,
  );
  const promote = stepOf(result, 'promote');
  step.check(promote?.conclusion === 'success', `promote: ${promote?.conclusion ?? 'did not run'} (expected success)`);
  const prod = stepOf(result, 'smoke-production');
  step.check(
    prod?.conclusion === 'failure',
    `production smoke: ${prod?.conclusion ?? 'did not run'} (expected failure)`,
  );
  const finish = stepOf(result, 'finish');
  step.check(
    finish?.conclusion !== undefined && finish.conclusion !== 'skipped',
    `finisher ran: ${finish?.conclusion ?? 'absent'}`,
  );
  const health = await productionHealth(ctx);
  step.check(
    health.status === 200 && health.version === 'v1.0.0',
    `production /api/health answers ${health.status}${health.version ? ` ${health.version}` : ''} (expected 200 v1.0.0: rolled back)`,
  );
  const entry = await ledgerEntry(ctx, 'v1.2.0');
  step.check(entry?.state === 'failure', `ledger: v1.2.0 is ${entry?.state ?? 'not recorded'} (expected failure)`);
  const incidents = ctx.cloud.github.state
    .repo(ctx.repository)
    .issues.slice(issuesBefore)
    .filter((i) => i.labels.includes('incident') || /incident/i.test(i.title));
  step.check(
    incidents.length === 1,
    `incident issue opened: ${incidents.map((i) => `#${i.number} ${i.title}`).join(', ') || 'none'}`,
  );
}

async function chatopsRollback(ctx: RehearsalContext, step: StepRunner): Promise<void> {
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
    throw new Error('the bot and the GitHub emulator never settled');
  };
  try {
    const issue = gh.seedIssue(ctx.repository, { title: 'Release v1.2.0', user: 'octocat' });
    const dispatchesBefore = gh.state.dispatches(ctx.repository).length;
    const posted = await gh.deliverIssueComment({
      url: bot.url,
      repo: ctx.repository,
      issueNumber: issue.number,
      body: '/rollback v1.0.0',
      user: 'octocat',
    });
    step.check(
      posted.status >= 200 && posted.status < 300,
      `signed issue_comment webhook accepted: HTTP ${posted.status}`,
    );
    await settle();
    const marker = `<!-- shipline:reply-to=${posted.comment.id} -->`;
    const reply = () => gh.state.repo(ctx.repository).comments.find((c) => c.body.startsWith(marker));
    const dispatch = gh.state
      .dispatches(ctx.repository)
      .slice(dispatchesBefore)
      .find((d) => /rollback/.test(d.workflowId));
    if (!dispatch)
      return step.fail(
        `✗ the bot dispatched no rollback workflow; its reply: ${oneLine(reply()?.body.slice(marker.length) ?? 'none')}`,
      );
    step.check(
      true,
      `bot dispatched ${dispatch.workflowId} (run ${dispatch.runId}) with version ${String(dispatch.inputs.version ?? '')}`,
    );
    await gh.startRun(dispatch.runId);
    await settle();
    const inputs = Object.fromEntries(Object.entries(dispatch.inputs).map(([k, v]) => [k, String(v ?? '')]));
    const result = await runAppWorkflow(ctx, step, {
      file: '.github/workflows/rollback.yml',
      // Dispatched on the default branch, whose head is the newest release: the workflow file is read from there.
      version: RELEASES[RELEASES.length - 1]?.version ?? 'v1.0.0',
      eventName: 'workflow_dispatch',
      eventPayload: {
        inputs,
        ref: dispatch.ref,
        repository: { full_name: ctx.repository },
        sender: { login: 'octocat' },
      },
      inputs,
      runId: dispatch.runId,
    });
    step.check(result.conclusion === 'success', `rollback.yml concluded ${result.conclusion}`);
    await gh.completeRun(dispatch.runId, result.conclusion === 'success' ? 'success' : 'failure');
    await settle();
    const health = await productionHealth(ctx);
    step.check(
      health.status === 200 && health.version === 'v1.0.0',
      `production /api/health answers ${health.status}${health.version ? ` ${health.version}` : ''} (expected 200 v1.0.0)`,
    );
    const text = reply()?.body ?? '';
    step.check(
      /done/i.test(text),
      `bot's reply edited to done: ${
        text
          .split('\n')
          .find((l) => /done|fail/i.test(l))
          ?.trim() ?? (text ? 'not done' : 'no reply')
      }`,
    );
  } finally {
    gh.webhookUrl = undefined;
    await bot.close();
  }
}

/** What the emulators hold at the end, read from them (not from the steps' own notes): for the report and tests. */
export interface RehearsalSnapshot {
  production: { host: string | null; health: { status: number; version?: string; error?: string } };
  ledger: Array<{ version: string; kind: string; state: string | null; phase: string | null }>;
  issues: Array<{ number: number; title: string; labels: string[]; state: string }>;
  /** The bot's replies (comments starting with its reply marker), by issue number. */
  replies: Array<{ issue: number; body: string }>;
}

/** Reads the production deployment, the ledger, the issues and the bot's replies from the emulators. */
export async function snapshot(ctx: RehearsalContext): Promise<RehearsalSnapshot> {
  const host = (await productionHost(ctx)) ?? null;
  const entries = await listLedger(octokit(ctx), repoRef(ctx), 'production', { limit: 50 }).catch(() => []);
  const repo = ctx.cloud.github.state.repo(ctx.repository);
  return {
    production: { host, health: await productionHealth(ctx) },
    ledger: entries.map((e) => ({
      version: e.payload.version,
      kind: e.payload.kind,
      state: e.state ?? null,
      phase: e.phase ? `${e.phase.phase}: ${e.phase.detail}` : null,
    })),
    issues: repo.issues.map((i) => ({ number: i.number, title: i.title, labels: i.labels, state: i.state })),
    replies: repo.comments
      .filter((c) => c.body.startsWith('<!-- shipline:reply-to='))
      .map((c) => ({ issue: c.issueNumber, body: c.body })),
  };
}
