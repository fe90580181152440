import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandCheck } from '../../../lib/checks/command-check.js';
import { checkContext } from './check-context.js';

const node = process.execPath;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-cmd-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('commandCheck', () => {
  it('passes on exit 0, running in the configured sub-directory with extra env', async () => {
    mkdirSync(join(dir, 'app'));
    const check = commandCheck({
      command: {
        name: 'test',
        run: [node, '-e', 'if (!process.cwd().endsWith("app") || process.env.MODE !== "ci") process.exit(9)'],
        timeoutSeconds: 30,
        cwd: 'app',
        env: { MODE: 'ci' },
      },
    });
    expect(check.id).toBe('command:test');
    const result = await check.run(checkContext({ cwd: dir }));
    expect(result).toEqual({ status: 'pass', message: 'test passed' });
  });

  it("never hands the runner's tokens to a command; names listed in passEnv are passed on", async () => {
    const env = {
      PATH: process.env.PATH,
      HOME: '/home/runner',
      LC_ALL: 'C.UTF-8',
      GITHUB_SHA: 'abc123',
      ACTIONS_RUNTIME_TOKEN: 'runtime-token',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-token',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example',
      ACTIONS_CACHE_URL: 'https://cache.example',
      ACTIONS_RESULTS_URL: 'https://results.example',
      GITHUB_TOKEN: 'ghs_secret',
      INPUT_TOKEN: 'input-secret',
      DATABASE_URL: 'postgres://app',
    };
    const out = join(dir, 'env.json');
    const dump = `require("node:fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.env))`;
    const seen = async (passEnv?: string[]) => {
      const result = await commandCheck({
        command: { name: 'env', run: [node, '-e', dump], timeoutSeconds: 30, ...(passEnv ? { passEnv } : {}) },
      }).run(checkContext({ cwd: dir, env }));
      expect(result.status).toBe('pass');
      return JSON.parse(readFileSync(out, 'utf8')) as Record<string, string>;
    };
    const plain = await seen();
    expect(plain).toMatchObject({ HOME: '/home/runner', LC_ALL: 'C.UTF-8', GITHUB_SHA: 'abc123' });
    for (const name of Object.keys(env).filter((n) => /TOKEN|ACTIONS_|INPUT_|DATABASE_URL/.test(n))) {
      expect(plain[name], name).toBeUndefined();
    }
    const withPass = await seen(['DATABASE_URL', 'ACTIONS_CACHE_URL']);
    expect(withPass.DATABASE_URL).toBe('postgres://app');
    expect(withPass.ACTIONS_CACHE_URL).toBe('https://cache.example');
    expect(withPass.ACTIONS_RUNTIME_TOKEN).toBeUndefined();
  });

  it('hands a hostile argument to the program verbatim (no shell)', async () => {
    const hostile = 'a"; touch pwned #';
    const script = `process.exit(process.argv[1] === ${JSON.stringify(hostile)} ? 0 : 1)`;
    const result = await commandCheck({
      command: { name: 'argv', run: [node, '-e', script, hostile], timeoutSeconds: 30 },
    }).run(checkContext({ cwd: dir }));
    expect(result.status).toBe('pass');
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('fails with the exit code and the redacted last lines of output', async () => {
    const ctx = checkContext({ cwd: dir });
    ctx.redactor.add('tok_secret_123');
    const script =
      'for (let i = 1; i <= 100; i++) console.log("line " + i); console.error("leak tok_secret_123"); process.exit(2)';
    const result = await commandCheck({
      command: { name: 'lint', run: [node, '-e', script], timeoutSeconds: 30 },
      tailLines: 3,
    }).run(ctx);
    expect(result.status).toBe('fail');
    expect(result.message).toBe('lint exited with code 2');
    expect(result.details?.split('\n')).toHaveLength(3);
    expect(result.details).toContain('line 100');
    expect(result.details).toContain('leak ***');
    expect(result.details).not.toContain('tok_secret_123');
  });

  it('fails "command not found" for a missing program', async () => {
    const result = await commandCheck({
      command: { name: 'audit', run: ['shipline-missing-tool', 'audit'], timeoutSeconds: 5 },
    }).run(checkContext({ cwd: dir }));
    expect(result).toEqual({ status: 'fail', message: 'command not found: shipline-missing-tool' });
  });

  it('fails "timed out after N s" and keeps the output seen so far', async () => {
    const result = await commandCheck({
      command: {
        name: 'slow',
        run: [node, '-e', 'console.log("working"); setInterval(() => {}, 1000)'],
        timeoutSeconds: 0.5,
      },
    }).run(checkContext({ cwd: dir }));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('slow timed out after 0.5 s');
    expect(result.details).toContain('working');
  });

  it('bounds the output it keeps and says it was truncated', async () => {
    const script =
      'const b = Buffer.alloc(1 << 20, 121); for (let i = 0; i < 20; i++) process.stdout.write(b); process.stdout.write("\\nboom\\n", () => process.exit(1))';
    const result = await commandCheck({
      command: { name: 'noisy', run: [node, '-e', script], timeoutSeconds: 60 },
      maxOutputBytes: 4096,
      tailLines: 5,
    }).run(checkContext({ cwd: dir }));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('noisy exited with code 1');
    expect(result.details).toContain('boom');
    expect(result.details).toContain('output truncated: 21 MB produced');
    expect(result.details!.length).toBeLessThan(4096 + 200);
  });
});

describe('commandCheck working directory', () => {
  it('fails clearly when the configured cwd does not exist', async () => {
    const result = await commandCheck({
      command: { name: 'build', run: [node, '-e', ''], timeoutSeconds: 5, cwd: 'nope' },
    }).run(checkContext({ cwd: dir }));
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      `build could not start: working directory does not exist: ${join(dir, 'nope')}\nHint: Fix the command's \`cwd\` (relative to the repository root).`,
    );
  });
});
