/**
 * Renders check results three ways: a GitHub-flavoured markdown table (job summary), a plain terminal table
 * (CLI) and a JSON report (the `report` output, `--json`). All take already-redacted results.
 */
import type { CheckResult, CheckStatus } from './types.js';

const EMOJI: Record<CheckStatus, string> = { pass: '✅', warn: '⚠️', fail: '❌', skip: '⏭️' };
const WORD: Record<CheckStatus, string> = { pass: 'pass', warn: 'warn', fail: 'FAIL', skip: 'skip' };
const ANSI: Record<CheckStatus, string> = { pass: '\x1b[32m', warn: '\x1b[33m', fail: '\x1b[31m', skip: '\x1b[90m' };

/** Counts of results per status. */
export type StatusCounts = Record<CheckStatus, number>;

/** How many results have each status. */
export function countStatuses(results: readonly CheckResult[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

/** One line such as `4 passed, 1 failed, 1 warning, 2 skipped` (zero counts left out). */
export function summaryLine(results: readonly CheckResult[]): string {
  const c = countStatuses(results);
  const parts = [
    c.pass ? `${c.pass} passed` : '',
    c.fail ? `${c.fail} failed` : '',
    c.warn ? `${c.warn} warning${c.warn === 1 ? '' : 's'}` : '',
    c.skip ? `${c.skip} skipped` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no checks ran';
}

/** `850 ms`, `1.2 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Makes text safe inside a markdown table cell: no HTML, no column breaks, newlines as `<br>`. */
export function escapeTableCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

export interface MarkdownOptions {
  /** Heading above the table; default `Shipline validate`. */
  title?: string;
}

/** The job-summary markdown: heading, verdict line, results table, then collapsible details of failures and warnings. */
export function renderMarkdown(results: readonly CheckResult[], options: MarkdownOptions = {}): string {
  const failed = results.some((r) => r.status === 'fail');
  const lines = [
    `## ${options.title ?? 'Shipline validate'}`,
    '',
    `${failed ? '❌ **Failed**' : '✅ **Passed**'}: ${summaryLine(results)}`,
    '',
    '| Check | Result | Duration | Message |',
    '| --- | --- | ---: | --- |',
  ];
  for (const r of results) {
    lines.push(
      `| ${escapeTableCell(r.title)} | ${EMOJI[r.status]} ${r.status} | ${formatDuration(r.durationMs)} | ${escapeTableCell(r.message)} |`,
    );
  }
  for (const r of results) {
    if (!r.details || (r.status !== 'fail' && r.status !== 'warn')) continue;
    const f = fence(r.details);
    lines.push(
      '',
      `<details><summary>${escapeTableCell(r.title)}</summary>`,
      '',
      `${f}text`,
      r.details,
      f,
      '',
      '</details>',
    );
  }
  return `${lines.join('\n')}\n`;
}

export interface TerminalOptions {
  /** Colour the result column with ANSI escapes. */
  color?: boolean;
  /** Print `details` under failed and warning rows. Default true. */
  details?: boolean;
}

/** A plain-text table for terminals: aligned columns, one row per check, then the verdict line. */
export function renderTerminal(results: readonly CheckResult[], options: TerminalOptions = {}): string {
  const header = ['CHECK', 'RESULT', 'TIME', 'MESSAGE'];
  const rows = results.map((r) => [
    r.title,
    WORD[r.status],
    formatDuration(r.durationMs),
    r.message.replace(/\s*\r?\n\s*/g, ' '),
  ]);
  const widths = [0, 1, 2].map((i) => Math.max(header[i]?.length ?? 0, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[], status?: CheckStatus) =>
    cells
      .map((cell, i) => {
        const padded = i < 3 ? cell.padEnd(widths[i] ?? 0) : cell;
        return options.color && status && i === 1 ? `${ANSI[status]}${padded}\x1b[0m` : padded;
      })
      .join('  ')
      .trimEnd();
  const out = [line(header)];
  results.forEach((r, index) => {
    out.push(line(rows[index] ?? [], r.status));
    if (options.details !== false && r.details && (r.status === 'fail' || r.status === 'warn')) {
      for (const detail of r.details.split(/\r?\n/)) out.push(`    ${detail}`);
    }
  });
  const failed = results.some((r) => r.status === 'fail');
  out.push('', `${failed ? 'FAILED' : 'PASSED'}: ${summaryLine(results)}`);
  return `${out.join('\n')}\n`;
}

/** The machine-readable report (the action's `report` output and `shipline validate --json`). */
export interface JsonReport {
  version: 1;
  passed: boolean;
  counts: StatusCounts;
  checks: CheckResult[];
}

/** Builds the JSON report; `passed` is what the caller decided (e.g. warnings fail with fail-on-warn). */
export function buildJsonReport(results: readonly CheckResult[], passed: boolean): JsonReport {
  return { version: 1, passed, counts: countStatuses(results), checks: [...results] };
}
