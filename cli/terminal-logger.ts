import { type Clock, systemClock } from '../lib/core/clock.js';
import type { Logger, SourceLocation } from '../lib/core/logger.js';

/** Where CLI output goes; injected so tests capture it. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Environment visible to checks (read once by the CLI entry). */
  env: Record<string, string | undefined>;
  /** Directory the command was started in. */
  cwd: string;
  /** Colour output (stdout is a terminal and NO_COLOR is unset). */
  color: boolean;
  /** "Now" for time-dependent checks (freeze windows, certificate expiry); tests pin it. */
  clock: Clock;
}

/** The real process's streams, environment and directory. */
export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: { ...process.env },
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    clock: systemClock,
  };
}

function where(location: SourceLocation | undefined): string {
  if (!location) return '';
  return ` (${[location.file, location.line, location.column].filter((p) => p !== undefined).join(':')})`;
}

/** A Logger for terminals: everything on stderr (stdout stays for tables and JSON); debug only when verbose. */
export function terminalLogger(io: Pick<CliIO, 'stderr'>, options: { verbose?: boolean } = {}): Logger {
  return {
    debug: (m) => {
      if (options.verbose) io.stderr(`debug: ${m}\n`);
    },
    info: (m) => io.stderr(`${m}\n`),
    warning: (m, loc) => io.stderr(`warning: ${m}${where(loc)}\n`),
    error: (m, loc) => io.stderr(`error: ${m}${where(loc)}\n`),
    group: async (title, fn) => {
      io.stderr(`${title}\n`);
      return fn();
    },
  };
}
