import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// lib/config/suggest.ts
function editDistance(a, b) {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
function closestMatch(word, candidates) {
  const normal = (s) => s.toLowerCase().replace(/_/g, "-");
  const target = normal(word);
  const limit = Math.min(3, Math.max(1, Math.floor(target.length / 3)));
  let best;
  for (const candidate of candidates) {
    const distance = editDistance(target, normal(candidate));
    if (distance <= limit && (best === void 0 || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

// lib/core/errors.ts
var ShiplineError = class extends Error {
  name = "ShiplineError";
  /** Stable, machine-readable reason, e.g. `config_invalid`, `migration_failed`. */
  code;
  /** What the user can do about it; empty when there is nothing useful to say. */
  hint;
  constructor(code, message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.code = code;
    this.hint = options.hint ?? "";
  }
};
var ConfigError = class extends ShiplineError {
  name = "ConfigError";
};
var HttpError = class extends ShiplineError {
  name = "HttpError";
  status;
  url;
  body;
  constructor(code, message, details) {
    super(code, message, { hint: details.hint, cause: details.cause });
    this.status = details.status;
    this.url = details.url;
    this.body = details.body ?? "";
  }
};
var TimeoutError = class extends ShiplineError {
  name = "TimeoutError";
};
function describeError(error) {
  if (error instanceof ShiplineError) {
    return error.hint ? `${error.message}
Hint: ${error.hint}` : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

// cli/args.ts
var UsageError = class extends ShiplineError {
  name = "UsageError";
};
function parseArgs(argv, specs) {
  const values = {};
  const positionals = [];
  const byShort = new Map(Object.entries(specs).flatMap(([name, s]) => s.short ? [[s.short, name]] : []));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let name;
    let inline;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? void 0 : arg.slice(eq + 1);
    } else if (/^-[A-Za-z]$/.test(arg)) {
      name = byShort.get(arg.slice(1));
      if (!name) throw new UsageError("usage", `Unknown option ${arg}`, { hint: optionsHint(specs) });
    } else {
      positionals.push(arg);
      continue;
    }
    const spec = specs[name];
    if (!spec) {
      const suggestion = closestMatch(name, Object.keys(specs));
      throw new UsageError("usage", `Unknown option --${name}`, {
        hint: suggestion ? `Did you mean --${suggestion}?` : optionsHint(specs)
      });
    }
    if (spec.type === "boolean") {
      if (inline !== void 0)
        throw new UsageError("usage", `Option --${name} takes no value`, { hint: `Write --${name} alone.` });
      values[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === void 0 || inline === void 0 && value.startsWith("--")) {
      throw new UsageError("usage", `Option --${name} needs a value`, { hint: `Write --${name} <value>.` });
    }
    values[name] = value;
  }
  return { values, positionals };
}
function optionsHint(specs) {
  return `Known options: ${Object.keys(specs).map((n) => `--${n}`).join(", ")}.`;
}
function formatOptions(specs) {
  const rows = Object.entries(specs).map(([name, s]) => [
    `${s.short ? `-${s.short}, ` : "    "}--${name}${s.type === "string" ? " <value>" : ""}`,
    s.description
  ]);
  const width = Math.max(...rows.map((r) => r[0]?.length ?? 0));
  return rows.map(([left, right]) => `  ${(left ?? "").padEnd(width)}  ${right}`).join("\n");
}

export {
  __require,
  __esm,
  __commonJS,
  __export,
  __toESM,
  __toCommonJS,
  closestMatch,
  ShiplineError,
  ConfigError,
  HttpError,
  TimeoutError,
  describeError,
  UsageError,
  parseArgs,
  formatOptions
};
