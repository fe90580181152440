/**
 * Orderly shutdown on SIGINT, SIGTERM and SIGHUP for a process that owns resources (an embedded PostgreSQL, child
 * process groups, servers). Whoever owns one registers a cleanup while it lives. The first signal runs every cleanup
 * once; further signals (Ctrl-C reaches a node under `npm run` twice: from the terminal and from npm) are ignored
 * while they run instead of killing the process half-way. Afterwards the process exits with 128 + the signal's
 * number, unless a cleanup registered with `endsProgram` finishes the program itself. With nothing registered the
 * signals keep their default behaviour.
 */

/** Signals handled, with their numbers (exit code 128 + n). */
export const SHUTDOWN_SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
export type ShutdownSignal = keyof typeof SHUTDOWN_SIGNALS;

export interface ShutdownOptions {
  /** The cleanup's owner ends the program itself after it (the process is not exited for it). */
  endsProgram?: boolean;
}

/** Cleanups still running this long after the first signal are abandoned: the process exits (exit hooks still run). */
export const SHUTDOWN_TIMEOUT_MS = 20_000;

interface Registration {
  run: (signal: ShutdownSignal) => unknown;
  endsProgram: boolean;
}

const registrations = new Set<Registration>();
let received: ShutdownSignal | undefined;
let installed = false;

function exitFor(signal: ShutdownSignal): never {
  process.exit(128 + SHUTDOWN_SIGNALS[signal]);
}

function onSignal(signal: ShutdownSignal): void {
  if (received !== undefined) return;
  received = signal;
  const list = [...registrations];
  const endsProgram = list.some((r) => r.endsProgram);
  setTimeout(() => exitFor(signal), SHUTDOWN_TIMEOUT_MS).unref();
  void Promise.allSettled(list.map(async (r) => r.run(signal))).then(() => {
    if (!endsProgram) exitFor(signal);
  });
}

const listeners = Object.fromEntries(
  Object.keys(SHUTDOWN_SIGNALS).map((name) => [name, () => onSignal(name as ShutdownSignal)]),
) as Record<ShutdownSignal, () => void>;

function install(): void {
  if (installed) return;
  installed = true;
  for (const [name, listener] of Object.entries(listeners)) process.on(name, listener);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const [name, listener] of Object.entries(listeners)) process.off(name, listener);
}

/**
 * Registers `cleanup` to run on the first SIGINT/SIGTERM/SIGHUP; returns a function that unregisters it (call it when
 * the resource is released normally). Registering after a signal arrived runs nothing: the process is already ending.
 */
export function onShutdown(cleanup: (signal: ShutdownSignal) => unknown, options: ShutdownOptions = {}): () => void {
  const registration: Registration = { run: cleanup, endsProgram: options.endsProgram === true };
  registrations.add(registration);
  install();
  return () => {
    registrations.delete(registration);
    // Nothing left to clean up: give the signals their default behaviour back (unless a shutdown is under way).
    if (registrations.size === 0 && received === undefined) uninstall();
  };
}

/** The signal that started a shutdown, if one did. */
export function shutdownSignal(): ShutdownSignal | undefined {
  return received;
}
