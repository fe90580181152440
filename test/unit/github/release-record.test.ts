import { describe, expect, it } from 'vitest';
import { parseEdgeHashes } from '../../../lib/github/release-record.js';

describe('parseEdgeHashes', () => {
  it('reads deploy-edge’s hashes output and treats empty as no functions', () => {
    const hash = 'a'.repeat(64);
    expect(parseEdgeHashes(JSON.stringify({ health: hash }))).toEqual({ health: hash });
    expect(parseEdgeHashes('')).toEqual({});
    expect(parseEdgeHashes('  ')).toEqual({});
  });

  it('refuses anything else with a hint', () => {
    expect(() => parseEdgeHashes('{health')).toThrow(/not JSON/);
    expect(() => parseEdgeHashes('["x"]')).toThrow(/JSON object/);
    expect(() => parseEdgeHashes('{"health":"abc"}')).toThrow(/"health" is not a sha256/);
  });
});
