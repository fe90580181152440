/** Units accepted in byte sizes: SI (powers of 1000) and IEC (powers of 1024). Case matters only for `b` vs `B`. */
const BYTE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** Matches `500kB`, `2 MB`, `1.5MiB`, `1024` (bytes). */
export const BYTE_SIZE_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgG]i?B|B)?\s*$/;

/** Parses a byte size (`500kB`, `2MB`, `1.5MiB`, or a plain number of bytes) into whole bytes; undefined if invalid. */
export function parseByteSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  const match = BYTE_SIZE_PATTERN.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const factor = BYTE_UNITS[(match[2] ?? 'b').toLowerCase()];
  if (factor === undefined) return undefined;
  return Math.floor(amount * factor);
}

/** PostgreSQL duration strings accepted for `lock_timeout`/`statement_timeout`: `500ms`, `5s`, `15min`, `1h`, `0`. */
export const PG_DURATION_PATTERN = /^(0|\d+(\.\d+)?\s*(us|ms|s|min|h|d))$/;

/** Whether `name` is an IANA time zone this runtime knows (e.g. `Europe/Berlin`, `UTC`). */
export function isValidTimeZone(name: string): boolean {
  if (!name) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
