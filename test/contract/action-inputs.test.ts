/**
 * Every action's action.yml agrees with its inputs.ts: the same input and output names (INPUT_NAMES /
 * OUTPUT_NAMES, in order), `runs.using: node24` and `runs.main` pointing at its own bundle. New actions under
 * actions/<name>/ are picked up automatically.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../support/runner.js';

interface ActionYaml {
  name?: string;
  description?: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: unknown }>;
  outputs?: Record<string, { description?: string }>;
  runs?: { using?: string; main?: string };
}

const actionsDir = join(repoRoot, 'actions');
const actions = readdirSync(actionsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(actionsDir, d.name, 'action.yml')))
  .map((d) => d.name)
  .sort();

describe('actions/*/action.yml', () => {
  it('finds the actions', () => {
    expect(actions).toContain('validate');
  });

  describe.each(actions)('%s', (name) => {
    const dir = join(actionsDir, name);
    const yml = parse(readFileSync(join(dir, 'action.yml'), 'utf8')) as ActionYaml;

    it('runs its own bundle on node24', () => {
      expect(yml.runs?.using).toBe('node24');
      expect(yml.runs?.main).toBe(`../../dist/${name}/index.js`);
      expect(existsSync(join(dir, 'index.ts'))).toBe(true);
    });

    it('has a name, a description and a description for every input and output', () => {
      expect(yml.name).toBeTruthy();
      expect(yml.description).toBeTruthy();
      for (const [key, input] of Object.entries(yml.inputs ?? {}))
        expect(input?.description, `input ${key}`).toBeTruthy();
      for (const [key, output] of Object.entries(yml.outputs ?? {}))
        expect(output?.description, `output ${key}`).toBeTruthy();
    });

    it('declares the same inputs and outputs as inputs.ts', async () => {
      const inputsFile = join(dir, 'inputs.ts');
      expect(existsSync(inputsFile), `${name}/inputs.ts exists`).toBe(true);
      const mod = (await import(pathToFileURL(inputsFile).href)) as {
        INPUT_NAMES?: readonly string[];
        OUTPUT_NAMES?: readonly string[];
      };
      expect(mod.INPUT_NAMES, 'INPUT_NAMES is exported').toBeDefined();
      expect(mod.OUTPUT_NAMES, 'OUTPUT_NAMES is exported').toBeDefined();
      expect(Object.keys(yml.inputs ?? {})).toEqual([...(mod.INPUT_NAMES ?? [])]);
      expect(Object.keys(yml.outputs ?? {})).toEqual([...(mod.OUTPUT_NAMES ?? [])]);
    });

    it('reads inputs and sets outputs only through the typed accessors of those lists', () => {
      // core.getInput/setOutput with a string literal would bypass the name check the lists give.
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
        const source = readFileSync(join(dir, file), 'utf8');
        expect(source, `${name}/${file}`).not.toMatch(/core\.(getInput|getBooleanInput|setOutput)\(/);
      }
      const inputs = readFileSync(join(dir, 'inputs.ts'), 'utf8');
      expect(inputs).toContain('typedIO(INPUT_NAMES, OUTPUT_NAMES)');
    });
  });
});
