import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { sqlProbe } from '../../../../lib/smoke/probes/sql.js';
import { usePostgres } from '../../../support/postgres.js';

const postgres = usePostgres();
const pools: pg.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.end()));
});

async function pool() {
  const url = await postgres.createDatabase();
  await postgres.query(url, 'create table items (id int primary key); insert into items values (1), (2)');
  const p = new pg.Pool({ connectionString: url, max: 2 });
  p.on('error', () => undefined); // idle clients are terminated when the server stops
  pools.push(p);
  return { url, pool: p };
}

const signal = new AbortController().signal;

describe('sqlProbe', () => {
  it('counts rows and checks the minimum', async () => {
    const { pool: p } = await pool();
    const enough = sqlProbe(
      { name: 'items', query: 'select * from items', expectRows: 2 },
      { pool: p, timeoutMs: 2000 },
    );
    expect(await enough.run(signal)).toMatchObject({ ok: true, answered: true });
    const tooFew = sqlProbe(
      { name: 'items', query: 'select * from items', expectRows: 3 },
      { pool: p, timeoutMs: 2000 },
    );
    expect(await tooFew.run(signal)).toMatchObject({ ok: false, error: 'returned 2 rows, expected at least 3' });
  });

  it('cannot write: the query runs in a read-only transaction', async () => {
    const { url, pool: p } = await pool();
    const write = sqlProbe({ name: 'w', query: 'delete from items' }, { pool: p, timeoutMs: 2000 });
    const result = await write.run(signal);
    expect(result).toMatchObject({ ok: false, answered: true });
    expect(result.error).toMatch(/^25006: .*read-only transaction/);
    expect(await postgres.query(url, 'select count(*)::int as n from items')).toEqual([{ n: 2 }]);
  });

  it('stops a slow query at the probe timeout', async () => {
    const { pool: p } = await pool();
    const slow = sqlProbe({ name: 'slow', query: 'select pg_sleep(5)' }, { pool: p, timeoutMs: 100 });
    const result = await slow.run(signal);
    expect(result).toMatchObject({ ok: false, answered: true });
    expect(result.error).toMatch(/^57014: /);
  });
});
