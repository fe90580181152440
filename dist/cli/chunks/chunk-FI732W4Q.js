import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);

// lib/release/outcome.ts
function succeeded(message, details, reason = "ok") {
  return { outcome: "success", reason, message, details };
}
function refused(reason, message, details) {
  return { outcome: "refused", reason, message, details };
}
function failed(reason, message, details) {
  return { outcome: "failure", reason, message, details };
}
function inconclusive(reason, message, details) {
  return { outcome: "inconclusive", reason, message, details };
}
function exitCodeFor(outcome) {
  if (outcome.outcome === "success") return 0;
  return outcome.outcome === "refused" ? 3 : 1;
}

export {
  succeeded,
  refused,
  failed,
  inconclusive,
  exitCodeFor
};
