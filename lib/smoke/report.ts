/**
 * Renders a smoke run for people (a Markdown job summary: verdict, reasons, a table per probe, a latency chart as a
 * Mermaid `xychart-beta` block that GitHub renders) and for machines (the `report` JSON output).
 */
import type { SmokeRun } from './runner.js';

/** The machine-readable report: verdict, reasons and numbers, no raw samples beyond a per-probe summary. */
export function smokeReportJson(run: SmokeRun, target: string): string {
  const { analysis } = run;
  return JSON.stringify({
    target,
    verdict: analysis.verdict,
    reasons: analysis.reasons,
    warnings: analysis.warnings,
    probes: analysis.probes,
    overall: analysis.overall,
    warmupMs: Math.round(run.warmupMs),
    durationMs: Math.round(run.durationMs),
    stoppedEarly: run.stoppedEarly,
  });
}

const ms = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)} ms`);
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const chartLabel = (text: string) => text.replace(/["\\\n\r]/g, ' ').slice(0, 40);

const VERDICT_WORDS = { pass: '✅ Smoke passed', fail: '❌ Smoke failed', inconclusive: '⚠️ Smoke inconclusive' };

/** The Markdown job summary of a smoke run against `target`. */
export function smokeSummaryMarkdown(run: SmokeRun, target: string): string {
  const { analysis } = run;
  const lines = [
    `### ${VERDICT_WORDS[analysis.verdict]}`,
    '',
    `Target: ${target} · ${analysis.overall.samples} requests in ${(run.durationMs / 1000).toFixed(1)} s` +
      ` (warm-up ${(run.warmupMs / 1000).toFixed(1)} s)${run.stoppedEarly ? ' · stopped early' : ''}`,
    '',
  ];
  for (const reason of analysis.reasons) lines.push(`- **${reason.code}**: ${cell(reason.message)}`);
  for (const warning of analysis.warnings) lines.push(`- ⚠️ ${warning.code}: ${cell(warning.message)}`);
  if (analysis.reasons.length + analysis.warnings.length > 0) lines.push('');
  lines.push(
    '| Probe | Requests | Errors | Error rate | p50 | p95 | p99 | Max |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const p of [...analysis.probes, analysis.overall]) {
    const name = p === analysis.overall ? `**${p.name}**` : cell(p.name);
    lines.push(
      `| ${name} | ${p.samples} | ${p.errors} | ${(p.errorRate * 100).toFixed(1)} % | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(p.p99)} | ${ms(p.max)} |`,
    );
  }
  const charted = analysis.probes.filter((p) => p.p95 !== undefined);
  if (charted.length > 0) {
    const top = Math.max(...charted.map((p) => p.p99 ?? p.p95 ?? 0));
    lines.push(
      '',
      '```mermaid',
      'xychart-beta',
      '  title "Latency per probe (bars p95, line p50)"',
      `  x-axis [${charted.map((p) => `"${chartLabel(p.name)}"`).join(', ')}]`,
      `  y-axis "ms" 0 --> ${Math.max(1, Math.ceil(top * 1.1))}`,
      `  bar [${charted.map((p) => Math.round(p.p95 ?? 0)).join(', ')}]`,
      `  line [${charted.map((p) => Math.round(p.p50 ?? 0)).join(', ')}]`,
      '```',
    );
  }
  const failures = run.samples.filter((s) => !s.ok && s.round >= 1).slice(0, 10);
  if (failures.length > 0) {
    lines.push(
      '',
      '<details><summary>First failed requests</summary>',
      '',
      '| Probe | Round | Status | Error |',
      '|---|---:|---:|---|',
    );
    for (const s of failures) {
      lines.push(`| ${cell(s.probe)} | ${s.round} | ${s.status ?? '—'} | ${cell(s.error ?? '')} |`);
    }
    lines.push('', '</details>');
  }
  return `${lines.join('\n')}\n`;
}
