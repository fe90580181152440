import { createHash } from 'node:crypto';
import { DeploymentTree } from '../../../../emulators/vercel/edge/vfs.js';
import type { VercelEmulator } from '../../../../emulators/vercel/index.js';
import { type JsonResponse, requestJson } from '../../../support/http.js';

/** A parsed API response; tests assert on it field by field, so it is loosely typed on purpose. */
export type ApiResponse = Pick<JsonResponse, 'status' | 'body'>;

/** File content for `deployFiles`: text, or a symlink to a relative target. */
export type TestFile = string | { symlink: string };

const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;

/** The SHA-1 hex digest Vercel addresses an uploaded file by. */
export function sha1(data: Buffer | string): string {
  return createHash('sha1').update(data).digest('hex');
}

/** An in-memory deployment tree of `files`; a `{ link }` entry is a symlink to that relative target. */
export function memoryTree(files: Record<string, string | { link: string }>): DeploymentTree {
  const blobs = new Map<string, Buffer>();
  const entries = Object.entries(files).map(([file, content]) => {
    const data = Buffer.from(typeof content === 'string' ? content : content.link);
    const sha = sha1(data);
    blobs.set(sha, data);
    return { file, sha, size: data.length, mode: typeof content === 'string' ? S_IFREG | 0o644 : S_IFLNK | 0o777 };
  });
  return new DeploymentTree(entries, (sha) => blobs.get(sha));
}

/** Calls the emulator's REST API with the first token; returns status and parsed JSON (or text). */
export async function api(
  emu: VercelEmulator,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = emu.tokens[0] ?? '',
): Promise<ApiResponse> {
  const { status, body: parsed } = await requestJson(emu.url, method, path, body, token);
  return { status, body: parsed };
}

/** Uploads files like `@vercel/client` does (`x-now-digest`, symlinks as their target with S_IFLNK) and deploys. */
export async function deployFiles(
  emu: VercelEmulator,
  files: Record<string, TestFile>,
  deployment: Record<string, unknown> = {},
  query = '',
): Promise<ApiResponse> {
  const entries = [];
  for (const [file, content] of Object.entries(files)) {
    const data = Buffer.from(typeof content === 'string' ? content : content.symlink);
    const sha = sha1(data);
    const upload = await fetch(`${emu.url}/v2/files`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${emu.tokens[0]}`,
        'content-type': 'application/octet-stream',
        'x-now-digest': sha,
        'x-now-size': String(data.length),
      },
      body: data,
    });
    if (upload.status !== 200) throw new Error(`upload failed: ${upload.status} ${await upload.text()}`);
    entries.push({
      file,
      sha,
      size: data.length,
      mode: typeof content === 'string' ? S_IFREG | 0o644 : S_IFLNK | 0o777,
    });
  }
  return api(emu, 'POST', `/v13/deployments?skipAutoDetectionConfirmation=1${query}`, {
    name: 'unit-app',
    files: entries,
    ...deployment,
  });
}

/** A minimal Build Output API v3 app: config routes, a static page and a Node.js function echoing its env. */
export function buildOutputApp(routes: unknown[] = [{ handle: 'filesystem' }]): Record<string, TestFile> {
  return {
    '.vercel/output/config.json': JSON.stringify({ version: 3, routes }),
    '.vercel/output/static/index.html': '<h1>home</h1>',
    '.vercel/output/static/style.css': 'h1{color:red}',
    '.vercel/output/functions/api/env.func/.vc-config.json': JSON.stringify({
      runtime: 'nodejs22.x',
      handler: 'index.mjs',
      launcherType: 'Nodejs',
      environment: { FROM_VC_CONFIG: 'yes' },
    }),
    '.vercel/output/functions/api/env.func/index.mjs': [
      'export default function (req, res) {',
      "  res.setHeader('content-type', 'application/json');",
      '  res.end(JSON.stringify({ url: req.url, host: req.headers.host, env: process.env }));',
      '}',
    ].join('\n'),
  };
}
