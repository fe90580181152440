import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomString(length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

/** A Vercel-style identifier: `prefix_` followed by 28 random alphanumerics (`dpl_…`, `prj_…`). */
export function newId(prefix: 'dpl' | 'prj' | 'team' | 'alias' | 'user'): string {
  return `${prefix}_${randomString(prefix === 'user' ? 24 : 28, ALPHABET)}`;
}

/** The lowercase random part of a generated deployment host (`<project>-<hash>-<scope>.vercel.app`). */
export function newUrlHash(): string {
  return randomString(9, LOWER);
}

/** Lowercases and reduces a name to the characters Vercel allows in a project name or hostname label. */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return slug.slice(0, 52) || 'project';
}
