import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFunctions } from '../../../../lib/supabase/functions/discover.js';
import { BASIC, project } from './helpers.js';

const opts = (root: string) => ({ root, functionsDir: 'supabase/functions' });

describe('discoverFunctions', () => {
  it('finds folders with an entrypoint; skips _shared, dot-folders and loose files', async () => {
    const root = project({
      ...BASIC,
      'supabase/functions/.cache/index.ts': 'x',
      'supabase/functions/README.md': '# functions',
      'supabase/functions/loose.ts': 'export {}',
    });
    const found = await discoverFunctions(opts(root));
    expect(found.functions.map((f) => f.slug)).toEqual(['health', 'hello']);
    expect(found.shared).toEqual(['_shared']);
    const health = found.functions[0]!;
    expect(health).toMatchObject({
      entrypointPath: 'supabase/functions/health/index.ts',
      importMapPath: undefined,
      verifyJwt: true,
      staticPatterns: [],
    });
    // What the Supabase CLI uploads: the entrypoint and the shared file it imports, not the unused one.
    expect(health.files.map((f) => f.name)).toEqual([
      'supabase/functions/health/index.ts',
      'supabase/functions/_shared/cors.ts',
    ]);
  });

  it('honours config.toml: verify_jwt, entrypoint, import_map, static_files, enabled', async () => {
    const root = project({
      ...BASIC,
      'supabase/functions/api/main.ts': "import { z } from 'zod';\nimport { cors } from '@shared/cors.ts';\n",
      'supabase/functions/api/deno.json': '{"imports": {"zod": "npm:zod", "@shared/": "../_shared/"}}',
      'supabase/functions/api/pages/a.html': '<p>a</p>',
      'supabase/functions/api/pages/b.html': '<p>b</p>',
      'supabase/config.toml': [
        '[functions.health]',
        'verify_jwt = false',
        '[functions.api]',
        'entrypoint = "./functions/api/main.ts"',
        'import_map = "./functions/api/deno.json"',
        'static_files = ["./functions/api/pages/*.html"]',
        '[functions.hello]',
        'enabled = false',
      ].join('\n'),
    });
    const found = await discoverFunctions(opts(root));
    expect(found.functions.map((f) => f.slug)).toEqual(['api', 'health']);
    expect(found.disabled).toEqual(['hello']);
    expect(found.functions[1]!.verifyJwt).toBe(false);
    expect(found.functions[0]).toMatchObject({
      entrypointPath: 'supabase/functions/api/main.ts',
      importMapPath: 'supabase/functions/api/deno.json',
      staticPatterns: ['supabase/functions/api/pages/*.html'],
    });
    expect(found.functions[0]!.files.map((f) => f.name)).toEqual([
      'supabase/functions/api/main.ts',
      'supabase/functions/_shared/cors.ts',
      'supabase/functions/api/deno.json',
      'supabase/functions/api/pages/a.html',
      'supabase/functions/api/pages/b.html',
    ]);
  });

  it('uses a root import_map.json when a function has none of its own', async () => {
    const root = project({
      'supabase/functions/import_map.json': '{"imports": {"@shared/": "./_shared/"}}',
      'supabase/functions/_shared/cors.ts': 'export const cors = {};',
      'supabase/functions/f/index.ts': "import { cors } from '@shared/cors.ts';",
    });
    const [fn] = (await discoverFunctions(opts(root))).functions;
    expect(fn?.importMapPath).toBe('supabase/functions/import_map.json');
    expect(fn?.files.map((f) => f.name)).toContain('supabase/functions/_shared/cors.ts');
  });

  it('a function folder without an entrypoint is an error naming it', async () => {
    const root = project(BASIC);
    mkdirSync(join(root, 'supabase/functions/broken'));
    await expect(discoverFunctions(opts(root))).rejects.toMatchObject({
      code: 'entrypoint_missing',
      message:
        'Function folder supabase/functions/broken has no entrypoint (expected supabase/functions/broken/index.ts)',
    });
  });

  it('a config.toml entrypoint that does not exist names the file and the path', async () => {
    const root = project({
      ...BASIC,
      'supabase/config.toml': '[functions.hello]\nentrypoint = "./functions/hello/main.ts"\n',
    });
    await expect(discoverFunctions(opts(root))).rejects.toMatchObject({
      code: 'entrypoint_missing',
      file: 'supabase/config.toml',
      message: expect.stringContaining('[functions.hello] entrypoint ./functions/hello/main.ts does not exist'),
    });
  });

  it('a config.toml syntax error names file and line', async () => {
    const root = project({ ...BASIC, 'supabase/config.toml': '[functions.hello]\nverify_jwt = nope\n' });
    await expect(discoverFunctions(opts(root))).rejects.toMatchObject({
      code: 'config_toml_invalid',
      file: 'supabase/config.toml',
      line: 2,
    });
  });

  it('a missing functions folder says which and how to fix it', async () => {
    await expect(discoverFunctions(opts(project({})))).rejects.toMatchObject({
      code: 'functions_dir_missing',
      message: 'The functions folder supabase/functions does not exist',
    });
  });

  it('refuses a folder name the platform would reject', async () => {
    const root = project({ ...BASIC, 'supabase/functions/9lives/index.ts': 'x' });
    await expect(discoverFunctions(opts(root))).rejects.toMatchObject({ code: 'invalid_slug' });
  });
});

describe('examples/app', () => {
  it('has one function, health, that ships its _shared helper and runs without JWT verification', async () => {
    const { repoRoot } = await import('../../../support/runner.js');
    const found = await discoverFunctions({
      root: join(repoRoot, 'examples', 'app'),
      functionsDir: 'supabase/functions',
    });
    expect(found.shared).toEqual(['_shared']);
    expect(found.functions.map((f) => [f.slug, f.verifyJwt, f.files.map((x) => x.name)])).toEqual([
      ['health', false, ['supabase/functions/health/index.ts', 'supabase/functions/_shared/cors.ts']],
    ]);
  });
});
