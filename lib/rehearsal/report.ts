/**
 * The rehearsal's report: one Markdown file per step (its checks and the job summaries of its workflow runs) and an
 * index linking them with the local cloud's URLs, written to a folder the user can open; plus the terminal text.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RehearsalStep } from './rehearse.js';

export interface ReportLink {
  label: string;
  url: string;
}

const ICON = { passed: '✅', failed: '❌', 'not-run': '⏭️' } as const;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Writes `<dir>/index.md` and `<dir>/<n>-<id>.md`; returns the index path. Replaces an earlier report. */
export async function writeReport(dir: string, steps: RehearsalStep[], links: ReportLink[]): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const rows: string[] = [];
  for (const [i, step] of steps.entries()) {
    const file = `${i + 1}-${step.id.replace(/[^\w.-]/g, '-')}.md`;
    const body = [
      `# ${i + 1}. ${step.title}`,
      '',
      `${ICON[step.status]} **${step.status}** in ${seconds(step.durationMs)}`,
      '',
      '## Checks',
      '',
      '```text',
      ...step.lines,
      '```',
      '',
      ...step.summaries.flatMap((s) => [`## Job summary: ${s.step}`, '', s.markdown.trim(), '']),
    ].join('\n');
    await writeFile(join(dir, file), body);
    rows.push(
      `| ${i + 1} | [${step.title}](${file}) | ${ICON[step.status]} ${step.status} | ${seconds(step.durationMs)} |`,
    );
  }
  const index = [
    '# Shipline rehearsal',
    '',
    '| # | Step | Result | Time |',
    '|---|------|--------|------|',
    ...rows,
    '',
    '## Local cloud',
    '',
    ...links.map((l) => `- ${l.label}: ${l.url}`),
    '',
  ].join('\n');
  const path = join(dir, 'index.md');
  await writeFile(path, index);
  return path;
}

/** The terminal's closing report: each step with its result and time, the links and the report folder. */
export function reportText(steps: RehearsalStep[], links: ReportLink[], indexPath: string): string {
  const lines = ['', 'Rehearsal report', ''];
  for (const [i, step] of steps.entries()) {
    lines.push(`  ${ICON[step.status]} ${i + 1}. ${step.title} — ${step.status} (${seconds(step.durationMs)})`);
    if (step.status === 'failed')
      // The failed checks, and each failed workflow step with its last words (24 lines at most).
      for (const l of step.lines.filter((x) => x.trim().startsWith('✗') || x.trim().startsWith('│')).slice(0, 24))
        lines.push(`       ${l.trimStart().startsWith('│') ? `    ${l.trim()}` : l.trim()}`);
  }
  lines.push('', ...links.map((l) => `  ${l.label}: ${l.url}`), '', `  Job summaries and checks: ${indexPath}`, '');
  return lines.join('\n');
}
