import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  runWorkflow
} from "./chunk-H32E4YH2.js";
import {
  Redactor,
  redactingLogger
} from "./chunk-2AZVKRUL.js";
import {
  processIO,
  terminalLogger
} from "./chunk-5RPISX4H.js";
import {
  ShiplineError,
  UsageError,
  describeError,
  formatOptions,
  parseArgs
} from "./chunk-4YSQPGXF.js";

// cli/commands/run-workflow.ts
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
var EXIT = { ok: 0, failed: 1, usage: 2 };
var OPTIONS = {
  event: { type: "string", description: "Event that triggers the run (default workflow_dispatch)" },
  "event-path": { type: "string", description: "JSON file with the event payload (default: {} plus the inputs)" },
  input: { type: "string", description: "An input, name=value (repeat for more)" },
  secret: { type: "string", description: "A secret taken from the environment variable of that name (repeat)" },
  var: { type: "string", description: "A configuration variable, name=value (repeat)" },
  repo: { type: "string", description: "owner/name of the repository (default $GITHUB_REPOSITORY or local/app)" },
  sha: { type: "string", description: "Commit SHA (default: git rev-parse HEAD or zeros)" },
  ref: { type: "string", description: "Git ref (default refs/heads/main)" },
  actor: { type: "string", description: "GitHub login that triggered the run (default $USER)" },
  "summary-dir": { type: "string", description: "Write each step summary as Markdown into this folder" },
  json: { type: "boolean", description: "Print the result as JSON" },
  help: { type: "boolean", short: "h", description: "Show this help" }
};
var USAGE = `Usage: shipline run-workflow <workflow.yml> [options]

Runs a GitHub Actions workflow locally: jobs in \`needs\` order, \`if:\` and \`\${{ }}\` evaluated with GitHub's own
packages, each step with the runner's environment (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH, INPUT_*).
Shipline's actions and reusable workflows run from this package; other actions are skipped with a notice.
GITHUB_API_URL, GITHUB_SERVER_URL and GITHUB_TOKEN are read from the environment (the local cloud prints them).
Secrets are never given on the command line: --secret NAME reads the environment variable NAME.

Options:
${formatOptions(OPTIONS)}
`;
function takeRepeated(argv, names) {
  const rest = [];
  const repeated = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    const name = names.find((n) => arg === `--${n}` || arg.startsWith(`--${n}=`));
    if (!name) {
      rest.push(arg);
      continue;
    }
    const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
    if (value === void 0) throw new UsageError("usage", `--${name} needs a value`);
    repeated[name].push(value);
  }
  return { rest, repeated };
}
function pairs(list, option) {
  const out = {};
  for (const item of list) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError("usage", `--${option} expects name=value, got "${item}"`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}
function shiplineRoot() {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (; ; ) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "shipline") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new ShiplineError("package-root", "Cannot find the Shipline package root.");
    dir = parent;
  }
}
var PASS_THROUGH_ENV = ["PATH", "HOME", "LANG", "TMPDIR", "TZ", "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE"];
async function run(argv, io = processIO()) {
  const { rest, repeated } = takeRepeated(argv, ["input", "secret", "var"]);
  const { values, positionals } = parseArgs(rest, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    throw new UsageError("usage", "Give exactly one workflow file", {
      hint: "e.g. shipline run-workflow .github/workflows/deploy.yml"
    });
  }
  const str = (name) => typeof values[name] === "string" ? values[name] : void 0;
  const inputs = pairs(repeated.input ?? [], "input");
  const vars = pairs(repeated.var ?? [], "var");
  const secrets = {};
  for (const name of repeated.secret ?? []) {
    const value = io.env[name];
    if (value === void 0) throw new UsageError("usage", `--secret ${name}: the environment has no ${name}`);
    secrets[name] = value;
  }
  const eventName = str("event") ?? "workflow_dispatch";
  const eventPath = str("event-path");
  let payload = eventName === "workflow_dispatch" ? { inputs } : {};
  if (eventPath) {
    try {
      payload = JSON.parse(readFileSync(resolve(io.cwd, eventPath), "utf8"));
    } catch (error) {
      throw new UsageError("usage", `--event-path ${eventPath}: ${error.message}`);
    }
  }
  const redactor = new Redactor();
  const token = io.env.GITHUB_TOKEN;
  redactor.add(token);
  for (const value of Object.values(secrets)) redactor.add(value);
  const logger = redactingLogger(terminalLogger(io), redactor);
  const baseEnv = Object.fromEntries(
    PASS_THROUGH_ENV.flatMap((name) => io.env[name] === void 0 ? [] : [[name, io.env[name]]])
  );
  const serverUrl = io.env.GITHUB_SERVER_URL ?? "https://github.com";
  const repository = str("repo") ?? io.env.GITHUB_REPOSITORY ?? "local/app";
  const summaries = [];
  try {
    const result = await runWorkflow({
      file: resolve(io.cwd, file),
      shiplineRoot: shiplineRoot(),
      shiplineRepos: ["your-org/shipline", ...io.env.SHIPLINE_REPOSITORY ? [io.env.SHIPLINE_REPOSITORY] : []],
      workspace: io.cwd,
      eventName,
      eventPayload: payload,
      inputs,
      secrets,
      vars,
      github: {
        repository,
        sha: str("sha") ?? io.env.GITHUB_SHA ?? "0".repeat(40),
        ref: str("ref") ?? io.env.GITHUB_REF ?? "refs/heads/main",
        actor: str("actor") ?? io.env.GITHUB_ACTOR ?? io.env.USER ?? "local",
        serverUrl,
        apiUrl: io.env.GITHUB_API_URL ?? "https://api.github.com",
        runId: Number(io.env.GITHUB_RUN_ID ?? Date.now() % 1e9),
        runNumber: Number(io.env.GITHUB_RUN_NUMBER ?? 1),
        ...token ? { token } : {}
      },
      baseEnv,
      node: process.execPath,
      logger,
      redactor,
      onOutput: (line, where) => io.stdout(`[${where.job}] ${line}
`),
      onStep: (event, step) => {
        if (event === "start") io.stderr(`\u25B6 ${step.job} \u203A ${step.name}
`);
        else if (step.conclusion !== "skipped") {
          io.stderr(
            `${step.conclusion === "success" ? "\u2713" : step.conclusion === "failure" ? "\u2717" : "\xB7"} ${step.job} \u203A ${step.name}${step.note ? ` (${step.note})` : ""}
`
          );
        }
        if (event === "end" && step.summary)
          summaries.push({ name: `${step.job}-${step.id}`.replace(/[^A-Za-z0-9_.-]+/g, "_"), text: step.summary });
      }
    });
    const summaryDir = str("summary-dir");
    if (summaryDir) {
      const dir = resolve(io.cwd, summaryDir);
      await mkdir(dir, { recursive: true });
      await Promise.all(
        summaries.map((s, i) => writeFile(join(dir, `${String(i + 1).padStart(2, "0")}-${s.name}.md`), s.text))
      );
    }
    if (values.json) {
      io.stdout(
        `${redactor.redact(JSON.stringify({ conclusion: result.conclusion, jobs: result.jobs, outputs: result.outputs }))}
`
      );
    } else {
      for (const job of Object.values(result.jobs)) io.stdout(`${job.id}: ${job.result}
`);
      io.stdout(`Workflow ${result.conclusion}.
`);
    }
    return result.conclusion === "success" ? EXIT.ok : EXIT.failed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    io.stderr(`${redactor.redact(describeError(error))}
`);
    return error instanceof ShiplineError && /^workflow-(input|event|missing)$/.test(error.code) ? EXIT.usage : EXIT.failed;
  }
}
export {
  EXIT,
  OPTIONS,
  USAGE,
  run,
  shiplineRoot
};
