import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** The banner scripts/build.mjs puts on ESM bundles: libpg-query's WASM loader needs __dirname. */
const BANNER =
  "import { fileURLToPath as __shipline_fileURLToPath } from 'node:url';\n" +
  "import { dirname as __shipline_dirname } from 'node:path';\n" +
  'const __filename = __shipline_fileURLToPath(import.meta.url);\n' +
  'const __dirname = __shipline_dirname(__filename);\n';

/**
 * Bundles an action of the current sources into `<outDir>/<name>/index.js` the way the shipped bundle is laid out
 * (one ESM file, every dependency inside, libpg-query's WASM next to it), with esbuild: seconds instead of ncc's
 * minutes, and no type-check of the whole repository (so another part's type error cannot block a measurement).
 */
export async function bundleAction(name: string, outDir: string): Promise<string> {
  const dir = join(outDir, name);
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [join(repoRoot, 'actions', name, 'index.ts')],
    outfile: join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: {
      js: `${BANNER}import { createRequire as __shipline_createRequire } from 'node:module';\nconst require = __shipline_createRequire(import.meta.url);`,
    },
    logLevel: 'error',
  });
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  copyFileSync(
    join(repoRoot, 'node_modules', 'libpg-query', 'wasm', 'libpg-query.wasm'),
    join(dir, 'libpg-query.wasm'),
  );
  return join(dir, 'index.js');
}
