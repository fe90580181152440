import { createHash } from 'node:crypto';
import { ALPHANUMERIC, randomString } from '../core/ids.js';

/** A GitHub-style global node id (`<prefix>_kwDO…`), stable for a given type and numeric id. */
export function nodeId(prefix: string, id: number): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(id));
  return `${prefix}_kwDO${bytes.toString('base64url')}`;
}

/** A 40-hex SHA-1 over the given parts, used for emulated git objects. */
export function gitSha(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\0')).digest('hex');
}

/** A stable 32-bit number derived from a string, for ids of objects the emulator does not number itself. */
export function hashId(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}

/** GitHub's timestamp format: ISO 8601 in UTC without milliseconds. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An installation access token shaped like GitHub's (`ghs_` + 36 alphanumerics). */
export function installationTokenValue(): string {
  return `ghs_${randomString(36, ALPHANUMERIC)}`;
}

/** True for a full 40-hex commit/object id. */
export function isSha(value: string): boolean {
  return /^[0-9a-f]{40}$/.test(value);
}
