/**
 * `shipline start` (`npm start`): the whole rehearsal on the local cloud. Starts emulated Vercel, Supabase and GitHub
 * with a real PostgreSQL 15 (persistent under .shipline/local-cloud), makes examples/app a git repository with tags
 * v1.0.0–v1.2.0, runs the app's own workflow files for each release, posts `/rollback v1.0.0` to the hosted bot and
 * runs what it dispatches, then writes a report and keeps production up until Ctrl-C (`--exit` stops at the end).
 */

import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { startBotServer } from '../../bot/server.js';
import { type LocalCloud, startLocalCloud } from '../../emulators/local-cloud.js';
import { serverCanReach } from '../../emulators/postgres/embedded.js';
import { Redactor, redactingLogger } from '../../lib/core/redact.js';
import { onShutdown, SHUTDOWN_SIGNALS } from '../../lib/process/shutdown.js';
import {
  type Progress,
  productionHost,
  type RehearsalContext,
  type RehearsalStep,
  rehearse,
  snapshot,
} from '../../lib/rehearsal/rehearse.js';
import { RELEASES } from '../../lib/rehearsal/releases.js';
import { type ReportLink, reportText, writeReport } from '../../lib/rehearsal/report.js';
import { prepareSourceActions } from '../../lib/rehearsal/source-actions.js';
import { git, prepareWorkRepo } from '../../lib/rehearsal/work-repo.js';
import { formatOptions, type OptionSpecs, parseArgs } from '../args.js';
import { type CliIO, processIO, terminalLogger } from '../terminal-logger.js';

export const OPTIONS: OptionSpecs = {
  app: { type: 'string', description: 'The app to rehearse (default: examples/app)' },
  'state-dir': { type: 'string', description: 'Where the local cloud keeps its data (default: .shipline/local-cloud)' },
  reset: { type: 'boolean', description: 'Start from an empty database and a fresh rehearsal repository' },
  exit: { type: 'boolean', description: 'Stop when the report is written (default: keep production up until Ctrl-C)' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

export const USAGE = `Usage: shipline start [options]

The whole rehearsal on the local cloud (emulated Vercel, Supabase and GitHub; real PostgreSQL 15), no accounts:
  1. v1.0.0 — the app's deploy workflow runs end to end; production serves v1
  2. v1.1.0 — broken health endpoint: staged smoke fails, production keeps v1
  3. v1.2.0 — breaks production after the promote: auto-rollback to v1, incident issue
  4. /rollback v1.0.0 — a signed comment to the bot; the workflow it dispatches runs
Then a report (with the job summaries as Markdown files). Exit code 0 when every step passed.

Options:
${formatOptions(OPTIONS)}
`;

const CHECKOUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REPOSITORY = 'acme/shop';

/**
 * The local cloud's folder: `--state-dir`, else `.shipline/local-cloud` in the checkout — unless, as root, the
 * server's `postgres` user cannot enter the checkout (e.g. under /root); then a per-checkout folder in the temp dir.
 */
export function chooseStateDir(cwd: string, option: unknown): string {
  if (typeof option === 'string') return resolve(cwd, option);
  const inCheckout = resolve(cwd, '.shipline', 'local-cloud');
  if (serverCanReach(dirname(inCheckout))) return inCheckout;
  const key = createHash('sha256').update(cwd).digest('hex').slice(0, 12);
  return join(tmpdir(), `shipline-local-cloud-${key}`);
}

/** A live task list on a terminal (redrawn in place), plain lines otherwise. */
export function createProgress(io: CliIO, live: boolean, titles: string[]): Progress {
  if (!live) {
    return {
      start: (_id, title) => io.stdout(`▶ ${title}\n`),
      detail: (_id, text) => io.stdout(`    ${text}\n`),
      end: (step) =>
        io.stdout(
          `${step.status === 'passed' ? '✔' : '✖'} ${step.title}: ${step.status} (${(step.durationMs / 1000).toFixed(1)} s)\n`,
        ),
    };
  }
  const state = titles.map((title) => ({ title, mark: '○', last: '' }));
  let drawn = 0;
  let current = -1;
  const draw = () => {
    const lines = state.map(
      (s, i) => `${s.mark} ${s.title}${i === current && s.last ? `\n    \x1b[2m${s.last.slice(0, 110)}\x1b[0m` : ''}`,
    );
    const body = lines.join('\n');
    io.stdout(`${drawn > 0 ? `\x1b[${drawn}F\x1b[J` : ''}${body}\n`);
    drawn = body.split('\n').length;
  };
  return {
    start: (_id, title) => {
      current = state.findIndex((s) => s.title === title);
      const entry = state[current];
      if (entry) entry.mark = '◐';
      draw();
    },
    detail: (_id, text) => {
      const entry = state[current];
      if (entry) entry.last = text.trim();
      draw();
    },
    end: (step: RehearsalStep) => {
      const entry = state.find((s) => s.title === step.title);
      if (entry) {
        entry.mark = step.status === 'passed' ? '✔' : '✖';
        entry.title = `${step.title} (${(step.durationMs / 1000).toFixed(1)} s)`;
        entry.last = '';
      }
      current = -1;
      draw();
    },
  };
}

/** Adds the rehearsal repository to the GitHub emulator: a commit and tag per release, its workflows, the app install. */
function seedGitHub(
  cloud: LocalCloud,
  workDir: string,
  localShas: Record<string, string>,
  pathEnv: string,
): Record<string, string> {
  const gh = cloud.github;
  const shas: Record<string, string> = {};
  for (const release of RELEASES) {
    // The same SHAs as the rehearsal repository, so GITHUB_SHA is the commit each run checks out.
    shas[release.version] = gh.seedCommit(REPOSITORY, {
      message: `${release.message} (${release.version})`,
      ...(localShas[release.version] ? { sha: localShas[release.version] } : {}),
    });
    gh.seedTag(REPOSITORY, release.version, shas[release.version] ?? '');
  }
  gh.seedWorkflow(REPOSITORY, { file: 'deploy.yml', triggers: ['push', 'workflow_dispatch'] });
  gh.seedWorkflow(REPOSITORY, 'rollback.yml');
  gh.seedInstallation({ account: REPOSITORY.split('/')[0] ?? '' });
  // The repository contents API (the bot reads .github/shipline.yml): served from the rehearsal repository's main.
  gh.server.route('GET', '/repos/:owner/:repo/contents/:path*', async (req) => {
    const path = req.params.path ?? '';
    let text: string | undefined;
    if (`${req.params.owner}/${req.params.repo}`.toLowerCase() === REPOSITORY && !path.includes('..')) {
      text = await git(workDir, ['show', `refs/tags/${RELEASES[0]?.version}:${path}`], pathEnv).catch(() => undefined);
    }
    if (text === undefined)
      return {
        status: 404,
        body: {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content',
        },
      };
    return {
      status: 200,
      body: {
        type: 'file',
        encoding: 'base64',
        size: Buffer.byteLength(text),
        name: path.split('/').pop(),
        path,
        content: Buffer.from(`${text}\n`).toString('base64'),
        sha: createHash('sha1').update(text).digest('hex'),
      },
    };
  });
  return shas;
}

/** Runs the rehearsal; returns 0 when every step passed. */
export async function run(argv: string[], io: CliIO = processIO()): Promise<number> {
  const { values } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const app = resolve(io.cwd, typeof values.app === 'string' ? values.app : 'examples/app');
  const stateDir = chooseStateDir(io.cwd, values['state-dir']);
  if (values.reset === true)
    for (const part of ['postgres', 'work', 'report', 'runner'])
      await rm(join(stateDir, part), { recursive: true, force: true });

  const pathEnv = io.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
  const redactor = new Redactor();
  // On a live task list the workflow engine's own lines (job started, step skipped) would tear the redrawn list:
  // they go to the running step's detail line instead; errors still reach stderr.
  let liveDetail: ((text: string) => void) | undefined;
  const plain = terminalLogger(io);
  const logger = redactingLogger(
    io.color
      ? {
          ...plain,
          debug: () => undefined,
          info: (m: string) => liveDetail?.(m),
          warning: (m: string) => liveDetail?.(`warning: ${m}`),
        }
      : plain,
    redactor,
  );
  const started = Date.now();
  io.stdout(`Starting the local cloud in ${stateDir} …\n`);
  const cloud = await startLocalCloud({ stateDir, repository: REPOSITORY, vercelBuildMs: 300 });
  for (const name of [
    'VERCEL_TOKEN',
    'SUPABASE_ACCESS_TOKEN',
    'SUPABASE_ANON_KEY',
    'VERCEL_AUTOMATION_BYPASS_SECRET',
    'GITHUB_TOKEN',
  ])
    redactor.add(cloud.env[name]);
  redactor.addUrlCredentials(cloud.env.SUPABASE_DB_URL);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= cloud.stop();
    return stopping;
  };
  let wake: () => void = () => undefined;
  const stopRequested = new Promise<void>((r) => {
    wake = r;
  });
  let rehearsing = true;
  // The first signal stops the local cloud; during the rehearsal the program then ends (130 for SIGINT), as the
  // steps' own processes got the terminal's signal too. After the report, run() returns 0 or 1 by itself.
  const unregister = onShutdown(
    async (signal) => {
      wake();
      io.stdout('\nStopping the local cloud…\n');
      await stop();
      if (rehearsing) process.exit(128 + SHUTDOWN_SIGNALS[signal]);
    },
    { endsProgram: true },
  );
  try {
    io.stdout(
      `Local cloud up in ${((Date.now() - started) / 1000).toFixed(1)} s (PostgreSQL ${cloud.postgres.created ? 'initialised' : 'reused'}).\n`,
    );
    const repo = await prepareWorkRepo(app, join(stateDir, 'work', 'shop'), RELEASES, pathEnv);
    io.stdout(
      `Rehearsal repository ${repo.reused ? 'reused' : 'created'}: ${repo.dir} (tags ${RELEASES.map((r) => r.version).join(', ')})\n`,
    );
    const githubShas = seedGitHub(cloud, repo.dir, repo.shas, pathEnv);
    // The app's Vercel project, as a user creates it in the dashboard: named as in its config, in the seeded team,
    // with Deployment Protection and an automation bypass secret (the VERCEL_AUTOMATION_BYPASS_SECRET secret).
    const config = parseYaml(await readFile(join(repo.dir, '.github', 'shipline.yml'), 'utf8')) as {
      vercel?: { project?: string };
    };
    const project = await cloud.vercel.createProject(config.vercel?.project ?? 'shop', {
      teamId: cloud.env.VERCEL_ORG_ID ?? '',
      protectionBypassSecret: cloud.env.VERCEL_AUTOMATION_BYPASS_SECRET ?? '',
    });
    const actions = await prepareSourceActions(
      CHECKOUT,
      join(stateDir, 'runner', 'shipline'),
      import.meta.resolve('tsx/esm/api'),
    );
    io.stdout(`Actions run from their TypeScript sources: ${actions.actions.join(', ')}\n\n`);
    const env = cloud.env;
    const baseEnv: Record<string, string> = {
      PATH: pathEnv,
      HOME: join(stateDir, 'runner', 'home'),
      LANG: 'C.UTF-8',
      NODE_EXTRA_CA_CERTS: env.NODE_EXTRA_CA_CERTS ?? '',
      VERCEL_TELEMETRY_DISABLED: '1',
      // Where "the cloud" is: the actions read these instead of the public endpoints.
      VERCEL_API_URL: env.VERCEL_API_URL ?? '',
      SUPABASE_API_URL: env.SUPABASE_API_URL ?? '',
      SUPABASE_URL: env.SUPABASE_URL ?? '',
      // The emulator's Host-routed edge: a client sends a *.vercel.app URL's host there (Host or
      // x-vercel-deployment-url header) instead of resolving it in DNS.
      VERCEL_EDGE_URL: env.VERCEL_EDGE_URL ?? '',
      // The local cloud's name resolution: *.vercel.app hosts reach the emulator's edge (see the module).
      NODE_OPTIONS: `--import ${pathToFileURL(join(CHECKOUT, 'emulators', 'vercel', 'edge-resolver.mjs')).href}`,
      // Nothing leaves the machine: a request to a public host fails at once instead of reaching it.
      HTTP_PROXY: 'http://127.0.0.1:9',
      HTTPS_PROXY: 'http://127.0.0.1:9',
      NO_PROXY: '127.0.0.1,localhost',
      NODE_USE_ENV_PROXY: '1',
    };
    const progress = createProgress(io, io.color, [
      'v1.0.0: merge to main deploys to production',
      'v1.1.0: broken health endpoint is stopped by staged smoke',
      'v1.2.0: production breaks after promote, auto-rollback',
      '/rollback v1.0.0 through the bot',
    ]);
    liveDetail = (text) => progress.detail('', text);
    const context: RehearsalContext = {
      cloud,
      repo,
      actions,
      checkout: CHECKOUT,
      repository: REPOSITORY,
      githubShas,
      baseEnv,
      logger,
      redactor,
      progress,
      vercelCli: join(CHECKOUT, 'node_modules', 'vercel'),
      nodeBinary: process.execPath,
      vercelProjectId: project.id,
      now: () => Date.now(),
      startBot: () =>
        startBotServer({
          appId: cloud.github.app.id,
          privateKey: cloud.github.app.privateKey,
          webhookSecret: cloud.github.app.webhookSecret,
          baseUrl: cloud.github.url,
          port: 0,
          host: '127.0.0.1',
          logLevel: 'fatal',
          throttle: false,
        }),
    };
    const steps = await rehearse(context);
    const host = await productionHost(context).catch(() => undefined);
    const links: ReportLink[] = [
      ...(host ? [{ label: `Production (${host})`, url: cloud.vercel.httpUrl(host) }] : []),
      { label: 'Vercel API', url: cloud.vercel.url },
      { label: 'Supabase Management API', url: cloud.supabase.url },
      { label: 'Supabase project (functions, REST)', url: env.SUPABASE_URL ?? '' },
      { label: 'GitHub API', url: cloud.github.url },
      { label: `GitHub: ${REPOSITORY} issues`, url: `${cloud.github.url}/repos/${REPOSITORY}/issues?state=all` },
      {
        label: 'GitHub: production ledger',
        url: `${cloud.github.url}/repos/${REPOSITORY}/deployments?environment=production`,
      },
      { label: 'PostgreSQL 15', url: `127.0.0.1:${cloud.postgres.port}` },
    ];
    rehearsing = false;
    liveDetail = undefined;
    const indexPath = await writeReport(join(stateDir, 'report'), steps, links);
    // What the emulators hold now, read from them: production's answer, the ledger, the issues, the bot's replies.
    const state = await snapshot(context);
    await writeFile(join(stateDir, 'report', 'state.json'), `${redactor.redact(JSON.stringify(state, null, 2))}\n`);
    io.stdout(redactor.redact(reportText(steps, links, indexPath)));
    const passed = steps.every((s) => s.status === 'passed');
    io.stdout(passed ? 'Rehearsal passed.\n' : 'Rehearsal failed: see the ✗ lines above and the report.\n');
    if (values.exit !== true) {
      io.stdout('\nThe local cloud stays up (production included). Press Ctrl-C to stop.\n');
      await stopRequested;
    }
    return passed ? 0 : 1;
  } finally {
    await stop();
    unregister();
  }
}
