import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);

// lib/core/clock.ts
var systemClock = {
  now: () => /* @__PURE__ */ new Date(),
  sleep: (ms, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  })
};

// cli/terminal-logger.ts
function processIO() {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: { ...process.env },
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    clock: systemClock
  };
}
function where(location) {
  if (!location) return "";
  return ` (${[location.file, location.line, location.column].filter((p) => p !== void 0).join(":")})`;
}
function terminalLogger(io, options = {}) {
  return {
    debug: (m) => {
      if (options.verbose) io.stderr(`debug: ${m}
`);
    },
    info: (m) => io.stderr(`${m}
`),
    warning: (m, loc) => io.stderr(`warning: ${m}${where(loc)}
`),
    error: (m, loc) => io.stderr(`error: ${m}${where(loc)}
`),
    group: async (title, fn) => {
      io.stderr(`${title}
`);
      return fn();
    }
  };
}

export {
  systemClock,
  processIO,
  terminalLogger
};
