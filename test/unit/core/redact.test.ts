import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../lib/core/logger.js';
import { Redactor, redactingLogger } from '../../../lib/core/redact.js';

describe('Redactor', () => {
  it('masks every registered secret, longest first, including URL-encoded forms', () => {
    const r = new Redactor();
    r.add('p@ss word!');
    r.add('p@ss');
    expect(r.redact('a p@ss word! b p@ss c p%40ss%20word!')).toBe('a *** b *** c ***');
  });

  it('ignores empty and very short values so it never blanks ordinary text', () => {
    const r = new Redactor();
    r.add('');
    r.add('ab');
    r.add(undefined);
    expect(r.size).toBe(0);
    expect(r.redact('ab')).toBe('ab');
  });

  it('registers the password of a connection URL', () => {
    const r = new Redactor();
    r.addUrlCredentials('postgres://postgres:s3cr%2Fet@127.0.0.1:5432/db');
    expect(r.redact('failed: password s3cr/et for postgres:s3cr%2Fet@host')).toBe(
      'failed: password *** for postgres:***@host',
    );
  });

  it('masks a password whose %-escape is malformed', () => {
    const r = new Redactor();
    r.addUrlCredentials('postgres://u:ab%zz@h/db');
    expect(r.redact('pw=ab%zz')).toBe('pw=***');
  });

  it('tells listeners about secrets registered before and after they subscribe', () => {
    const r = new Redactor();
    r.add('first-secret');
    const seen: string[] = [];
    r.onRegister((s) => seen.push(s));
    r.add('second-secret');
    expect(seen).toEqual(['first-secret', 'second-secret']);
  });

  it('wraps a logger so nothing it prints carries a secret', () => {
    const r = new Redactor();
    r.add('tok_123456');
    const memory = new MemoryLogger();
    const log = redactingLogger(memory, r);
    log.info('token is tok_123456');
    log.error('bad tok_123456', { file: 'a.sql', line: 2 });
    expect(memory.text()).not.toContain('tok_123456');
    expect(memory.entries[1]?.location).toEqual({ file: 'a.sql', line: 2 });
  });
});

describe('Redactor forms (issue 7 §5)', () => {
  it('masks the JSON-escaped form of a secret (JSON reports and outputs)', () => {
    const r = new Redactor();
    r.add('quote"back\\slash');
    expect(r.redact(JSON.stringify({ v: 'quote"back\\slash' }))).toBe('{"v":"***"}');
  });

  it('registers a ?password= value and the whole URL, not only the userinfo password', () => {
    const r = new Redactor();
    r.addUrlCredentials('postgres://u@h/db?password=Query%2Fpw-1');
    expect(r.redact('pw Query/pw-1 and Query%2Fpw-1')).toBe('pw *** and ***');
  });
});
