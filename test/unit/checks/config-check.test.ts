import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configCheck, loadConfigOutcome } from '../../../lib/checks/config-check.js';
import { defaultConfig } from '../../../lib/config/loader.js';
import { checkContext } from './check-context.js';

const temp = mkdtempSync(join(tmpdir(), 'shipline-config-check-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('loadConfigOutcome', () => {
  it('captures a broken file as issues instead of throwing', async () => {
    writeFileSync(join(temp, 'bad.yml'), 'version: 1\nsmoke:\n  rouns: 3\n');
    const outcome = await loadConfigOutcome('bad.yml', { cwd: temp, displayPath: 'app/bad.yml' });
    expect(outcome).toMatchObject({ ok: false, file: 'app/bad.yml' });
    if (outcome.ok) throw new Error('unreachable');
    expect(outcome.issues).toEqual([
      expect.objectContaining({ line: 3, path: 'smoke.rouns', hint: 'Did you mean `rounds`?' }),
    ]);
  });

  it('returns the config when it loads', async () => {
    writeFileSync(join(temp, 'good.yml'), 'version: 1\n');
    expect(await loadConfigOutcome('good.yml', { cwd: temp })).toEqual({
      ok: true,
      file: 'good.yml',
      found: true,
      config: defaultConfig(),
    });
  });
});

describe('configCheck', () => {
  it('fails with one finding per issue, located on its line', async () => {
    const result = await configCheck({
      ok: false,
      file: '.github/shipline.yml',
      issues: [
        {
          file: '.github/shipline.yml',
          line: 3,
          column: 3,
          path: 'smoke.rouns',
          message: 'Unknown key "rouns"',
          hint: 'Did you mean `rounds`?',
        },
        { file: '.github/shipline.yml', path: '', message: 'The file is empty', hint: '' },
      ],
    }).run(checkContext());
    expect(result.status).toBe('fail');
    expect(result.message).toBe('.github/shipline.yml has 2 problems');
    expect(result.findings).toEqual([
      {
        severity: 'error',
        message: 'smoke.rouns: Unknown key "rouns". Hint: Did you mean `rounds`?',
        file: '.github/shipline.yml',
        line: 3,
        rule: 'config',
      },
      { severity: 'error', message: 'The file is empty', file: '.github/shipline.yml', rule: 'config' },
    ]);
    expect(result.details).toContain('.github/shipline.yml:3:3 smoke.rouns: Unknown key');
  });

  it('passes naming the environments, and warns when the defaults were used', async () => {
    const config = defaultConfig();
    expect(await configCheck({ ok: true, file: 'c.yml', found: true, config }).run(checkContext())).toEqual({
      status: 'pass',
      message: 'c.yml is valid (environments: production)',
    });
    expect((await configCheck({ ok: true, file: 'c.yml', found: false, config }).run(checkContext())).status).toBe(
      'warn',
    );
  });
});
