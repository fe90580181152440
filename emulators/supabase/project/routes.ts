/**
 * A project's own endpoint (what `https://<ref>.supabase.co` serves), under `/project/<ref>` of the emulator:
 * `/functions/v1/<slug>` runs the deployed function (verify_jwt honoured), `/rest/v1/<table>` is a PostgREST subset
 * over the project's PostgreSQL run as the caller's role, `/auth/v1/health` answers like GoTrue. REST and auth need
 * an `apikey` (header or query) that is one of the project's keys, as the platform's gateway demands.
 */
import { headerValue } from '../../core/headers.js';
import type { EmulatorRequest, EmulatorResponse, EmulatorServer } from '../../core/server.js';
import type { ProjectRecord, SupabaseState } from '../state.js';
import { FunctionBootError, type FunctionHost, UnsupportedFunctionError } from './function-runtime.js';
import { type JwtClaims, verifyJwt } from './jwt.js';
import { EXPOSED_SCHEMAS, executeRead, PostgrestProblem, parseReadQuery } from './postgrest.js';

/** Path prefix of a project's endpoint on the emulator. */
export const PROJECT_PREFIX = '/project';

const json = (status: number, body: unknown, headers: Record<string, string> = {}): EmulatorResponse => ({
  status,
  body,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
});

/** Registers the project endpoint routes. */
export function registerProjectEndpoint(
  server: EmulatorServer,
  state: SupabaseState,
  host: FunctionHost,
  projectUrl: (ref: string) => string,
): void {
  const project = (req: EmulatorRequest): ProjectRecord | undefined => state.projects.get(req.params.ref ?? '');
  const notFound = () => json(404, { message: 'no Route matched with those values' });

  const invoke = async (req: EmulatorRequest): Promise<EmulatorResponse> => {
    const p = project(req);
    if (!p) return notFound();
    const slug = req.params.slug ?? '';
    const fn = p.functions.get(slug);
    const live = fn?.versions.find((v) => v.version === fn.version);
    if (!fn || !live || fn.status !== 'ACTIVE') {
      return json(404, { code: 'NOT_FOUND', message: 'Requested function was not found' });
    }
    if (fn.verifyJwt && req.method !== 'OPTIONS') {
      const auth = headerValue(req, 'authorization');
      if (!auth) return json(401, { code: 'UNAUTHORIZED_NO_AUTH_HEADER', message: 'Missing authorization header' });
      const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1] ?? '';
      const verified = verifyJwt(token, p.jwtSecret, state.now());
      if ('error' in verified) return json(401, { code: 'UNAUTHORIZED_INVALID_JWT_FORMAT', message: 'Invalid JWT' });
    }
    const env: Record<string, string> = {
      SUPABASE_URL: projectUrl(p.ref),
      SUPABASE_ANON_KEY: p.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: p.serviceRoleKey,
      ...(p.databaseUrl ? { SUPABASE_DB_URL: p.databaseUrl } : {}),
    };
    for (const [name, s] of p.secrets) env[name] = s.value;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || name === 'host' || name === 'connection') continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    const rest = req.params.rest ? `/${req.params.rest}` : '';
    try {
      const answer = await host.invoke(live, `${p.ref}/${slug}@${live.version}`, env, {
        url: `${req.url.origin}/${slug}${rest}${req.url.search}`,
        method: req.method,
        headers,
        body: req.body,
      });
      const out: Record<string, string> = {};
      for (const [name, value] of answer.headers) {
        if (name === 'transfer-encoding' || name === 'connection' || name === 'content-length') continue;
        out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
      }
      return { status: answer.status, headers: out, text: answer.body };
    } catch (error) {
      if (error instanceof UnsupportedFunctionError) {
        return json(501, { code: 'NOT_SUPPORTED_BY_EMULATOR', message: error.message });
      }
      if (error instanceof FunctionBootError) {
        host.logs.push(error.message);
        return json(503, {
          code: 'BOOT_ERROR',
          message: 'Function failed to start (please check logs)',
          details: error.message,
        });
      }
      throw error;
    }
  };
  const fnBase = `${PROJECT_PREFIX}/:ref/functions/v1/:slug`;
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
    server.route(method, fnBase, invoke);
    server.route(method, `${fnBase}/:rest*`, invoke);
  }

  /** The gateway's key check; returns the caller's claims (from Authorization, else the apikey). */
  const gateway = (req: EmulatorRequest, p: ProjectRecord): { claims: JwtClaims } | EmulatorResponse => {
    const apikey = headerValue(req, 'apikey') ?? req.query.get('apikey') ?? undefined;
    if (!apikey) {
      return json(401, {
        message: 'No API key found in request',
        hint: 'No `apikey` request header or url param was found.',
      });
    }
    if (apikey !== p.anonKey && apikey !== p.serviceRoleKey) {
      return json(401, {
        message: 'Invalid API key',
        hint: 'Double check your Supabase `anon` or `service_role` API key.',
      });
    }
    const auth = headerValue(req, 'authorization');
    const token = auth ? (/^Bearer\s+(.+)$/i.exec(auth)?.[1] ?? '') : apikey;
    const verified = verifyJwt(token, p.jwtSecret, state.now());
    if ('error' in verified) {
      const expired = verified.error === 'JWT expired';
      return json(401, {
        code: expired ? 'PGRST303' : 'PGRST301',
        details: null,
        hint: null,
        message: expired ? 'JWT expired' : verified.error,
      });
    }
    return verified;
  };

  server.route('GET', `${PROJECT_PREFIX}/:ref/auth/v1/health`, (req) => {
    const p = project(req);
    if (!p) return notFound();
    const checked = gateway(req, p);
    if (!('claims' in checked)) return checked;
    return json(200, {
      version: 'v2.170.0',
      name: 'GoTrue',
      description: 'GoTrue is a user registration and authentication API',
    });
  });

  const rest = async (req: EmulatorRequest): Promise<EmulatorResponse> => {
    const p = project(req);
    if (!p) return notFound();
    const checked = gateway(req, p);
    if (!('claims' in checked)) return checked;
    try {
      if (req.method !== 'GET')
        throw new PostgrestProblem(
          405,
          'PGRST117',
          `Unsupported HTTP method: ${req.method}`,
          null,
          'The emulator serves reads (GET) only',
        );
      if (!p.databaseUrl) {
        throw new PostgrestProblem(
          503,
          'PGRST000',
          'Could not connect with the database: the emulator was started without a database URL',
        );
      }
      const schema = headerValue(req, 'accept-profile') ?? 'public';
      if (!EXPOSED_SCHEMAS.includes(schema)) {
        throw new PostgrestProblem(
          406,
          'PGRST106',
          `Invalid schema: ${schema}`,
          null,
          `Only the following schemas are exposed: ${EXPOSED_SCHEMAS.join(', ')}`,
        );
      }
      const query = parseReadQuery(schema, req.params.table ?? '', req.query);
      const role = typeof checked.claims.role === 'string' ? checked.claims.role : 'anon';
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
      const result = await executeRead(p.databaseUrl, query, role, checked.claims, {
        method: req.method,
        path: `/${req.params.table ?? ''}`,
        headers,
      });
      const range = result.count > 0 ? `${query.offset ?? 0}-${(query.offset ?? 0) + result.count - 1}/*` : '*/*';
      const wantsObject = (headerValue(req, 'accept') ?? '').includes('application/vnd.pgrst.object+json');
      if (wantsObject) {
        if (result.count !== 1) {
          throw new PostgrestProblem(
            406,
            'PGRST116',
            'JSON object requested, multiple (or no) rows returned',
            `The result contains ${result.count} rows`,
          );
        }
        const [row] = JSON.parse(result.body) as unknown[];
        return {
          status: 200,
          headers: { 'content-type': 'application/vnd.pgrst.object+json; charset=utf-8', 'content-range': range },
          text: JSON.stringify(row),
        };
      }
      return {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-range': range },
        text: result.body,
      };
    } catch (error) {
      if (error instanceof PostgrestProblem) return json(error.status, error.body());
      throw error;
    }
  };
  for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'])
    server.route(method, `${PROJECT_PREFIX}/:ref/rest/v1/:table`, rest);
}
