import fc from 'fast-check';
// node-pg's own parser: the oracle for "read the URL the way the migrate session reads it".
import { parse as pgParse } from 'pg-connection-string';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../lib/core/redact.js';
import { credentialForms, libpqEnvironment, parseConnectionUrl } from '../../../lib/postgres/connection-url.js';

const thrown = (fn: () => unknown): { code?: string; message: string; hint?: string } => {
  try {
    fn();
  } catch (error) {
    return error as { code?: string; message: string; hint?: string };
  }
  throw new Error('expected a throw');
};

describe('parseConnectionUrl', () => {
  it('reads host, port, user, password, database and the libpq parameters, decoded', () => {
    expect(
      parseConnectionUrl('postgresql://postgres.abc:p%40ss%2Fw0rd@db.example.com:6543/postgres?sslmode=require'),
    ).toEqual({
      protocol: 'postgresql:',
      host: 'db.example.com',
      port: '6543',
      user: 'postgres.abc',
      password: 'p@ss/w0rd',
      database: 'postgres',
      params: { sslmode: 'require' },
    });
  });

  it('takes the password (and host, user, dbname) from the query string, as node-pg does', () => {
    const parsed = parseConnectionUrl('postgres://db.example.com/shop?user=app&password=Query%26pw&sslmode=disable');
    expect(parsed).toMatchObject({
      user: 'app',
      password: 'Query&pw',
      database: 'shop',
      params: { sslmode: 'disable' },
    });
    expect(parsed.params).not.toHaveProperty('password');
  });

  it('takes a raw % in the password literally, as node-pg does (no "URI malformed")', () => {
    expect(parseConnectionUrl('postgres://app:50%off%@h/db').password).toBe('50%off%');
    expect(pgParse('postgres://app:50%off%@h/db').password).toBe('50%off%');
  });

  it('reads IPv6 hosts and socket directories', () => {
    expect(parseConnectionUrl('postgres://u:pw@[::1]:5433/db').host).toBe('::1');
    expect(parseConnectionUrl('postgres://u:pw@%2Fvar%2Frun%2Fpostgresql/db').host).toBe('/var/run/postgresql');
  });

  it.each([
    ['postgres//u:pw@host/db', 'malformed'],
    ['postgres:/u:pw@host/db', 'malformed'],
    ['mysql://u:pw@host/db', 'not a PostgreSQL URL'],
    ['host=localhost user=app', 'malformed'],
  ])('refuses %s, naming the problem and not the URL', (url, words) => {
    const error = thrown(() => parseConnectionUrl(url));
    expect(error.code).toBe('database_url_invalid');
    expect(error.message).toContain(words);
    expect(error.message).not.toContain('pw');
  });

  it.each([
    ['unencoded / in the password', 'postgres://app:Slash1234/5678secret@db.example.com:5432/postgres'],
    ['unencoded # in the password', 'postgres://app:Hash1234#5678secret@db.example.com:5432/postgres'],
    ['unencoded ? in the password', 'postgres://app:Quest1234?5678secret@db.example.com:5432/postgres'],
    ['unencoded / with a digit-only head', 'postgres://app:12345/5678secret@db.example.com:5432/postgres'],
    ['unencoded ? with a digit-only head', 'postgres://app:12345?5678secret@db.example.com:5432/postgres'],
    ['unencoded # with a digit-only head', 'postgres://app:12345#5678secret@db.example.com:5432/postgres'],
  ])('refuses an oddly formed URL (%s) and tells the user to percent-encode', (_, url) => {
    const error = thrown(() => parseConnectionUrl(url));
    expect(error.code).toBe('database_url_invalid');
    expect(`${error.message} ${error.hint}`).not.toMatch(/1234|5678|secret/);
    expect(error.hint).toContain('Percent-encode');
  });

  it('accepts an unencoded @ in the password the way node-pg reads it (the last @ ends the userinfo)', () => {
    const url = 'postgres://app:at@sign-pw@db.example.com/postgres';
    expect(parseConnectionUrl(url)).toMatchObject({ host: 'db.example.com', password: 'at@sign-pw' });
    expect(pgParse(url)).toMatchObject({ host: 'db.example.com', password: 'at@sign-pw' });
  });

  it('agrees with node-pg on every password it accepts, whatever characters it holds (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 24, unit: 'binary' }),
          // Biased towards what breaks URLs: escapes, delimiters, spaces, non-ASCII.
          fc.string({
            minLength: 1,
            maxLength: 16,
            unit: fc.constantFrom('%', 'a', 'F', '1', '2', '/', '@', '#', '?', ':', ' ', '+', '&', '=', 'é', 'x'),
          }),
        ),
        fc.constantFrom('encoded', 'raw', 'query'),
        (password, form) => {
          const written = form === 'raw' ? password : encodeURIComponent(password);
          const url =
            form === 'query'
              ? `postgres://app@db.example.com:5432/shop?password=${written}`
              : `postgres://app:${written}@db.example.com:5432/shop`;
          let ours: ReturnType<typeof parseConnectionUrl>;
          try {
            ours = parseConnectionUrl(url);
          } catch (error) {
            // Only a raw password may be refused; a percent-encoded one must always parse.
            expect(form).toBe('raw');
            expect((error as Error).message).not.toContain(password.length >= 4 ? password : '\u0000');
            return;
          }
          // Whatever we accept, node-pg reads the same way (and does not fail on it).
          const theirs = pgParse(url);
          const same = (value: string | null | undefined) => value || undefined;
          expect(same(ours.host)).toBe(same(theirs.host));
          expect(same(ours.port)).toBe(same(String(theirs.port ?? '')));
          expect(same(ours.user)).toBe(same(theirs.user));
          expect(same(ours.password)).toBe(same(theirs.password));
          expect(same(ours.database)).toBe(same(theirs.database));
          // …and it is what the writer meant: a host that is not db.example.com would be a misread password.
          expect(ours.host).toBe('db.example.com');
          // (A raw password holding a valid escape such as %22 is read decoded by every URL reader.)
          if (form !== 'raw' || !/%[0-9a-f]{2}/i.test(password)) expect(ours.password).toBe(password);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('libpqEnvironment', () => {
  it('sets PG* variables for the parts the URL has and the libpq parameters', () => {
    const env = libpqEnvironment(
      parseConnectionUrl(
        'postgres://app:pw%25x@db.example.com:6000/shop?sslmode=require&application_name=x&pgbouncer=true',
      ),
      { PATH: '/bin', PGDATABASE: 'other' },
    );
    expect(env).toEqual({
      PATH: '/bin',
      PGHOST: 'db.example.com',
      PGPORT: '6000',
      PGUSER: 'app',
      PGPASSWORD: 'pw%x',
      PGDATABASE: 'shop',
      PGSSLMODE: 'require',
      PGAPPNAME: 'x',
    });
  });

  it('keeps an inherited PGPASSWORD when the URL carries none', () => {
    expect(libpqEnvironment(parseConnectionUrl('postgres://app@h/db'), { PGPASSWORD: 'inherited' }).PGPASSWORD).toBe(
      'inherited',
    );
  });
});

describe('credentialForms and the redactor', () => {
  const mask = (url: string, text: string) => {
    const r = new Redactor();
    r.addUrlCredentials(url);
    return r.redact(text);
  };

  it('covers the query-string password, decoded and as written', () => {
    const url = 'postgres://app@h/db?password=Qs%2Bpw+plus&sslmode=require';
    expect(mask(url, 'a Qs+pw plus b Qs%2Bpw+plus c Qs+pw+plus')).toBe('a *** b *** c ***');
  });

  it('covers a raw % password in its literal, re-encoded and JSON forms', () => {
    const url = 'postgres://app:50%off"pw@h/db';
    expect(mask(url, '50%off"pw | 50%25off%22pw | 50%off\\"pw')).toBe('*** | *** | ***');
  });

  it('covers every piece an unencoded / ? # cuts a password into', () => {
    for (const sep of ['/', '?', '#']) {
      const url = `postgres://app:Head1234${sep}Tail5678@db.example.com/postgres`;
      const forms = credentialForms(url);
      expect(forms).toEqual(expect.arrayContaining([`Head1234${sep}Tail5678`, 'Head1234', 'Tail5678']));
      expect(mask(url, `connect to host app port Head1234 db Tail5678@db.example.com`)).not.toMatch(/Head|Tail/);
    }
  });

  it('does not treat an encoded @ in a query value as a password', () => {
    expect(credentialForms('postgres://db.example.com:5432/db?application_name=a%40b')).toEqual([]);
  });
});

describe('parseConnectionUrl error messages', () => {
  it('names a well-known other scheme, never an unknown one (it could be a pasted secret)', () => {
    expect(thrown(() => parseConnectionUrl('mysql://u:pw@h/db')).message).toContain('scheme mysql:');
    const pasted = thrown(() => parseConnectionUrl('hunter2secret:rest-of-it'));
    expect(pasted.message).not.toContain('hunter2secret');
    expect(pasted.code).toBe('database_url_invalid');
  });

  it('refuses a control character, which the URL parser would drop silently', () => {
    expect(thrown(() => parseConnectionUrl('postgres://u:pass\tword@h/db')).message).toContain('control character');
  });
});
