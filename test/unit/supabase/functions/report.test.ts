import { describe, expect, it } from 'vitest';
import { failed, succeeded } from '../../../../lib/release/outcome.js';
import type { DeployEdgeDetails } from '../../../../lib/supabase/functions/deploy.js';
import { edgeSummaryLine, renderEdgeMarkdown } from '../../../../lib/supabase/functions/report.js';

const details: DeployEdgeDetails = {
  deployed: ['health'],
  skipped: ['hello'],
  pruned: [],
  failed: [],
  versions: { health: 3, hello: 1 },
  hashes: { health: 'a'.repeat(64), hello: 'b'.repeat(64) },
  secrets: ['STRIPE_KEY'],
  results: [
    { slug: 'health', action: 'deployed', version: 3, hash: 'a'.repeat(64), files: 2, bytes: 120, durationMs: 35 },
    { slug: 'hello', action: 'skipped', version: 1, hash: 'b'.repeat(64), note: 'unchanged' },
  ],
  requests: 2,
};

describe('renderEdgeMarkdown', () => {
  it('renders one row per function with result, version, short hash, files, bytes and time', () => {
    const md = renderEdgeMarkdown(succeeded('Deployed 1 function(s), skipped 1 unchanged.', details));
    expect(md).toContain('| `health` | deployed | 3 | `aaaaaaaaaaaa` | 2 | 120 | 35 ms |');
    expect(md).toContain('| `hello` | skipped | 1 | `bbbbbbbbbbbb` |  |  |  |');
    expect(md).toContain('Secrets set: `STRIPE_KEY`');
    expect(md.startsWith('**Success** (`ok`)')).toBe(true);
  });

  it('shows the first line of a failure in the row', () => {
    const md = renderEdgeMarkdown(
      failed('deploy-edge-failed', 'x', {
        ...details,
        results: [{ slug: 'health', action: 'failed', note: 'HTTP 400 | bad\nHint: fix it' }],
      }),
    );
    expect(md).toContain('| `health` | failed: HTTP 400 \\| bad |');
    expect(edgeSummaryLine(failed('deploy-edge-failed', 'x', { ...details, failed: ['health'] }))).toBe(
      'deploy-edge failure: 1 deployed, 1 skipped, 1 failed, 0 pruned',
    );
  });
});
