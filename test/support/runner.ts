import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Repository root (test/support/ is two levels down). */
export const repoRoot = resolve(import.meta.dirname, '..', '..');

/** One `::error file=…,line=…::message` style workflow command found in the action's stdout. */
export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  properties: Record<string, string>;
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  env: Record<string, string>;
  state: Record<string, string>;
  annotations: Annotation[];
  /** Values the action asked the runner to mask with `::add-mask::`. */
  masks: string[];
  /** Everything a reader of the job could see — stdout without the `::add-mask::` commands, stderr, the summary — for "never printed" checks. */
  visible: string;
}

export interface RunActionOptions {
  /** Inputs by their action.yml name (e.g. `database-url`); become INPUT_DATABASE-URL like the runner does. */
  inputs?: Record<string, string>;
  /** Extra environment variables (secrets the workflow maps in, GITHUB_* overrides). */
  env?: Record<string, string>;
  /** The webhook payload written to GITHUB_EVENT_PATH. */
  event?: unknown;
  eventName?: string;
  /** Working directory (the checked-out repository); defaults to the repository root. */
  cwd?: string;
  /** Node binary; defaults to SHIPLINE_TEST_NODE (CI sets Node 24 there) or the current one. */
  node?: string;
  timeoutMs?: number;
  /** Folder holding the bundles (`<distDir>/<name>/index.js`); defaults to the repository's dist/. */
  distDir?: string;
}

/** Decodes the runner's file commands (`name=value` and `name<<DELIM … DELIM`) into a map. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line) continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i] ?? '');
      out[name] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
function unescapeProperty(s: string): string {
  return unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

/** Parses `::error file=a,line=3::msg` workflow commands out of stdout. */
export function parseAnnotations(stdout: string): { annotations: Annotation[]; masks: string[] } {
  const annotations: Annotation[] = [];
  const masks: string[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const [, command, props = '', data = ''] = m;
    if (command === 'add-mask') {
      masks.push(unescapeData(data));
      continue;
    }
    if (command !== 'error' && command !== 'warning' && command !== 'notice') continue;
    const properties: Record<string, string> = {};
    for (const pair of props.split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    annotations.push({ level: command, message: unescapeData(data), properties });
  }
  return { annotations, masks };
}

/**
 * Runs a bundled action (`dist/<name>/index.js`) the way the GitHub runner does: inputs as INPUT_* variables,
 * file commands in temp files, the event payload at GITHUB_EVENT_PATH. Returns what the runner would see.
 */
export async function runAction(name: string, options: RunActionOptions = {}): Promise<ActionRun> {
  const temp = mkdtempSync(join(tmpdir(), `shipline-runner-${name}-`));
  const files = {
    GITHUB_OUTPUT: join(temp, 'output'),
    GITHUB_STEP_SUMMARY: join(temp, 'summary'),
    GITHUB_ENV: join(temp, 'env'),
    GITHUB_STATE: join(temp, 'state'),
    GITHUB_PATH: join(temp, 'path'),
    GITHUB_EVENT_PATH: join(temp, 'event.json'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify(options.event ?? {}));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? temp,
    ...files,
    RUNNER_TEMP: temp,
    RUNNER_OS: 'Linux',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: options.cwd ?? repoRoot,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_RUN_ID: '1234',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: '0000000000000000000000000000000000000000',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_ACTOR: 'octocat',
    ...options.env,
  };
  for (const [key, value] of Object.entries(options.inputs ?? {})) {
    env[`INPUT_${key.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const node = options.node ?? process.env.SHIPLINE_TEST_NODE ?? process.execPath;
  const script = join(options.distDir ?? join(repoRoot, 'dist'), name, 'index.js');
  try {
    const { exitCode, stdout, stderr } = await new Promise<{ exitCode: number | null; stdout: string; stderr: string }>(
      (resolvePromise, reject) => {
        const child = spawn(node, [script], { cwd: options.cwd ?? repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => {
          stdout += d;
        });
        child.stderr.on('data', (d) => {
          stderr += d;
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolvePromise({ exitCode: code, stdout, stderr });
        });
      },
    );
    const { annotations, masks } = parseAnnotations(stdout);
    return {
      exitCode,
      stdout,
      stderr,
      outputs: parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
      summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
      env: parseFileCommands(readFileSync(files.GITHUB_ENV, 'utf8')),
      state: parseFileCommands(readFileSync(files.GITHUB_STATE, 'utf8')),
      annotations,
      masks,
      visible: [stdout.replace(/^::add-mask::.*$/gm, ''), stderr, readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')].join(
        '\n',
      ),
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
