import { type GitHubEmulator, startGitHubEmulator } from '../../../../emulators/github/index.js';

/** A started emulator with `acme/web` (3 commits on main, tags v1.0.0 → first, v1.1.0 → last) and token `t-acme`. */
export async function startSeeded(): Promise<{ gh: GitHubEmulator; shas: string[]; call: Caller }> {
  const gh = await startGitHubEmulator();
  const { shas } = gh.seedRepo({
    fullName: 'acme/web',
    commits: ['one', 'two', 'three'],
    tags: { 'v1.0.0': 0, 'v1.1.0': 2 },
  });
  gh.seedToken('t-acme', 'acme');
  return { gh, shas, call: caller(gh.url, 't-acme') };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
type AnyJson = any;

export type Caller = (
  method: string,
  path: string,
  body?: unknown,
  token?: string | null,
) => Promise<{ status: number; body: AnyJson; headers: Headers }>;

/** A tiny JSON client for the emulator (token `null` = unauthenticated). */
export function caller(base: string, defaultToken: string): Caller {
  return async (method, path, body, token) => {
    const headers: Record<string, string> = { accept: 'application/vnd.github+json' };
    const t = token === undefined ? defaultToken : token;
    if (t !== null) headers.authorization = `token ${t}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
}
