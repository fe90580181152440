import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { ShiplineError } from '../core/errors.js';
import { onShutdown } from './shutdown.js';
import { TailBuffer } from './tail-buffer.js';

/** The program of an argv could not be started because it does not exist (ENOENT) or is not executable. */
export class CommandNotFoundError extends ShiplineError {
  override name = 'CommandNotFoundError';
  readonly program: string;

  constructor(program: string, cause?: unknown) {
    super('command_not_found', `command not found: ${program}`, {
      hint: `Install ${program} on the runner or fix the command's first element (a program, not a shell string).`,
      cause,
    });
    this.program = program;
  }
}

export interface RunCommandOptions {
  /** Working directory. */
  cwd?: string;
  /** The complete environment of the process (nothing is inherited implicitly). */
  env?: Record<string, string | undefined>;
  /** Kill the process group after this many ms; unset = no limit. */
  timeoutMs?: number;
  /** Wait between SIGTERM and SIGKILL when killing the group. Default 2 000 ms. */
  killGraceMs?: number;
  /** Bytes of combined stdout/stderr kept (the tail). Default 64 KiB. */
  maxOutputBytes?: number;
  /** Aborting kills the process group like a timeout does. */
  signal?: AbortSignal;
  /** Receives every output chunk as it arrives (e.g. to stream it to a log); not buffered here. */
  onOutput?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
}

export interface RunCommandResult {
  /** Exit code, or null when the process was ended by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** True when the timeout expired and the group was killed. */
  timedOut: boolean;
  /** True when the abort signal fired and the group was killed. */
  aborted: boolean;
  /** The last `maxOutputBytes` of combined stdout and stderr, decoded as UTF-8. */
  output: string;
  /** Bytes of output produced in total (kept or not). */
  outputBytes: number;
  /** True when older output was dropped to respect `maxOutputBytes`. */
  truncated: boolean;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Runs `argv[0]` with `argv.slice(1)` as verbatim arguments — never through a shell — in its own process group,
 * keeping only the tail of its combined output. On timeout or abort the whole group gets SIGTERM, then SIGKILL
 * after a grace period, so grandchildren die too; when the program exits, processes it left behind in its group
 * are killed as well. When this process gets SIGINT/SIGTERM/SIGHUP (a cancelled workflow, Ctrl-C) while the command
 * runs, the signal is passed on to its group (SIGKILL after the grace period) and the process exits once the group is
 * gone (lib/process/shutdown.ts), so nothing is left running. Resolves with the outcome (a non-zero exit is not an
 * error); rejects with CommandNotFoundError when the program does not exist.
 */
export async function runCommand(argv: readonly string[], options: RunCommandOptions = {}): Promise<RunCommandResult> {
  const [program, ...args] = argv;
  if (!program) throw new ShiplineError('command_empty', 'the command is empty');
  if (options.signal?.aborted) throw options.signal.reason;
  // spawn reports a missing cwd as ENOENT too; check it first so it is not mistaken for a missing program.
  if (options.cwd !== undefined && !(await isDirectory(options.cwd))) {
    throw new ShiplineError('command_cwd_missing', `working directory does not exist: ${options.cwd}`, {
      hint: "Fix the command's `cwd` (relative to the repository root).",
    });
  }
  const tail = new TailBuffer(options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES);
  const graceMs = options.killGraceMs ?? 2_000;

  return new Promise<RunCommandResult>((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      shell: false,
      windowsHide: true,
    });
    let timedOut = false;
    let aborted = false;
    let exited = false;
    let settled = false;
    let exitCode: number | null = null;
    let exitSignal: NodeJS.Signals | null = null;
    const timers: NodeJS.Timeout[] = [];
    let closed: () => void = () => undefined;
    const whenClosed = new Promise<void>((r) => {
      closed = r;
    });

    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      closed();
      unregisterShutdown();
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) {
        reject(error);
        return;
      }
      resolve({
        exitCode,
        signal: exitSignal,
        timedOut,
        aborted,
        output: tail.toString(),
        outputBytes: tail.totalBytes,
        truncated: tail.truncated,
      });
    };

    const terminate = (signal: NodeJS.Signals = 'SIGTERM') => {
      const pid = child.pid;
      if (pid === undefined) return;
      killGroup(pid, signal);
      const hard = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
      hard.unref();
      timers.push(hard);
    };

    const onAbort = () => {
      if (exited) return;
      aborted = true;
      terminate();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    // Our own cancellation reaches the command's whole group; the process ends after it is gone.
    const unregisterShutdown = onShutdown((signal) => {
      if (!exited) {
        aborted = true;
        terminate(signal);
      }
      return whenClosed;
    });

    if (options.timeoutMs !== undefined) {
      const timer = setTimeout(() => {
        if (exited) return;
        timedOut = true;
        terminate();
      }, options.timeoutMs);
      timers.push(timer);
    }

    const onData = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      tail.write(chunk);
      options.onOutput?.(chunk, stream);
    };
    child.stdout.on('data', onData('stdout'));
    child.stderr.on('data', onData('stderr'));

    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) {
        finish(error.code === 'ENOENT' || error.code === 'EACCES' ? new CommandNotFoundError(program, error) : error);
      }
    });
    child.on('exit', (code, signal) => {
      exited = true;
      exitCode = code;
      exitSignal = signal;
      // Leftovers in the group could keep the pipes open (and outlive the check): end them.
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      // A process that escaped the group (setsid) may still hold the pipes: stop waiting after the grace period.
      const drain = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish();
      }, graceMs);
      drain.unref();
      timers.push(drain);
    });
    child.on('close', () => finish());
  });
}
