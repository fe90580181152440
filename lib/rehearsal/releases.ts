/**
 * The three releases of the example shop that `npm start` rehearses, and the app sources each one commits: a static
 * home page and an `/api/health` Node function. `vercel build` turns them into the Build Output folder in the
 * workflow's Build step, exactly as a user's workflow does.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type HealthBehaviour = 'healthy' | 'broken';

export interface RehearsalRelease {
  version: string;
  /** Commit message of the release. */
  message: string;
  health: HealthBehaviour;
  /** What the rehearsal expects of its deployment, in words. */
  expectation: string;
}

export const RELEASES: readonly RehearsalRelease[] = [
  { version: 'v1.0.0', message: 'feat: the shop', health: 'healthy', expectation: 'deployed; production serves it' },
  {
    version: 'v1.1.0',
    message: 'feat: health reports the cart service (broken)',
    health: 'broken',
    expectation: 'smoke fails on the staged URL; never promoted; production keeps v1.0.0',
  },
  {
    version: 'v1.2.0',
    message: 'feat: new checkout',
    health: 'healthy',
    expectation: 'passes staged smoke; fails on production; rolled back to v1.0.0 with an incident issue',
  },
  {
    version: 'v1.2.1',
    message: 'fix: new checkout',
    health: 'healthy',
    expectation: 'deployed; production serves it until `/rollback v1.0.0` puts v1.0.0 back',
  },
];

/** The home page of a release (the smoke check looks for "Shop"). */
export function homePage(version: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Shop ${version}</title></head>
<body><h1>Shop</h1><p data-version="${version}">Release ${version}</p></body>
</html>
`;
}

/** The health function of a release: 200 JSON when healthy, 500 JSON when broken. */
export function healthFunction(version: string, health: HealthBehaviour): string {
  const ok = health === 'healthy';
  return `// Health endpoint of the example shop (${version}).
export default function handler(_req, res) {
  res.statusCode = ${ok ? 200 : 500};
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify({ ok: ${ok}, version: ${JSON.stringify(version)}${ok ? '' : ", error: 'cart service unreachable'"} }));
}
`;
}

/** Writes a release's app sources (public/index.html, api/health.js) into `dir`. */
export async function writeReleaseSources(dir: string, release: RehearsalRelease): Promise<void> {
  await mkdir(join(dir, 'public'), { recursive: true });
  await mkdir(join(dir, 'api'), { recursive: true });
  await writeFile(join(dir, 'public', 'index.html'), homePage(release.version));
  await writeFile(join(dir, 'api', 'health.js'), healthFunction(release.version, release.health));
}

/**
 * What `vercel pull` writes for a project with no framework: the project's ids and build settings, so
 * `vercel build` works offline. Kept out of git, as Vercel's own .gitignore entry does.
 */
export function vercelProjectJson(projectId: string, orgId: string): string {
  return `${JSON.stringify(
    {
      projectId,
      orgId,
      settings: {
        framework: null,
        outputDirectory: 'public',
        buildCommand: null,
        // Nothing to install: the runner has the vercel CLI (see runner-tools.ts).
        installCommand: '',
        devCommand: null,
        rootDirectory: null,
        nodeVersion: '22.x',
      },
    },
    null,
    2,
  )}\n`;
}
