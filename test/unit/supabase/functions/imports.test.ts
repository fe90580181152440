import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSpecifiers, localImportGraph, resolveLocal } from '../../../../lib/supabase/functions/imports.js';
import { project } from './helpers.js';

describe('importSpecifiers', () => {
  it('finds static, re-export, side-effect and literal dynamic imports with their lines', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { T } from './types.ts';",
      "export { b } from '../_shared/b.ts';",
      "import './side.ts';",
      "const c = await import('./lazy.ts');",
      "import * as remote from 'https://deno.land/x/y/mod.ts';",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([
      { specifier: './a.ts', line: 1 },
      { specifier: './types.ts', line: 2 },
      { specifier: '../_shared/b.ts', line: 3 },
      { specifier: './side.ts', line: 4 },
      { specifier: './lazy.ts', line: 5 },
      { specifier: 'https://deno.land/x/y/mod.ts', line: 6 },
    ]);
  });

  it('ignores imports inside comments', () => {
    expect(importSpecifiers("// import './old.ts';\n/* import './older.ts'; */\nimport './new.ts';")).toEqual([
      { specifier: './new.ts', line: 3 },
    ]);
  });
});

describe('resolveLocal', () => {
  it('resolves relative paths and local import-map targets, leaves remote ones', () => {
    const map = {
      file: '/p/supabase/functions/import_map.json',
      imports: { '@shared/': './_shared/', zod: 'npm:zod' },
    };
    expect(resolveLocal('../_shared/x.ts', '/p/supabase/functions/f/index.ts')).toBe(
      '/p/supabase/functions/_shared/x.ts',
    );
    expect(resolveLocal('@shared/cors.ts', '/p/f/index.ts', map)).toBe('/p/supabase/functions/_shared/cors.ts');
    expect(resolveLocal('zod', '/p/f/index.ts', map)).toBeUndefined();
    expect(resolveLocal('npm:zod', '/p/f/index.ts', map)).toBeUndefined();
  });
});

describe('localImportGraph', () => {
  it('follows imports transitively, entrypoint first', async () => {
    const root = project({
      'f/index.ts': "import './a.ts';\nimport { x } from '../_shared/x.ts';",
      'f/a.ts': "export * from './b.ts';",
      'f/b.ts': 'export const b = 1;',
      'f/unrelated.ts': 'export const u = 1;',
      '_shared/x.ts': "import { b } from '../f/b.ts';\nexport const x = b;",
    });
    const graph = await localImportGraph(join(root, 'f/index.ts'));
    expect(graph).toEqual([
      join(root, 'f/index.ts'),
      join(root, '_shared/x.ts'),
      join(root, 'f/a.ts'),
      join(root, 'f/b.ts'),
    ]);
  });

  it('names the importing file and line when a local import is missing', async () => {
    const root = project({ 'f/index.ts': "// header\nimport { x } from '../_shared/gone.ts';\n" });
    await expect(localImportGraph(join(root, 'f/index.ts'))).rejects.toMatchObject({
      code: 'import_missing',
      line: 2,
      message: expect.stringContaining('f/index.ts:2: imports "../_shared/gone.ts"'),
    });
  });
});
