import { describe, expect, it } from 'vitest';
import { discoverFunctions } from '../../../../lib/supabase/functions/discover.js';
import { functionHash } from '../../../../lib/supabase/functions/hash.js';
import { BASIC, project, write } from './helpers.js';

async function hashes(root: string): Promise<Record<string, string>> {
  const { functions } = await discoverFunctions({ root, functionsDir: 'supabase/functions' });
  return Object.fromEntries(await Promise.all(functions.map(async (f) => [f.slug, await functionHash(f)] as const)));
}

describe('functionHash', () => {
  it('is a sha256 hex digest that is the same for the same files anywhere on disk', async () => {
    const a = await hashes(project(BASIC));
    const b = await hashes(project(BASIC));
    expect(a.health).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toEqual(b);
    expect(a.health).not.toBe(a.hello);
  });

  it('changes for the functions that import an edited shared file, and only those', async () => {
    const root = project(BASIC);
    const before = await hashes(root);
    write(root, { 'supabase/functions/_shared/cors.ts': "export const cors = { 'x-changed': '1' };\n" });
    const after = await hashes(root);
    expect(after.health).not.toBe(before.health);
    expect(after.hello).toBe(before.hello);
  });

  it('ignores files nothing imports', async () => {
    const root = project(BASIC);
    const before = await hashes(root);
    write(root, {
      'supabase/functions/_shared/unused.ts': 'export const unused = 2;\n',
      'supabase/functions/health/notes.md': 'x',
    });
    expect(await hashes(root)).toEqual(before);
  });

  it('changes when a setting the platform runs with changes (verify_jwt)', async () => {
    const root = project(BASIC);
    const before = await hashes(root);
    write(root, { 'supabase/config.toml': '[functions.hello]\nverify_jwt = false\n' });
    const after = await hashes(root);
    expect(after.hello).not.toBe(before.hello);
    expect(after.health).toBe(before.health);
  });
});
