#!/usr/bin/env node
// Rebuilds every bundle into a temporary folder and fails if the committed dist/ differs from it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fresh = mkdtempSync(join(tmpdir(), 'shipline-dist-'));
const committed = join(root, 'dist');

function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    let names = [];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

try {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), fresh], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const a = listFiles(committed);
  const b = listFiles(fresh);
  const problems = [];
  for (const f of b) if (!a.includes(f)) problems.push(`missing from dist/: ${f}`);
  for (const f of a) if (!b.includes(f)) problems.push(`stale file in dist/: ${f}`);
  for (const f of b) {
    if (a.includes(f) && !readFileSync(join(committed, f)).equals(readFileSync(join(fresh, f))))
      problems.push(`differs: dist/${f}`);
  }
  if (problems.length > 0) {
    console.error(
      `dist/ does not match a fresh build:\n  ${problems.join('\n  ')}\nRun \`npm run build\` and commit dist/.`,
    );
    process.exitCode = 1;
  } else {
    console.log(`dist/ matches a fresh build (${b.length} files).`);
  }
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
