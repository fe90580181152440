/**
 * The `shipline` command: a dispatcher over a map of lazily imported commands. Each command module exports
 * `run(argv): Promise<number>` returning the exit code. Installed, bin/shipline.js runs the compiled copy
 * (dist/cli/index.js, `runAsProgram`); in a checkout `npm run shipline -- <command>` runs this file through tsx.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { closestMatch } from '../lib/config/suggest.js';
import { describeError } from '../lib/core/errors.js';
import { UsageError } from './args.js';

/** What a command module provides. */
export interface CliCommand {
  run(argv: string[]): Promise<number>;
}

/** Every command, loaded on first use. Add one with a single line: `name: () => import('./commands/name.js'),`. */
export const commands: Record<string, () => Promise<CliCommand>> = {
  validate: () => import('./commands/validate.js'),
  migrate: () => import('./commands/migrate.js'),
  start: () => import('./commands/start.js'),
  emulate: () => import('./commands/emulate.js'),
  'run-workflow': () => import('./commands/run-workflow.js'),
  deploy: () => import('./commands/deploy.js'),
  promote: () => import('./commands/promote.js'),
  smoke: () => import('./commands/smoke.js'),
  rollback: () => import('./commands/rollback.js'),
};

/** Output sinks of the dispatcher (tests pass their own). */
export interface MainIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processStreams: MainIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

function usage(): string {
  return `Usage: shipline <command> [options]\n\nCommands:\n${Object.keys(commands)
    .map((name) => `  ${name}`)
    .join('\n')}\n\nRun \`shipline <command> --help\` for a command's options.\n`;
}

/** Dispatches `argv` (words after the program name) to a command; returns the exit code (2 = usage or crash). */
export async function main(argv: string[], io: MainIO = processStreams): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    const suggestion = closestMatch(name, Object.keys(commands));
    io.stderr(`error: unknown command "${name}".${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}\n\n${usage()}`);
    return 2;
  }
  try {
    const command = await load();
    return await command.run(rest);
  } catch (error) {
    io.stderr(`error: ${describeError(error)}\n`);
    if (error instanceof UsageError) io.stderr(`Run \`shipline ${name} --help\` for usage.\n`);
    return 2;
  }
}

/** True when this file is the process entry point (not imported by a test). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

/** Runs the CLI as this process's program: dispatches `argv` and sets the process exit code. */
export async function runAsProgram(argv: string[]): Promise<void> {
  process.exitCode = await main(argv);
}

if (isEntryPoint()) await runAsProgram(process.argv.slice(2));
