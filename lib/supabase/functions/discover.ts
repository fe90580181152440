/**
 * Finds the edge functions of a project as the Supabase CLI does: every folder of the functions folder that holds an
 * entrypoint (`index.ts` unless config.toml names another), skipping folders that start with `_` (shared code) or `.`
 * and loose files, plus functions config.toml declares with an explicit entrypoint. Each function comes with the
 * settings the deploy sends (verify_jwt, import map, static files) and the local files it uploads.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { glob } from 'tinyglobby';
import { type FunctionToml, readSupabaseToml, type SecretReference } from './config-toml.js';
import { EdgeFunctionError } from './errors.js';
import { type ImportMap, localImportGraph } from './imports.js';

/** Function names the platform accepts (the CLI's rule). */
export const SLUG_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Entrypoint file names tried, in order, when config.toml names none. */
export const DEFAULT_ENTRYPOINTS = ['index.ts', 'index.js', 'index.tsx', 'index.jsx', 'index.mjs'] as const;

/** One file a function uploads: its name in the upload (relative to the project root, `/`-separated) and location. */
export interface FunctionFile {
  name: string;
  path: string;
}

/** A function found on disk, ready to hash and deploy. */
export interface LocalFunction {
  slug: string;
  /** The function's folder (absolute). */
  dir: string;
  /** Upload name of the entrypoint (`supabase/functions/<slug>/index.ts`). */
  entrypointPath: string;
  /** Upload name of the import map, when there is one. */
  importMapPath: string | undefined;
  verifyJwt: boolean;
  /** Static-file globs as sent in the metadata (upload names). */
  staticPatterns: string[];
  /** Everything uploaded: the entrypoint, the files it imports (shared code included), the import map, static files. */
  files: FunctionFile[];
}

export interface DiscoverOptions {
  /** The project root: upload names are relative to it (the Supabase CLI's working directory). */
  root: string;
  /** The functions folder, relative to root (config `supabase.functions-dir`). */
  functionsDir: string;
  /** config.toml, relative to root; default: `config.toml` next to the functions folder. */
  configToml?: string;
}

export interface Discovery {
  functions: LocalFunction[];
  /** Shared folders (`_…`) found, by name; they are not deployed on their own. */
  shared: string[];
  /** Secrets config.toml's `[edge_runtime.secrets]` names. */
  secrets: SecretReference[];
  /** Functions config.toml disables (`enabled = false`). */
  disabled: string[];
}

/** Discovers the functions under `functionsDir`; throws EdgeFunctionError naming the folder or file at fault. */
export async function discoverFunctions(options: DiscoverOptions): Promise<Discovery> {
  const root = resolve(options.root);
  const functionsDir = resolve(root, options.functionsDir);
  const display = (p: string) => relative(root, p).split(sep).join('/') || '.';
  const supabaseDir = dirname(functionsDir);
  const tomlPath = options.configToml ? resolve(root, options.configToml) : join(supabaseDir, 'config.toml');
  const toml = await readSupabaseToml(tomlPath, display(tomlPath));
  // Paths in config.toml are relative to the folder that holds it (the CLI's `supabase/`).
  const tomlBase = dirname(tomlPath);

  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(functionsDir, { withFileTypes: true });
  } catch {
    throw new EdgeFunctionError(
      'functions_dir_missing',
      `The functions folder ${display(functionsDir)} does not exist`,
      {
        hint: 'Create it (supabase functions new <name>) or set supabase.functions-dir in .github/shipline.yml.',
      },
    );
  }
  const shared = entries
    .filter((e) => e.isDirectory() && e.name.startsWith('_'))
    .map((e) => e.name)
    .sort();
  const folders = entries.filter((e) => e.isDirectory() && !e.name.startsWith('_') && !e.name.startsWith('.'));
  const slugs = new Set(folders.map((e) => e.name));
  for (const [name, settings] of Object.entries(toml.functions)) if (settings.entrypoint) slugs.add(name);

  const rootImportMap = await firstExisting([join(functionsDir, 'import_map.json'), join(functionsDir, 'deno.json')]);
  const functions: LocalFunction[] = [];
  const disabled: string[] = [];
  for (const slug of [...slugs].sort()) {
    const settings: FunctionToml = toml.functions[slug] ?? {};
    const dir = join(functionsDir, slug);
    if (settings.enabled === false) {
      disabled.push(slug);
      continue;
    }
    if (!SLUG_PATTERN.test(slug)) {
      throw new EdgeFunctionError('invalid_slug', `${display(dir)}: "${slug}" is not a valid function name`, {
        hint: 'Function names start with a letter and hold only letters, digits, - and _; rename the folder.',
      });
    }
    let entrypoint: string | undefined;
    if (settings.entrypoint) {
      entrypoint = resolve(tomlBase, settings.entrypoint);
      if (!(await isFile(entrypoint))) {
        throw new EdgeFunctionError(
          'entrypoint_missing',
          `${display(tomlPath)}: [functions.${slug}] entrypoint ${settings.entrypoint} does not exist (looked for ${display(entrypoint)})`,
          {
            file: display(tomlPath),
            hint: 'Paths in config.toml are relative to its folder, e.g. ./functions/<name>/index.ts.',
          },
        );
      }
    } else {
      entrypoint = await firstExisting(DEFAULT_ENTRYPOINTS.map((f) => join(dir, f)));
      if (!entrypoint) {
        throw new EdgeFunctionError(
          'entrypoint_missing',
          `Function folder ${display(dir)} has no entrypoint (expected ${display(join(dir, 'index.ts'))})`,
          {
            hint: `Add index.ts, set [functions.${slug}] entrypoint in ${display(tomlPath)}, or prefix the folder with _ if it holds shared code.`,
          },
        );
      }
    }
    let importMapFile: string | undefined;
    if (settings.importMap) {
      importMapFile = resolve(tomlBase, settings.importMap);
      if (!(await isFile(importMapFile))) {
        throw new EdgeFunctionError(
          'import_map_missing',
          `${display(tomlPath)}: [functions.${slug}] import_map ${settings.importMap} does not exist`,
          { file: display(tomlPath), hint: 'Paths in config.toml are relative to its folder.' },
        );
      }
    } else {
      importMapFile =
        (await firstExisting([join(dir, 'deno.json'), join(dir, 'deno.jsonc'), join(dir, 'import_map.json')])) ??
        rootImportMap;
    }
    const importMap = importMapFile ? await readImportMap(importMapFile, display(importMapFile)) : undefined;
    const reached = await localImportGraph(entrypoint, importMap, display);
    const staticAbs = settings.staticFiles?.map((p) => resolve(tomlBase, p)) ?? [];
    const staticFiles = staticAbs.length
      ? (
          await glob(
            staticAbs.map((p) => relative(root, p).split(sep).join('/')),
            { cwd: root, absolute: true },
          )
        ).sort()
      : [];
    const all = [...new Set([...reached, ...(importMapFile ? [importMapFile] : []), ...staticFiles])];
    for (const file of all) {
      if (!isInside(root, file)) {
        throw new EdgeFunctionError('import_outside_root', `Function ${slug} uses ${file}, outside ${root}`, {
          hint: 'Keep shared code inside the repository (e.g. supabase/functions/_shared).',
        });
      }
    }
    functions.push({
      slug,
      dir,
      entrypointPath: display(entrypoint),
      importMapPath: importMapFile ? display(importMapFile) : undefined,
      verifyJwt: settings.verifyJwt ?? true,
      staticPatterns: staticAbs.map(display),
      files: all.map((path) => ({ name: display(path), path })),
    });
  }
  return { functions, shared, secrets: toml.secrets, disabled };
}

async function readImportMap(file: string, display: string): Promise<ImportMap> {
  const text = await readFile(file, 'utf8');
  let parsed: unknown;
  try {
    // deno.jsonc may hold comments; strip line and block comments outside strings conservatively.
    parsed = JSON.parse(
      file.endsWith('.jsonc') ? text.replace(/^\s*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '') : text,
    );
  } catch (error) {
    throw new EdgeFunctionError('import_map_invalid', `${display} is not valid JSON: ${(error as Error).message}`, {
      file: display,
      hint: 'An import map is a JSON object with an "imports" object.',
    });
  }
  const imports = (parsed as { imports?: unknown }).imports;
  const map: Record<string, string> = {};
  if (imports && typeof imports === 'object') {
    for (const [k, v] of Object.entries(imports)) if (typeof v === 'string') map[k] = v;
  }
  return { file, imports: map };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function firstExisting(paths: string[]): Promise<string | undefined> {
  for (const p of paths) if (await isFile(p)) return p;
  return undefined;
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
