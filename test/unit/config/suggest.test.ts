import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../../lib/config/suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(editDistance('requried', 'required')).toBe(2);
  });
});

describe('closestMatch', () => {
  const keys = ['required-permission', 'vercel-target', 'url', 'branch', 'smoke'];
  it('suggests the nearest key within the limit', () => {
    expect(closestMatch('requried-permission', keys)).toBe('required-permission');
    expect(closestMatch('brnch', keys)).toBe('branch');
  });
  it('treats underscores like dashes and ignores case', () => {
    expect(closestMatch('VERCEL_TARGET', keys)).toBe('vercel-target');
  });
  it('suggests nothing when no key is close', () => {
    expect(closestMatch('bananas', keys)).toBeUndefined();
    expect(closestMatch('x', [])).toBeUndefined();
  });
});
