import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  VercelError
} from "./chunk-23YFJWZK.js";
import {
  ConfigError
} from "./chunk-4YSQPGXF.js";

// lib/vercel/build-output.ts
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
var HOW_TO_BUILD = "Build it before deploying: run `vercel pull --yes --environment=<target>` and `vercel build` (add `--prod` for production) in the project, or let your framework write the Build Output API v3 folder to .vercel/output.";
function isDir(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
function checkBuildOutput(outputDir, cwd) {
  const abs = resolve(cwd, outputDir);
  const shown = relative(cwd, abs) || ".";
  if (!isDir(abs)) {
    throw new VercelError("build_output_missing", `The Vercel build output folder ${shown} does not exist.`, {
      reason: "invalid-input",
      hint: HOW_TO_BUILD
    });
  }
  if (basename(abs) !== "output" || basename(dirname(abs)) !== ".vercel") {
    throw new VercelError(
      "build_output_location",
      `The build output folder ${shown} must be named .vercel/output: Vercel reads prebuilt files under that path.`,
      {
        reason: "invalid-input",
        hint: "Point vercel.output-dir (or the output-dir input) at <project>/.vercel/output."
      }
    );
  }
  const configPath = join(abs, "config.json");
  let text;
  try {
    text = readFileSync(configPath, "utf8");
  } catch {
    throw new VercelError("build_output_invalid", `${join(shown, "config.json")} is missing.`, {
      reason: "invalid-input",
      hint: `A Build Output API v3 folder starts with config.json containing {"version": 3}. ${HOW_TO_BUILD}`
    });
  }
  let config;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new VercelError(
      "build_output_invalid",
      `${join(shown, "config.json")} is not valid JSON: ${error.message}`,
      { reason: "invalid-input", hint: HOW_TO_BUILD }
    );
  }
  const version = config?.version;
  if (version !== 3) {
    throw new VercelError(
      "build_output_invalid",
      `${join(shown, "config.json")} has "version": ${JSON.stringify(version ?? null)}; the Build Output API needs 3.`,
      { reason: "invalid-input", hint: `Rebuild with a current Vercel CLI. ${HOW_TO_BUILD}` }
    );
  }
  return { projectDir: dirname(dirname(abs)), outputDir: abs, hasFunctions: isDir(join(abs, "functions")) };
}
function staticFileFor(outputDir, path) {
  const clean = decodeURIComponent(path.split("?")[0] ?? "/").replace(/\/+$/, "");
  if (clean.split("/").includes("..")) return void 0;
  const base = join(outputDir, "static", clean);
  for (const candidate of [join(base, "index.html"), `${base}.html`, base]) {
    try {
      if (existsSync(candidate) && statSync(candidate).isFile()) return readFileSync(candidate);
    } catch {
    }
  }
  return void 0;
}

// lib/vercel/settings.ts
function vercelSettings(config, overrides, names) {
  const environment = overrides.environment || "production";
  const env = config.environments[environment];
  if (!env && !overrides.target) {
    throw new ConfigError(
      "unknown_environment",
      `Environment "${environment}" is not in the configuration (known: ${Object.keys(config.environments).join(", ")}).`,
      { hint: `Add it under environments: in .github/shipline.yml, or fix ${names.environment}.` }
    );
  }
  const project = overrides.project || config.vercel.project;
  if (!project) {
    throw new ConfigError("vercel_project_missing", "No Vercel project: set vercel.project in .github/shipline.yml.", {
      hint: `Or pass ${names.project} (the project name or prj_ id from the Vercel dashboard).`
    });
  }
  let buildTimeoutMs = config.vercel["build-timeout"] * 1e3;
  if (overrides.buildTimeout) {
    const seconds = Number(overrides.buildTimeout);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      throw new ConfigError(
        "input_invalid",
        `${names.buildTimeout} must be a positive number of seconds, got "${overrides.buildTimeout}".`,
        {
          hint: "e.g. 900 for 15 minutes."
        }
      );
    }
    buildTimeoutMs = seconds * 1e3;
  }
  return {
    environment,
    target: overrides.target || env?.["vercel-target"] || "preview",
    project,
    teamId: overrides.teamId || config.vercel["team-id"],
    outputDir: overrides.outputDir || config.vercel["output-dir"],
    buildTimeoutMs,
    environmentUrl: env?.url
  };
}

export {
  checkBuildOutput,
  staticFileFor,
  vercelSettings
};
