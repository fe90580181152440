import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RehearsalStep } from '../../../lib/rehearsal/rehearse.js';
import { reportText, writeReport } from '../../../lib/rehearsal/report.js';

const temp = mkdtempSync(join(tmpdir(), 'shipline-report-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const steps: RehearsalStep[] = [
  {
    id: 'v1.0.0',
    title: 'v1.0.0: deploys',
    status: 'passed',
    lines: ['✓ production answers v1.0.0'],
    durationMs: 2500,
    summaries: [{ step: 'production/deploy › stage', markdown: '### Staged\n\nhttps://shop-abc.vercel.app\n' }],
  },
  {
    id: 'v1.1.0',
    title: 'v1.1.0: stopped',
    status: 'failed',
    lines: [
      '  · production/deploy › validate: success',
      '  ✗ production/deploy › stage: failure',
      '      │ no project',
      '✗ ledger: v1.1.0 is not recorded',
    ],
    durationMs: 1000,
    summaries: [],
  },
];
const links = [{ label: 'GitHub API', url: 'http://127.0.0.1:1' }];

describe('rehearsal report', () => {
  it('writes an index and one Markdown file per step with its checks and job summaries', async () => {
    const index = await writeReport(join(temp, 'report'), steps, links);
    const text = readFileSync(index, 'utf8');
    expect(text).toContain('| 1 | [v1.0.0: deploys](1-v1.0.0.md) | ✅ passed | 2.5 s |');
    expect(text).toContain('| 2 | [v1.1.0: stopped](2-v1.1.0.md) | ❌ failed | 1.0 s |');
    expect(text).toContain('- GitHub API: http://127.0.0.1:1');
    const first = readFileSync(join(temp, 'report', '1-v1.0.0.md'), 'utf8');
    expect(first).toContain('## Job summary: production/deploy › stage');
    expect(first).toContain('https://shop-abc.vercel.app');
  });

  it('names the failed checks and failed workflow steps of a failed step, not its passing lines', () => {
    const text = reportText(steps, links, '/r/index.md');
    expect(text).toContain('❌ 2. v1.1.0: stopped — failed (1.0 s)');
    expect(text).toContain('✗ production/deploy › stage: failure');
    expect(text).toContain('│ no project');
    expect(text).toContain('✗ ledger: v1.1.0 is not recorded');
    expect(text).not.toContain('validate: success');
    expect(text).not.toContain('✓ production answers');
    expect(text).toContain('Job summaries and checks: /r/index.md');
  });
});
