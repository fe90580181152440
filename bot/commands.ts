/**
 * The ChatOps grammar (DESIGN.md, ChatOps): only the first line of a comment counts, commands are exact and
 * case-sensitive. `parseCommand` is pure and total: it never throws, and returns a command, a refusal that says what
 * was wrong and what would work, or `none` for comments that are not addressed to Shipline.
 */
import { type Command, type CommandName, USAGE } from '../lib/chatops/command.js';
import { CHATOPS_COMMANDS } from '../lib/config/schema.js';
import { isReleaseVersion, isVersionTag } from '../lib/release/release.js';

export type { Command, CommandName } from '../lib/chatops/command.js';
export { USAGE } from '../lib/chatops/command.js';

export type ParseResult =
  | { kind: 'command'; command: Command }
  | { kind: 'refusal'; name: CommandName; reason: 'invalid-command'; message: string; usage: string }
  | { kind: 'none' };

/** Environment names as `.github/shipline.yml` allows them. */
const ENV_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Longest reason kept (it is stored in the lock and the ledger payload). */
export const MAX_REASON_LENGTH = 200;

type Token = { text: string; quoted: boolean };

class GrammarError {
  constructor(readonly message: string) {}
}

/** Parses the first line of a comment body. Never throws. */
export function parseCommand(body: unknown): ParseResult {
  if (typeof body !== 'string') return { kind: 'none' };
  const firstLine = (body.split(/\r?\n|\r/, 1)[0] ?? '').replace(/^[ \t]+|[ \t]+$/g, '');
  const match = /^\/([a-z]+)(?=[ \t]|$)/.exec(firstLine);
  const name = match?.[1];
  if (!name || !(CHATOPS_COMMANDS as readonly string[]).includes(name)) return { kind: 'none' };
  const commandName = name as CommandName;
  try {
    const tokens = tokenize(firstLine.slice(name.length + 1));
    return { kind: 'command', command: build(commandName, tokens) };
  } catch (error) {
    const message = error instanceof GrammarError ? error.message : 'The command could not be read.';
    return {
      kind: 'refusal',
      name: commandName,
      reason: 'invalid-command',
      message: `${message} Write it as \`${USAGE[commandName]}\`.`,
      usage: USAGE[commandName],
    };
  }
}

/** Splits on spaces and tabs; `"..."` is one token (with `\"` and `\\` escapes). */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '"') {
      let value = '';
      i++;
      let closed = false;
      while (i < text.length) {
        const d = text[i];
        if (d === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        value += d;
        i++;
      }
      if (!closed) throw new GrammarError('The quoted text is not closed (a `"` is missing).');
      if (i < text.length && text[i] !== ' ' && text[i] !== '\t') {
        throw new GrammarError('Put a space after the closing `"`.');
      }
      tokens.push({ text: value, quoted: true });
      continue;
    }
    let word = '';
    while (i < text.length && text[i] !== ' ' && text[i] !== '\t') {
      if (text[i] === '"') throw new GrammarError('A `"` may only start a quoted reason.');
      word += text[i];
      i++;
    }
    tokens.push({ text: word, quoted: false });
  }
  return tokens;
}

/** Reads tokens in the grammar's fixed order. */
class Reader {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}
  peek(): Token | undefined {
    return this.tokens[this.index];
  }
  next(): Token | undefined {
    return this.tokens[this.index++];
  }
  done(): boolean {
    return this.index >= this.tokens.length;
  }
}

function show(token: Token): string {
  const text = token.quoted ? `"${token.text}"` : token.text;
  return `\`${text.length > 40 ? `${text.slice(0, 39)}…` : text}\``;
}

function environment(token: Token | undefined, what: string): string {
  if (!token) throw new GrammarError(`${what} is missing.`);
  if (token.quoted || !ENV_NAME.test(token.text)) {
    throw new GrammarError(`${show(token)} is not an environment name (letters, digits, \`.\`, \`_\`, \`-\`).`);
  }
  return token.text;
}

function reasonAfterFlag(reader: Reader): string | undefined {
  const flag = reader.peek();
  if (!flag) return undefined;
  if (flag.quoted || flag.text !== '--reason') return undefined;
  reader.next();
  const value = reader.next();
  if (!value?.quoted) throw new GrammarError('`--reason` takes a quoted text, e.g. `--reason "checkout broken"`.');
  const reason = value.text.trim();
  if (reason.length === 0) throw new GrammarError('The reason is empty.');
  if (reason.length > MAX_REASON_LENGTH) {
    throw new GrammarError(`The reason is longer than ${MAX_REASON_LENGTH} characters.`);
  }
  return reason;
}

function expectEnd(reader: Reader): void {
  const extra = reader.next();
  if (extra) throw new GrammarError(`Unexpected ${show(extra)}.`);
}

function build(name: CommandName, tokens: Token[]): Command {
  const reader = new Reader(tokens);
  switch (name) {
    case 'rollback': {
      const command: Extract<Command, { name: 'rollback' }> = { name: 'rollback' };
      const first = reader.peek();
      if (first && !first.quoted && first.text !== 'to' && first.text !== '--reason') {
        if (!isReleaseVersion(first.text)) {
          throw new GrammarError(`${show(first)} is not a version: versions look like \`v1.2.3\`.`);
        }
        command.version = first.text;
        reader.next();
      }
      const to = reader.peek();
      if (to && !to.quoted && to.text === 'to') {
        reader.next();
        command.environment = environment(reader.next(), 'The environment after `to`');
      }
      const reason = reasonAfterFlag(reader);
      if (reason !== undefined) command.reason = reason;
      expectEnd(reader);
      return command;
    }
    case 'deploy': {
      const version = reader.next();
      if (!version) throw new GrammarError('The version to deploy is missing.');
      if (version.quoted || !isVersionTag(version.text)) {
        throw new GrammarError(`${show(version)} is not a release tag: tags look like \`v1.2.3\`.`);
      }
      const to = reader.next();
      if (!to || to.quoted || to.text !== 'to') throw new GrammarError('Name the environment with `to <env>`.');
      const env = environment(reader.next(), 'The environment after `to`');
      expectEnd(reader);
      return { name: 'deploy', version: version.text, environment: env };
    }
    case 'status': {
      const token = reader.next();
      const command: Extract<Command, { name: 'status' }> = { name: 'status' };
      if (token) command.environment = environment(token, 'The environment');
      expectEnd(reader);
      return command;
    }
    case 'lock': {
      const env = environment(reader.next(), 'The environment to lock');
      const command: Extract<Command, { name: 'lock' }> = { name: 'lock', environment: env };
      const reason = reasonAfterFlag(reader);
      if (reason !== undefined) command.reason = reason;
      expectEnd(reader);
      return command;
    }
    case 'unlock': {
      const env = environment(reader.next(), 'The environment to unlock');
      expectEnd(reader);
      return { name: 'unlock', environment: env };
    }
    case 'help':
      expectEnd(reader);
      return { name: 'help' };
  }
}
