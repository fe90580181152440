/**
 * The environment a configured command (validate's `commands`) runs with: an allow-list, never the whole parent
 * environment. A CI runner's environment holds credentials the command has no business with — `ACTIONS_RUNTIME_TOKEN`
 * and `ACTIONS_CACHE_URL` (cache poisoning), `ACTIONS_ID_TOKEN_REQUEST_*` (minting OIDC tokens), `GITHUB_TOKEN`,
 * `INPUT_*` — and a dependency run by `npm test` must not see them. More names are passed only when the configuration
 * names them.
 */

/** Names passed on by default: what programs need to run, and the non-secret facts of a CI run. */
export const DEFAULT_PASSED_ENV: readonly string[] = [
  // Finding programs, the user, the shell, locale, terminal and temp space.
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TERM',
  'COLORTERM',
  'NO_COLOR',
  'FORCE_COLOR',
  'TMPDIR',
  'TMP',
  'TEMP',
  // Network setup the runner may need for any download.
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  // Where and what is being built (no credentials among them).
  'CI',
  'GITHUB_ACTIONS',
  'GITHUB_WORKSPACE',
  'GITHUB_REPOSITORY',
  'GITHUB_SHA',
  'GITHUB_REF',
  'GITHUB_REF_NAME',
  'GITHUB_HEAD_REF',
  'GITHUB_BASE_REF',
  'GITHUB_EVENT_NAME',
  'GITHUB_JOB',
  'GITHUB_RUN_ID',
  'GITHUB_RUN_NUMBER',
  'GITHUB_RUN_ATTEMPT',
  'GITHUB_SERVER_URL',
  'RUNNER_OS',
  'RUNNER_ARCH',
  'RUNNER_TEMP',
  'RUNNER_TOOL_CACHE',
  // Windows runners cannot start programs without these.
  'SystemRoot',
  'ComSpec',
  'PATHEXT',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
];

/** Prefixes passed on by default (locale categories such as LC_ALL). */
const DEFAULT_PASSED_PREFIXES = ['LC_'];

/**
 * The environment for a command: the allow-listed names (plus `pass`, names the configuration adds) taken from
 * `parent` where set, then `set` (values the configuration gives) on top.
 */
export function commandEnvironment(
  parent: Record<string, string | undefined>,
  options: { pass?: readonly string[]; set?: Record<string, string> } = {},
): Record<string, string> {
  const allowed = new Set([...DEFAULT_PASSED_ENV, ...(options.pass ?? [])]);
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    if (allowed.has(name) || DEFAULT_PASSED_PREFIXES.some((prefix) => name.startsWith(prefix))) env[name] = value;
  }
  return { ...env, ...options.set };
}
