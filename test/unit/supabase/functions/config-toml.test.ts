import { describe, expect, it } from 'vitest';
import { parseSupabaseToml } from '../../../../lib/supabase/functions/config-toml.js';
import { EdgeFunctionError } from '../../../../lib/supabase/functions/errors.js';

describe('parseSupabaseToml', () => {
  it('reads [functions.<name>] settings and [edge_runtime.secrets] references', () => {
    const toml = parseSupabaseToml(
      [
        'project_id = "shop"',
        '[functions.health]',
        'verify_jwt = false',
        '[functions.api]',
        'entrypoint = "./functions/api/main.ts"',
        'import_map = "./functions/api/deno.json"',
        'static_files = ["./functions/api/*.html"]',
        'enabled = true',
        '[edge_runtime.secrets]',
        'STRIPE_KEY = "env(STRIPE_SECRET)"',
      ].join('\n'),
      'supabase/config.toml',
    );
    expect(toml.functions).toEqual({
      health: { verifyJwt: false },
      api: {
        entrypoint: './functions/api/main.ts',
        importMap: './functions/api/deno.json',
        staticFiles: ['./functions/api/*.html'],
        enabled: true,
      },
    });
    expect(toml.secrets).toEqual([{ name: 'STRIPE_KEY', env: 'STRIPE_SECRET' }]);
  });

  it('names the file and line of a syntax error', () => {
    const text = '[functions.health]\nverify_jwt = false\nentrypoint = ./index.ts\n';
    const error = (() => {
      try {
        parseSupabaseToml(text, 'supabase/config.toml');
      } catch (e) {
        return e as EdgeFunctionError;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(EdgeFunctionError);
    expect(error.code).toBe('config_toml_invalid');
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^supabase\/config\.toml:3:\d+: /);
  });

  it('refuses a wrongly typed setting, naming the key and its line', () => {
    expect(() => parseSupabaseToml('[functions.health]\n\nverify_jwt = "no"\n', 'supabase/config.toml')).toThrowError(
      expect.objectContaining({
        message: expect.stringContaining('functions.health.verify_jwt must be true or false'),
        line: 3,
      }),
    );
  });

  it('refuses a secret whose value is written in the file instead of referenced', () => {
    expect(() => parseSupabaseToml('[edge_runtime.secrets]\nKEY = "sk_live_123"\n', 'c.toml')).toThrow(
      /edge_runtime\.secrets\.KEY must be a reference "env\(VARIABLE\)"/,
    );
  });

  it('accepts a file without function settings', () => {
    expect(parseSupabaseToml('project_id = "x"\n[api]\nport = 54321\n', 'c.toml')).toEqual({
      file: 'c.toml',
      functions: {},
      secrets: [],
    });
  });
});
