/**
 * The parts of `supabase/config.toml` the edge-function deploy honours, read as the Supabase CLI reads them:
 * `[functions.<name>]` (`enabled`, `verify_jwt`, `import_map`, `entrypoint`, `static_files`) and the secret names of
 * `[edge_runtime.secrets]` (`NAME = "env(VAR)"`). Paths in the file are relative to the `supabase/` folder.
 */
import { readFile } from 'node:fs/promises';
import { parse, TomlError } from 'smol-toml';
import { EdgeFunctionError } from './errors.js';

/** One `[functions.<name>]` table; absent keys are undefined (the CLI's defaults apply later). */
export interface FunctionToml {
  enabled?: boolean;
  verifyJwt?: boolean;
  /** Import map path relative to the supabase folder, as written. */
  importMap?: string;
  /** Entrypoint path relative to the supabase folder, as written. */
  entrypoint?: string;
  /** Glob patterns relative to the supabase folder. */
  staticFiles?: string[];
}

/** A secret the project's functions read: its name and the environment variable its value comes from. */
export interface SecretReference {
  name: string;
  env: string;
}

export interface SupabaseToml {
  /** Path of the file read; undefined when there is none. */
  file: string | undefined;
  functions: Record<string, FunctionToml>;
  secrets: SecretReference[];
}

const ENV_REF = /^env\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)$/;

/** Reads and checks `config.toml`; a missing file means no settings. Errors name the file and the line. */
export async function readSupabaseToml(file: string, displayPath = file): Promise<SupabaseToml> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file: undefined, functions: {}, secrets: [] };
    throw error;
  }
  return parseSupabaseToml(text, displayPath);
}

/** Parses the text of a `config.toml` (see readSupabaseToml). */
export function parseSupabaseToml(text: string, file: string): SupabaseToml {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      const first = error.message.split('\n')[0] ?? error.message;
      throw new EdgeFunctionError('config_toml_invalid', `${file}:${error.line}:${error.column}: ${first}`, {
        file,
        line: error.line,
        hint: 'Fix the TOML syntax at that line (strings need quotes, tables are [name], keys are unique).',
        cause: error,
      });
    }
    throw error;
  }
  const bad = (where: string, expected: string): never => {
    throw new EdgeFunctionError('config_toml_invalid', `${file}: ${where} must be ${expected}`, {
      file,
      line: lineOf(text, where),
      hint: 'See https://supabase.com/docs/guides/local-development/cli/config for the accepted settings.',
    });
  };
  const functions: Record<string, FunctionToml> = {};
  const table = doc.functions;
  if (table !== undefined && !isTable(table)) bad('functions', 'a table of [functions.<name>] tables');
  for (const [name, raw] of Object.entries((table as Record<string, unknown> | undefined) ?? {})) {
    const where = `functions.${name}`;
    if (!isTable(raw)) bad(where, 'a table');
    const t = raw as Record<string, unknown>;
    const entry: FunctionToml = {};
    for (const [key, value] of Object.entries(t)) {
      switch (key) {
        case 'enabled':
        case 'verify_jwt':
          if (typeof value !== 'boolean') bad(`${where}.${key}`, 'true or false');
          if (key === 'enabled') entry.enabled = value as boolean;
          else entry.verifyJwt = value as boolean;
          break;
        case 'import_map':
        case 'entrypoint':
          if (typeof value !== 'string' || value === '') bad(`${where}.${key}`, 'a non-empty path string');
          if (key === 'import_map') entry.importMap = value as string;
          else entry.entrypoint = value as string;
          break;
        case 'static_files':
          if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
            bad(`${where}.static_files`, 'a list of glob strings');
          }
          entry.staticFiles = value as string[];
          break;
        default:
          // Settings Shipline does not act on (e.g. future CLI keys) are left alone, as the CLI leaves unknown keys.
          break;
      }
    }
    functions[name] = entry;
  }
  const secrets: SecretReference[] = [];
  const runtime = doc.edge_runtime;
  if (isTable(runtime) && runtime.secrets !== undefined) {
    if (!isTable(runtime.secrets)) bad('edge_runtime.secrets', 'a table of NAME = "env(VAR)" entries');
    for (const [name, value] of Object.entries(runtime.secrets as Record<string, unknown>)) {
      const match = typeof value === 'string' ? ENV_REF.exec(value.trim()) : null;
      if (!match)
        bad(`edge_runtime.secrets.${name}`, 'a reference "env(VARIABLE)" (secret values never live in the file)');
      secrets.push({ name, env: (match as RegExpExecArray)[1] as string });
    }
  }
  return { file, functions, secrets };
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The 1-based line where a dotted key (or its table header) appears; undefined when it cannot be found. */
function lineOf(text: string, dotted: string): number | undefined {
  const parts = dotted.split('.');
  const last = parts.at(-1) ?? dotted;
  const header = parts.slice(0, -1).join('.');
  const lines = text.split('\n');
  let inTable = header === '';
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const h = /^\[([^\]]+)\]/.exec(line);
    if (h) {
      const name = (h[1] ?? '').replace(/\s|"/g, '');
      if (name === dotted) return i + 1;
      inTable = name === header;
      continue;
    }
    if (inTable && new RegExp(`^"?${escapeRegExp(last)}"?\\s*=`).test(line)) return i + 1;
  }
  return undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
