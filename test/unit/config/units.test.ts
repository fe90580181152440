import { describe, expect, it } from 'vitest';
import { isValidTimeZone, PG_DURATION_PATTERN, parseByteSize } from '../../../lib/config/units.js';

describe('parseByteSize', () => {
  it.each([
    [1024, 1024],
    ['1024', 1024],
    ['512B', 512],
    ['500kB', 500_000],
    ['500 KB', 500_000],
    ['2MB', 2_000_000],
    ['1.5MiB', 1_572_864],
    ['1KiB', 1024],
    ['1GB', 1_000_000_000],
  ])('%s → %d bytes', (input, bytes) => {
    expect(parseByteSize(input)).toBe(bytes);
  });

  it.each(['', 'lots', '2 potatoes', '-1', '1.5.2MB', 'MB'])('rejects %j', (input) => {
    expect(parseByteSize(input)).toBeUndefined();
  });

  it('rejects negative and non-finite numbers', () => {
    expect(parseByteSize(-1)).toBeUndefined();
    expect(parseByteSize(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});

describe('PG_DURATION_PATTERN', () => {
  it('accepts PostgreSQL duration strings', () => {
    for (const ok of ['0', '500ms', '5s', '15min', '1h', '1.5s', '2d']) expect(PG_DURATION_PATTERN.test(ok)).toBe(true);
    for (const bad of ['5', '5 seconds', 's', '5m', '']) expect(PG_DURATION_PATTERN.test(bad)).toBe(false);
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA zones and rejects inventions', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
