import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  onShutdown
} from "./chunk-ST5DBQXP.js";
import {
  ShiplineError
} from "./chunk-4YSQPGXF.js";

// lib/process/run-command.ts
import { spawn } from "node:child_process";
import { stat } from "node:fs/promises";

// lib/process/tail-buffer.ts
var TailBuffer = class {
  constructor(capacity) {
    this.capacity = capacity;
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`invalid tail capacity: ${capacity}`);
  }
  capacity;
  chunks = [];
  retained = 0;
  total = 0;
  /** Appends bytes, dropping the oldest ones beyond the capacity. */
  write(chunk) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    this.total += bytes.length;
    if (this.capacity === 0 || bytes.length === 0) return;
    if (bytes.length >= this.capacity) {
      this.chunks = [Buffer.from(bytes.subarray(bytes.length - this.capacity))];
      this.retained = this.capacity;
      return;
    }
    this.chunks.push(bytes);
    this.retained += bytes.length;
    while (this.retained > this.capacity) {
      const first = this.chunks[0];
      const excess = this.retained - this.capacity;
      if (first.length <= excess) {
        this.chunks.shift();
        this.retained -= first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.retained -= excess;
      }
    }
  }
  /** Bytes currently kept (at most `capacity`). */
  get size() {
    return this.retained;
  }
  /** Bytes ever written, including the dropped ones. */
  get totalBytes() {
    return this.total;
  }
  /** True when some written bytes were dropped. */
  get truncated() {
    return this.total > this.retained;
  }
  /** The kept bytes as one buffer. */
  toBuffer() {
    return Buffer.concat(this.chunks, this.retained);
  }
  /** The kept bytes decoded as UTF-8 (a character cut at the start becomes U+FFFD). */
  toString() {
    return this.toBuffer().toString("utf8");
  }
};
function lastLines(text, count) {
  if (count <= 0) return "";
  const lines = text.replace(/\r?\n$/, "").split(/\r?\n/);
  return lines.slice(-count).join("\n");
}

// lib/process/run-command.ts
var CommandNotFoundError = class extends ShiplineError {
  name = "CommandNotFoundError";
  program;
  constructor(program, cause) {
    super("command_not_found", `command not found: ${program}`, {
      hint: `Install ${program} on the runner or fix the command's first element (a program, not a shell string).`,
      cause
    });
    this.program = program;
  }
};
var DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;
async function isDirectory(path) {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
  }
}
async function runCommand(argv, options = {}) {
  const [program, ...args] = argv;
  if (!program) throw new ShiplineError("command_empty", "the command is empty");
  if (options.signal?.aborted) throw options.signal.reason;
  if (options.cwd !== void 0 && !await isDirectory(options.cwd)) {
    throw new ShiplineError("command_cwd_missing", `working directory does not exist: ${options.cwd}`, {
      hint: "Fix the command's `cwd` (relative to the repository root)."
    });
  }
  const tail = new TailBuffer(options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES);
  const graceMs = options.killGraceMs ?? 2e3;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
      shell: false,
      windowsHide: true
    });
    let timedOut = false;
    let aborted = false;
    let exited = false;
    let settled = false;
    let exitCode = null;
    let exitSignal = null;
    const timers = [];
    let closed = () => void 0;
    const whenClosed = new Promise((r) => {
      closed = r;
    });
    const finish = (error) => {
      if (settled) return;
      settled = true;
      closed();
      unregisterShutdown();
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener("abort", onAbort);
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
        truncated: tail.truncated
      });
    };
    const terminate = (signal = "SIGTERM") => {
      const pid = child.pid;
      if (pid === void 0) return;
      killGroup(pid, signal);
      const hard = setTimeout(() => killGroup(pid, "SIGKILL"), graceMs);
      hard.unref();
      timers.push(hard);
    };
    const onAbort = () => {
      if (exited) return;
      aborted = true;
      terminate();
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const unregisterShutdown = onShutdown((signal) => {
      if (!exited) {
        aborted = true;
        terminate(signal);
      }
      return whenClosed;
    });
    if (options.timeoutMs !== void 0) {
      const timer = setTimeout(() => {
        if (exited) return;
        timedOut = true;
        terminate();
      }, options.timeoutMs);
      timers.push(timer);
    }
    const onData = (stream) => (chunk) => {
      tail.write(chunk);
      options.onOutput?.(chunk, stream);
    };
    child.stdout.on("data", onData("stdout"));
    child.stderr.on("data", onData("stderr"));
    child.on("error", (error) => {
      if (child.pid === void 0) {
        finish(error.code === "ENOENT" || error.code === "EACCES" ? new CommandNotFoundError(program, error) : error);
      }
    });
    child.on("exit", (code, signal) => {
      exited = true;
      exitCode = code;
      exitSignal = signal;
      if (child.pid !== void 0) killGroup(child.pid, "SIGKILL");
      const drain = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish();
      }, graceMs);
      drain.unref();
      timers.push(drain);
    });
    child.on("close", () => finish());
  });
}

// lib/core/size.ts
var UNITS = ["B", "kB", "MB", "GB", "TB"];
function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? "-" : "";
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1e3 && unit < UNITS.length - 1) {
    value /= 1e3;
    unit++;
  }
  if (unit === 0) return `${sign}${Math.round(value)} B`;
  let rounded = Math.round(value * 10) / 10;
  if (rounded >= 1e3 && unit < UNITS.length - 1) {
    rounded = 1;
    unit++;
  }
  return `${sign}${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} ${UNITS[unit]}`;
}

export {
  formatBytes,
  lastLines,
  CommandNotFoundError,
  DEFAULT_MAX_OUTPUT_BYTES,
  runCommand
};
