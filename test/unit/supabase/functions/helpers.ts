import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Clock } from '../../../../lib/core/clock.js';

/** Writes `files` (path relative to a new temp root → content) and returns the root. */
export function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'shipline-edge-'));
  write(root, files);
  return root;
}

/** Writes or overwrites files under root. */
export function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** A project with two functions, shared code, and an unrelated shared file. */
export const BASIC: Record<string, string> = {
  'supabase/functions/_shared/cors.ts': "export const cors = { 'access-control-allow-origin': '*' };\n",
  'supabase/functions/_shared/unused.ts': 'export const unused = 1;\n',
  'supabase/functions/health/index.ts':
    "import { cors } from '../_shared/cors.ts';\nDeno.serve(() => new Response('ok', { headers: cors }));\n",
  'supabase/functions/hello/index.ts': "Deno.serve(() => new Response('hello'));\n",
};

/** A clock whose sleeps return at once and add up in `slept` (ms). */
export function instantClock(start = Date.parse('2026-11-29T12:00:00Z')): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(now),
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
  };
}
