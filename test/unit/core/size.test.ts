import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../lib/core/size.js';

describe('formatBytes', () => {
  it('uses SI units with at most one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1 kB');
    expect(formatBytes(1_234)).toBe('1.2 kB');
    expect(formatBytes(1_000_000)).toBe('1 MB');
    expect(formatBytes(1_200_000)).toBe('1.2 MB');
    expect(formatBytes(999_960)).toBe('1 MB');
    expect(formatBytes(3_500_000_000)).toBe('3.5 GB');
    expect(formatBytes(-2048)).toBe('-2 kB');
  });
});
