import { createHash, randomBytes } from 'node:crypto';

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

/** GitHub's timestamp format: ISO 8601 in UTC without milliseconds. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An installation access token shaped like GitHub's (`ghs_` + 36 alphanumerics). */
export function installationTokenValue(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(36);
  let out = 'ghs_';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** True for a full 40-hex commit/object id. */
export function isSha(value: string): boolean {
  return /^[0-9a-f]{40}$/.test(value);
}
