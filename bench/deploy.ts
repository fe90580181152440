/**
 * Benchmark: deploy a generated prebuilt output (~3,000 static files, ~13 MB, plus one Node function) to the Vercel
 * emulator over https, in one run, two ways:
 *   - Shipline: the deploy-vercel bundle started as the runner starts it (`node <bundle>/index.js`, INPUT_* env);
 *   - baseline: `vercel deploy --prebuilt --prod` (npm vercel@50), trusting the emulator's CA via NODE_EXTRA_CA_CERTS.
 * Each run deploys fresh content (a per-run salt) so both first deploys upload everything. Then Shipline redeploys
 * the same commit (reuse) and a new commit with unchanged output (every file already known): both must upload
 * 0 files and 0 bytes. Last, the bundle's cold start (`node <bundle>` failing fast on a missing input) and its full
 * load (a run refused on a missing output folder, after loading the engine, before any API call) against a bare
 * `node -e 0`. Prints medians and ratios against the targets. `--dist` measures dist/deploy-vercel instead of a
 * fresh esbuild bundle (with chunks for the dynamic imports) of the sources.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { startVercelEmulator } from '../emulators/vercel/index.js';
import { Random } from './lib/random.js';
import { formatMs, median } from './lib/stats.js';

const TARGETS = {
  /** Shipline's first deploy may take at most 80 % of the CLI's. */
  'shipline/vercel-cli (first deploy)': 0.8,
  /** The bundle's cold start within 3x a bare Node start. */
  'cold start / node -e 0': 3,
} as const;

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    files: { type: 'string', default: '3000' },
    mb: { type: 'string', default: '13' },
    'build-ms': { type: 'string', default: '300' },
    dist: { type: 'boolean', default: false },
    /** An index.js built elsewhere, e.g. by `node scripts/build.mjs <dir> deploy-vercel`. */
    bundle: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number(args.runs));
const fileCount = Math.max(1, Number(args.files));
const totalBytes = Math.round(Number(args.mb) * 1_000_000);
const repoRoot = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'shipline-bench-deploy-'));
const TOKEN = 'bench_vercel_token'; // the CLI refuses a --token containing '-'
const VERCEL_BIN = join(repoRoot, 'node_modules', '.bin', 'vercel');

/** Writes `<dir>/.vercel/output`: `fileCount` static files of ~`totalBytes` in all, one Node function, config.json. */
function generateOutput(dir: string, salt: string): { files: number; bytes: number } {
  const rng = new Random(20241129);
  const out = join(dir, '.vercel', 'output');
  rmSync(out, { recursive: true, force: true });
  const mean = totalBytes / fileCount;
  const kinds = ['html', 'css', 'js', 'json', 'svg', 'txt'];
  let bytes = 0;
  for (let i = 0; i < fileCount; i++) {
    const folder = join(out, 'static', `section-${i % 40}`, `page-${Math.floor(i / 40) % 25}`);
    mkdirSync(folder, { recursive: true });
    const size = Math.max(64, Math.round(mean * (0.25 + rng.next() * 1.5)));
    const head = `/* ${salt} file ${i} */\n`;
    const line = `lorem ipsum ${i} dolor sit amet ${rng.int(0, 1e9)} consectetur adipiscing elit\n`;
    const body = head + line.repeat(Math.ceil(size / line.length)).slice(0, Math.max(0, size - head.length));
    writeFileSync(join(folder, `asset-${i}.${kinds[i % kinds.length]}`), body);
    bytes += Buffer.byteLength(body);
  }
  writeFileSync(join(out, 'static', 'index.html'), `<!doctype html><h1>bench ${salt}</h1>\n`);
  const func = join(out, 'functions', 'api', 'hello.func');
  mkdirSync(func, { recursive: true });
  writeFileSync(
    join(func, '.vc-config.json'),
    JSON.stringify({ runtime: 'nodejs20.x', handler: 'index.js', launcherType: 'Nodejs' }),
  );
  writeFileSync(join(func, 'index.js'), `module.exports = (req, res) => res.end(${JSON.stringify(salt)});\n`);
  writeFileSync(join(out, 'config.json'), JSON.stringify({ version: 3, routes: [{ handle: 'filesystem' }] }));
  return { files: fileCount + 3, bytes };
}

/**
 * The deploy-vercel bundle of the current sources, as one ESM entry plus chunks for its dynamic imports (the
 * engine loads after the inputs are checked), with the same banner as scripts/build.mjs.
 */
async function bundleWithChunks(outDir: string): Promise<string> {
  await build({
    entryPoints: { index: join(repoRoot, 'actions', 'deploy-vercel', 'index.ts') },
    outdir: outDir,
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: {
      js: [
        "import { createRequire as __shipline_createRequire } from 'node:module';",
        'const require = __shipline_createRequire(import.meta.url);',
        "import { fileURLToPath as __shipline_fileURLToPath } from 'node:url';",
        "import { dirname as __shipline_dirname } from 'node:path';",
        'const __filename = __shipline_fileURLToPath(import.meta.url);',
        'const __dirname = __shipline_dirname(__filename);',
      ].join('\n'),
    },
    logLevel: 'error',
  });
  writeFileSync(join(outDir, 'package.json'), '{"type":"module"}\n');
  return join(outDir, 'index.js');
}

interface Timed {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program (no shell) and times it from spawn to exit. */
function timed(command: string, argv: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Timed> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ ms: performance.now() - started, code, stdout, stderr }));
  });
}

/** The step outputs the bundle wrote (`name<<DELIM`, value, `DELIM`, as @actions/core writes them). */
function outputsOf(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of readFileSync(file, 'utf8').matchAll(/^([^=<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) {
    out[m[1] as string] = m[3] as string;
  }
  return out;
}

const emu = await startVercelEmulator({ token: TOKEN, buildMs: Number(args['build-ms']), seed: true });
const seed = emu.seed;
if (!seed || !emu.httpsUrl) throw new Error('The Vercel emulator has no seeded project or no https listener');
const env = {
  PATH: process.env.PATH,
  HOME: work,
  NODE_EXTRA_CA_CERTS: emu.caBundlePath,
  VERCEL_TELEMETRY_DISABLED: '1',
  NO_COLOR: '1',
  CI: '1',
};

let bundle: string;
if (args.bundle) {
  bundle = resolve(args.bundle);
} else if (args.dist) {
  bundle = join(repoRoot, 'dist', 'deploy-vercel', 'index.js');
  if (!existsSync(bundle))
    throw new Error('dist/deploy-vercel/index.js is missing: node scripts/build.mjs dist deploy-vercel');
} else {
  bundle = await bundleWithChunks(join(work, 'bundle'));
}
console.log(`Shipline bundle: ${bundle}`);
console.log(
  `Vercel CLI: ${VERCEL_BIN} (${(await timed(VERCEL_BIN, ['--version'], { cwd: work, env })).stdout.trim()})`,
);
console.log(`Emulator API over https: ${emu.httpsUrl} (build ${args['build-ms']} ms)`);

async function shipline(
  dir: string,
  sha: string,
): Promise<Timed & { outputs: Record<string, string>; summary: string }> {
  const runner = mkdtempSync(join(work, 'runner-'));
  const files = { GITHUB_OUTPUT: join(runner, 'output'), GITHUB_STEP_SUMMARY: join(runner, 'summary') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  writeFileSync(join(runner, 'event.json'), '{}');
  const result = await timed(process.execPath, [bundle], {
    cwd: dir,
    env: {
      ...env,
      ...files,
      RUNNER_TEMP: runner,
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: dir,
      GITHUB_EVENT_PATH: join(runner, 'event.json'),
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_SHA: sha,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_ACTOR: 'bench',
      GITHUB_RUN_ID: '1',
      'INPUT_VERCEL-TOKEN': TOKEN,
      'INPUT_API-URL': emu.httpsUrl,
      INPUT_PROJECT: seed?.projectId,
      'INPUT_TEAM-ID': seed?.teamId,
      INPUT_STAGE: 'true',
      INPUT_FORCE: 'false',
      'INPUT_PR-COMMENT': 'false',
      'INPUT_VERIFY-PATH': '/',
    },
  });
  if (result.code !== 0) throw new Error(`Shipline failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  return {
    ...result,
    outputs: outputsOf(files.GITHUB_OUTPUT),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
  };
}

async function vercelCli(dir: string): Promise<Timed> {
  mkdirSync(join(dir, '.vercel'), { recursive: true });
  writeFileSync(
    join(dir, '.vercel', 'project.json'),
    JSON.stringify({ orgId: seed?.teamId, projectId: seed?.projectId }),
  );
  const argv = [
    '--api',
    emu.httpsUrl,
    '--token',
    TOKEN,
    '--global-config',
    join(work, 'vercel-global'),
    'deploy',
    '--prebuilt',
    '--prod',
    '--yes',
  ];
  const result = await timed(VERCEL_BIN, argv, { cwd: dir, env });
  // Without the CA the CLI exits 0 with empty output (FACTS.md): check that it printed a deployment URL.
  if (result.code !== 0 || !/^https:\/\/\S+\.vercel\.app$/m.test(result.stdout)) {
    throw new Error(`vercel deploy failed (${result.code}):\n${result.stdout}\n${result.stderr.slice(-2000)}`);
  }
  return result;
}

const sha = (n: number) => `${n.toString(16).padStart(8, '0')}${'d'.repeat(32)}`;
const first: { shipline: number[]; cli: number[] } = { shipline: [], cli: [] };
let generated = { files: 0, bytes: 0 };
let lastShiplineDir = '';
let lastSha = '';
let uploadedFirst = { files: 0, bytes: 0 };
let phases = '';
try {
  for (let run = 0; run < runs; run++) {
    // Alternate the order so neither way always runs on a warmer machine.
    const order: Array<'shipline' | 'cli'> = run % 2 === 0 ? ['shipline', 'cli'] : ['cli', 'shipline'];
    for (const way of order) {
      const dir = join(work, `${way}-${run}`);
      mkdirSync(dir, { recursive: true });
      generated = generateOutput(dir, `${way}-${run}-${Date.now()}`);
      if (way === 'shipline') {
        lastSha = sha(run + 1);
        const r = await shipline(dir, lastSha);
        first.shipline.push(r.ms);
        lastShiplineDir = dir;
        uploadedFirst = { files: Number(r.outputs['files-uploaded']), bytes: Number(r.outputs['bytes-uploaded']) };
        phases = r.summary
          .split('\n')
          .filter((l) => /^\| (check|hash|upload|build|\*\*total)/.test(l))
          .join('\n    ');
      } else {
        first.cli.push((await vercelCli(dir)).ms);
      }
      console.log(`  run ${run + 1} ${way.padEnd(8)} ${formatMs(first[way].at(-1) as number)}`);
    }
  }
  console.log(
    `\nGenerated per deploy: ${generated.files} files, ${(generated.bytes / 1e6).toFixed(1)} MB (+1 Node function)`,
  );
  console.log(
    `Shipline first deploy uploaded ${uploadedFirst.files} files, ${(uploadedFirst.bytes / 1e6).toFixed(1)} MB`,
  );

  console.log(`Shipline phases (last first deploy, in-process):\n    ${phases}`);

  const reuse = await shipline(lastShiplineDir, lastSha);
  const unchanged = await shipline(lastShiplineDir, sha(999));
  console.log(
    `Redeploy, same commit:              ${formatMs(reuse.ms)}  reused=${reuse.outputs.reused} files=${reuse.outputs['files-uploaded']} bytes=${reuse.outputs['bytes-uploaded']}`,
  );
  console.log(
    `Redeploy, new commit, same output:  ${formatMs(unchanged.ms)}  reused=${unchanged.outputs.reused} files=${unchanged.outputs['files-uploaded']} bytes=${unchanged.outputs['bytes-uploaded']}`,
  );

  const cold: number[] = [];
  const full: number[] = [];
  const bare: number[] = [];
  const empty = mkdtempSync(join(work, 'cold-'));
  for (let i = 0; i < 7; i++) {
    bare.push((await timed(process.execPath, ['-e', '0'], { cwd: empty, env })).ms);
    // No inputs: the bundle loads, reads vercel-token, fails fast — the load cost a runner pays before any work.
    cold.push((await timed(process.execPath, [bundle], { cwd: empty, env: { ...env, GITHUB_ACTIONS: 'true' } })).ms);
    // With a token but no output folder: loads the engine, config and @actions/github, refuses before any API call.
    full.push(
      (
        await timed(process.execPath, [bundle], {
          cwd: empty,
          env: {
            ...env,
            GITHUB_ACTIONS: 'true',
            'INPUT_VERCEL-TOKEN': TOKEN,
            INPUT_PROJECT: 'p',
            'INPUT_API-URL': emu.url,
          },
        })
      ).ms,
    );
  }

  const ratios = {
    'shipline/vercel-cli (first deploy)': median(first.shipline) / median(first.cli),
    'cold start / node -e 0': median(cold) / median(bare),
  };
  console.log(`\nMedians of ${runs} run(s):`);
  console.log(`  Shipline first deploy (node bundle)     ${formatMs(median(first.shipline))}`);
  console.log(`  vercel deploy --prebuilt --prod (v50)   ${formatMs(median(first.cli))}`);
  console.log(`  node <bundle> cold start (input check)  ${formatMs(median(cold))}`);
  console.log(
    `  node <bundle> full load (no API call)   ${formatMs(median(full))}  (${(median(full) / median(bare)).toFixed(2)}x node -e 0)`,
  );
  console.log(`  node -e 0                               ${formatMs(median(bare))}\n`);
  for (const [name, target] of Object.entries(TARGETS)) {
    const ratio = ratios[name as keyof typeof ratios];
    console.log(`  ${name.padEnd(36)} ${ratio.toFixed(3)}  target <= ${target}  ${ratio <= target ? 'PASS' : 'FAIL'}`);
  }
  const zero = [reuse, unchanged].every(
    (r) => r.outputs['files-uploaded'] === '0' && r.outputs['bytes-uploaded'] === '0',
  );
  console.log(
    `  ${'redeploy uploads'.padEnd(36)} ${zero ? '0 files, 0 bytes' : 'SOMETHING'}  target 0  ${zero ? 'PASS' : 'FAIL'}`,
  );
} finally {
  await emu.stop();
  if (!args.keep) rmSync(work, { recursive: true, force: true });
}
