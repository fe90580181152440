import { ALPHANUMERIC, LOWER_ALPHANUMERIC, randomString } from '../core/ids.js';

/** A Vercel-style identifier: `prefix_` followed by 28 random alphanumerics (`dpl_…`, `prj_…`). */
export function newId(prefix: 'dpl' | 'prj' | 'team' | 'alias' | 'user'): string {
  return `${prefix}_${randomString(prefix === 'user' ? 24 : 28, ALPHANUMERIC)}`;
}

/** The lowercase random part of a generated deployment host (`<project>-<hash>-<scope>.vercel.app`). */
export function newUrlHash(): string {
  return randomString(9, LOWER_ALPHANUMERIC);
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
