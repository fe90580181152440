/**
 * Runs every benchmark in bench/ (each `bench/*.ts` except this runner), one after the other, each in its own
 * Node process under tsx so one benchmark's leftovers cannot skew the next. Arguments after `--` go to every
 * benchmark; a name filters: `tsx bench/run.ts migrate -- --runs 5`.
 * Exit code: 0 when every benchmark ran (a missed target is reported by the benchmark, not an error), 1 when one crashed.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const benchDir = import.meta.dirname;
const self = basename(import.meta.filename);
const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const names = new Set(split === -1 ? argv : argv.slice(0, split));
const passThrough = split === -1 ? [] : argv.slice(split + 1);

const benchmarks = readdirSync(benchDir)
  .filter((file) => file.endsWith('.ts') && file !== self && !file.endsWith('.d.ts'))
  .filter((file) => names.size === 0 || names.has(basename(file, '.ts')))
  .sort();

if (benchmarks.length === 0) {
  console.error(`No benchmark matches ${[...names].join(', ') || '(any)'} in ${benchDir}`);
  process.exitCode = 1;
}

const failed: string[] = [];
for (const file of benchmarks) {
  console.log(`\n=== bench/${file} ===`);
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(benchDir, file), ...passThrough], {
      stdio: 'inherit',
    });
    child.on('error', () => resolve(null));
    child.on('close', resolve);
  });
  if (code !== 0) failed.push(`${file} (exit ${code})`);
}

if (failed.length > 0) {
  console.error(`\nBenchmarks that did not complete: ${failed.join(', ')}`);
  process.exitCode = 1;
}
