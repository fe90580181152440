/** The deploy-edge job summary and log line, rendered from the outcome so every adapter shows the same table. */
import type { Outcome } from '../../release/outcome.js';
import type { DeployEdgeDetails } from './deploy.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** A Markdown table: one row per function with its result, version, hash, files, bytes and time. */
export function renderEdgeMarkdown(outcome: Outcome<DeployEdgeDetails>): string {
  const d = outcome.details;
  const lines = [
    `**${outcome.outcome === 'success' ? 'Success' : 'Failed'}** (\`${outcome.reason}\`): ${cell(outcome.message)}`,
    '',
    '| Function | Result | Version | Hash | Files | Bytes | Time |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of d.results) {
    const result = r.note && r.action === 'failed' ? `failed: ${cell(r.note.split('\n')[0] ?? '')}` : r.action;
    lines.push(
      `| \`${r.slug}\` | ${result} | ${r.version ?? ''} | ${r.hash ? `\`${r.hash.slice(0, 12)}\`` : ''} | ${r.files ?? ''} | ${r.bytes ?? ''} | ${r.durationMs === undefined ? '' : `${r.durationMs} ms`} |`,
    );
  }
  if (d.results.length === 0) lines.push('| (none) | | | | | | |');
  if (d.secrets.length > 0) lines.push('', `Secrets set: ${d.secrets.map((s) => `\`${s}\``).join(', ')}`);
  lines.push('', `Management API requests: ${d.requests}`);
  return lines.join('\n');
}

/** One line for the log: counts per result. */
export function edgeSummaryLine(outcome: Outcome<DeployEdgeDetails>): string {
  const d = outcome.details;
  return `deploy-edge ${outcome.outcome}: ${d.deployed.length} deployed, ${d.skipped.length} skipped, ${d.failed.length} failed, ${d.pruned.length} pruned`;
}
