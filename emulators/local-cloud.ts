/**
 * The local cloud: the Vercel, Supabase Management and GitHub API emulators plus a real PostgreSQL 15 with the
 * Supabase baseline, started together on loopback and seeded so the official clients and CLIs work against them
 * with the printed environment. Used by `shipline emulate` and by tests that need the whole stack.
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomHex } from './core/ids.js';
import { type GitHubEmulator, startGitHubEmulator } from './github/index.js';
import { type PostgresServer, startPostgres } from './postgres/embedded.js';
import { type SupabaseEmulator, startSupabaseEmulator } from './supabase/index.js';
import { startVercelEmulator, type VercelEmulator } from './vercel/index.js';

export interface LocalCloudOptions {
  /** Folder for the persistent PostgreSQL cluster and the Supabase CLI profile; temporary when omitted. */
  stateDir?: string;
  /** Repository seeded in the GitHub emulator (default `acme/shop`), with `user` as its admin. */
  repository?: string;
  user?: string;
  /** Vercel build time in ms (default 1500, like a small prebuilt deploy). */
  vercelBuildMs?: number;
}

export interface LocalCloud {
  vercel: VercelEmulator;
  supabase: SupabaseEmulator;
  github: GitHubEmulator;
  postgres: PostgresServer;
  /** Environment variables that point Shipline and the official clients at the local cloud. */
  env: Record<string, string>;
  /** Path of the Supabase CLI profile (`supabase --profile <file>`) aimed at the emulator, when a stateDir is set. */
  supabaseProfile: string | undefined;
  /** Stops everything (PostgreSQL last); safe to call twice. */
  stop(): Promise<void>;
}

const token = (prefix: string, bytes: number) => `${prefix}${randomHex(bytes)}`;

/** Starts every emulator and PostgreSQL; if one fails to start, the others are stopped before the error is thrown. */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const repository = options.repository ?? 'acme/shop';
  const user = options.user ?? 'octocat';
  const started: Array<{ stop(): Promise<void> }> = [];
  // The Vercel emulator's CA files: in the state folder, or in a temp folder this function owns and removes on stop
  // and, synchronously, on any exit (an uncaught exception included).
  const caDir = options.stateDir
    ? join(options.stateDir, 'vercel-ca')
    : await mkdtemp(join(tmpdir(), 'shipline-cloud-'));
  const removeTemp = () => {
    if (!options.stateDir) rmSync(caDir, { recursive: true, force: true });
  };
  process.once('exit', removeTemp);
  const stopAll = async () => {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
    started.length = 0;
    removeTemp();
    process.off('exit', removeTemp);
  };
  try {
    const postgres = await startPostgres({
      baseline: true,
      ...(options.stateDir ? { dataDir: join(options.stateDir, 'postgres') } : {}),
    });
    started.push(postgres);
    const vercelToken = token('vcl_local_', 12);
    if (options.stateDir) await mkdir(caDir, { recursive: true });
    const vercel = await startVercelEmulator({
      caDir,
      token: vercelToken,
      buildMs: options.vercelBuildMs ?? 1500,
      seed: true,
    });
    started.push(vercel);
    const supabaseToken = token('sbp_', 20);
    const supabase = await startSupabaseEmulator({ tokens: [supabaseToken], databaseUrl: postgres.url });
    started.push(supabase);
    const github = await startGitHubEmulator();
    started.push(github);
    const githubToken = token('ghp_local', 16);
    github.seedRepo({ fullName: repository, commits: ['Initial commit'], tags: { 'v0.1.0': 0 } });
    github.seedToken(githubToken, user);
    github.setRole(repository, user, 'admin');

    let supabaseProfile: string | undefined;
    if (options.stateDir) {
      await mkdir(options.stateDir, { recursive: true });
      supabaseProfile = join(options.stateDir, 'supabase-profile.yaml');
      const host = new URL(supabase.url).host;
      await writeFile(
        supabaseProfile,
        `name: shipline-local\napi_url: ${supabase.url}\ndashboard_url: ${supabase.url}\nproject_host: ${host.split(':')[0]}\n`,
      );
    }
    const env: Record<string, string> = {
      VERCEL_API_URL: vercel.url,
      VERCEL_TOKEN: vercelToken,
      VERCEL_EDGE_URL: vercel.edgeUrl,
      // The vercel CLI speaks https only: its API URL, the seeded team/project it deploys to, and the CA to trust.
      VERCEL_API_HTTPS_URL: vercel.httpsUrl,
      VERCEL_ORG_ID: vercel.seed?.teamId ?? '',
      VERCEL_PROJECT_ID: vercel.seed?.projectId ?? '',
      VERCEL_AUTOMATION_BYPASS_SECRET: vercel.seed?.bypassSecret ?? '',
      NODE_EXTRA_CA_CERTS: vercel.caBundlePath,
      SUPABASE_API_URL: supabase.url,
      SUPABASE_ACCESS_TOKEN: supabaseToken,
      SUPABASE_PROJECT_REF: supabase.refs[0] ?? '',
      SUPABASE_DB_URL: postgres.url,
      // The project endpoint (functions, PostgREST subset, auth health) for supabase-js and smoke probes.
      SUPABASE_URL: supabase.projectUrl(supabase.refs[0] ?? ''),
      SUPABASE_ANON_KEY: supabase.state.projects.get(supabase.refs[0] ?? '')?.anonKey ?? '',
      GITHUB_API_URL: github.url,
      GITHUB_TOKEN: githubToken,
      GITHUB_REPOSITORY: repository,
    };
    return { vercel, supabase, github, postgres, env, supabaseProfile, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
