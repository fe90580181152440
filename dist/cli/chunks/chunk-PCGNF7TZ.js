import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  backoffDelay,
  httpRequest,
  parseRetryAfter
} from "./chunk-23YFJWZK.js";
import {
  failed,
  succeeded
} from "./chunk-FI732W4Q.js";
import {
  HttpError,
  ShiplineError,
  describeError
} from "./chunk-4YSQPGXF.js";

// lib/supabase/functions/errors.ts
var EdgeFunctionError = class extends ShiplineError {
  name = "EdgeFunctionError";
  file;
  line;
  constructor(code, message, options = {}) {
    super(code, message, { hint: options.hint, cause: options.cause });
    this.file = options.file;
    this.line = options.line;
  }
};

// lib/supabase/functions/api.ts
var RETRY_STATUSES = /* @__PURE__ */ new Set([429, 500, 502, 503, 504]);
var ManagementApi = class {
  constructor(options) {
    this.options = options;
  }
  options;
  blockedUntil = 0;
  /** Requests sent, retries included (for reports and tests). */
  requestCount = 0;
  /** Every function of the project. */
  async listFunctions(ref) {
    const res = await this.call("GET", `/v1/projects/${ref}/functions`, `list functions of ${ref}`);
    return JSON.parse(res);
  }
  /** Creates or updates function `slug` from its files (`POST /functions/deploy?slug=`, multipart). */
  async deployFunction(ref, slug, metadata, files) {
    const form = new FormData();
    form.append("metadata", JSON.stringify(metadata));
    for (const file of files) form.append("file", new Blob([new Uint8Array(file.bytes)]), file.name);
    const encoded = new Response(form);
    const type = encoded.headers.get("content-type") ?? "multipart/form-data";
    const body = new Uint8Array(await encoded.arrayBuffer());
    const text = await this.call(
      "POST",
      `/v1/projects/${ref}/functions/deploy?slug=${encodeURIComponent(slug)}`,
      `deploy function ${slug}`,
      { body, type }
    );
    return JSON.parse(text);
  }
  /** Deletes function `slug`. */
  async deleteFunction(ref, slug) {
    await this.call("DELETE", `/v1/projects/${ref}/functions/${encodeURIComponent(slug)}`, `delete function ${slug}`);
  }
  /** Creates or updates secrets in one request (`POST /v1/projects/{ref}/secrets`). */
  async setSecrets(ref, secrets) {
    await this.call("POST", `/v1/projects/${ref}/secrets`, `set ${secrets.length} secret(s)`, {
      body: new TextEncoder().encode(JSON.stringify(secrets)),
      type: "application/json"
    });
  }
  async call(method, path, what, payload) {
    const { clock } = this.options;
    const attempts = this.options.attempts ?? 5;
    const policy = {
      attempts,
      baseDelayMs: this.options.baseDelayMs ?? 500,
      maxDelayMs: this.options.maxDelayMs ?? 6e4
    };
    const url = `${this.options.baseUrl.replace(/\/+$/, "")}${path}`;
    for (let attempt = 1; ; attempt++) {
      const wait = this.blockedUntil - clock.now().getTime();
      if (wait > 0) {
        this.options.onWait?.({ what, delayMs: wait, reason: "rate limit window" });
        await clock.sleep(Math.min(wait, policy.maxDelayMs));
      }
      this.requestCount++;
      let status;
      let text;
      let headers;
      let reason;
      try {
        const res = await httpRequest(
          url,
          {
            method,
            headers: {
              authorization: `Bearer ${this.options.token}`,
              accept: "application/json",
              ...payload ? { "content-type": payload.type } : {}
            },
            body: payload?.body,
            retry: { attempts: 1 },
            timeoutMs: this.options.timeoutMs ?? 12e4
          },
          { fetch: this.options.fetch, clock }
        );
        status = res.status;
        text = res.text;
        headers = res.headers;
        this.noteRateLimit(headers);
        if (status >= 200 && status < 300) return text;
        reason = `HTTP ${status}`;
      } catch (error) {
        if (attempt >= attempts) {
          throw new EdgeFunctionError("api_error", `Could not ${what}: ${error.message}`, {
            hint: "The Supabase Management API could not be reached; check api-url and the network, then re-run.",
            cause: error
          });
        }
        reason = error instanceof HttpError ? "network error" : error.message;
        status = 0;
        text = "";
      }
      if (status !== 0 && (!RETRY_STATUSES.has(status) || attempt >= attempts)) {
        throw apiError(status, text, what, url);
      }
      const retryAfter = headers ? parseRetryAfter(headers.get("retry-after"), clock.now()) : void 0;
      const delayMs = Math.min(policy.maxDelayMs, retryAfter ?? backoffDelay(attempt, policy, this.options.random));
      if (status === 429) this.blockedUntil = Math.max(this.blockedUntil, clock.now().getTime() + delayMs);
      this.options.onWait?.({ what, delayMs, reason });
      await clock.sleep(delayMs);
    }
  }
  /** When the window is used up, hold every request until it resets. */
  noteRateLimit(headers) {
    if (headers.get("x-ratelimit-remaining") !== "0") return;
    const reset = Number(headers.get("x-ratelimit-reset"));
    if (!Number.isFinite(reset) || reset <= 0) return;
    const now = this.options.clock.now().getTime();
    const until = reset > 1e9 ? reset * 1e3 : now + reset * 1e3;
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }
};
function apiError(status, text, what, url) {
  let message = text.slice(0, 500);
  try {
    const body = JSON.parse(text);
    if (typeof body.message === "string") message = body.message;
  } catch {
  }
  const hint = status === 401 ? "The access token was refused: create a personal access token (sbp_\u2026) and pass it as access-token." : status === 403 ? "The token has no access to this project; use a token of a member of its organization." : status === 404 ? "Check the project ref (supabase.project-ref or the project-ref input)." : status === 429 ? "The Management API allows 120 requests a minute; lower concurrency or deploy fewer functions at once." : "See the message from the Supabase API above; re-run when the cause is fixed.";
  return new EdgeFunctionError("api_error", `Could not ${what}: HTTP ${status} ${message}`.trim(), {
    hint,
    cause: new HttpError("http_status", message, { status, url, body: text })
  });
}

// lib/supabase/functions/deploy.ts
import { readFile as readFile5 } from "node:fs/promises";

// lib/supabase/functions/discover.ts
import { readdir, readFile as readFile3, stat } from "node:fs/promises";
import { dirname as dirname2, isAbsolute, join, relative, resolve as resolve2, sep } from "node:path";
import { glob } from "tinyglobby";

// lib/supabase/functions/config-toml.ts
import { readFile } from "node:fs/promises";
import { parse, TomlError } from "smol-toml";
var ENV_REF = /^env\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)$/;
async function readSupabaseToml(file, displayPath = file) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return { file: void 0, functions: {}, secrets: [] };
    throw error;
  }
  return parseSupabaseToml(text, displayPath);
}
function parseSupabaseToml(text, file) {
  let doc;
  try {
    doc = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const first = error.message.split("\n")[0] ?? error.message;
      throw new EdgeFunctionError("config_toml_invalid", `${file}:${error.line}:${error.column}: ${first}`, {
        file,
        line: error.line,
        hint: "Fix the TOML syntax at that line (strings need quotes, tables are [name], keys are unique).",
        cause: error
      });
    }
    throw error;
  }
  const bad = (where, expected) => {
    throw new EdgeFunctionError("config_toml_invalid", `${file}: ${where} must be ${expected}`, {
      file,
      line: lineOf(text, where),
      hint: "See https://supabase.com/docs/guides/local-development/cli/config for the accepted settings."
    });
  };
  const functions = {};
  const table = doc.functions;
  if (table !== void 0 && !isTable(table)) bad("functions", "a table of [functions.<name>] tables");
  for (const [name, raw] of Object.entries(table ?? {})) {
    const where = `functions.${name}`;
    if (!isTable(raw)) bad(where, "a table");
    const t = raw;
    const entry = {};
    for (const [key, value] of Object.entries(t)) {
      switch (key) {
        case "enabled":
        case "verify_jwt":
          if (typeof value !== "boolean") bad(`${where}.${key}`, "true or false");
          if (key === "enabled") entry.enabled = value;
          else entry.verifyJwt = value;
          break;
        case "import_map":
        case "entrypoint":
          if (typeof value !== "string" || value === "") bad(`${where}.${key}`, "a non-empty path string");
          if (key === "import_map") entry.importMap = value;
          else entry.entrypoint = value;
          break;
        case "static_files":
          if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
            bad(`${where}.static_files`, "a list of glob strings");
          }
          entry.staticFiles = value;
          break;
        default:
          break;
      }
    }
    functions[name] = entry;
  }
  const secrets = [];
  const runtime = doc.edge_runtime;
  if (isTable(runtime) && runtime.secrets !== void 0) {
    if (!isTable(runtime.secrets)) bad("edge_runtime.secrets", 'a table of NAME = "env(VAR)" entries');
    for (const [name, value] of Object.entries(runtime.secrets)) {
      const match = typeof value === "string" ? ENV_REF.exec(value.trim()) : null;
      if (!match)
        bad(`edge_runtime.secrets.${name}`, 'a reference "env(VARIABLE)" (secret values never live in the file)');
      secrets.push({ name, env: match[1] });
    }
  }
  return { file, functions, secrets };
}
function isTable(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
function lineOf(text, dotted) {
  const parts = dotted.split(".");
  const last = parts.at(-1) ?? dotted;
  const header = parts.slice(0, -1).join(".");
  const lines = text.split("\n");
  let inTable = header === "";
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    const h = /^\[([^\]]+)\]/.exec(line);
    if (h) {
      const name = (h[1] ?? "").replace(/\s|"/g, "");
      if (name === dotted) return i + 1;
      inTable = name === header;
      continue;
    }
    if (inTable && new RegExp(`^"?${escapeRegExp(last)}"?\\s*=`).test(line)) return i + 1;
  }
  return void 0;
}
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// lib/supabase/functions/imports.ts
import { readFile as readFile2 } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
var SPECIFIER = /\b(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?(['"])([^'"\n]+)\1|\bimport\s*\(\s*(['"])([^'"\n]+)\3\s*\)/g;
function importSpecifiers(source) {
  const code = blankComments(source);
  const found = [];
  for (const match of code.matchAll(SPECIFIER)) {
    const specifier = match[2] ?? match[4];
    if (!specifier) continue;
    const line = code.slice(0, match.index).split("\n").length;
    found.push({ specifier, line });
  }
  return found;
}
function resolveLocal(specifier, fromFile, importMap) {
  if (specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("/")) {
    return resolve(dirname(fromFile), specifier);
  }
  if (specifier.startsWith("file://")) return new URL(specifier).pathname;
  if (importMap) {
    let target;
    if (specifier in importMap.imports) target = importMap.imports[specifier];
    else {
      const prefix = Object.keys(importMap.imports).filter((k) => k.endsWith("/") && specifier.startsWith(k)).sort((a, b) => b.length - a.length)[0];
      if (prefix !== void 0) target = `${importMap.imports[prefix]}${specifier.slice(prefix.length)}`;
    }
    if (target && (target.startsWith("./") || target.startsWith("../") || target.startsWith("/"))) {
      return new URL(target, pathToFileURL(importMap.file)).pathname;
    }
  }
  return void 0;
}
async function localImportGraph(entrypoint, importMap, display = (p) => p) {
  const seen = /* @__PURE__ */ new Set([entrypoint]);
  const queue = [entrypoint];
  for (let file = queue.shift(); file !== void 0; file = queue.shift()) {
    if (!/\.(?:[cm]?[jt]sx?)$/.test(file)) continue;
    const source = await readFile2(file, "utf8");
    for (const { specifier, line } of importSpecifiers(source)) {
      const target = resolveLocal(specifier, file, importMap);
      if (target === void 0 || seen.has(target)) continue;
      try {
        await readFile2(target);
      } catch {
        throw new EdgeFunctionError(
          "import_missing",
          `${display(file)}:${line}: imports "${specifier}", which does not exist`,
          {
            file: display(file),
            line,
            hint: "Fix the path (relative imports need the file extension, e.g. ../_shared/cors.ts) or add the file."
          }
        );
      }
      seen.add(target);
      queue.push(target);
    }
  }
  return [entrypoint, ...[...seen].filter((f) => f !== entrypoint).sort()];
}
function blankComments(source) {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      while (i < source.length && source[i] !== "\n") {
        out += " ";
        i++;
      }
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else if (c === '"' || c === "'" || c === "`") {
      const start = i;
      i++;
      while (i < source.length && source[i] !== c && !(c !== "`" && source[i] === "\n")) {
        if (source[i] === "\\") i++;
        i++;
      }
      i++;
      out += source.slice(start, i);
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// lib/supabase/functions/discover.ts
var SLUG_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
var DEFAULT_ENTRYPOINTS = ["index.ts", "index.js", "index.tsx", "index.jsx", "index.mjs"];
async function discoverFunctions(options) {
  const root = resolve2(options.root);
  const functionsDir = resolve2(root, options.functionsDir);
  const display = (p) => relative(root, p).split(sep).join("/") || ".";
  const supabaseDir = dirname2(functionsDir);
  const tomlPath = options.configToml ? resolve2(root, options.configToml) : join(supabaseDir, "config.toml");
  const toml = await readSupabaseToml(tomlPath, display(tomlPath));
  const tomlBase = dirname2(tomlPath);
  let entries;
  try {
    entries = await readdir(functionsDir, { withFileTypes: true });
  } catch {
    throw new EdgeFunctionError(
      "functions_dir_missing",
      `The functions folder ${display(functionsDir)} does not exist`,
      {
        hint: "Create it (supabase functions new <name>) or set supabase.functions-dir in .github/shipline.yml."
      }
    );
  }
  const shared = entries.filter((e) => e.isDirectory() && e.name.startsWith("_")).map((e) => e.name).sort();
  const folders = entries.filter((e) => e.isDirectory() && !e.name.startsWith("_") && !e.name.startsWith("."));
  const slugs = new Set(folders.map((e) => e.name));
  for (const [name, settings] of Object.entries(toml.functions)) if (settings.entrypoint) slugs.add(name);
  const rootImportMap = await firstExisting([join(functionsDir, "import_map.json"), join(functionsDir, "deno.json")]);
  const functions = [];
  const disabled = [];
  for (const slug of [...slugs].sort()) {
    const settings = toml.functions[slug] ?? {};
    const dir = join(functionsDir, slug);
    if (settings.enabled === false) {
      disabled.push(slug);
      continue;
    }
    if (!SLUG_PATTERN.test(slug)) {
      throw new EdgeFunctionError("invalid_slug", `${display(dir)}: "${slug}" is not a valid function name`, {
        hint: "Function names start with a letter and hold only letters, digits, - and _; rename the folder."
      });
    }
    let entrypoint;
    if (settings.entrypoint) {
      entrypoint = resolve2(tomlBase, settings.entrypoint);
      if (!await isFile(entrypoint)) {
        throw new EdgeFunctionError(
          "entrypoint_missing",
          `${display(tomlPath)}: [functions.${slug}] entrypoint ${settings.entrypoint} does not exist (looked for ${display(entrypoint)})`,
          {
            file: display(tomlPath),
            hint: "Paths in config.toml are relative to its folder, e.g. ./functions/<name>/index.ts."
          }
        );
      }
    } else {
      entrypoint = await firstExisting(DEFAULT_ENTRYPOINTS.map((f) => join(dir, f)));
      if (!entrypoint) {
        throw new EdgeFunctionError(
          "entrypoint_missing",
          `Function folder ${display(dir)} has no entrypoint (expected ${display(join(dir, "index.ts"))})`,
          {
            hint: `Add index.ts, set [functions.${slug}] entrypoint in ${display(tomlPath)}, or prefix the folder with _ if it holds shared code.`
          }
        );
      }
    }
    let importMapFile;
    if (settings.importMap) {
      importMapFile = resolve2(tomlBase, settings.importMap);
      if (!await isFile(importMapFile)) {
        throw new EdgeFunctionError(
          "import_map_missing",
          `${display(tomlPath)}: [functions.${slug}] import_map ${settings.importMap} does not exist`,
          { file: display(tomlPath), hint: "Paths in config.toml are relative to its folder." }
        );
      }
    } else {
      importMapFile = await firstExisting([join(dir, "deno.json"), join(dir, "deno.jsonc"), join(dir, "import_map.json")]) ?? rootImportMap;
    }
    const importMap = importMapFile ? await readImportMap(importMapFile, display(importMapFile)) : void 0;
    const reached = await localImportGraph(entrypoint, importMap, display);
    const staticAbs = settings.staticFiles?.map((p) => resolve2(tomlBase, p)) ?? [];
    const staticFiles = staticAbs.length ? (await glob(
      staticAbs.map((p) => relative(root, p).split(sep).join("/")),
      { cwd: root, absolute: true }
    )).sort() : [];
    const all = [.../* @__PURE__ */ new Set([...reached, ...importMapFile ? [importMapFile] : [], ...staticFiles])];
    for (const file of all) {
      if (!isInside(root, file)) {
        throw new EdgeFunctionError("import_outside_root", `Function ${slug} uses ${file}, outside ${root}`, {
          hint: "Keep shared code inside the repository (e.g. supabase/functions/_shared)."
        });
      }
    }
    functions.push({
      slug,
      dir,
      entrypointPath: display(entrypoint),
      importMapPath: importMapFile ? display(importMapFile) : void 0,
      verifyJwt: settings.verifyJwt ?? true,
      staticPatterns: staticAbs.map(display),
      files: all.map((path) => ({ name: display(path), path }))
    });
  }
  return { functions, shared, secrets: toml.secrets, disabled };
}
async function readImportMap(file, display) {
  const text = await readFile3(file, "utf8");
  let parsed;
  try {
    parsed = JSON.parse(
      file.endsWith(".jsonc") ? text.replace(/^\s*\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "") : text
    );
  } catch (error) {
    throw new EdgeFunctionError("import_map_invalid", `${display} is not valid JSON: ${error.message}`, {
      file: display,
      hint: 'An import map is a JSON object with an "imports" object.'
    });
  }
  const imports = parsed.imports;
  const map = {};
  if (imports && typeof imports === "object") {
    for (const [k, v] of Object.entries(imports)) if (typeof v === "string") map[k] = v;
  }
  return { file, imports: map };
}
async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
async function firstExisting(paths) {
  for (const p of paths) if (await isFile(p)) return p;
  return void 0;
}
function isInside(root, file) {
  const rel = relative(root, file);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

// lib/supabase/functions/hash.ts
import { createHash } from "node:crypto";
import { readFile as readFile4 } from "node:fs/promises";
var FUNCTION_HASH_SCHEME = "shipline-edge-v1";
async function functionHash(fn) {
  const hash = createHash("sha256");
  const settings = {
    scheme: FUNCTION_HASH_SCHEME,
    entrypoint: fn.entrypointPath,
    importMap: fn.importMapPath ?? null,
    verifyJwt: fn.verifyJwt,
    staticPatterns: fn.staticPatterns
  };
  hash.update(`${JSON.stringify(settings)}
`);
  for (const file of [...fn.files].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) {
    const bytes = await readFile4(file.path);
    hash.update(`${file.name}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest("hex");
}

// lib/supabase/functions/secrets.ts
var SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
async function syncSecrets(options) {
  const byName = /* @__PURE__ */ new Map();
  for (const ref of options.references) byName.set(ref.name, ref);
  if (byName.size === 0) return [];
  const where = options.source ? ` (from ${options.source})` : "";
  const values = [];
  const missing = [];
  for (const { name, env } of byName.values()) {
    if (!SECRET_NAME.test(name) || name.startsWith("SUPABASE_")) {
      throw new EdgeFunctionError("secret_invalid", `Secret name ${name}${where} is not allowed`, {
        hint: "Secret names are letters, digits and _, and may not start with SUPABASE_ (those are set by the platform)."
      });
    }
    const value = options.env[env];
    if (value === void 0 || value === "") {
      missing.push(env === name ? name : `${name} (from ${env})`);
      continue;
    }
    options.mask(value);
    values.push({ name, value });
  }
  if (missing.length > 0) {
    throw new EdgeFunctionError(
      "secret_missing",
      `No value for secret(s) ${missing.join(", ")}${where}: the environment variable is unset or empty`,
      {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression shown to the user, not a template
        hint: "Map each one from a repository secret in the workflow step: env: { NAME: ${{ secrets.NAME }} }."
      }
    );
  }
  await options.api.setSecrets(options.ref, values);
  const names = values.map((v) => v.name).sort();
  options.logger.info(`Set ${names.length} secret(s): ${names.join(", ")}`);
  return names;
}

// lib/supabase/functions/deploy.ts
async function deployEdge(options) {
  const discovery = await discoverFunctions({
    root: options.root,
    functionsDir: options.functionsDir,
    configToml: options.configToml
  });
  options.logger.info(
    `Found ${discovery.functions.length} function(s)${discovery.shared.length ? `, shared: ${discovery.shared.join(", ")}` : ""}${discovery.disabled.length ? `, disabled: ${discovery.disabled.join(", ")}` : ""}`
  );
  const secrets = await syncSecrets({
    api: options.api,
    ref: options.ref,
    references: [...discovery.secrets, ...options.secrets ?? []],
    env: options.env ?? {},
    mask: options.mask ?? (() => void 0),
    logger: options.logger,
    source: "config.toml [edge_runtime.secrets] and the secrets input"
  });
  const outcome = await deployFunctions({ ...options, functions: discovery.functions, keep: discovery.disabled });
  outcome.details.secrets = secrets;
  return outcome;
}
async function deployFunctions(options) {
  const { api, ref, logger, clock } = options;
  const startRequests = api.requestCount;
  const remote = new Map((await api.listFunctions(ref)).map((f) => [f.slug, f]));
  const results = [];
  const hashes = {};
  const recordedAt = options.recordedAt === void 0 ? void 0 : Date.parse(options.recordedAt);
  const untouchedSince = (live) => recordedAt === void 0 || Number.isNaN(recordedAt) || (live.updated_at ?? Number.POSITIVE_INFINITY) < recordedAt + 1e3;
  const deployOne = async (fn) => {
    const hash = await functionHash(fn);
    hashes[fn.slug] = hash;
    const live = remote.get(fn.slug);
    if (!options.force && options.recorded?.[fn.slug] === hash && live && live.status === "ACTIVE" && untouchedSince(live)) {
      logger.info(
        `${fn.slug}: unchanged since the current release (${hash.slice(0, 12)}), version ${live.version} kept`
      );
      return { slug: fn.slug, action: "skipped", version: live.version, hash, note: "unchanged" };
    }
    const started = clock.now().getTime();
    const files = await Promise.all(fn.files.map(async (f) => ({ name: f.name, bytes: await readFile5(f.path) })));
    const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
    try {
      const deployed = await api.deployFunction(
        ref,
        fn.slug,
        {
          name: fn.slug,
          entrypoint_path: fn.entrypointPath,
          ...fn.importMapPath ? { import_map_path: fn.importMapPath } : {},
          ...fn.staticPatterns.length ? { static_patterns: fn.staticPatterns } : {},
          verify_jwt: fn.verifyJwt
        },
        files
      );
      const durationMs = clock.now().getTime() - started;
      logger.info(`${fn.slug}: deployed version ${deployed.version} (${files.length} file(s), ${bytes} bytes)`);
      return {
        slug: fn.slug,
        action: "deployed",
        version: deployed.version,
        hash,
        files: files.length,
        bytes,
        durationMs
      };
    } catch (error) {
      const note = describeError(error);
      logger.error(`${fn.slug}: deploy failed: ${note}`);
      return { slug: fn.slug, action: "failed", hash, files: files.length, bytes, note };
    }
  };
  const queue = [...options.functions];
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, queue.length || 1));
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let fn = queue.shift(); fn; fn = queue.shift()) results.push(await deployOne(fn));
    })
  );
  const failedSlugs = results.filter((r) => r.action === "failed").map((r) => r.slug);
  if (options.prune && failedSlugs.length === 0) {
    const local = /* @__PURE__ */ new Set([...options.functions.map((f) => f.slug), ...options.keep ?? []]);
    for (const slug of [...remote.keys()].filter((s) => !local.has(s)).sort()) {
      await api.deleteFunction(ref, slug);
      logger.info(`${slug}: deleted (no longer in the repository)`);
      results.push({ slug, action: "pruned" });
    }
  }
  results.sort((a, b) => a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
  const pick = (action) => results.filter((r) => r.action === action).map((r) => r.slug);
  const versions = {};
  for (const r of results) if (r.version !== void 0) versions[r.slug] = r.version;
  const details = {
    deployed: pick("deployed"),
    skipped: pick("skipped"),
    pruned: pick("pruned"),
    failed: failedSlugs.sort(),
    versions,
    hashes: Object.fromEntries(Object.entries(hashes).sort(([a], [b]) => a < b ? -1 : 1)),
    secrets: [],
    results,
    requests: api.requestCount - startRequests
  };
  if (failedSlugs.length > 0) {
    return failed(
      "deploy-edge-failed",
      `${failedSlugs.length} of ${options.functions.length} function(s) failed to deploy: ${details.failed.join(", ")}. The others are live; re-run to retry (unchanged ones are skipped only when the ledger recorded them).`,
      details
    );
  }
  const message = details.deployed.length === 0 && options.functions.length > 0 ? `All ${details.skipped.length} function(s) unchanged; nothing deployed.` : `Deployed ${details.deployed.length} function(s)${details.skipped.length ? `, skipped ${details.skipped.length} unchanged` : ""}${details.pruned.length ? `, deleted ${details.pruned.length}` : ""}.`;
  return succeeded(
    message,
    details,
    details.deployed.length === 0 && details.skipped.length > 0 ? "already-done" : "ok"
  );
}

export {
  ManagementApi,
  discoverFunctions,
  deployEdge,
  deployFunctions
};
