import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  UsageError,
  closestMatch,
  describeError
} from "./chunks/chunk-4YSQPGXF.js";

// cli/main.ts
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
var commands = {
  validate: () => import("./chunks/validate-HINBQVNR.js"),
  migrate: () => import("./chunks/migrate-5BGWLZI3.js"),
  start: () => import("./chunks/start-YNO3I75B.js"),
  emulate: () => import("./chunks/emulate-ZZPTDT6U.js"),
  "run-workflow": () => import("./chunks/run-workflow-SI4XOB6D.js"),
  deploy: () => import("./chunks/deploy-VKOTSO62.js"),
  promote: () => import("./chunks/promote-OEBVV3QQ.js"),
  smoke: () => import("./chunks/smoke-F7LDB6DI.js"),
  rollback: () => import("./chunks/rollback-SB4DAAO7.js")
};
var processStreams = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t)
};
function usage() {
  return `Usage: shipline <command> [options]

Commands:
${Object.keys(commands).map((name) => `  ${name}`).join("\n")}

Run \`shipline <command> --help\` for a command's options.
`;
}
async function main(argv, io = processStreams) {
  const [name, ...rest] = argv;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return name === void 0 ? 2 : 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : void 0;
  if (!load) {
    const suggestion = closestMatch(name, Object.keys(commands));
    io.stderr(`error: unknown command "${name}".${suggestion ? ` Did you mean \`${suggestion}\`?` : ""}

${usage()}`);
    return 2;
  }
  try {
    const command = await load();
    return await command.run(rest);
  } catch (error) {
    io.stderr(`error: ${describeError(error)}
`);
    if (error instanceof UsageError) io.stderr(`Run \`shipline ${name} --help\` for usage.
`);
    return 2;
  }
}
function isEntryPoint() {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}
async function runAsProgram(argv) {
  process.exitCode = await main(argv);
}
if (isEntryPoint()) await runAsProgram(process.argv.slice(2));
export {
  commands,
  main,
  runAsProgram
};
