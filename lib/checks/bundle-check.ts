import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { glob } from 'tinyglobby';
import { formatBytes } from '../core/size.js';
import type { BundleBudget, BundleCheckOptions } from './options.js';
import type { Check, CheckContext, CheckStatus } from './types.js';

const gzip = promisify(gzipCallback);
/** Gzip level 6: zlib's default, what nginx-style servers and CDNs typically use on the fly. */
export const BUNDLE_GZIP_LEVEL = 6;
const LARGEST_LISTED = 10;

/** Size of one matched file; `gzipBytes` only when a gzip budget asked for it. */
export interface BundleFile {
  path: string;
  bytes: number;
  gzipBytes?: number;
}

/** Files matched by one budget's glob (dot files included) with their total and, when asked, gzip sizes. */
export async function measureBundle(
  cwd: string,
  pattern: string,
  withGzip: boolean,
): Promise<{ files: BundleFile[]; totalBytes: number; gzipBytes: number }> {
  const paths = await glob(pattern, {
    cwd,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    expandDirectories: false,
  });
  const files: BundleFile[] = [];
  for (const path of paths.sort()) {
    const full = join(cwd, path);
    const { size } = await stat(full);
    const file: BundleFile = { path, bytes: size };
    if (withGzip) file.gzipBytes = (await gzip(await readFile(full), { level: BUNDLE_GZIP_LEVEL })).length;
    files.push(file);
  }
  return {
    files,
    totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes: files.reduce((sum, f) => sum + (f.gzipBytes ?? 0), 0),
  };
}

interface BudgetOutcome {
  status: CheckStatus;
  summary: string;
  details: string[];
}

async function checkBudget(ctx: CheckContext, budget: BundleBudget): Promise<BudgetOutcome> {
  const withGzip = budget.maxGzipBytes !== undefined;
  const m = await measureBundle(ctx.cwd, budget.glob, withGzip);
  if (m.files.length === 0) {
    return { status: 'warn', summary: `${budget.glob}: no files matched`, details: [] };
  }
  const over: string[] = [];
  if (budget.maxTotalBytes !== undefined && m.totalBytes > budget.maxTotalBytes) {
    over.push(`${formatBytes(m.totalBytes)} of ${formatBytes(budget.maxTotalBytes)}`);
  }
  if (budget.maxGzipBytes !== undefined && m.gzipBytes > budget.maxGzipBytes) {
    over.push(`${formatBytes(m.gzipBytes)} gzip of ${formatBytes(budget.maxGzipBytes)}`);
  }
  const sizes = [`${formatBytes(m.totalBytes)}`];
  if (budget.maxTotalBytes !== undefined) sizes[0] += ` of ${formatBytes(budget.maxTotalBytes)}`;
  if (withGzip) sizes.push(`${formatBytes(m.gzipBytes)} gzip of ${formatBytes(budget.maxGzipBytes!)}`);
  const largest = [...m.files]
    .sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path))
    .slice(0, LARGEST_LISTED);
  const details = [
    `${budget.glob}: ${m.files.length} file(s), ${sizes.join(', ')}; largest:`,
    ...largest.map(
      (f) =>
        `  ${formatBytes(f.bytes).padStart(9)}${f.gzipBytes !== undefined ? ` (${formatBytes(f.gzipBytes)} gzip)` : ''}  ${f.path}`,
    ),
  ];
  if (over.length > 0) {
    return { status: 'fail', summary: `${budget.glob} over budget: ${over.join(', ')}`, details };
  }
  return { status: 'pass', summary: `${budget.glob}: ${sizes.join(', ')}`, details };
}

/**
 * Checks size budgets: for each glob (relative to `ctx.cwd`, dot files included) sums file sizes and per-file
 * gzip sizes (level 6) and fails when a limit is exceeded; details list the 10 largest files per budget.
 * A glob that matches nothing warns (the build output is probably elsewhere).
 */
export function bundleCheck(options: BundleCheckOptions): Check {
  return {
    id: 'bundle',
    title: 'Bundle size budgets',
    async run(ctx) {
      if (options.budgets.length === 0) return { status: 'skip', message: 'no budgets configured' };
      const results: BudgetOutcome[] = [];
      for (const budget of options.budgets) results.push(await checkBudget(ctx, budget));
      const failed = results.filter((r) => r.status === 'fail');
      const warned = results.filter((r) => r.status === 'warn');
      const details = results.flatMap((r) => r.details).join('\n') || undefined;
      const message = (list: typeof results) => list.map((r) => r.summary).join('; ');
      if (failed.length > 0) return { status: 'fail', message: message(failed), details };
      if (warned.length > 0) return { status: 'warn', message: message(results), details };
      return { status: 'pass', message: message(results), details };
    },
  };
}
