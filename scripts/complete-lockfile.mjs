#!/usr/bin/env node
// Adds lockfile entries for platform-specific optional packages that the registry this machine uses does not serve
// (e.g. @biomejs/cli-darwin-arm64). `npm install` silently leaves them out of package-lock.json, after which
// `npm ci` refuses the lockfile as "out of sync". Each added entry carries the package's os/cpu/libc, so npm skips
// it on other platforms and fetches it normally where it applies (a full registry). Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lockPath = join(root, 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));

/** os/cpu/libc from a platform package's name suffix, following the naming biome and the Supabase CLI use. */
function platformOf(suffix) {
  const os = /android/.test(suffix)
    ? 'android'
    : /darwin/.test(suffix)
      ? 'darwin'
      : /win32|windows/.test(suffix)
        ? 'win32'
        : /linux/.test(suffix)
          ? 'linux'
          : undefined;
  const cpu = /arm64/.test(suffix) ? 'arm64' : /x64/.test(suffix) ? 'x64' : undefined;
  if (!os || !cpu) return undefined;
  const libc = os === 'linux' ? (/musl/.test(suffix) ? 'musl' : 'glibc') : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

const added = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const platform = platformOf(name.split('/').pop());
    if (!platform) {
      console.error(`${path}: optional ${name}@${version} is missing from the lockfile and is not a platform package`);
      process.exitCode = 1;
      continue;
    }
    lock.packages[key] = { version, ...platform, ...(entry.dev ? { dev: true } : {}), optional: true };
    added.push(`${name}@${version}`);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.length} lockfile entries: ${added.join(', ')}` : 'lockfile complete');
