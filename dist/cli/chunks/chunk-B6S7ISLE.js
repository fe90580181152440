import { createRequire as __shiplineCreateRequire } from 'node:module';
const require = __shiplineCreateRequire(import.meta.url);
import {
  ShiplineError
} from "./chunk-4YSQPGXF.js";

// lib/release/release.ts
var SEMVER_TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
var SHA_VERSION = /^sha-[0-9a-f]{7,40}$/;
var FULL_SHA = /^[0-9a-f]{40}$/;
function isVersionTag(text) {
  return SEMVER_TAG.test(text);
}
function isReleaseVersion(text) {
  return SEMVER_TAG.test(text) || SHA_VERSION.test(text);
}
function shaVersion(sha) {
  return `sha-${sha.toLowerCase().slice(0, 7)}`;
}
function makeRelease(sha, tag) {
  const commit = sha.trim().toLowerCase();
  if (!FULL_SHA.test(commit)) {
    throw new ShiplineError("invalid-release", `"${sha}" is not a full 40-character commit SHA.`, {
      hint: "Pass the commit SHA of the release (e.g. github.sha), not a branch name or a short SHA."
    });
  }
  const name = tag?.trim().replace(/^refs\/tags\//, "");
  if (!name) return { version: shaVersion(commit), sha: commit };
  if (!isVersionTag(name)) {
    throw new ShiplineError("invalid-release", `Tag "${name}" is not a release version.`, {
      hint: "Release tags look like v1.2.3 (semver with a leading v); leave the tag out to release the commit as sha-<short>."
    });
  }
  return { version: name, sha: commit };
}

export {
  isVersionTag,
  isReleaseVersion,
  makeRelease
};
