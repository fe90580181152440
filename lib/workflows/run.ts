/**
 * Runs a workflow file locally the way a GitHub runner would: jobs in `needs` order, `if:` decided with GitHub's
 * expression evaluator, each step with the runner's environment (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STEP_SUMMARY,
 * GITHUB_EVENT_PATH, INPUT_*). `uses:` of Shipline's own actions and reusable workflows run from this checkout;
 * other actions are skipped with a notice naming them; `run:` steps run in bash. What users commit is what runs.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type {
  Job,
  ReusableWorkflowJob,
  RunStep,
  Step,
  WorkflowJob,
} from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { parse as parseYaml } from 'yaml';
import { ShiplineError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { Redactor } from '../core/redact.js';
import {
  asString,
  type ExpressionContext,
  evaluateCondition,
  evaluateToken,
  interpolate,
  type StatusState,
} from './expressions.js';
import { parseFileCommands, parseWorkflowCommand } from './file-commands.js';
import { loadWorkflow, resolveInputs } from './load.js';

export type StepConclusion = 'success' | 'failure' | 'skipped';
export type JobResult = 'success' | 'failure' | 'skipped' | 'cancelled';

export interface StepRecord {
  job: string;
  id: string;
  name: string;
  conclusion: StepConclusion;
  /** Why it was skipped or failed, in words. */
  note?: string;
  outputs: Record<string, string>;
  summary: string;
  durationMs: number;
}

export interface JobRecord {
  id: string;
  result: JobResult;
  outputs: Record<string, string>;
}

export interface WorkflowRunResult {
  conclusion: 'success' | 'failure';
  jobs: Record<string, JobRecord>;
  steps: StepRecord[];
  /** `workflow_call` outputs, for a called workflow. */
  outputs: Record<string, string>;
  annotations: { level: string; message: string; properties: Record<string, string> }[];
}

/** The GitHub context of the run (what `github.*` and the GITHUB_* variables say). */
export interface RunGitHubContext {
  repository: string;
  sha: string;
  ref: string;
  actor: string;
  serverUrl: string;
  apiUrl: string;
  runId: number;
  runNumber: number;
  token?: string;
}

export interface RunWorkflowOptions {
  /** Path of the workflow file. */
  file: string;
  /** The Shipline checkout whose actions and reusable workflows `uses:` resolves to. */
  shiplineRoot: string;
  /** `owner/name` slugs that mean this Shipline checkout in `uses:` (e.g. `your-org/shipline`). */
  shiplineRepos: string[];
  /** The repository the workflow runs for (GITHUB_WORKSPACE, the cwd of steps). */
  workspace: string;
  eventName: string;
  eventPayload: unknown;
  inputs?: Record<string, string | boolean | number>;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  github: RunGitHubContext;
  /** Environment every step starts from (PATH, HOME, …); nothing else of the caller's leaks in. */
  baseEnv: Record<string, string>;
  /** Node binary that runs `node24` actions. */
  node: string;
  logger: Logger;
  /** Called with each line a step prints (already redacted). */
  onOutput?: (line: string, step: { job: string; step: string }) => void;
  /** Called when a step starts and ends, for live progress. */
  onStep?: (event: 'start' | 'end', step: StepRecord) => void;
  redactor?: Redactor;
}

interface RunState {
  options: RunWorkflowOptions;
  redactor: Redactor;
  temp: string;
  steps: StepRecord[];
  annotations: WorkflowRunResult['annotations'];
}

/** Runs the workflow and returns what each job and step did. Never throws for a failing step; throws for a bad file. */
export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
  const redactor = options.redactor ?? new Redactor();
  for (const value of Object.values(options.secrets ?? {})) redactor.add(value);
  if (options.github.token) redactor.add(options.github.token);
  const temp = await mkdtemp(join(tmpdir(), 'shipline-run-'));
  const state: RunState = { options, redactor, temp, steps: [], annotations: [] };
  try {
    const eventPath = join(temp, 'event.json');
    await writeFile(eventPath, JSON.stringify(options.eventPayload ?? {}));
    return await runFile(state, options.file, {
      eventName: options.eventName,
      eventPath,
      inputs: options.inputs ?? {},
      secrets: options.secrets ?? {},
      prefix: '',
    });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

interface FileRun {
  eventName: string;
  eventPath: string;
  inputs: Record<string, string | boolean | number>;
  secrets: Record<string, string>;
  /** Job id prefix for a called workflow (`caller/`). */
  prefix: string;
}

async function runFile(state: RunState, file: string, run: FileRun): Promise<WorkflowRunResult> {
  const { options } = state;
  const workflow = await loadWorkflow(file);
  const declared =
    run.eventName === 'workflow_call'
      ? workflow.callInputs
      : run.eventName === 'workflow_dispatch'
        ? workflow.dispatchInputs
        : {};
  if (!workflow.events.includes(run.eventName)) {
    throw new ShiplineError('workflow-event', `${file} does not run on "${run.eventName}".`, {
      hint: `It runs on: ${workflow.events.join(', ')}.`,
    });
  }
  const inputs = resolveInputs(declared, run.inputs, file);
  const github = githubContext(options, run, workflow.name);
  const baseContext: ExpressionContext = {
    github,
    inputs,
    secrets: { GITHUB_TOKEN: options.github.token ?? '', ...run.secrets },
    vars: options.vars ?? {},
    runner: { os: 'Linux', arch: 'X64', temp: state.temp, name: 'shipline-local' },
    env: {},
    job: { status: 'success' },
    steps: {},
    needs: {},
    matrix: {},
    strategy: {},
  };
  const workflowEnv = stringMap(evaluateToken(workflow.template.env, baseContext, OK));
  const jobs: Record<string, JobRecord> = {};
  const pending = [...workflow.template.jobs];
  while (pending.length > 0) {
    const index = pending.findIndex((job) => (job.needs ?? []).every((n) => jobs[n.value] !== undefined));
    if (index < 0) {
      throw new ShiplineError(
        'workflow-needs',
        `${file}: jobs ${pending.map((j) => j.id.value).join(', ')} need jobs that never run.`,
        {
          hint: 'Check the `needs:` lists for typos and cycles.',
        },
      );
    }
    const job = pending.splice(index, 1)[0] as WorkflowJob;
    const needs = Object.fromEntries(
      (job.needs ?? []).map((n) => [n.value, { result: jobs[n.value]?.result, outputs: jobs[n.value]?.outputs ?? {} }]),
    );
    const context: ExpressionContext = { ...baseContext, needs, env: { ...workflowEnv } };
    // success() is true only when every needed job succeeded; failure() when one of them failed.
    const status: StatusState = {
      failed: Object.values(needs).some((n) => n.result === 'failure'),
      cancelled: false,
      notSucceeded: Object.values(needs).some((n) => n.result !== 'success'),
    };
    const id = job.id.value;
    if (!evaluateCondition(job.if, context, status)) {
      jobs[id] = { id, result: 'skipped', outputs: {} };
      options.logger.info(`Job ${run.prefix}${id}: skipped`);
      continue;
    }
    jobs[id] =
      job.type === 'reusableWorkflowJob'
        ? await runCalledWorkflow(state, job, context, run)
        : await runJob(state, job, context, workflowEnv, run, (i) => workflow.stepWith(id, i));
  }
  const failed = Object.values(jobs).some((j) => j.result === 'failure');
  const outputs: Record<string, string> = {};
  const jobsContext = Object.fromEntries(
    Object.values(jobs).map((j) => [j.id, { result: j.result, outputs: j.outputs }]),
  );
  for (const [name, value] of Object.entries(workflow.callOutputs)) {
    outputs[name] = interpolate(value, { ...baseContext, jobs: jobsContext }, OK);
  }
  return {
    conclusion: failed ? 'failure' : 'success',
    jobs,
    steps: state.steps,
    outputs,
    annotations: state.annotations,
  };
}

const OK: StatusState = { failed: false, cancelled: false };

function stringMap(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, asString(v)]));
}

function githubContext(options: RunWorkflowOptions, run: FileRun, workflowName: string): Record<string, unknown> {
  const g = options.github;
  return {
    event_name: run.eventName,
    event: options.eventPayload ?? {},
    repository: g.repository,
    repository_owner: g.repository.split('/')[0],
    sha: g.sha,
    ref: g.ref,
    ref_name: g.ref.replace(/^refs\/(heads|tags)\//, ''),
    actor: g.actor,
    triggering_actor: g.actor,
    server_url: g.serverUrl,
    api_url: g.apiUrl,
    graphql_url: `${g.apiUrl}/graphql`,
    run_id: String(g.runId),
    run_number: String(g.runNumber),
    run_attempt: '1',
    workflow: workflowName,
    workspace: options.workspace,
    token: g.token ?? '',
    action_path: '',
  };
}

/** A `uses:` target in this Shipline checkout, or undefined for someone else's action or workflow. */
function ownPath(state: RunState, uses: string, workspace: string): string | undefined {
  if (uses.startsWith('./')) return resolve(workspace, uses.split('@')[0] ?? uses);
  const at = uses.lastIndexOf('@');
  const path = at < 0 ? uses : uses.slice(0, at);
  const [owner, name, ...rest] = path.split('/');
  if (!owner || !name || !state.options.shiplineRepos.includes(`${owner}/${name}`)) return undefined;
  return join(state.options.shiplineRoot, ...rest);
}

async function runCalledWorkflow(
  state: RunState,
  job: ReusableWorkflowJob,
  context: ExpressionContext,
  run: FileRun,
): Promise<JobRecord> {
  const id = job.id.value;
  const target = ownPath(state, job.ref.value, state.options.workspace);
  if (!target) {
    state.options.logger.warning(
      `Job ${id}: skipped, ${job.ref.value} is not a Shipline workflow and cannot run locally.`,
    );
    return { id, result: 'skipped', outputs: {} };
  }
  const withValues = evaluateToken(job['input-values'], context, OK) as
    | Record<string, string | boolean | number>
    | undefined;
  const secrets = job['inherit-secrets']
    ? (context.secrets as Record<string, string>)
    : stringMap(evaluateToken(job['secret-values'], context, OK));
  state.options.logger.info(`Job ${run.prefix}${id}: calls ${job.ref.value}`);
  const result = await runFile(state, target, {
    eventName: 'workflow_call',
    eventPath: run.eventPath,
    inputs: withValues ?? {},
    secrets,
    prefix: `${run.prefix}${id}/`,
  });
  return { id, result: result.conclusion, outputs: result.outputs };
}

async function runJob(
  state: RunState,
  job: Job,
  jobContext: ExpressionContext,
  workflowEnv: Record<string, string>,
  run: FileRun,
  stepWith: (index: number) => TemplateToken | undefined,
): Promise<JobRecord> {
  const id = job.id.value;
  const jobName = `${run.prefix}${id}`;
  const { logger } = state.options;
  logger.info(`Job ${jobName}: started`);
  let env = { ...workflowEnv, ...stringMap(evaluateToken(job.env, jobContext, OK)) };
  const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  const status: StatusState = { failed: false, cancelled: false };
  for (const [index, step] of job.steps.entries()) {
    const stepId = step.id || `__step${index}`;
    const context: ExpressionContext = {
      ...jobContext,
      env,
      steps,
      job: { status: status.failed ? 'failure' : 'success' },
    };
    const name = describeStep(step, context);
    const record: StepRecord = {
      job: jobName,
      id: stepId,
      name,
      conclusion: 'skipped',
      outputs: {},
      summary: '',
      durationMs: 0,
    };
    if (!('run' in step) && !('uses' in step)) {
      record.note = 'not a run or uses step; not supported locally';
    } else if (!evaluateCondition(step.if, context, status)) {
      record.note = 'condition false';
    } else {
      state.options.onStep?.('start', record);
      const started = performance.now();
      const stepEnv = { ...env, ...stringMap(evaluateToken(step.env, context, status)) };
      const withToken = stepWith(index);
      const outcome = await runStep(state, step, withToken, stepEnv, context, status, { job: jobName, step: name });
      record.durationMs = performance.now() - started;
      record.conclusion = outcome.conclusion;
      record.outputs = outcome.outputs;
      record.summary = outcome.summary;
      if (outcome.note) record.note = outcome.note;
      env = { ...env, ...outcome.env };
      const flag = step['continue-on-error'];
      const continueOnError = typeof flag === 'boolean' ? flag : evaluateToken(flag, context, status) === true;
      if (outcome.conclusion === 'failure' && !continueOnError) status.failed = true;
    }
    steps[stepId] = { outputs: record.outputs, outcome: record.conclusion, conclusion: record.conclusion };
    state.steps.push(record);
    state.options.onStep?.('end', record);
    if (record.conclusion === 'skipped' && record.note && record.note !== 'condition false') {
      logger.warning(`Step skipped: ${record.note}.`);
    }
  }
  const finalContext: ExpressionContext = { ...jobContext, env, steps };
  const outputs = stringMap(evaluateToken(job.outputs, finalContext, status));
  logger.info(`Job ${jobName}: ${status.failed ? 'failure' : 'success'}`);
  return { id, result: status.failed ? 'failure' : 'success', outputs };
}

function describeStep(step: Step, context: ExpressionContext): string {
  if (step.name) return asString(evaluateToken(step.name, context, OK));
  if ('uses' in step) return step.uses.value;
  if ('run' in step) return `Run ${asString((step.run as { value?: unknown }).value ?? 'script').split('\n')[0]}`;
  return step.id;
}

interface StepOutcome {
  conclusion: StepConclusion;
  outputs: Record<string, string>;
  env: Record<string, string>;
  summary: string;
  note?: string;
}

async function runStep(
  state: RunState,
  step: Step,
  withToken: TemplateToken | undefined,
  stepEnv: Record<string, string>,
  context: ExpressionContext,
  status: StatusState,
  label: { job: string; step: string },
): Promise<StepOutcome> {
  const { options } = state;
  const dir = await mkdtemp(join(state.temp, 'step-'));
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_PATH: join(dir, 'path'),
    GITHUB_STATE: join(dir, 'state'),
  };
  await Promise.all(Object.values(files).map((f) => writeFile(f, '')));
  const github = context.github as Record<string, string>;
  const runnerEnv: Record<string, string> = {
    ...options.baseEnv,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKFLOW: github.workflow ?? '',
    GITHUB_RUN_ID: github.run_id ?? '',
    GITHUB_RUN_NUMBER: github.run_number ?? '',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: label.job,
    GITHUB_ACTOR: github.actor ?? '',
    GITHUB_REPOSITORY: github.repository ?? '',
    GITHUB_REPOSITORY_OWNER: github.repository_owner ?? '',
    GITHUB_EVENT_NAME: github.event_name ?? '',
    GITHUB_EVENT_PATH: join(state.temp, 'event.json'),
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_SHA: github.sha ?? '',
    GITHUB_REF: github.ref ?? '',
    GITHUB_REF_NAME: github.ref_name ?? '',
    GITHUB_SERVER_URL: github.server_url ?? '',
    GITHUB_API_URL: github.api_url ?? '',
    GITHUB_GRAPHQL_URL: github.graphql_url ?? '',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: state.temp,
    ...files,
    ...stepEnv,
  };
  let command: string;
  let args: string[];
  if ('uses' in step) {
    const uses = step.uses.value;
    const actionDir = ownPath(state, uses, options.workspace);
    if (!actionDir) {
      return {
        conclusion: 'skipped',
        outputs: {},
        env: {},
        summary: '',
        note: `${uses} is not a Shipline action and runs only on GitHub`,
      };
    }
    const action = await readAction(actionDir);
    const given = stringMap(evaluateToken(withToken, context, status));
    for (const [name, def] of Object.entries(action.inputs)) {
      const value = Object.hasOwn(given, name)
        ? given[name]
        : interpolate(asString(def.default ?? ''), context, status);
      runnerEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value ?? '';
    }
    for (const [name, value] of Object.entries(given)) {
      if (!Object.hasOwn(action.inputs, name)) {
        options.logger.warning(`${label.step}: ${uses} has no input "${name}" (GitHub warns the same way).`);
        runnerEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
      }
    }
    runnerEnv.GITHUB_ACTION_PATH = actionDir;
    command = options.node;
    args = [resolve(actionDir, action.main)];
  } else {
    const script = asString(evaluateToken((step as RunStep).run, context, status));
    const scriptFile = join(dir, 'script.sh');
    await writeFile(scriptFile, script);
    command = 'bash';
    args = ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile];
  }
  const exitCode = await spawnStep(state, command, args, runnerEnv, label);
  const [outputText, envText, summary, pathText] = await Promise.all([
    readFile(files.GITHUB_OUTPUT, 'utf8'),
    readFile(files.GITHUB_ENV, 'utf8'),
    readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    readFile(files.GITHUB_PATH, 'utf8'),
  ]);
  const env = parseFileCommands(envText);
  const extraPath = pathText.split('\n').filter(Boolean);
  if (extraPath.length > 0) env.PATH = [...extraPath.reverse(), runnerEnv.PATH ?? ''].join(':');
  return {
    conclusion: exitCode === 0 ? 'success' : 'failure',
    outputs: parseFileCommands(outputText),
    env,
    summary: state.redactor.redact(summary),
    ...(exitCode === 0 ? {} : { note: `exit code ${exitCode}` }),
  };
}

interface ActionMetadata {
  main: string;
  inputs: Record<string, { default?: unknown }>;
}

async function readAction(dir: string): Promise<ActionMetadata> {
  const file = join(dir, 'action.yml');
  let raw: Record<string, unknown>;
  try {
    raw = parseYaml(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ShiplineError('action-missing', `Cannot read ${file}: ${(error as Error).message}`, {
      hint: 'Build the checkout first (npm run build) and check the `uses:` path.',
    });
  }
  const runs = (raw.runs ?? {}) as Record<string, unknown>;
  if (typeof runs.using !== 'string' || !/^node\d+$/.test(runs.using) || typeof runs.main !== 'string') {
    throw new ShiplineError('action-unsupported', `${file}: only JavaScript actions (runs.using: node24) run locally.`);
  }
  return { main: runs.main, inputs: (raw.inputs ?? {}) as ActionMetadata['inputs'] };
}

function spawnStep(
  state: RunState,
  command: string,
  args: string[],
  env: Record<string, string>,
  label: { job: string; step: string },
): Promise<number> {
  const { options, redactor } = state;
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const onLine = (line: string) => {
      const cmd = parseWorkflowCommand(line);
      if (cmd?.command === 'add-mask') {
        redactor.add(cmd.message);
        return;
      }
      if (cmd && (cmd.command === 'error' || cmd.command === 'warning' || cmd.command === 'notice')) {
        state.annotations.push({
          level: cmd.command,
          message: redactor.redact(cmd.message),
          properties: cmd.properties,
        });
      }
      options.onOutput?.(redactor.redact(line), label);
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buffer = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) onLine(line);
      });
      stream.on('end', () => {
        if (buffer) onLine(buffer);
      });
    }
    child.on('error', (error) => {
      options.onOutput?.(`cannot start ${command}: ${error.message}`, label);
      resolvePromise(127);
    });
    child.on('close', (code, signal) => resolvePromise(code ?? (signal ? 128 : 1)));
  });
}
