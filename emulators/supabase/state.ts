import { createHash, createHmac, randomBytes } from 'node:crypto';
import { LOWER_ALPHA, randomString, randomUuid } from '../core/ids.js';

export type FunctionStatus = 'ACTIVE' | 'REMOVED' | 'THROTTLED';

/** One deployed (or bundled) version of an edge function: its files and the bundle digest. */
export interface FunctionVersion {
  version: number;
  files: Map<string, Buffer>;
  ezbrSha256: string;
  entrypointPath: string;
  importMapPath: string | undefined;
  staticPatterns: string[];
}

export interface FunctionRecord {
  id: string;
  slug: string;
  name: string;
  status: FunctionStatus;
  version: number;
  createdAt: number;
  updatedAt: number;
  verifyJwt: boolean;
  importMap: boolean;
  entrypointPath: string;
  importMapPath: string | undefined;
  ezbrSha256: string | undefined;
  /** Every version deployed, oldest first; the live one is `version`. */
  versions: FunctionVersion[];
}

export interface ProjectRecord {
  id: string;
  ref: string;
  name: string;
  organizationId: string;
  region: string;
  createdAt: string;
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
  functions: Map<string, FunctionRecord>;
  /** Bundles uploaded with `bundleOnly=true`, waiting for a bulk update: `slug@version` → bundle. */
  pendingBundles: Map<string, FunctionVersion>;
  secrets: Map<string, { value: string; updatedAt: string }>;
  /** The project's PostgreSQL (superuser URL); the project endpoint's PostgREST and SUPABASE_DB_URL use it. */
  databaseUrl: string | undefined;
}

export interface SeedProjectOptions {
  /** 20 lowercase letters, like real project refs; generated when omitted. */
  ref?: string;
  name?: string;
  region?: string;
  organizationId?: string;
  /** The project's PostgreSQL (superuser URL) for the PostgREST subset; none = REST answers 503. */
  databaseUrl?: string;
}

/** The Supabase Management API emulator's world: access tokens and projects (functions, secrets, API keys). */
export class SupabaseState {
  readonly tokens = new Set<string>();
  readonly projects = new Map<string, ProjectRecord>();

  constructor(readonly now: () => Date = () => new Date()) {}

  /** Adds a project; returns it. */
  seedProject(options: SeedProjectOptions = {}): ProjectRecord {
    const ref = options.ref ?? randomRef();
    if (!/^[a-z]{20}$/.test(ref)) throw new Error(`project ref must be 20 lowercase letters: ${ref}`);
    const jwtSecret = randomBytes(32).toString('base64');
    const project: ProjectRecord = {
      id: ref,
      ref,
      name: options.name ?? ref,
      organizationId: options.organizationId ?? 'shiplineorgemulated',
      region: options.region ?? 'us-east-1',
      createdAt: this.now().toISOString(),
      jwtSecret,
      anonKey: signJwt({ iss: 'supabase', ref, role: 'anon' }, jwtSecret, this.now()),
      serviceRoleKey: signJwt({ iss: 'supabase', ref, role: 'service_role' }, jwtSecret, this.now()),
      functions: new Map(),
      pendingBundles: new Map(),
      secrets: new Map(),
      databaseUrl: options.databaseUrl,
    };
    this.projects.set(ref, project);
    return project;
  }

  /** Creates a function or adds a version to it and makes that version live. */
  activate(
    project: ProjectRecord,
    slug: string,
    meta: { name?: string; verifyJwt?: boolean },
    bundle: FunctionVersion,
  ): FunctionRecord {
    const nowMs = this.now().getTime();
    let fn = project.functions.get(slug);
    if (!fn) {
      fn = {
        id: randomUuid(),
        slug,
        name: meta.name ?? slug,
        status: 'ACTIVE',
        version: 0,
        createdAt: nowMs,
        updatedAt: nowMs,
        verifyJwt: meta.verifyJwt ?? true,
        importMap: false,
        entrypointPath: bundle.entrypointPath,
        importMapPath: undefined,
        ezbrSha256: undefined,
        versions: [],
      };
      project.functions.set(slug, fn);
    }
    fn.version = bundle.version;
    fn.status = 'ACTIVE';
    fn.updatedAt = nowMs;
    if (meta.name !== undefined) fn.name = meta.name;
    if (meta.verifyJwt !== undefined) fn.verifyJwt = meta.verifyJwt;
    fn.entrypointPath = bundle.entrypointPath;
    fn.importMapPath = bundle.importMapPath;
    fn.importMap = bundle.importMapPath !== undefined && bundle.importMapPath !== '';
    fn.ezbrSha256 = bundle.ezbrSha256;
    fn.versions.push(bundle);
    return fn;
  }

  /** The next version number for a function (1 for a new one). */
  nextVersion(project: ProjectRecord, slug: string): number {
    const live = project.functions.get(slug)?.version ?? 0;
    const pending = [...project.pendingBundles.entries()]
      .filter(([key, b]) => key.startsWith(`${slug}@`) && b.version > live)
      .map(([, b]) => b);
    return Math.max(live, ...pending.map((b) => b.version)) + 1;
  }

  /** The files of the live version of a function, as text, keyed by path; undefined when it is not deployed. */
  liveFiles(ref: string, slug: string): Record<string, string> | undefined {
    const fn = this.projects.get(ref)?.functions.get(slug);
    const live = fn?.versions.find((v) => v.version === fn.version);
    if (!live) return undefined;
    return Object.fromEntries([...live.files].map(([path, bytes]) => [path, bytes.toString('utf8')]));
  }
}

/** sha256 hex of a secret value: what `GET /secrets` shows instead of the value. */
export function secretDigest(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** A deterministic digest of a bundle's files (stands in for the sha256 of the real eszip bundle). */
export function bundleDigest(files: Map<string, Buffer>, entrypoint: string): string {
  const hash = createHash('sha256').update(`entrypoint:${entrypoint}\0`);
  for (const path of [...files.keys()].sort()) hash.update(`${path}\0`).update(files.get(path)!).update('\0');
  return hash.digest('hex');
}

/** A project ref: 20 lowercase letters, as Supabase generates them. */
function randomRef(): string {
  return randomString(20, LOWER_ALPHA);
}

/** Signs HS256 claims with the project secret (keys and user tokens the project would issue). */
export function signJwt(claims: Record<string, unknown>, secret: string, now: Date): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const iat = Math.floor(now.getTime() / 1000);
  const head = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ ...claims, iat, exp: iat + 10 * 365 * 24 * 3600 })}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}
