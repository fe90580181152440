import { afterEach, describe, expect, it } from 'vitest';
import {
  bundleFunction,
  FunctionBootError,
  FunctionHost,
  UnsupportedFunctionError,
} from '../../../../../emulators/supabase/project/function-runtime.js';
import type { FunctionVersion } from '../../../../../emulators/supabase/state.js';

function version(
  files: Record<string, string>,
  entrypointPath = 'f/index.ts',
  importMapPath?: string,
): FunctionVersion {
  return {
    version: 1,
    files: new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)])),
    ezbrSha256: 'x',
    entrypointPath,
    importMapPath,
    staticPatterns: [],
  };
}

const request = (url = 'http://fn.test/f', method = 'GET') => ({
  url,
  method,
  headers: new Headers(),
  body: undefined,
});

describe('FunctionHost', () => {
  const host = new FunctionHost();
  afterEach(() => host.close());

  it('runs a Deno.serve handler with shared imports, an import map and Deno.env', async () => {
    const fn = version(
      {
        'f/index.ts':
          "import { greet } from '@shared/greet.ts';\nDeno.serve({ port: 1 }, (req: Request) => new Response(greet(new URL(req.url).pathname) + ' ' + Deno.env.get('WHO') + ' ' + Deno.env.get('NOPE')));",
        '_shared/greet.ts': "export const greet = (p: string): string => 'hi ' + p;",
        'import_map.json': '{"imports": {"@shared/": "./_shared/"}}',
      },
      'f/index.ts',
      'import_map.json',
    );
    const answer = await host.invoke(fn, 'k1', { WHO: 'mia' }, request('http://fn.test/f/sub'));
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe('hi /f/sub mia undefined');
  });

  it('turns a throwing handler into 500 WORKER_ERROR and logs it', async () => {
    const fn = version({ 'f/index.ts': "Deno.serve(() => { throw new Error('kaput'); });" });
    const answer = await host.invoke(fn, 'k2', {}, request());
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ code: 'WORKER_ERROR' });
    expect(host.logs.join('\n')).toContain('kaput');
  });

  it('refuses to boot a function that never calls Deno.serve', async () => {
    const fn = version({ 'f/index.ts': 'export const x = 1;' });
    await expect(host.invoke(fn, 'k3', {}, request())).rejects.toBeInstanceOf(FunctionBootError);
  });
});

describe('bundleFunction', () => {
  it('names network modules it cannot load', async () => {
    await expect(
      bundleFunction(
        version({
          'f/index.ts':
            "import { serve } from 'https://deno.land/std/http/server.ts';\nimport z from 'npm:zod';\nserve(() => new Response(String(z)));",
        }),
      ),
    ).rejects.toThrow(
      new UnsupportedFunctionError(
        'The emulator runs functions offline and cannot load "https://deno.land/std/http/server.ts", "npm:zod"; only uploaded files and the Deno.serve / Deno.env APIs are available',
      ),
    );
  });

  it('names a relative import that was not uploaded', async () => {
    await expect(bundleFunction(version({ 'f/index.ts': "import '../_shared/gone.ts';" }))).rejects.toThrow(
      /not uploaded: f\/index.ts: "..\/_shared\/gone.ts"/,
    );
  });
});
