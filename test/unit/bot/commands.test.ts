import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Command, MAX_REASON_LENGTH, parseCommand, USAGE } from '../../../bot/commands.js';

const envName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/);
const version = fc.tuple(fc.nat(30), fc.nat(30), fc.nat(30)).map(([a, b, c]) => `v${a}.${b}.${c}`);
const reason = fc
  .string({ minLength: 1, maxLength: 60 })
  .filter((s) => !/[\r\n]/.test(s) && s.trim().length > 0)
  .map((s) => s.trim());
const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Writes a command the way the grammar says, so parse(render(c)) must give c back. */
function render(c: Command): string {
  switch (c.name) {
    case 'rollback':
      return [
        '/rollback',
        c.version,
        c.environment ? `to ${c.environment}` : undefined,
        c.reason ? `--reason ${quote(c.reason)}` : undefined,
      ]
        .filter(Boolean)
        .join(' ');
    case 'deploy':
      return `/deploy ${c.version} to ${c.environment}`;
    case 'status':
      return c.environment ? `/status ${c.environment}` : '/status';
    case 'lock':
      return c.reason ? `/lock ${c.environment} --reason ${quote(c.reason)}` : `/lock ${c.environment}`;
    case 'unlock':
      return `/unlock ${c.environment}`;
    case 'help':
      return '/help';
  }
}

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record(
    { name: fc.constant('rollback' as const), version, environment: envName, reason },
    { requiredKeys: ['name'] },
  ),
  fc.record({ name: fc.constant('deploy' as const), version, environment: envName }),
  fc.record({ name: fc.constant('status' as const), environment: envName }, { requiredKeys: ['name'] }),
  fc.record(
    { name: fc.constant('lock' as const), environment: envName, reason },
    { requiredKeys: ['name', 'environment'] },
  ),
  fc.record({ name: fc.constant('unlock' as const), environment: envName }),
  fc.constant({ name: 'help' as const }),
);

describe('parseCommand properties', () => {
  it('never throws and always answers with a command, a reasoned refusal or none', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.anything()), (body) => {
        const result = parseCommand(body);
        expect(['command', 'refusal', 'none']).toContain(result.kind);
        if (result.kind === 'refusal') {
          expect(result.reason).toBe('invalid-command');
          expect(result.message).toContain(result.usage);
          expect(result.message.length).toBeGreaterThan(result.usage.length + 4);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('gives back every command written in the grammar', () => {
    fc.assert(
      fc.property(command, (c) => {
        expect(parseCommand(render(c))).toEqual({ kind: 'command', command: c });
      }),
      { numRuns: 1000 },
    );
  });

  it('reads only the first line', () => {
    fc.assert(
      fc.property(fc.oneof(command.map(render), fc.string()), fc.string(), fc.string(), (first, a, b) => {
        const line = first.split(/\r?\n|\r/)[0] ?? '';
        expect(parseCommand(`${line}\n${a}`)).toEqual(parseCommand(`${line}\r\n${b}`));
      }),
    );
  });

  it('ignores text that does not start with a known command, wherever commands appear later', () => {
    const notCommand = fc
      .string()
      .filter((s) => !/^[ \t]*\/(rollback|deploy|status|lock|unlock|help)(?=[ \t\r\n]|$)/.test(s));
    fc.assert(
      fc.property(notCommand, command.map(render), (prefix, later) => {
        expect(parseCommand(`${prefix}\n${later}`)).toEqual({ kind: 'none' });
        if (!/[\r\n]/.test(prefix) && prefix.trim() !== '') {
          expect(parseCommand(`${prefix} ${later}`)).toEqual({ kind: 'none' });
        }
      }),
    );
  });

  it('is case-sensitive: a command in other letter cases is not a command', () => {
    fc.assert(
      fc.property(command.map(render), (text) => {
        const name = text.split(' ')[0]!;
        fc.pre(name.toUpperCase() !== name);
        expect(parseCommand(text.replace(name, name.toUpperCase()))).toEqual({ kind: 'none' });
      }),
    );
  });
});

describe('parseCommand examples', () => {
  it.each([
    ['/rollback', { name: 'rollback' }],
    ['/rollback v1.2.3', { name: 'rollback', version: 'v1.2.3' }],
    ['/rollback to staging', { name: 'rollback', environment: 'staging' }],
    ['/rollback --reason "checkout broken"', { name: 'rollback', reason: 'checkout broken' }],
    [
      '/rollback v1.2.3 to production --reason "500s on \\"pay\\""',
      { name: 'rollback', version: 'v1.2.3', environment: 'production', reason: '500s on "pay"' },
    ],
    ['/rollback sha-abc1234', { name: 'rollback', version: 'sha-abc1234' }],
    ['  /deploy v2.0.0-rc.1 to staging  ', { name: 'deploy', version: 'v2.0.0-rc.1', environment: 'staging' }],
    ['/status', { name: 'status' }],
    ['/status production\nplease', { name: 'status', environment: 'production' }],
    ['/lock production --reason "db upgrade"', { name: 'lock', environment: 'production', reason: 'db upgrade' }],
    ['/unlock production', { name: 'unlock', environment: 'production' }],
    ['/help', { name: 'help' }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual({ kind: 'command', command: expected });
  });

  it.each([
    ['/rollback 1.2.3', 'is not a version'],
    ['/rollback v1.2', 'is not a version'],
    ['/rollback to', 'environment after `to` is missing'],
    ['/rollback v1.2.3 production', 'Unexpected `production`'],
    ['/rollback --reason checkout', 'quoted text'],
    ['/rollback --reason "unclosed', 'not closed'],
    ['/rollback --reason ""', 'reason is empty'],
    [`/rollback --reason "${'x'.repeat(MAX_REASON_LENGTH + 1)}"`, 'longer than'],
    ['/deploy', 'version to deploy is missing'],
    ['/deploy v1.2.3', 'to <env>'],
    ['/deploy sha-abc1234 to production', 'not a release tag'],
    ['/deploy v1.2.3 to', 'environment after `to` is missing'],
    ['/status prod uction', 'Unexpected `uction`'],
    ['/lock', 'environment to lock is missing'],
    ['/lock "production"', 'not an environment name'],
    ['/unlock', 'environment to unlock is missing'],
    ['/help me', 'Unexpected `me`'],
  ])('%s is refused: %s', (text, why) => {
    const result = parseCommand(text);
    expect(result.kind).toBe('refusal');
    if (result.kind !== 'refusal') return;
    expect(result.message).toContain(why);
    expect(result.message).toContain(USAGE[result.name]);
  });

  it.each([
    'please /rollback v1.2.3',
    '/Rollback v1.2.3',
    '/rollbacks',
    '/rollback-now',
    '/merge',
    '',
    'LGTM\n/rollback',
  ])('%j is not a command', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'none' });
  });
});
