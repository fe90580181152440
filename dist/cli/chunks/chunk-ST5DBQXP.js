import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);

// lib/process/shutdown.ts
var SHUTDOWN_SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
var SHUTDOWN_TIMEOUT_MS = 2e4;
var registrations = /* @__PURE__ */ new Set();
var received;
var installed = false;
function exitFor(signal) {
  process.exit(128 + SHUTDOWN_SIGNALS[signal]);
}
function onSignal(signal) {
  if (received !== void 0) return;
  received = signal;
  const list = [...registrations];
  const endsProgram = list.some((r) => r.endsProgram);
  setTimeout(() => exitFor(signal), SHUTDOWN_TIMEOUT_MS).unref();
  void Promise.allSettled(list.map(async (r) => r.run(signal))).then(() => {
    if (!endsProgram) exitFor(signal);
  });
}
var listeners = Object.fromEntries(
  Object.keys(SHUTDOWN_SIGNALS).map((name) => [name, () => onSignal(name)])
);
function install() {
  if (installed) return;
  installed = true;
  for (const [name, listener] of Object.entries(listeners)) process.on(name, listener);
}
function uninstall() {
  if (!installed) return;
  installed = false;
  for (const [name, listener] of Object.entries(listeners)) process.off(name, listener);
}
function onShutdown(cleanup, options = {}) {
  const registration = { run: cleanup, endsProgram: options.endsProgram === true };
  registrations.add(registration);
  install();
  return () => {
    registrations.delete(registration);
    if (registrations.size === 0 && received === void 0) uninstall();
  };
}

export {
  SHUTDOWN_SIGNALS,
  onShutdown
};
