/**
 * A PostgREST subset over the project's PostgreSQL: `GET /rest/v1/<table>?select=…&<col>=<op>.<value>&order=…&limit=…
 * &offset=…`, run the way PostgREST runs it — in a transaction with `SET LOCAL ROLE <jwt role>` and
 * `request.jwt.claims` set, so the database's own grants and row-level security decide what is visible. Errors have
 * PostgREST's shape: `{ code, message, details, hint }`.
 */
import pg from 'pg';

/** Schemas the API exposes (PostgREST's `db-schemas` on Supabase). */
export const EXPOSED_SCHEMAS = ['public', 'graphql_public'];

/** A PostgREST error answer. */
export class PostgrestProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: string | null = null,
    readonly hint: string | null = null,
  ) {
    super(message);
  }

  /** The JSON body PostgREST sends. */
  body(): Record<string, unknown> {
    return { code: this.code, details: this.details, hint: this.hint, message: this.message };
  }
}

const OPERATORS: Record<string, string> = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const RESERVED = new Set(['select', 'order', 'limit', 'offset', 'apikey', 'columns', 'on_conflict']);

/** A parsed read request. */
export interface ReadQuery {
  schema: string;
  table: string;
  columns: Array<{ name: string; alias?: string }> | '*';
  filters: Array<{ column: string; sql: string; values: unknown[] }>;
  order: Array<{ column: string; desc: boolean; nulls?: 'first' | 'last' }>;
  limit?: number;
  offset?: number;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function identifier(name: string, what: string): string {
  const trimmed = name.trim();
  if (!IDENT.test(trimmed)) {
    throw new PostgrestProblem(
      400,
      'PGRST100',
      `"failed to parse ${what} (${name})" (line 1, column 1)`,
      'unexpected character',
    );
  }
  return trimmed;
}

/** Parses the query string of a read; throws PostgrestProblem (PGRST100) for what the subset does not understand. */
export function parseReadQuery(schema: string, table: string, query: URLSearchParams): ReadQuery {
  const select = query.get('select') ?? '*';
  let columns: ReadQuery['columns'] = '*';
  if (select.trim() !== '*' && select.trim() !== '') {
    columns = select.split(',').map((part) => {
      const [first = '', second] = part.split(':');
      if (part.includes('(')) {
        throw new PostgrestProblem(
          400,
          'PGRST100',
          `"failed to parse select parameter (${select})"`,
          'resource embedding is not supported by the emulator',
        );
      }
      return second === undefined
        ? { name: identifier(first, 'select parameter') }
        : { alias: identifier(first, 'select parameter'), name: identifier(second, 'select parameter') };
    });
  }
  const filters: ReadQuery['filters'] = [];
  for (const [key, raw] of query) {
    if (RESERVED.has(key)) continue;
    const column = identifier(key, 'filter');
    const dot = raw.indexOf('.');
    let op = dot < 0 ? raw : raw.slice(0, dot);
    let value = dot < 0 ? '' : raw.slice(dot + 1);
    let negate = false;
    if (op === 'not') {
      negate = true;
      const next = value.indexOf('.');
      op = next < 0 ? value : value.slice(0, next);
      value = next < 0 ? '' : value.slice(next + 1);
    }
    const col = `${quote(table)}.${quote(column)}`;
    let sql: string;
    let values: unknown[] = [];
    if (op in OPERATORS) {
      sql = `${col} ${OPERATORS[op]} $?`;
      values = [value];
    } else if (op === 'is') {
      const v = value.toLowerCase();
      if (!['null', 'true', 'false', 'unknown'].includes(v)) {
        throw new PostgrestProblem(
          400,
          'PGRST100',
          `"failed to parse filter (is.${value})" (line 1, column 4)`,
          'unexpected value',
        );
      }
      sql = `${col} is ${v}`;
    } else if (op === 'in') {
      const m = /^\((.*)\)$/.exec(value);
      if (!m)
        throw new PostgrestProblem(
          400,
          'PGRST100',
          `"failed to parse filter (in.${value})" (line 1, column 4)`,
          'expected (',
        );
      values = (m[1] ?? '').split(',').map((v) => v.trim().replace(/^"(.*)"$/, '$1'));
      sql = values.length ? `${col} in (${values.map(() => '$?').join(', ')})` : 'false';
    } else if (op === 'like' || op === 'ilike') {
      sql = `${col} ${op} $?`;
      values = [value.replace(/\*/g, '%')];
    } else {
      throw new PostgrestProblem(
        400,
        'PGRST100',
        `"failed to parse filter (${raw})" (line 1, column 1)`,
        `unknown or unsupported operator ${op}`,
      );
    }
    filters.push({ column, sql: negate ? `not (${sql})` : sql, values });
  }
  const order: ReadQuery['order'] = [];
  for (const term of (query.get('order') ?? '').split(',').filter(Boolean)) {
    const [name = '', ...mods] = term.split('.');
    order.push({
      column: identifier(name, 'order'),
      desc: mods.includes('desc'),
      ...(mods.includes('nullsfirst')
        ? { nulls: 'first' as const }
        : mods.includes('nullslast')
          ? { nulls: 'last' as const }
          : {}),
    });
  }
  const int = (name: string) => {
    const v = query.get(name);
    if (v === null) return undefined;
    if (!/^\d+$/.test(v)) throw new PostgrestProblem(400, 'PGRST100', `"failed to parse ${name} parameter (${v})"`);
    return Number(v);
  };
  return { schema, table, columns, filters, order, limit: int('limit'), offset: int('offset') };
}

/** The SQL of a read: a JSON array of the rows, built by PostgreSQL as PostgREST does (types serialise alike). */
export function readSql(q: ReadQuery): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const cols =
    q.columns === '*'
      ? `${quote(q.table)}.*`
      : q.columns.map((c) => `${quote(q.table)}.${quote(c.name)}${c.alias ? ` as ${quote(c.alias)}` : ''}`).join(', ');
  let where = '';
  if (q.filters.length) {
    where = ` where ${q.filters
      .map((f) => {
        let i = 0;
        return f.sql.replace(/\$\?/g, () => {
          values.push(f.values[i++]);
          return `$${values.length}`;
        });
      })
      .join(' and ')}`;
  }
  const order = q.order.length
    ? ` order by ${q.order.map((o) => `${quote(q.table)}.${quote(o.column)} ${o.desc ? 'desc' : 'asc'}${o.nulls ? ` nulls ${o.nulls}` : ''}`).join(', ')}`
    : '';
  const limit = q.limit === undefined ? '' : ` limit ${q.limit}`;
  const offset = q.offset === undefined ? '' : ` offset ${q.offset}`;
  const inner = `select ${cols} from ${quote(q.schema)}.${quote(q.table)}${where}${order}${limit}${offset}`;
  return {
    text: `select coalesce(json_agg(_r), '[]'::json)::text as body, count(*)::int as n from (${inner}) _r`,
    values,
  };
}

/** Runs a read as `role` with `claims`; the rows as JSON text and their count. */
export async function executeRead(
  databaseUrl: string,
  q: ReadQuery,
  role: string,
  claims: Record<string, unknown>,
  request: { method: string; path: string; headers: Record<string, string> },
): Promise<{ body: string; count: number }> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'postgrest-emulator' });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new PostgrestProblem(
      503,
      'PGRST000',
      'Could not connect with the database due to an incorrect db-uri or due to the database being unavailable.',
      (error as Error).message,
    );
  }
  try {
    await client.query('begin isolation level read committed read only');
    await client.query(`set local role ${quote(role)}`).catch((error: { message: string }) => {
      throw new PostgrestProblem(401, 'PGRST301', `role "${role}" does not exist`, error.message);
    });
    await client.query(
      `select set_config('request.jwt.claims', $1, true), set_config('request.method', $2, true),
              set_config('request.path', $3, true), set_config('request.headers', $4, true),
              set_config('search_path', $5, true)`,
      [JSON.stringify(claims), request.method, request.path, JSON.stringify(request.headers), q.schema],
    );
    const sql = readSql(q);
    const result = await client.query<{ body: string; n: number }>(sql.text, sql.values);
    await client.query('commit');
    return { body: result.rows[0]?.body ?? '[]', count: result.rows[0]?.n ?? 0 };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    if (error instanceof PostgrestProblem) throw error;
    throw fromPostgres(error as pg.DatabaseError, role, q);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Maps a PostgreSQL error onto PostgREST's status and body. */
function fromPostgres(error: pg.DatabaseError, role: string, q: ReadQuery): PostgrestProblem {
  const code = error.code ?? 'XX000';
  const detail = error.detail ?? null;
  const hint = error.hint ?? null;
  if (code === '42P01') {
    return new PostgrestProblem(
      404,
      'PGRST205',
      `Could not find the table '${q.schema}.${q.table}' in the schema cache`,
      null,
      null,
    );
  }
  if (code === '42501') return new PostgrestProblem(role === 'anon' ? 401 : 403, code, error.message, detail, hint);
  if (code === '57014') return new PostgrestProblem(500, code, error.message, detail, hint);
  const cls = code.slice(0, 2);
  const status = cls === '22' || cls === '23' || cls === '42' ? 400 : cls === '08' ? 503 : cls === '53' ? 503 : 500;
  return new PostgrestProblem(status, code, error.message, detail, hint);
}
