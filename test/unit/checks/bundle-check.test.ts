import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleCheck, measureBundle } from '../../../lib/checks/bundle-check.js';
import { checkContext } from './check-context.js';

let dir: string;

function file(path: string, content: Buffer | string): void {
  const full = join(dir, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, content);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-bundle-'));
  file('out/static/app.js', 'a'.repeat(600_000)); // compresses to almost nothing
  file('out/static/vendor.js', randomBytes(500_000)); // does not compress
  file('out/static/.hidden/chunk.js', 'b'.repeat(100_000));
  for (let i = 0; i < 12; i++) file(`out/static/small/${i}.css`, 'c'.repeat(100 + i));
  file('elsewhere/ignored.js', 'x'.repeat(5_000_000));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('measureBundle', () => {
  it('sums sizes including dot files, and gzips each file at level 6', async () => {
    const m = await measureBundle(dir, 'out/static/**', true);
    expect(m.files).toHaveLength(15);
    expect(m.files.map((f) => f.path)).toContain('out/static/.hidden/chunk.js');
    const cssBytes = Array.from({ length: 12 }, (_, i) => 100 + i).reduce((a, b) => a + b, 0);
    expect(m.totalBytes).toBe(600_000 + 500_000 + 100_000 + cssBytes);
    const app = m.files.find((f) => f.path === 'out/static/app.js')!;
    expect(app.gzipBytes).toBe(gzipSync(Buffer.from('a'.repeat(600_000)), { level: 6 }).length);
    expect(m.gzipBytes).toBe(m.files.reduce((s, f) => s + (f.gzipBytes ?? 0), 0));
  });
});

describe('bundleCheck', () => {
  it('passes within budget with human sizes', async () => {
    const result = await bundleCheck({ budgets: [{ glob: 'out/static/**', maxTotalBytes: 2_000_000 }] }).run(
      checkContext({ cwd: dir }),
    );
    expect(result.status).toBe('pass');
    expect(result.message).toBe('out/static/**: 1.2 MB of 2 MB');
  });

  it('fails over the total budget and lists the 10 largest files', async () => {
    const result = await bundleCheck({ budgets: [{ glob: 'out/static/**', maxTotalBytes: 1_000_000 }] }).run(
      checkContext({ cwd: dir }),
    );
    expect(result.status).toBe('fail');
    expect(result.message).toBe('out/static/** over budget: 1.2 MB of 1 MB');
    const lines = result.details!.split('\n');
    expect(lines[0]).toBe('out/static/**: 15 file(s), 1.2 MB of 1 MB; largest:');
    expect(lines).toHaveLength(11);
    expect(lines[1]).toContain('out/static/app.js');
    expect(lines[2]).toContain('out/static/vendor.js');
    expect(lines[3]).toContain('out/static/.hidden/chunk.js');
  });

  it('fails over the gzip budget even when the raw size fits', async () => {
    const result = await bundleCheck({
      budgets: [{ glob: 'out/static/**/*.js', maxTotalBytes: 5_000_000, maxGzipBytes: 400_000 }],
    }).run(checkContext({ cwd: dir }));
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/^out\/static\/\*\*\/\*\.js over budget: 50\d\.\d kB gzip of 400 kB$/);
    expect(result.details).toContain('gzip)  out/static/vendor.js');
  });

  it('warns when a glob matches nothing, and still fails another budget', async () => {
    const warn = await bundleCheck({ budgets: [{ glob: 'dist/**', maxTotalBytes: 1 }] }).run(
      checkContext({ cwd: dir }),
    );
    expect(warn).toEqual({ status: 'warn', message: 'dist/**: no files matched' });
    const both = await bundleCheck({
      budgets: [
        { glob: 'dist/**', maxTotalBytes: 1 },
        { glob: 'elsewhere/*.js', maxTotalBytes: 1_000_000 },
      ],
    }).run(checkContext({ cwd: dir }));
    expect(both.status).toBe('fail');
    expect(both.message).toBe('elsewhere/*.js over budget: 5 MB of 1 MB');
  });
});
