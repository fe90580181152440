import { describe, expect, it } from 'vitest';
import { latencySummary, percentile } from '../../../lib/smoke/percentiles.js';

describe('percentiles', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
    expect(latencySummary([3, 1, 2])).toEqual({ p50: 2, p95: 3, p99: 3, max: 3 });
    expect(latencySummary([])).toEqual({});
  });
});
