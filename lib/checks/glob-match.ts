/**
 * Matches a name such as a branch against a simple glob: `*` matches any run of characters except `/`,
 * `**` matches anything (slashes included), `?` one character other than `/`; everything else is literal.
 */
export function matchesGlob(name: string, pattern: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        source += '.*';
        i++;
      } else {
        source += '[^/]*';
      }
    } else if (c === '?') {
      source += '[^/]';
    } else {
      source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`).test(name);
}
