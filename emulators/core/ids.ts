import { randomBytes, randomUUID } from 'node:crypto';

/** Upper- and lowercase letters and digits. */
export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Lowercase letters and digits. */
export const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Lowercase letters only. */
export const LOWER_ALPHA = 'abcdefghijklmnopqrstuvwxyz';

/** `length` random characters drawn from `alphabet` (uniformly, by rejecting biased bytes). */
export function randomString(length: number, alphabet: string = ALPHANUMERIC): string {
  if (alphabet.length === 0 || alphabet.length > 256) throw new RangeError('alphabet must have 1–256 characters');
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length - out.length + 8)) {
      if (byte >= limit) continue;
      out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** `bytes` random bytes as lowercase hex (twice as many characters). */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** A random RFC 4122 version 4 UUID. */
export function randomUuid(): string {
  return randomUUID();
}
