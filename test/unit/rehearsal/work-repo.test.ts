import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RELEASES } from '../../../lib/rehearsal/releases.js';
import { checkoutRelease, git, prepareWorkRepo } from '../../../lib/rehearsal/work-repo.js';

const PATH = process.env.PATH ?? '';
const temp = mkdtempSync(join(tmpdir(), 'shipline-work-repo-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const app = join(temp, 'app');
mkdirSync(join(app, '.github'), { recursive: true });
mkdirSync(join(app, '.vercel', 'output'), { recursive: true });
writeFileSync(
  join(app, '.github', 'shipline.yml'),
  'version: 1\nenvironments:\n  production:\n    url: https://shop.example.com\n',
);
writeFileSync(join(app, '.vercel', 'output', 'config.json'), '{}');

describe('prepareWorkRepo', () => {
  const dir = join(temp, 'work');

  it('commits and tags each release, without the app’s .vercel folder', async () => {
    const repo = await prepareWorkRepo(app, dir, RELEASES, PATH);
    expect(repo.reused).toBe(false);
    expect(Object.keys(repo.shas)).toEqual(RELEASES.map((r) => r.version));
    expect(Object.keys(repo.shas)).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.2.1']);
    // The local cloud has no custom domains: production is the project's own vercel.app domain.
    expect(await git(dir, ['show', 'v1.0.0:.github/shipline.yml'], PATH)).toContain('url: https://shop.vercel.app');
    expect(await git(dir, ['ls-files'], PATH)).not.toContain('.vercel');
    await checkoutRelease(dir, 'v1.1.0', PATH);
    expect(readFileSync(join(dir, 'api', 'health.js'), 'utf8')).toContain('res.statusCode = 500');
    await checkoutRelease(dir, 'v1.2.0', PATH);
    expect(readFileSync(join(dir, 'api', 'health.js'), 'utf8')).toContain('res.statusCode = 200');
    expect(readFileSync(join(dir, 'public', 'index.html'), 'utf8')).toContain('Release v1.2.0');
  });

  it('reuses the repository on the next run, and rebuilds it when the app changed', async () => {
    const first = await git(dir, ['rev-parse', 'v1.0.0'], PATH);
    const again = await prepareWorkRepo(app, dir, RELEASES, PATH);
    expect(again.reused).toBe(true);
    expect(again.shas['v1.0.0']).toBe(first);
    writeFileSync(join(app, '.github', 'shipline.yml'), 'version: 1\n# changed\n');
    const rebuilt = await prepareWorkRepo(app, dir, RELEASES, PATH);
    expect(rebuilt.reused).toBe(false);
    expect(await git(dir, ['show', 'v1.0.0:.github/shipline.yml'], PATH)).toContain('# changed');
  });
});
