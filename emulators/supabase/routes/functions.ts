import { headerValue } from '../../core/headers.js';
import { randomUuid } from '../../core/ids.js';
import type { EmulatorRequest } from '../../core/server.js';
import { projectAccess } from '../auth.js';
import { badRequest, notFound } from '../errors.js';
import type { RouteRegistrar } from '../rate-limit.js';
import {
  bundleDigest,
  type FunctionRecord,
  type FunctionVersion,
  type ProjectRecord,
  type SupabaseState,
} from '../state.js';

const SLUG = /^[A-Za-z][A-Za-z0-9_-]*$/;

interface DeployMetadata {
  entrypoint_path?: unknown;
  import_map_path?: unknown;
  static_patterns?: unknown;
  verify_jwt?: unknown;
  name?: unknown;
}

interface BulkUpdateItem {
  id?: unknown;
  slug?: unknown;
  name?: unknown;
  status?: unknown;
  version?: unknown;
  created_at?: unknown;
  verify_jwt?: unknown;
  import_map?: unknown;
  entrypoint_path?: unknown;
  import_map_path?: unknown;
  ezbr_sha256?: unknown;
}

/** Edge functions: multipart deploy (optionally bundle-only), bulk update, list, get, body, patch, delete. */
export function registerFunctionRoutes(server: RouteRegistrar, state: SupabaseState): void {
  const base = '/v1/projects/:ref/functions';

  server.route('POST', `${base}/deploy`, async (req) => {
    const project = projectAccess(state, req);
    const form = await readForm(req);
    const metaText = form.get('metadata');
    if (typeof metaText !== 'string') throw badRequest('metadata is required');
    let meta: DeployMetadata;
    try {
      meta = JSON.parse(metaText) as DeployMetadata;
    } catch {
      throw badRequest('metadata must be valid JSON');
    }
    const slug = req.query.get('slug') ?? (typeof meta.name === 'string' ? meta.name : '');
    if (!SLUG.test(slug)) throw badRequest('Invalid function slug');
    if (typeof meta.entrypoint_path !== 'string' || meta.entrypoint_path === '') {
      throw badRequest('entrypoint_path is required');
    }
    const files = new Map<string, Buffer>();
    for (const part of form.getAll('file')) {
      if (typeof part === 'string') continue;
      files.set(part.name, Buffer.from(await part.arrayBuffer()));
    }
    if (files.size === 0) throw badRequest('At least one file is required');
    const bundle: FunctionVersion = {
      version: state.nextVersion(project, slug),
      files,
      entrypointPath: meta.entrypoint_path,
      importMapPath: typeof meta.import_map_path === 'string' ? meta.import_map_path : undefined,
      staticPatterns: Array.isArray(meta.static_patterns) ? meta.static_patterns.map(String) : [],
      ezbrSha256: bundleDigest(files, meta.entrypoint_path),
    };
    const name = typeof meta.name === 'string' ? meta.name : undefined;
    const verifyJwt = typeof meta.verify_jwt === 'boolean' ? meta.verify_jwt : undefined;
    if (req.query.get('bundleOnly') === 'true') {
      project.pendingBundles.set(`${slug}@${bundle.version}`, bundle);
      const existing = project.functions.get(slug);
      return {
        status: 201,
        body: {
          id: existing?.id ?? randomUuid(),
          slug,
          name: name ?? existing?.name ?? slug,
          status: 'ACTIVE',
          version: bundle.version,
          verify_jwt: verifyJwt ?? existing?.verifyJwt ?? true,
          import_map: bundle.importMapPath !== undefined,
          entrypoint_path: bundle.entrypointPath,
          ...(bundle.importMapPath !== undefined ? { import_map_path: bundle.importMapPath } : {}),
          ezbr_sha256: bundle.ezbrSha256,
        },
      };
    }
    const fn = state.activate(project, slug, { name, verifyJwt }, bundle);
    return { status: 201, body: functionJson(fn) };
  });

  server.route('PUT', base, (req) => {
    const project = projectAccess(state, req);
    const items = req.json<BulkUpdateItem[]>();
    if (!Array.isArray(items)) throw badRequest('Body must be a list of functions');
    const updated: FunctionRecord[] = [];
    for (const item of items) {
      if (typeof item.slug !== 'string' || !SLUG.test(item.slug)) throw badRequest('Invalid function slug');
      if (typeof item.version !== 'number') throw badRequest('version is required');
      const slug = item.slug;
      const pending = project.pendingBundles.get(`${slug}@${item.version}`);
      const current = project.functions.get(slug);
      const bundle = pending ?? current?.versions.find((v) => v.version === current.version);
      if (!bundle) throw badRequest(`No bundle uploaded for function ${slug}`);
      project.pendingBundles.delete(`${slug}@${item.version}`);
      const fn = state.activate(
        project,
        slug,
        {
          name: typeof item.name === 'string' ? item.name : undefined,
          verifyJwt: typeof item.verify_jwt === 'boolean' ? item.verify_jwt : undefined,
        },
        { ...bundle, version: item.version },
      );
      if (item.status === 'REMOVED' || item.status === 'THROTTLED') fn.status = item.status;
      if (typeof item.id === 'string' && !current) fn.id = item.id;
      updated.push(fn);
    }
    return { status: 200, body: { functions: updated.map(functionJson) } };
  });

  server.route('GET', base, (req) => {
    const project = projectAccess(state, req);
    return { status: 200, body: [...project.functions.values()].map(functionJson) };
  });

  server.route('GET', `${base}/:slug`, (req) => {
    const project = projectAccess(state, req);
    return { status: 200, body: functionJson(findFunction(project, req)) };
  });

  server.route('GET', `${base}/:slug/body`, (req) => {
    const project = projectAccess(state, req);
    const fn = findFunction(project, req);
    const live = fn.versions.find((v) => v.version === fn.version)!;
    if (String(req.headers.accept ?? '').includes('multipart/form-data')) {
      const form = new FormData();
      form.append(
        'metadata',
        JSON.stringify({ entrypoint_path: live.entrypointPath, import_map_path: live.importMapPath ?? null }),
      );
      for (const [path, bytes] of live.files) form.append('file', new Blob([new Uint8Array(bytes)]), path);
      return multipart(form);
    }
    // Stands in for the eszip bundle: the files in path order, each as `<path>\0<length>\0<bytes>`.
    const chunks: Buffer[] = [];
    for (const path of [...live.files.keys()].sort()) {
      const bytes = live.files.get(path)!;
      chunks.push(Buffer.from(`${path}\0${bytes.length}\0`), bytes);
    }
    return { status: 200, headers: { 'content-type': 'application/octet-stream' }, text: Buffer.concat(chunks) };
  });

  // The API takes the settings as query parameters and an optional new bundle as the body
  // (`application/vnd.denoland.eszip`); a JSON body with the same fields (and `body` as source text) is accepted too.
  server.route('PATCH', `${base}/:slug`, (req) => {
    const project = projectAccess(state, req);
    const fn = findFunction(project, req);
    const type = headerValue(req, 'content-type') ?? '';
    const json = type.startsWith('application/json') ? (req.json<Record<string, unknown>>() ?? {}) : {};
    const field = (name: string): string | undefined => {
      const value = req.query.get(name) ?? json[name];
      return value === undefined || value === null ? undefined : String(value);
    };
    let source: Buffer | undefined;
    if (typeof json.body === 'string') source = Buffer.from(json.body);
    else if (!type.startsWith('application/json') && req.body.length > 0) source = req.body;
    const live = fn.versions.find((v) => v.version === fn.version)!;
    if (source) {
      const entrypoint = field('entrypoint_path') ?? live.entrypointPath;
      const files = new Map([[type.includes('eszip') ? 'bundle.eszip' : entrypoint, source]]);
      state.activate(
        project,
        fn.slug,
        {},
        {
          ...live,
          version: state.nextVersion(project, fn.slug),
          files,
          entrypointPath: entrypoint,
          ezbrSha256: field('ezbr_sha256') ?? bundleDigest(files, entrypoint),
        },
      );
    }
    const name = field('name');
    if (name !== undefined) fn.name = name;
    const verifyJwt = field('verify_jwt');
    if (verifyJwt !== undefined) fn.verifyJwt = verifyJwt === 'true';
    const importMap = field('import_map');
    if (importMap !== undefined) fn.importMap = importMap === 'true';
    fn.updatedAt = state.now().getTime();
    return { status: 200, body: functionJson(fn) };
  });

  server.route('DELETE', `${base}/:slug`, (req) => {
    const project = projectAccess(state, req);
    const fn = findFunction(project, req);
    project.functions.delete(fn.slug);
    return { status: 200 };
  });
}

/** A function as the API's FunctionResponse (timestamps in epoch milliseconds). */
export function functionJson(fn: FunctionRecord): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: fn.id,
    slug: fn.slug,
    name: fn.name,
    status: fn.status,
    version: fn.version,
    created_at: fn.createdAt,
    updated_at: fn.updatedAt,
    verify_jwt: fn.verifyJwt,
    import_map: fn.importMap,
    entrypoint_path: fn.entrypointPath,
  };
  if (fn.importMapPath !== undefined) body.import_map_path = fn.importMapPath;
  if (fn.ezbrSha256 !== undefined) body.ezbr_sha256 = fn.ezbrSha256;
  return body;
}

function findFunction(project: ProjectRecord, req: EmulatorRequest): FunctionRecord {
  const fn = project.functions.get(req.params.slug ?? '');
  if (!fn) throw notFound('Function');
  return fn;
}

async function readForm(req: EmulatorRequest): Promise<FormData> {
  const type = headerValue(req, 'content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) throw badRequest('Expected multipart/form-data');
  try {
    return await new Response(new Uint8Array(req.body), { headers: { 'content-type': type } }).formData();
  } catch {
    throw badRequest('Malformed multipart body');
  }
}

async function multipartBody(form: FormData): Promise<{ type: string; bytes: Buffer }> {
  const res = new Response(form);
  return {
    type: res.headers.get('content-type') ?? 'multipart/form-data',
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

async function multipart(form: FormData) {
  const { type, bytes } = await multipartBody(form);
  return { status: 200, headers: { 'content-type': type }, text: bytes };
}
