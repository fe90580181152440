import { describe, expect, it } from 'vitest';
import type { MigrateResult } from '../../../../lib/supabase/migrations/migrate.js';
import {
  renderFailureSummary,
  renderMarkdown,
  renderSummary,
  renderText,
  reportRows,
} from '../../../../lib/supabase/migrations/report.js';

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
  skipped: [{ fileName: 'seed.sql', reason: 'the name does not match <version>_<name>.sql' }],
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

  it('reports skipped non-migration files in both renderings', () => {
    expect(renderMarkdown(result)).toContain('Skipped (not migrations): `seed.sql`');
    expect(renderText(result)).toContain('Skipped seed.sql: the name does not match');
  });

  it('writes the job summary as Markdown only: no raw HTML block that would swallow **Failed**', () => {
    // GitHub renders the summary as GFM: text right after a raw <h2> line stays inside that HTML block, so
    // `**Failed**` printed as literal asterisks. A Markdown heading and blank lines keep it Markdown.
    const failed = renderFailureSummary('migration_failed', 'x.sql:3:5: boom ``` fence', [
      { version: '1', name: 'a', durationMs: 3 },
    ]);
    const ok = renderSummary(result);
    for (const md of [failed, ok]) {
      expect(md).not.toMatch(/<\/?[a-z][a-z0-9]*[\s>]/i);
      expect(md.startsWith('## Database migrations\n\n')).toBe(true);
    }
    expect(failed).toContain('\n\n**Failed** (`migration_failed`)\n\n');
    // The message cannot close its own code fence.
    expect(failed).toContain('````text\nx.sql:3:5: boom ``` fence\n````');
    expect(failed).toContain('Applied before the failure: `1` a (3 ms)');
  });
});
