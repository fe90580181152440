import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBuildOutput, staticFileFor } from '../../../lib/vercel/build-output.js';
import { VercelError } from '../../../lib/vercel/errors.js';

describe('checkBuildOutput', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function output(config?: string): string {
    dir = mkdtempSync(join(tmpdir(), 'shipline-build-output-'));
    const out = join(dir, '.vercel', 'output');
    mkdirSync(join(out, 'static'), { recursive: true });
    if (config !== undefined) writeFileSync(join(out, 'config.json'), config);
    return out;
  }

  function failure(fn: () => unknown): VercelError {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(VercelError);
      return error as VercelError;
    }
    throw new Error('expected a VercelError');
  }

  it('accepts a Build Output API v3 folder and names the project folder above it', () => {
    const out = output('{"version": 3}');
    expect(checkBuildOutput('.vercel/output', dir)).toEqual({ projectDir: dir, outputDir: out, hasFunctions: false });
  });

  it('explains how to make the folder when it is missing', () => {
    dir = mkdtempSync(join(tmpdir(), 'shipline-build-output-'));
    const error = failure(() => checkBuildOutput('.vercel/output', dir));
    expect(error.reason).toBe('invalid-input');
    expect(error.message).toBe('The Vercel build output folder .vercel/output does not exist.');
    expect(error.hint).toContain('vercel build');
  });

  it('refuses a folder not named .vercel/output, a missing or broken config.json and another version', () => {
    output('{"version": 3}');
    expect(failure(() => checkBuildOutput('.vercel', dir)).code).toBe('build_output_location');
    rmSync(dir, { recursive: true });
    output();
    expect(failure(() => checkBuildOutput('.vercel/output', dir)).message).toContain('config.json is missing');
    rmSync(dir, { recursive: true });
    output('{version');
    expect(failure(() => checkBuildOutput('.vercel/output', dir)).message).toContain('is not valid JSON');
    rmSync(dir, { recursive: true });
    output('{"version": 2}');
    expect(failure(() => checkBuildOutput('.vercel/output', dir)).message).toContain('"version": 2');
  });

  it('finds the static file served at a path, and nothing outside static/', () => {
    const out = output('{"version": 3}');
    writeFileSync(join(out, 'static', 'index.html'), 'home');
    mkdirSync(join(out, 'static', 'docs'));
    writeFileSync(join(out, 'static', 'docs', 'index.html'), 'docs');
    writeFileSync(join(out, 'static', 'about.html'), 'about');
    expect(staticFileFor(out, '/')?.toString()).toBe('home');
    expect(staticFileFor(out, '/docs/')?.toString()).toBe('docs');
    expect(staticFileFor(out, '/about')?.toString()).toBe('about');
    expect(staticFileFor(out, '/missing')).toBeUndefined();
    expect(staticFileFor(out, '/../config.json')).toBeUndefined();
  });
});
