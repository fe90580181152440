import { randomHex } from '../core/ids.js';
import { EmulatorServer } from '../core/server.js';
import { ACCESS_TOKEN_PATTERN } from './auth.js';
import { supabaseErrorBody } from './errors.js';
import { FunctionHost } from './project/function-runtime.js';
import { PROJECT_PREFIX, registerProjectEndpoint } from './project/routes.js';
import { RateLimiter, type RateLimitOptions, rateLimited } from './rate-limit.js';
import { registerFunctionRoutes } from './routes/functions.js';
import { registerProjectRoutes } from './routes/projects.js';
import { registerSecretRoutes } from './routes/secrets.js';
import { type SeedProjectOptions, SupabaseState } from './state.js';

export interface SupabaseEmulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Accepted personal access tokens (`sbp_` + 40 hex); one is generated when omitted (see `token`). */
  tokens?: string[];
  /** Projects to create; one (ref `abcdefghijklmnopqrst`) when omitted. */
  projects?: SeedProjectOptions[];
  now?: () => Date;
  /** PostgreSQL (superuser URL) of projects seeded without their own `databaseUrl`. */
  databaseUrl?: string;
  /** The Management API rate limit (default 120 requests per minute per token and project). */
  rateLimit?: RateLimitOptions;
}

export interface SupabaseEmulator {
  /** Base URL standing in for https://api.supabase.com. */
  url: string;
  server: EmulatorServer;
  state: SupabaseState;
  /** The first accepted access token. */
  token: string;
  /** Refs of the seeded projects, in order. */
  refs: string[];
  /** The project endpoint standing in for https://<ref>.supabase.co (what supabase-js is created with). */
  projectUrl(ref: string): string;
  /** Runs the deployed edge functions; its `logs` hold their console output. */
  functions: FunctionHost;
  stop(): Promise<void>;
}

/** Starts the Supabase Management API emulator on loopback. */
export async function startSupabaseEmulator(options: SupabaseEmulatorOptions = {}): Promise<SupabaseEmulator> {
  const state = new SupabaseState(options.now);
  const tokens = options.tokens ?? [`sbp_${randomHex(20)}`];
  for (const token of tokens) {
    if (!ACCESS_TOKEN_PATTERN.test(token)) throw new Error(`not a Supabase access token (sbp_ + 40 hex): ${token}`);
    state.tokens.add(token);
  }
  const refs = (options.projects ?? [{ ref: 'abcdefghijklmnopqrst' }]).map(
    (p) => state.seedProject({ databaseUrl: options.databaseUrl, ...p }).ref,
  );
  const server = new EmulatorServer({
    name: 'supabase',
    errorBody: supabaseErrorBody,
  });
  const now = options.now ?? (() => new Date());
  const api = rateLimited(server, new RateLimiter(options.rateLimit, () => now().getTime()));
  registerProjectRoutes(api, state);
  registerFunctionRoutes(api, state);
  registerSecretRoutes(api, state);
  const functions = new FunctionHost();
  let url = '';
  const projectUrl = (ref: string) => `${url}${PROJECT_PREFIX}/${ref}`;
  registerProjectEndpoint(server, state, functions, projectUrl);
  url = await server.listen(options.port ?? 0);
  return {
    url,
    server,
    state,
    token: tokens[0] ?? '',
    refs,
    projectUrl,
    functions,
    stop: async () => {
      functions.close();
      await server.close();
    },
  };
}

export { ACCESS_TOKEN_PATTERN } from './auth.js';
export type { SeedProjectOptions, SupabaseState } from './state.js';
