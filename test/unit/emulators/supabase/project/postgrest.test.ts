import { describe, expect, it } from 'vitest';
import { PostgrestProblem, parseReadQuery, readSql } from '../../../../../emulators/supabase/project/postgrest.js';

const parse = (qs: string) => parseReadQuery('public', 'products', new URLSearchParams(qs));

describe('parseReadQuery / readSql', () => {
  it('turns select, filters, order, limit and offset into one parameterised query', () => {
    const sql = readSql(
      parse(
        'select=sku,label:name&active=eq.true&price_cents=gte.100&sku=in.(a,"b")&order=sku.desc.nullslast&limit=5&offset=10',
      ),
    );
    expect(sql.text).toBe(
      'select coalesce(json_agg(_r), \'[]\'::json)::text as body, count(*)::int as n from (select "products"."sku", "products"."name" as "label" from "public"."products" where "products"."active" = $1 and "products"."price_cents" >= $2 and "products"."sku" in ($3, $4) order by "products"."sku" desc nulls last limit 5 offset 10) _r',
    );
    expect(sql.values).toEqual(['true', '100', 'a', 'b']);
  });

  it('supports is, not, like with * wildcards, and * columns', () => {
    const sql = readSql(parse('deleted_at=is.null&sku=not.eq.old&name=ilike.*mug*'));
    expect(sql.text).toContain(
      'select "products".* from "public"."products" where "products"."deleted_at" is null and not ("products"."sku" = $1) and "products"."name" ilike $2',
    );
    expect(sql.values).toEqual(['old', '%mug%']);
  });

  it('never lets a name or value reach the SQL text unquoted', () => {
    expect(() => parse('select=name;drop table x')).toThrow(PostgrestProblem);
    expect(() => parse('na"me=eq.1')).toThrow(PostgrestProblem);
    const sql = readSql(parse("sku=eq.'); drop table products; --"));
    expect(sql.text).not.toContain('drop');
    expect(sql.values).toEqual(["'); drop table products; --"]);
  });

  it('refuses what the subset does not understand with PGRST100', () => {
    const error = (() => {
      try {
        parse('sku=fts.mug');
      } catch (e) {
        return e as PostgrestProblem;
      }
    })();
    expect(error?.status).toBe(400);
    expect(error?.body()).toMatchObject({
      code: 'PGRST100',
      details: 'unexpected character'.length ? expect.any(String) : null,
    });
    expect(() => parse('select=id,orders(id)')).toThrow(/failed to parse select parameter/);
    expect(() => parse('limit=ten')).toThrow(/failed to parse limit parameter/);
  });
});
