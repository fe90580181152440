#!/usr/bin/env node
// Rebuilds the bundles into a temporary folder and fails if the committed dist/ differs from it.
// Usage: node scripts/check-dist.mjs [--dist <dir>] [name...]
//   --dist  the folder to compare (default dist/); names limit the check to those bundles.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let committed = join(root, 'dist');
const names = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dist') committed = resolve(args[++i] ?? '');
  else names.push(args[i]);
}
const fresh = mkdtempSync(join(tmpdir(), 'shipline-dist-'));

function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    let entries = [];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

const inScope = (file) => names.length === 0 || names.includes(file.split(/[\\/]/)[0]);

try {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), fresh, ...names], {
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('build failed');
  const a = listFiles(committed).filter(inScope);
  const b = listFiles(fresh).filter(inScope);
  const problems = [];
  for (const f of b) if (!a.includes(f)) problems.push(`missing from dist/: ${f}`);
  for (const f of a) if (!b.includes(f)) problems.push(`stale file in dist/: ${f}`);
  for (const f of b) {
    if (a.includes(f) && !readFileSync(join(committed, f)).equals(readFileSync(join(fresh, f)))) {
      problems.push(`differs: ${f}`);
    }
  }
  if (problems.length > 0) {
    console.error(
      `dist/ does not match a fresh build:\n  ${problems.join('\n  ')}\nRun \`npm run build\` and commit dist/.`,
    );
    process.exitCode = 1;
  } else {
    console.log(`dist/ matches a fresh build (${b.length} files).`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
