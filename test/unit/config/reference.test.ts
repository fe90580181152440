import { describe, expect, it } from 'vitest';
import { configReferenceMarkdown } from '../../../lib/config/reference.js';

describe('configReferenceMarkdown', () => {
  const md = configReferenceMarkdown();
  const rows = md.trimEnd().split('\n');

  it('renders a table with a row per key, nested paths included', () => {
    expect(rows[0]).toBe('| Key | Type | Default | Description |');
    const keys = rows.slice(2).map((r) => r.split(' | ')[0]!.slice(2));
    expect(keys).toContain('`version`');
    expect(keys).toContain('`environments.<name>.required-permission`');
    expect(keys).toContain('`validate.commands[].run`');
    expect(keys).toContain('`smoke.checks[].expect.status`');
    expect(keys).toContain('`supabase.migrations.lock-timeout`');
  });

  it('shows types, defaults and descriptions', () => {
    const row = rows.find((r) => r.startsWith('| `supabase.migrations.lock-timeout` |'));
    expect(row).toBe(
      '| `supabase.migrations.lock-timeout` | string | `"5s"` | PostgreSQL `lock_timeout` for each migration. Default `5s`. |',
    );
    const permission = rows.find((r) => r.startsWith('| `environments.<name>.required-permission` |'));
    expect(permission).toContain('"read" \\| "triage" \\| "write" \\| "maintain" \\| "admin"');
    for (const r of rows.slice(2)) expect(r.split(' | ').at(-1)!.length).toBeGreaterThan(3);
  });
});
