import { describe, expect, it } from 'vitest';
import type { MigrateResult } from '../../../../lib/supabase/migrations/migrate.js';
import { renderMarkdown, renderText, reportRows } from '../../../../lib/supabase/migrations/report.js';

const result: MigrateResult = {
  dryRun: false,
  applied: [{ version: '3', name: 'c', fileName: '3_c.sql', durationMs: 12 }],
  pending: [],
  adopted: [{ version: '2', name: 'b' }],
  headVersion: '3',
  backupPath: '/tmp/b.dump',
  history: [
    { version: '1', name: 'a', statements: [], checksum: 'x', appliedAt: null, durationMs: 5, appliedBy: null },
    { version: '2', name: 'b', statements: [], checksum: null, appliedAt: null, durationMs: null, appliedBy: null },
  ],
};

describe('migration report', () => {
  it('lists every version once with its status', () => {
    expect(reportRows(result).map((r) => `${r.version}:${r.status}`)).toEqual([
      '1:already applied',
      '2:adopted',
      '3:applied now',
    ]);
    expect(
      reportRows({
        ...result,
        dryRun: true,
        applied: [],
        pending: [{ version: '3', name: 'c', fileName: '3_c.sql', noTransaction: false }],
      }).at(-1)?.status,
    ).toBe('would apply');
  });

  it('renders a Markdown table and a terminal table', () => {
    const md = renderMarkdown(result);
    expect(md).toContain('| `3` | c | applied now | 12 ms |');
    expect(md).toContain('Backup: `/tmp/b.dump`');
    const text = renderText(result);
    expect(text.split('\n')[0]).toMatch(/^VERSION\s+NAME\s+STATUS\s+DURATION$/);
    expect(text).toContain('Applied 1 migration(s); head is 3');
  });
});
