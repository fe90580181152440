/**
 * Options of each built-in pre-deploy check. The config loader maps `.github/shipline.yml`'s `validate:` section
 * onto these; each check module in lib/checks/ takes its options object and returns a `Check`.
 */

/** A required environment variable or secret, with optional strength rules. */
export interface EnvRule {
  name: string;
  /** Minimum length of the value (e.g. 50 for a session secret). */
  minLength?: number;
  /** A regular expression the value must match (e.g. `^sbp_`), without slashes. */
  pattern?: string;
  /** A short explanation shown when the rule fails. */
  description?: string;
  /** When false, an unset variable is not a failure (its rules still apply when it is set). Default true. */
  required?: boolean;
  /** When false, the value is not masked (e.g. a region name). Default true. */
  secret?: boolean;
}

export interface EnvCheckOptions {
  rules: EnvRule[];
}

export interface GitCheckOptions {
  /** Fail when the working tree has uncommitted changes. */
  requireClean: boolean;
  /** Branch names (or glob patterns such as `release/*`) HEAD must be on; empty = any branch. */
  allowedBranches: string[];
  /** HEAD must carry a semver tag newer than every other release tag. */
  requireReleaseTag: boolean;
  /** Prefix of release tags, default `v`. */
  tagPrefix: string;
}

export interface CommandSpec {
  /** Short name shown in the report, e.g. `test`. */
  name: string;
  /** Program and arguments as an array; never a shell string. */
  run: string[];
  /** Seconds before the command (and its children) are killed. */
  timeoutSeconds: number;
  /** Working directory relative to the repository root. */
  cwd?: string;
  /** Extra environment for the command. */
  env?: Record<string, string>;
  /** Names passed on from the environment besides the default allow-list (lib/process/child-env.ts). */
  passEnv?: string[];
}

export interface CommandCheckOptions {
  command: CommandSpec;
  /** Bytes of output kept (the tail); output beyond it is dropped, never buffered. Default 64 KiB. */
  maxOutputBytes?: number;
  /** Lines of the tail shown in the report on failure. Default 40. */
  tailLines?: number;
}

export interface TlsCheckOptions {
  /** `host` or `host:port` (default port 443). */
  hosts: string[];
  /** The certificate must stay valid at least this many days from now. */
  minDays: number;
  /** Handshake timeout per host in ms. Default 10 000. */
  timeoutMs?: number;
  /** Extra trusted CA certificates (PEM); tests use it for a loopback server's self-signed CA. */
  ca?: string[];
  /** Server name to send when connecting to an IP (tests). */
  servername?: string;
}

export interface BundleBudget {
  /** Glob relative to the repository root, e.g. `.vercel/output/static/**`. */
  glob: string;
  /** Maximum total size in bytes of the matched files. */
  maxTotalBytes?: number;
  /** Maximum total gzip size in bytes (each file gzipped separately, summed). */
  maxGzipBytes?: number;
}

export interface BundleCheckOptions {
  budgets: BundleBudget[];
}

export interface FreezeWindow {
  /** Weekdays as three-letter lower-case names: mon, tue, wed, thu, fri, sat, sun. Empty = every day. */
  days: string[];
  /** `HH:MM` local time in the timezone, inclusive. */
  from: string;
  /** `HH:MM` local time, exclusive; may be earlier than `from` to wrap past midnight. */
  to: string;
  reason?: string;
}

export interface FreezeCheckOptions {
  /** IANA timezone name, e.g. `Europe/Berlin`. */
  timezone: string;
  windows: FreezeWindow[];
}

export interface BlockingIssuesCheckOptions {
  owner: string;
  repo: string;
  /** An open issue carrying any of these labels blocks the deploy. */
  labels: string[];
}
