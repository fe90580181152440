/** Field-specific advice attached to schema problems, keyed by the last path segments. */

/** A hint for the problem `code` at `path` with the offending `value`, or an empty string. */
export function hintFor(path: readonly PropertyKey[], code: string, value: unknown): string {
  const last = String(path[path.length - 1] ?? '');
  const parent = String(path[path.length - 2] ?? '');
  if (path.length === 1 && last === 'version') return 'Put `version: 1` at the top of the file.';
  if (last === 'run' && parent !== '' && typeof value === 'string') {
    const words = value.trim().split(/\s+/).filter(Boolean);
    const example = `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
    return `Commands run without a shell (no quoting, pipes or variables are interpreted), so give the program and its arguments as a list: run: ${example}`;
  }
  if (last === 'status' && parent === 'expect') return 'Use a status code such as 200, or a list such as [200, 204].';
  if (last === 'timezone') return 'Use a name from the tz database, e.g. Europe/Berlin, America/New_York or UTC.';
  if (last === 'max-total' || last === 'max-gzip')
    return 'Write a number of bytes or a size such as 500kB, 2MB or 1.5MiB.';
  if (last === 'lock-timeout' || last === 'statement-timeout') return 'Quote the value, e.g. "5s" or "15min".';
  if (last === 'from' || last === 'to') return 'Quote times so YAML keeps them as text: from: "18:00".';
  if (last === 'url') return 'Write the full URL including https://.';
  if (last === 'project-ref') return 'The ref is in your Supabase dashboard URL: supabase.com/dashboard/project/<ref>.';
  if (code === 'invalid_type' && value === null) return 'The key has no value; remove it or give it one.';
  return '';
}
