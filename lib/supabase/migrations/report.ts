import { compareVersions } from './files.js';
import type { MigrateResult } from './migrate.js';

/** One line of the plan/history table. */
export interface ReportRow {
  version: string;
  name: string;
  status: 'applied now' | 'would apply' | 'pending' | 'already applied' | 'adopted';
  durationMs: number | null;
}

/** Every version the run saw, oldest first, with what happened to it. */
export function reportRows(result: MigrateResult): ReportRow[] {
  const rows = new Map<string, ReportRow>();
  for (const row of result.history) {
    rows.set(row.version, {
      version: row.version,
      name: row.name ?? '',
      status: 'already applied',
      durationMs: row.durationMs,
    });
  }
  for (const a of result.adopted)
    rows.set(a.version, { version: a.version, name: a.name, status: 'adopted', durationMs: null });
  for (const a of result.applied)
    rows.set(a.version, { version: a.version, name: a.name, status: 'applied now', durationMs: a.durationMs });
  for (const p of result.pending) {
    rows.set(p.version, {
      version: p.version,
      name: p.name,
      status: result.dryRun ? 'would apply' : 'pending',
      durationMs: null,
    });
  }
  return [...rows.values()].sort((a, b) => compareVersions(a.version, b.version));
}

/** One-line outcome, e.g. `Applied 2 migration(s); head is 20240901094000`. */
export function summaryLine(result: MigrateResult): string {
  const head = result.headVersion ? `; head is ${result.headVersion}` : '';
  if (result.dryRun) return `Dry run: ${result.pending.length} migration(s) would be applied${head}`;
  if (result.applied.length === 0) return `Database is up to date${head}`;
  return `Applied ${result.applied.length} migration(s)${head}`;
}

/** A Markdown table of reportRows (for the job summary). */
export function renderMarkdown(result: MigrateResult): string {
  const lines = ['| Version | Name | Status | Duration |', '| --- | --- | --- | ---: |'];
  for (const r of reportRows(result)) {
    lines.push(
      `| \`${r.version}\` | ${r.name.replace(/\|/g, '\\|')} | ${r.status} | ${r.durationMs === null ? '' : `${r.durationMs} ms`} |`,
    );
  }
  const extra = result.backupPath ? `\n\nBackup: \`${result.backupPath}\`` : '';
  return `${summaryLine(result)}\n\n${lines.join('\n')}${extra}${skippedMarkdown(result.skipped ?? [])}\n`;
}

function skippedMarkdown(skipped: MigrateResult['skipped']): string {
  if (skipped.length === 0) return '';
  return `\n\nSkipped (not migrations): ${skipped.map((s) => `\`${s.fileName}\``).join(', ')}`;
}

/** The job summary heading, in Markdown (a raw `<h2>` would swallow the Markdown that follows it). */
export const SUMMARY_HEADING = '## Database migrations';

/** The whole job summary of a successful run, Markdown. */
export function renderSummary(result: MigrateResult): string {
  return `${SUMMARY_HEADING}\n\n${renderMarkdown(result)}`;
}

/** The job summary of a failed run, Markdown: heading, **Failed** with the code, the message, what was applied. */
export function renderFailureSummary(
  code: string,
  message: string,
  appliedBeforeFailure: Array<{ version: string; name: string; durationMs: number }>,
): string {
  const fence = '`'.repeat(Math.max(3, ...[...message.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  const applied = appliedBeforeFailure.length
    ? `Applied before the failure: ${appliedBeforeFailure.map((a) => `\`${a.version}\` ${a.name} (${a.durationMs} ms)`).join(', ')}`
    : 'Nothing was applied by this run.';
  return `${SUMMARY_HEADING}\n\n**Failed** (\`${code}\`)\n\n${fence}text\n${message}\n${fence}\n\n${applied}\n`;
}

/** A plain-text table of reportRows (for the terminal). */
export function renderText(result: MigrateResult): string {
  const rows = reportRows(result);
  const head = ['VERSION', 'NAME', 'STATUS', 'DURATION'];
  const body = rows.map((r) => [r.version, r.name, r.status, r.durationMs === null ? '' : `${r.durationMs} ms`]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const skipped = (result.skipped ?? []).map((s) => `Skipped ${s.fileName}: ${s.reason}`);
  return [fmt(head), ...body.map(fmt), '', ...skipped, summaryLine(result)].join('\n');
}
