/**
 * Reads `.github/shipline.yml`: YAML with line positions, then the zod schema. Every problem (YAML syntax, unknown
 * keys, wrong types, out-of-range values) is reported at once, each with file:line:column, the key path, what was
 * expected and what was found, and a hint.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type ConfigIssue, InvalidConfigError } from './errors.js';
import { hintFor } from './hints.js';
import { DEFAULT_CONFIG_PATH, type ShiplineConfig, shiplineConfigSchema } from './schema.js';
import { allowedKeysAt } from './schema-walk.js';
import { closestMatch } from './suggest.js';

export interface LoadConfigOptions {
  /** A missing file yields the defaults instead of an error. */
  allowMissing?: boolean;
  /** Directory `path` is relative to. Default: the process's working directory. */
  cwd?: string;
  /** Name used in messages and annotations (e.g. relative to the repository root). Default: `path`. */
  displayPath?: string;
}

/** A loaded configuration and where it came from. */
export interface LoadedConfig {
  config: ShiplineConfig;
  /** The file as named in messages. */
  file: string;
  /** False when the file was missing and `allowMissing` gave the defaults. */
  found: boolean;
}

const STARTER = 'version: 1';

/** The configuration used when there is no file: every default applied. */
export function defaultConfig(): ShiplineConfig {
  return shiplineConfigSchema.parse({ version: 1 });
}

/** Reads and validates the configuration file at `path`; throws InvalidConfigError listing every problem. */
export async function loadConfig(
  path: string = DEFAULT_CONFIG_PATH,
  options: LoadConfigOptions = {},
): Promise<LoadedConfig> {
  const file = options.displayPath ?? path;
  const absolute = resolve(options.cwd ?? '.', path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && options.allowMissing) return { config: defaultConfig(), file, found: false };
    const missing = code === 'ENOENT';
    throw new InvalidConfigError(
      missing ? 'config_missing' : 'config_unreadable',
      file,
      [
        {
          file,
          path: '',
          message: missing ? `No configuration file at ${file}` : `Cannot read ${file}: ${(error as Error).message}`,
          hint: missing
            ? `Create ${file} starting with \`${STARTER}\` (see examples/app/.github/shipline.yml), or pass the right path.`
            : 'Check that the path is a readable file.',
        },
      ],
      missing ? `Create ${file}, or point the config input/--config flag at your file.` : undefined,
    );
  }
  return { config: parseConfig(text, file), file, found: true };
}

/** Validates YAML `text` as a configuration; `file` names it in messages. Throws InvalidConfigError. */
export function parseConfig(text: string, file: string = DEFAULT_CONFIG_PATH): ShiplineConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, merge: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  if (doc.errors.length > 0) {
    const issues = doc.errors.map<ConfigIssue>((error) => ({
      file,
      ...position(error.pos[0]),
      path: '',
      message: `Invalid YAML: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
      hint: yamlHint(error.code),
    }));
    throw new InvalidConfigError('config_yaml', file, issues);
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    throw new InvalidConfigError('config_empty', file, [
      {
        file,
        line: 1,
        column: 1,
        path: '',
        message: 'The file is empty',
        hint: `Start from \`${STARTER}\` (every other section has defaults) or copy examples/app/.github/shipline.yml.`,
      },
    ]);
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // e.g. an alias bomb (too many alias expansions) or an alias to an undefined anchor.
    throw new InvalidConfigError('config_yaml', file, [
      { file, line: 1, column: 1, path: '', message: `Invalid YAML: ${(error as Error).message}`, hint: yamlHint('') },
    ]);
  }
  const result = shiplineConfigSchema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;

  const issues: ConfigIssue[] = [];
  for (const issue of result.error.issues) {
    for (const described of describeIssue(issue)) {
      const located = locate(doc.contents, described.path, described.at);
      issues.push({
        file,
        ...(located === undefined ? {} : position(located)),
        path: formatPath(described.path),
        message: described.message,
        hint: described.hint,
      });
    }
  }
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  throw new InvalidConfigError('config_invalid', file, issues);
}

interface DescribedIssue {
  path: PropertyKey[];
  /** Point at the key (unknown keys) or at the value. */
  at: 'key' | 'value';
  message: string;
  hint: string;
}

/** Turns one zod issue into messages that say what was expected and what was found. */
function describeIssue(issue: z.core.$ZodIssue): DescribedIssue[] {
  const path = [...issue.path];
  const input = (issue as { input?: unknown }).input;
  const custom = issue.message.startsWith('Expected');
  const got = `, got ${describeValue(input)}`;
  if (input === undefined && issue.code !== 'unrecognized_keys') {
    const expected =
      issue.code === 'invalid_type' && !custom
        ? `expected ${typeName(issue.expected)}`
        : issue.message.replace(/^Expected/, 'expected');
    return [
      { path, at: 'value', message: `Missing required key; ${expected}`, hint: hintFor(path, issue.code, input) },
    ];
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(shiplineConfigSchema, path);
      return issue.keys.map((key) => {
        const suggestion = closestMatch(key, allowed);
        return {
          path: [...path, key],
          at: 'key' as const,
          message: `Unknown key "${key}"`,
          hint: suggestion
            ? `Did you mean \`${suggestion}\`?`
            : allowed.length > 0
              ? `Allowed keys here: ${allowed.join(', ')}.`
              : '',
        };
      });
    }
    case 'invalid_type': {
      const message = custom ? issue.message : `Expected ${typeName(issue.expected)}`;
      return [{ path, at: 'value', message: message + got, hint: hintFor(path, issue.code, input) }];
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v));
      const message = custom
        ? issue.message
        : `Expected ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`}`;
      const suggestion =
        typeof input === 'string'
          ? closestMatch(
              input,
              issue.values.filter((v): v is string => typeof v === 'string'),
            )
          : undefined;
      return [
        {
          path,
          at: 'value',
          message: message + got,
          hint: suggestion ? `Did you mean \`${suggestion}\`?` : hintFor(path, issue.code, input),
        },
      ];
    }
    case 'too_small':
    case 'too_big': {
      let message = issue.message;
      if (!custom) {
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        const op =
          issue.code === 'too_small' ? (issue.inclusive === false ? '>' : '≥') : issue.inclusive === false ? '<' : '≤';
        const what =
          issue.origin === 'array'
            ? `${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} item(s)`
            : issue.origin === 'string'
              ? `${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} character(s)`
              : `a number ${op} ${bound}`;
        message = `Expected ${what}`;
      }
      return [{ path, at: 'value', message: message + got, hint: hintFor(path, issue.code, input) }];
    }
    case 'invalid_union':
    case 'invalid_format':
    case 'custom':
    case 'not_multiple_of':
      return [
        {
          path,
          at: 'value',
          message: (custom ? issue.message : issue.message.replace(/^Invalid input: /, '')) + got,
          hint: hintFor(path, issue.code, input),
        },
      ];
    default:
      return [{ path, at: 'value', message: issue.message, hint: hintFor(path, issue.code, input) }];
  }
}

function typeName(expected: string): string {
  if (expected === 'object' || expected === 'record') return 'a mapping (key: value)';
  if (expected === 'array' || expected === 'tuple') return 'a list';
  if (expected === 'int') return 'a whole number';
  return `a ${expected}`;
}

/** A short, quoted rendering of a user value for messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (empty value)';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/** `a.b[2].c`; keys that are not identifiers are quoted (`environments["eu west"]`). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(String(segment))) out += out ? `.${String(segment)}` : String(segment);
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/** Offset in the source of the node at `path` (its key for `at: 'key'`), or of the deepest ancestor that exists. */
function locate(root: unknown, path: readonly PropertyKey[], at: 'key' | 'value'): number | undefined {
  let node = root as Node | null;
  let best = rangeStart(node);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isAlias(node)) return best;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return best;
      const keyStart = rangeStart(pair.key as Node);
      const valueStart = rangeStart(pair.value as Node | null);
      if (last) return at === 'key' ? (keyStart ?? best) : (valueStart ?? keyStart ?? best);
      best = valueStart ?? keyStart ?? best;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return best;
      best = rangeStart(item) ?? best;
      node = item;
    } else {
      return best;
    }
  }
  return best;
}

function rangeStart(node: Node | null | undefined): number | undefined {
  if (!node || !('range' in node) || !node.range) return undefined;
  return node.range[0];
}

function yamlHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'Each key may appear once per mapping; merge or remove the duplicate.';
    case 'TAB_AS_INDENT':
      return 'YAML indentation must use spaces, not tabs.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'Check the indentation and that every `key:` has a space after the colon.';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'A value spans lines where a key was expected; check indentation and quotes.';
    default:
      return 'Check quotes, colons and indentation near this line.';
  }
}
