import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  staticFileFor,
  vercelSettings
} from "./chunk-O3QJLUAU.js";
import {
  promoteDeployment
} from "./chunk-23YFJWZK.js";
import {
  exitCodeFor
} from "./chunk-FI732W4Q.js";
import {
  DEFAULT_CONFIG_PATH,
  loadConfig
} from "./chunk-B6QXPYAO.js";
import {
  Redactor,
  redactingLogger
} from "./chunk-2AZVKRUL.js";
import {
  processIO,
  terminalLogger
} from "./chunk-5RPISX4H.js";
import {
  UsageError,
  describeError,
  formatOptions,
  parseArgs
} from "./chunk-4YSQPGXF.js";

// cli/commands/promote.ts
import { resolve } from "node:path";
var OPTIONS = {
  project: { type: "string", description: "Vercel project (default vercel.project)" },
  "team-id": { type: "string", description: "Vercel team id (default vercel.team-id)" },
  env: { type: "string", description: "Environment whose url is checked afterwards (default production)" },
  config: { type: "string", description: `Configuration file (default ${DEFAULT_CONFIG_PATH})` },
  "verify-path": { type: "string", description: "Path compared on the production URL (default /)" },
  "production-url": {
    type: "string",
    description: "URL to check (default: the environment's url, else the project's domain)"
  },
  timeout: { type: "string", description: "Seconds to wait for the switch (default vercel.build-timeout)" },
  "api-url": { type: "string", description: "Vercel API (default $VERCEL_API_URL or https://api.vercel.com)" },
  json: { type: "boolean", description: "Print the outcome as JSON" },
  verbose: { type: "boolean", short: "v", description: "Show debug output" },
  help: { type: "boolean", short: "h", description: "Show this help" }
};
var USAGE = `Usage: shipline promote <deployment-id> [options]

Promotes a READY production deployment (staged by \`shipline deploy\` or the deploy-vercel action) with the token
in $VERCEL_TOKEN, waits for the alias job and checks that production serves the deployment's bytes. A promote also
ends a rollback's pin. Exit code 0: promoted, 1: failed, 2: usage error, 3: refused (nothing changed).

Options:
${formatOptions(OPTIONS)}
`;
async function run(argv, io = processIO()) {
  const { values, positionals } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const str = (name) => typeof values[name] === "string" ? values[name] : void 0;
  const [deployment, ...extra] = positionals;
  if (!deployment || extra.length > 0) {
    throw new UsageError("usage", "Give exactly one deployment id or URL", {
      hint: "e.g. shipline promote dpl_123abc (the deployment-id output of the deploy step)"
    });
  }
  const token = io.env.VERCEL_TOKEN ?? "";
  if (!token) throw new UsageError("usage", "No Vercel token: set VERCEL_TOKEN", { hint: "It is never printed." });
  const redactor = new Redactor();
  redactor.add(token);
  const logger = redactingLogger(terminalLogger(io, { verbose: values.verbose === true }), redactor);
  const { config } = await loadConfig(str("config") ?? DEFAULT_CONFIG_PATH, {
    cwd: io.cwd,
    allowMissing: str("config") === void 0
  });
  const settings = vercelSettings(
    config,
    { environment: str("env"), project: str("project"), teamId: str("team-id"), buildTimeout: str("timeout") },
    { environment: "--env", project: "--project", buildTimeout: "--timeout" }
  );
  const path = str("verify-path") ?? "/";
  const productionUrl = str("production-url") ?? settings.environmentUrl;
  try {
    const outcome = await promoteDeployment({
      token,
      apiUrl: str("api-url") ?? io.env.VERCEL_API_URL ?? "https://api.vercel.com",
      teamId: settings.teamId ?? (io.env.VERCEL_TEAM_ID || void 0),
      project: settings.project,
      deployment,
      timeoutMs: settings.buildTimeoutMs,
      serveCheck: productionUrl ? {
        fetch: (url, init) => fetch(url, init),
        path,
        productionUrl,
        expected: staticFileFor(resolve(io.cwd, settings.outputDir), path)
      } : void 0,
      clock: io.clock,
      logger
    });
    io.stdout(`${redactor.redact(values.json ? JSON.stringify(outcome, null, 2) : outcome.message)}
`);
    return exitCodeFor(outcome);
  } catch (error) {
    io.stderr(`error: ${redactor.redact(describeError(error))}
`);
    return 1;
  }
}
export {
  OPTIONS,
  USAGE,
  run
};
