import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  startLocalCloud
} from "./chunk-RBKLGUNU.js";
import {
  onShutdown
} from "./chunk-ST5DBQXP.js";
import {
  processIO
} from "./chunk-5RPISX4H.js";
import {
  formatOptions,
  parseArgs
} from "./chunk-4YSQPGXF.js";

// cli/commands/emulate.ts
import { resolve } from "node:path";
var OPTIONS = {
  "state-dir": {
    type: "string",
    description: "Keep the database here across runs (default: a temporary cluster, removed on exit)"
  },
  repository: { type: "string", description: "owner/name seeded in the GitHub emulator (default acme/shop)" },
  help: { type: "boolean", short: "h", description: "Show this help" }
};
var USAGE = `Usage: shipline emulate [options]

Starts the local cloud on loopback and prints the environment that points Shipline, @vercel/client, @octokit/rest,
the vercel CLI (--api) and the Supabase CLI (--profile) at it. Ctrl-C stops everything cleanly.

Options:
${formatOptions(OPTIONS)}
`;
function describeLocalCloud(cloud) {
  const lines = [
    "Local cloud is up:",
    `  Vercel API          ${cloud.vercel.url}   (edge: ${cloud.vercel.edgeUrl})`,
    `  Vercel API (https)  ${cloud.vercel.httpsUrl}   (local CA: ${cloud.vercel.caPath})`,
    `  Supabase API        ${cloud.supabase.url}   (project ${cloud.env.SUPABASE_PROJECT_REF})`,
    `  GitHub API          ${cloud.github.url}   (repository ${cloud.env.GITHUB_REPOSITORY})`,
    `  PostgreSQL 15       127.0.0.1:${cloud.postgres.port}`,
    "",
    "Environment (paste into a shell):",
    ...Object.entries(cloud.env).map(([k, v]) => `export ${k}='${v}'`),
    "",
    "Official CLIs:",
    `  vercel --api "$VERCEL_API_HTTPS_URL" --token "$VERCEL_TOKEN" ls   (https; NODE_EXTRA_CA_CERTS trusts the CA)`,
    cloud.supabaseProfile ? `  supabase --profile ${cloud.supabaseProfile} functions list --remote=$SUPABASE_PROJECT_REF` : "  supabase: run with --state-dir to get a --profile file aimed at the emulator",
    `  psql "$SUPABASE_DB_URL"`,
    "",
    "Press Ctrl-C to stop."
  ];
  return `${lines.join("\n")}
`;
}
async function run(argv, io = processIO(), signal) {
  const { values } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const cloud = await startLocalCloud({
    ...typeof values["state-dir"] === "string" ? { stateDir: resolve(io.cwd, values["state-dir"]) } : {},
    ...typeof values.repository === "string" ? { repository: values.repository } : {}
  });
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      io.stdout("\nStopping the local cloud\u2026\n");
      await cloud.stop();
      io.stdout("Stopped.\n");
    })();
    return stopping;
  };
  let wake = () => void 0;
  const stopRequested = new Promise((resolveWait) => {
    wake = resolveWait;
  });
  const unregister = onShutdown(
    () => {
      wake();
      return stop();
    },
    { endsProgram: true }
  );
  signal?.addEventListener("abort", () => wake(), { once: true });
  try {
    io.stdout(describeLocalCloud(cloud));
    await stopRequested;
  } finally {
    await stop();
    unregister();
  }
  return 0;
}
export {
  OPTIONS,
  USAGE,
  describeLocalCloud,
  run
};
