import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkWorkflowActions } from '../../../lib/rehearsal/preflight.js';

const root = mkdtempSync(join(tmpdir(), 'shipline-preflight-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

write(
  'actions/stage/action.yml',
  'name: stage\ninputs:\n  token:\n    required: true\noutputs:\n  url:\n    description: x\nruns:\n  using: node24\n  main: x.js\n',
);

/** `${{ expr }}` as a workflow writes it (built here so no string literal looks like a template placeholder). */
const expr = (text: string) => `$\{{ ${text} }}`;

function workflow(steps: string): string {
  return `name: w\non: workflow_call\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
}

describe('checkWorkflowActions', () => {
  it('finds nothing when inputs and outputs agree', async () => {
    write(
      'ok.yml',
      workflow(
        '      - id: stage\n        uses: o/shipline/actions/stage@abc\n        with:\n          token: t\n' +
          `      - run: echo "${expr('steps.stage.outputs.url')}"\n`,
      ),
    );
    expect(await checkWorkflowActions(root, 'ok.yml')).toEqual([]);
  });

  it('names a missing action, an unknown input and an unknown output', async () => {
    write(
      'bad.yml',
      workflow(
        '      - id: stage\n        uses: o/shipline/actions/stage@abc\n        with:\n          token: t\n          reason: r\n' +
          '      - id: smoke\n        uses: o/shipline/actions/smoke@abc\n' +
          `      - run: echo "${expr('steps.stage.outputs.ledger-id')}"\n`,
      ),
    );
    expect(await checkWorkflowActions(root, 'bad.yml')).toEqual([
      { workflow: 'bad.yml', step: 'stage', message: 'actions/stage has no input `reason`' },
      { workflow: 'bad.yml', step: 'smoke', message: 'actions/smoke does not exist yet' },
      { workflow: 'bad.yml', step: 'stage', message: 'step `stage` has no output `ledger-id`' },
    ]);
  });

  it('ignores third-party actions', async () => {
    write('third.yml', workflow('      - uses: actions/checkout@abc\n        with:\n          anything: 1\n'));
    expect(await checkWorkflowActions(root, 'third.yml')).toEqual([]);
  });
});
