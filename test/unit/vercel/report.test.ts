import { describe, expect, it } from 'vitest';
import { failed, refused, succeeded } from '../../../lib/release/outcome.js';
import type { DeployDetails } from '../../../lib/vercel/deploy.js';
import {
  deploySummaryLine,
  renderDeployMarkdown,
  renderPreviewComment,
  renderPromoteMarkdown,
} from '../../../lib/vercel/report.js';

const details: DeployDetails = {
  projectId: 'prj_1',
  target: 'production',
  deploymentId: 'dpl_abc',
  url: 'https://shop-abc.vercel.app',
  inspectorUrl: 'https://vercel.com/acme/shop/abc',
  staged: true,
  reused: false,
  readyState: 'READY',
  filesHashed: 3006,
  filesUploaded: 12,
  bytesUploaded: 1_500_000,
  attempts: 2,
  timings: { check: 150, hash: 1200, upload: 4000, build: 800, total: 6150 },
};

describe('Vercel reports', () => {
  it('renders the job summary with URLs, numbers, per-phase times and how to promote', () => {
    const md = renderDeployMarkdown(succeeded('Deployed dpl_abc to production (staged).', details), {
      project: 'shop',
      version: 'v1.0.0',
    });
    expect(md).toContain('| Deployment | [dpl_abc](https://vercel.com/acme/shop/abc) |');
    expect(md).toContain('| URL | <https://shop-abc.vercel.app> |');
    expect(md).toContain('| Files | 3006 hashed, 12 uploaded (1.5 MB) |');
    expect(md).toContain('| upload + create (2 attempts) | 4.0 s |');
    expect(md).toContain('| **total** | **6.2 s** |');
    expect(md).toContain('staged — production still serves the previous deployment');
    expect(md).toContain('`promote: dpl_abc`');
  });

  it('says why a deploy failed or was refused', () => {
    const md = renderDeployMarkdown(failed('build-failed', 'Build | broke', { ...details, staged: false }), {
      project: 'shop',
      version: 'v1',
    });
    expect(md).toContain('❌ **Build \\| broke**');
    expect(md).toContain('failure (`build-failed`)');
    expect(deploySummaryLine(refused('permission-denied', 'No access.', details))).toBe(
      'refused (permission-denied): No access.',
    );
    expect(
      deploySummaryLine(succeeded('ok', { ...details, reused: true, filesUploaded: 0, bytesUploaded: 0 })),
    ).toMatch(
      /^reused dpl_abc → https:\/\/shop-abc\.vercel\.app \(production\); 0 file\(s\), 0 B uploaded of 3006 hashed/,
    );
  });

  it('renders the preview comment and the promote summary', () => {
    const sha = '1234567'.padEnd(40, '0');
    const ok = renderPreviewComment(succeeded('ok', { ...details, target: 'preview', staged: false }), {
      sha,
      project: 'shop',
      runUrl: 'https://github.com/r/1',
    });
    expect(ok).toContain('Vercel preview for `1234567`');
    expect(ok).toContain('<https://shop-abc.vercel.app>');
    expect(ok).toContain('[run](https://github.com/r/1)');
    const bad = renderPreviewComment(failed('build-failed', 'It broke.', details), { sha, project: 'shop' });
    expect(bad).toContain('❌ Vercel preview failed for `1234567`');
    expect(bad).toContain('[Build logs](https://vercel.com/acme/shop/abc)');
    const promoted = renderPromoteMarkdown(
      succeeded('Promoted.', {
        deploymentId: 'dpl_abc',
        url: 'https://shop-abc.vercel.app',
        productionUrl: 'https://shop.example.com',
        previousDeploymentId: 'dpl_old',
        wasPinned: false,
        servingVerified: true,
        timings: { promote: 1000, verify: 200, total: 1300 },
      }),
    );
    expect(promoted).toContain('| Production | <https://shop.example.com> |');
    expect(promoted).toContain('| Previously serving | `dpl_old` |');
    expect(promoted).toContain('| Serving verified | yes');
  });
});
