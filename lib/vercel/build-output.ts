/**
 * Checks a prebuilt Build Output API v3 folder (what `vercel build` writes to `.vercel/output`) before any API call:
 * it must exist, sit at `<project>/.vercel/output` (Vercel reads the files under that prefix), and hold a
 * `config.json` with `"version": 3`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { VercelError } from './errors.js';

const HOW_TO_BUILD =
  'Build it before deploying: run `vercel pull --yes --environment=<target>` and `vercel build` (add `--prod` for production) in the project, or let your framework write the Build Output API v3 folder to .vercel/output.';

/** A validated output folder: the project root the client uploads from and the output folder inside it. */
export interface BuildOutput {
  /** The folder that contains `.vercel/output` (the client's `path`). */
  projectDir: string;
  /** The absolute `.vercel/output` folder (the client's `vercelOutputDir`). */
  outputDir: string;
  /** Whether it has functions (`functions/`). */
  hasFunctions: boolean;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Validates `outputDir` (absolute, or relative to `cwd`); throws a VercelError (`invalid-input`) naming the fix. */
export function checkBuildOutput(outputDir: string, cwd: string): BuildOutput {
  const abs = resolve(cwd, outputDir);
  const shown = relative(cwd, abs) || '.';
  if (!isDir(abs)) {
    throw new VercelError('build_output_missing', `The Vercel build output folder ${shown} does not exist.`, {
      reason: 'invalid-input',
      hint: HOW_TO_BUILD,
    });
  }
  if (basename(abs) !== 'output' || basename(dirname(abs)) !== '.vercel') {
    throw new VercelError(
      'build_output_location',
      `The build output folder ${shown} must be named .vercel/output: Vercel reads prebuilt files under that path.`,
      {
        reason: 'invalid-input',
        hint: 'Point vercel.output-dir (or the output-dir input) at <project>/.vercel/output.',
      },
    );
  }
  const configPath = join(abs, 'config.json');
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch {
    throw new VercelError('build_output_invalid', `${join(shown, 'config.json')} is missing.`, {
      reason: 'invalid-input',
      hint: `A Build Output API v3 folder starts with config.json containing {"version": 3}. ${HOW_TO_BUILD}`,
    });
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new VercelError(
      'build_output_invalid',
      `${join(shown, 'config.json')} is not valid JSON: ${(error as Error).message}`,
      { reason: 'invalid-input', hint: HOW_TO_BUILD },
    );
  }
  const version = (config as { version?: unknown } | null)?.version;
  if (version !== 3) {
    throw new VercelError(
      'build_output_invalid',
      `${join(shown, 'config.json')} has "version": ${JSON.stringify(version ?? null)}; the Build Output API needs 3.`,
      { reason: 'invalid-input', hint: `Rebuild with a current Vercel CLI. ${HOW_TO_BUILD}` },
    );
  }
  return { projectDir: dirname(dirname(abs)), outputDir: abs, hasFunctions: isDir(join(abs, 'functions')) };
}

/** The static file of the output that Vercel serves at `path` (`/` → `static/index.html`), when there is one. */
export function staticFileFor(outputDir: string, path: string): Buffer | undefined {
  const clean = decodeURIComponent(path.split('?')[0] ?? '/').replace(/\/+$/, '');
  if (clean.split('/').includes('..')) return undefined;
  const base = join(outputDir, 'static', clean);
  for (const candidate of [join(base, 'index.html'), `${base}.html`, base]) {
    try {
      if (existsSync(candidate) && statSync(candidate).isFile()) return readFileSync(candidate);
    } catch {
      // unreadable: no expectation
    }
  }
  return undefined;
}
