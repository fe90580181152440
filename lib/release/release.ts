/**
 * A release: the version tag and the commit it names. Untagged commits are released as `sha-<short>`.
 * The one place that decides what a version string looks like; ledger, bot, actions and CLI all use it.
 */
import { ShiplineError } from '../core/errors.js';

/** What is released: `version` is `vX.Y.Z[-pre][+build]` or `sha-<7..40 hex>`; `sha` is the full commit SHA. */
export interface Release {
  version: string;
  sha: string;
}

const SEMVER_TAG =
  /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const SHA_VERSION = /^sha-[0-9a-f]{7,40}$/;
const FULL_SHA = /^[0-9a-f]{40}$/;

/** True for a `vX.Y.Z` tag (semver 2.0 with a leading `v`). */
export function isVersionTag(text: string): boolean {
  return SEMVER_TAG.test(text);
}

/** True for any version Shipline records: a `vX.Y.Z` tag or `sha-<hex>`. */
export function isReleaseVersion(text: string): boolean {
  return SEMVER_TAG.test(text) || SHA_VERSION.test(text);
}

/** The version of an untagged commit: `sha-` plus its first 7 hex digits. */
export function shaVersion(sha: string): string {
  return `sha-${sha.toLowerCase().slice(0, 7)}`;
}

/** Builds a release from a commit and an optional tag (a `refs/tags/` prefix is stripped); throws on bad input. */
export function makeRelease(sha: string, tag?: string | null): Release {
  const commit = sha.trim().toLowerCase();
  if (!FULL_SHA.test(commit)) {
    throw new ShiplineError('invalid-release', `"${sha}" is not a full 40-character commit SHA.`, {
      hint: 'Pass the commit SHA of the release (e.g. github.sha), not a branch name or a short SHA.',
    });
  }
  const name = tag?.trim().replace(/^refs\/tags\//, '');
  if (!name) return { version: shaVersion(commit), sha: commit };
  if (!isVersionTag(name)) {
    throw new ShiplineError('invalid-release', `Tag "${name}" is not a release version.`, {
      hint: 'Release tags look like v1.2.3 (semver with a leading v); leave the tag out to release the commit as sha-<short>.',
    });
  }
  return { version: name, sha: commit };
}

/** Compares two `vX.Y.Z` versions by semver precedence (negative when a < b); `sha-` versions sort before tags. */
export function compareVersions(a: string, b: string): number {
  const pa = SEMVER_TAG.exec(a);
  const pb = SEMVER_TAG.exec(b);
  if (!pa || !pb) return (pa ? 1 : 0) - (pb ? 1 : 0) || a.localeCompare(b);
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  const preA = pa[4];
  const preB = pb[4];
  if (preA === undefined || preB === undefined) return (preA === undefined ? 1 : 0) - (preB === undefined ? 1 : 0);
  const xs = preA.split('.');
  const ys = preB.split('.');
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    const x = xs[i];
    const y = ys[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    } else if (nx !== ny) {
      return nx ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}
