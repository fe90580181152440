/** A tiny, dependency-free argument parser for the `shipline` CLI: `--name value`, `--name=value`, `--flag`. */
import { closestMatch } from '../lib/config/suggest.js';
import { ShiplineError } from '../lib/core/errors.js';

/** The command line could not be understood; the CLI prints it with usage and exits 2. */
export class UsageError extends ShiplineError {
  override name = 'UsageError';
}

/** One option a command accepts. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** One-letter alias, e.g. `h` for `-h`. */
  short?: string;
  description: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** Parsed values: strings for string options, booleans for flags; absent options are left out. */
export interface ParsedArgs {
  values: Record<string, string | boolean>;
  positionals: string[];
}

/**
 * Parses `argv` against `specs`. Unknown options, missing values and values given to flags throw UsageError
 * (with a "did you mean" hint). Everything after `--` is positional. Values are taken verbatim, never expanded.
 */
export function parseArgs(argv: readonly string[], specs: OptionSpecs): ParsedArgs {
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const byShort = new Map(Object.entries(specs).flatMap(([name, s]) => (s.short ? [[s.short, name] as const] : [])));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
    } else if (/^-[A-Za-z]$/.test(arg)) {
      name = byShort.get(arg.slice(1));
      if (!name) throw new UsageError('usage', `Unknown option ${arg}`, { hint: optionsHint(specs) });
    } else {
      positionals.push(arg);
      continue;
    }
    const spec = specs[name];
    if (!spec) {
      const suggestion = closestMatch(name, Object.keys(specs));
      throw new UsageError('usage', `Unknown option --${name}`, {
        hint: suggestion ? `Did you mean --${suggestion}?` : optionsHint(specs),
      });
    }
    if (spec.type === 'boolean') {
      if (inline !== undefined)
        throw new UsageError('usage', `Option --${name} takes no value`, { hint: `Write --${name} alone.` });
      values[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError('usage', `Option --${name} needs a value`, { hint: `Write --${name} <value>.` });
    }
    values[name] = value;
  }
  return { values, positionals };
}

function optionsHint(specs: OptionSpecs): string {
  return `Known options: ${Object.keys(specs)
    .map((n) => `--${n}`)
    .join(', ')}.`;
}

/** The options section of a command's `--help`, one aligned line per option. */
export function formatOptions(specs: OptionSpecs): string {
  const rows = Object.entries(specs).map(([name, s]) => [
    `${s.short ? `-${s.short}, ` : '    '}--${name}${s.type === 'string' ? ' <value>' : ''}`,
    s.description,
  ]);
  const width = Math.max(...rows.map((r) => r[0]?.length ?? 0));
  return rows.map(([left, right]) => `  ${(left ?? '').padEnd(width)}  ${right}`).join('\n');
}
