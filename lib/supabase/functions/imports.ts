/**
 * The local files a function's entrypoint reaches through static imports: `import … from`, `export … from`,
 * side-effect `import '…'` and `import('…')` with a literal, following relative paths and import-map entries that
 * point at local files. Remote (`https:`, `npm:`, `jsr:`, `node:`) specifiers are left to the platform. This is the
 * set the Supabase CLI uploads; dynamic imports with computed specifiers are not followed (nor by the CLI).
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EdgeFunctionError } from './errors.js';

/** An import map's `imports` (longest-prefix match for keys ending in `/`), with its folder for relative targets. */
export interface ImportMap {
  file: string;
  imports: Record<string, string>;
}

const SPECIFIER =
  /\b(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?(['"])([^'"\n]+)\1|\bimport\s*\(\s*(['"])([^'"\n]+)\3\s*\)/g;

/** Specifiers of static imports in `source` with their 1-based lines; comments and string contents are ignored. */
export function importSpecifiers(source: string): Array<{ specifier: string; line: number }> {
  const code = blankComments(source);
  const found: Array<{ specifier: string; line: number }> = [];
  for (const match of code.matchAll(SPECIFIER)) {
    const specifier = match[2] ?? match[4];
    if (!specifier) continue;
    const line = code.slice(0, match.index).split('\n').length;
    found.push({ specifier, line });
  }
  return found;
}

/** Resolves a specifier to a local absolute path, or undefined when it names a remote module. */
export function resolveLocal(specifier: string, fromFile: string, importMap?: ImportMap): string | undefined {
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/')) {
    return resolve(dirname(fromFile), specifier);
  }
  if (specifier.startsWith('file://')) return new URL(specifier).pathname;
  if (importMap) {
    let target: string | undefined;
    if (specifier in importMap.imports) target = importMap.imports[specifier];
    else {
      const prefix = Object.keys(importMap.imports)
        .filter((k) => k.endsWith('/') && specifier.startsWith(k))
        .sort((a, b) => b.length - a.length)[0];
      if (prefix !== undefined) target = `${importMap.imports[prefix]}${specifier.slice(prefix.length)}`;
    }
    if (target && (target.startsWith('./') || target.startsWith('../') || target.startsWith('/'))) {
      return new URL(target, pathToFileURL(importMap.file)).pathname;
    }
  }
  return undefined;
}

/**
 * Walks the local import graph from `entrypoint`; returns every reached file (entrypoint first, then sorted).
 * `display` turns an absolute path into the one errors name (e.g. relative to the repository).
 */
export async function localImportGraph(
  entrypoint: string,
  importMap?: ImportMap,
  display: (path: string) => string = (p) => p,
): Promise<string[]> {
  const seen = new Set<string>([entrypoint]);
  const queue = [entrypoint];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (!/\.(?:[cm]?[jt]sx?)$/.test(file)) continue;
    const source = await readFile(file, 'utf8');
    for (const { specifier, line } of importSpecifiers(source)) {
      const target = resolveLocal(specifier, file, importMap);
      if (target === undefined || seen.has(target)) continue;
      try {
        await readFile(target);
      } catch {
        throw new EdgeFunctionError(
          'import_missing',
          `${display(file)}:${line}: imports "${specifier}", which does not exist`,
          {
            file: display(file),
            line,
            hint: 'Fix the path (relative imports need the file extension, e.g. ../_shared/cors.ts) or add the file.',
          },
        );
      }
      seen.add(target);
      queue.push(target);
    }
  }
  return [entrypoint, ...[...seen].filter((f) => f !== entrypoint).sort()];
}

/** Replaces comments with spaces (keeping newlines) so commented-out imports are not followed. */
function blankComments(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === '"' || c === "'" || c === '`') {
      // Copy the string as is: import specifiers live in strings, so they must survive.
      const start = i;
      i++;
      while (i < source.length && source[i] !== c && !(c !== '`' && source[i] === '\n')) {
        if (source[i] === '\\') i++;
        i++;
      }
      i++;
      out += source.slice(start, i);
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
