/**
 * The content hash of a function: what the ledger records per slug (`edge`) and what decides whether a deploy can be
 * skipped. It covers exactly what a deploy sends: every uploaded file (the entrypoint, every local file it imports —
 * shared `_…` code included —, the import map and static files; name and bytes) and the settings that change how
 * the platform runs it (entrypoint, import map path, verify_jwt, static patterns). So an edit to a shared file
 * changes the hash of the functions that import it and only those; an unrelated file in the folder changes nothing.
 * Dynamic imports with computed specifiers are not followed (see imports.ts).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { LocalFunction } from './discover.js';

/** Bumped when what the hash covers changes, so old ledger hashes never match by accident. */
export const FUNCTION_HASH_SCHEME = 'shipline-edge-v1';

/** sha256 hex of the function's uploaded files and settings (see the module comment). */
export async function functionHash(fn: LocalFunction): Promise<string> {
  const hash = createHash('sha256');
  const settings = {
    scheme: FUNCTION_HASH_SCHEME,
    entrypoint: fn.entrypointPath,
    importMap: fn.importMapPath ?? null,
    verifyJwt: fn.verifyJwt,
    staticPatterns: fn.staticPatterns,
  };
  hash.update(`${JSON.stringify(settings)}\n`);
  for (const file of [...fn.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const bytes = await readFile(file.path);
    hash.update(`${file.name}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}
