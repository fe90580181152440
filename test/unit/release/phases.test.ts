import { describe, expect, it } from 'vitest';
import { DEPLOY_PHASES, parsePhaseDescription, phaseDescription, phaseIndex } from '../../../lib/release/phases.js';

describe('phases', () => {
  it('writes and reads `<phase>: <detail>`', () => {
    const text = phaseDescription('smoke-staged', 'probing\nhttps://x.vercel.app');
    expect(text).toBe('smoke-staged: probing https://x.vercel.app');
    expect(parsePhaseDescription(text)).toEqual({ phase: 'smoke-staged', detail: 'probing https://x.vercel.app' });
    expect(parsePhaseDescription('done')).toEqual({ phase: 'done', detail: '' });
    expect(parsePhaseDescription('deploying: something')).toBeUndefined();
  });

  it('keeps descriptions within GitHub’s 140 characters', () => {
    const text = phaseDescription('promote', 'x'.repeat(500));
    expect(text).toHaveLength(140);
    expect(text.endsWith('…')).toBe(true);
  });

  it('orders phases', () => {
    expect(phaseIndex('deploy', 'stage')).toBeLessThan(phaseIndex('deploy', 'promote'));
    expect(phaseIndex('rollback', 'stage')).toBe(-1);
    expect(DEPLOY_PHASES.at(-1)).toBe('done');
  });
});
