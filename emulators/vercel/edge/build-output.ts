import { ShiplineError } from '../../../lib/core/errors.js';
import type { DeploymentTree } from './vfs.js';

/** One entry of `config.json` `routes` (Build Output API v3): a source route or a phase marker. */
export interface OutputRoute {
  src?: string;
  dest?: string;
  headers?: Record<string, string>;
  status?: number;
  continue?: boolean;
  check?: boolean;
  methods?: string[];
  has?: RouteCondition[];
  missing?: RouteCondition[];
  handle?: 'filesystem' | 'miss' | 'rewrite' | 'hit' | 'error' | 'resource';
  /** Runs this Edge Function (`functions/<middlewarePath>.func`) as middleware for matching requests. */
  middlewarePath?: string;
  override?: boolean;
}

/** A `has` / `missing` condition of a route: the header, query parameter, host or cookie must (not) match. */
export interface RouteCondition {
  type: 'header' | 'query' | 'host' | 'cookie';
  key?: string;
  value?: string;
}

/** A deployment's Build Output API v3 tree: its files rooted at `.vercel/output/` and the parsed `config.json`. */
export interface BuildOutput {
  tree: DeploymentTree;
  /** Path prefix of the output inside the deployment (`.vercel/output/`, or '' for a plain static upload). */
  root: string;
  routes: OutputRoute[];
  /** Static file (relative to `static/`) → the path it is served at and its content type. */
  overrides: Record<string, { path?: string; contentType?: string }>;
  /** False for deployments without a build output: every file is served as a static file. */
  isBuildOutput: boolean;
}

/** Why a deployment's build output cannot be served; the message becomes the deployment's `errorMessage`. */
export class BuildOutputError extends ShiplineError {
  override name = 'BuildOutputError';

  constructor(message: string) {
    super('build_output_invalid', message, { hint: 'Check .vercel/output against the Build Output API v3.' });
  }
}

/**
 * Reads the build output of a deployment: `.vercel/output/config.json` (version 3) when present, else the files
 * are a static site. Throws BuildOutputError when `config.json` is unreadable or not version 3.
 */
export function loadBuildOutput(tree: DeploymentTree): BuildOutput {
  const root = tree.paths().some((p) => p.startsWith('.vercel/output/')) ? '.vercel/output/' : '';
  if (root === '') return { tree, root, routes: [], overrides: {}, isBuildOutput: false };
  const raw = tree.readFile(`${root}config.json`);
  if (!raw) throw new BuildOutputError('The build output is missing ".vercel/output/config.json".');
  let config: { version?: unknown; routes?: unknown; overrides?: unknown };
  try {
    config = JSON.parse(raw.toString('utf8')) as typeof config;
  } catch (error) {
    throw new BuildOutputError(`Invalid ".vercel/output/config.json": ${(error as Error).message}`);
  }
  if (config.version !== 3) {
    throw new BuildOutputError(`Unsupported Build Output API version ${String(config.version)}; expected 3.`);
  }
  const routes = Array.isArray(config.routes) ? (config.routes as OutputRoute[]) : [];
  for (const route of routes) {
    if (route.src === undefined) continue;
    try {
      new RegExp(toJsRegExpSource(route.src));
    } catch {
      throw new BuildOutputError(`Invalid route source in config.json: ${route.src}`);
    }
  }
  const overrides =
    config.overrides && typeof config.overrides === 'object' ? (config.overrides as BuildOutput['overrides']) : {};
  return { tree, root, routes, overrides, isBuildOutput: true };
}

/** Converts a route `src` (PCRE flavoured) to a JavaScript RegExp source: `(?P<name>` → `(?<name>`. */
export function toJsRegExpSource(src: string): string {
  return src.replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>');
}
