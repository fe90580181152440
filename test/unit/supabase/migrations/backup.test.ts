import { describe, expect, it } from 'vitest';
import { splitPassword } from '../../../../lib/supabase/migrations/backup.js';

describe('splitPassword', () => {
  it('takes the password out of the URL for PGPASSWORD, decoded', () => {
    const { url, password } = splitPassword(
      'postgres://postgres.abc:p%40ss%2Fw0rd@db.example.com:5432/postgres?sslmode=require',
    );
    expect(password).toBe('p@ss/w0rd');
    expect(url).toBe('postgres://postgres.abc@db.example.com:5432/postgres?sslmode=require');
    expect(url).not.toContain('w0rd');
  });
});
