/**
 * Runs Shipline's actions from their TypeScript sources instead of dist/ bundles: a folder that stands for the
 * Shipline checkout (its `actions/` and `.github/` are links to the real ones) whose `dist/<name>/index.js` registers
 * tsx and imports `actions/<name>/index.ts`. (Not a shell wrapper: a shell drops `INPUT_WORKING-DIRECTORY` and every
 * other variable whose name has a hyphen.) The workflow files and action.yml are the real ones;
 * only the bundling step is skipped, so `npm start` needs no build and always runs the current code.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface SourceActions {
  /** Use as runWorkflow's `shiplineRoot`. */
  root: string;
  /** Actions found (names of actions/<name>/index.ts). */
  actions: string[];
}

/** Builds the folder in `dir` (replacing what was there) for the checkout `checkout`; `tsxApi` is tsx/esm/api's URL. */
export async function prepareSourceActions(checkout: string, dir: string, tsxApi: string): Promise<SourceActions> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'dist'), { recursive: true });
  await symlink(join(checkout, 'actions'), join(dir, 'actions'));
  await symlink(join(checkout, '.github'), join(dir, '.github'));
  const actions: string[] = [];
  for (const name of (await readdir(join(checkout, 'actions'))).sort()) {
    const entry = join(checkout, 'actions', name, 'index.ts');
    if (!existsSync(entry) || !existsSync(join(checkout, 'actions', name, 'action.yml'))) continue;
    actions.push(name);
    await mkdir(join(dir, 'dist', name), { recursive: true });
    await writeFile(
      join(dir, 'dist', name, 'index.js'),
      `import { register } from ${JSON.stringify(tsxApi)};\nregister();\nawait import(${JSON.stringify(pathToFileURL(entry).href)});\n`,
    );
  }
  return { root: dir, actions };
}
