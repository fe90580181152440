import { ConfigError } from '../core/errors.js';

/** One problem in a configuration file, located so an adapter can annotate the exact line. */
export interface ConfigIssue {
  /** The file as the user knows it, e.g. `.github/shipline.yml`. */
  file: string;
  /** 1-based line and column; absent when the problem is the file itself (missing, empty). */
  line?: number;
  column?: number;
  /** Dotted path of the offending value, e.g. `smoke.checks[2].expect.status`; empty for the whole file. */
  path: string;
  message: string;
  /** What to do about it; empty when there is nothing useful to add. */
  hint: string;
}

/** The issue without its location: `path: message. Hint: …`. */
export function describeConfigIssue(issue: Pick<ConfigIssue, 'path' | 'message' | 'hint'>): string {
  const path = issue.path ? `${issue.path}: ` : '';
  const hint = issue.hint ? `${/[.!?]$/.test(issue.message) ? '' : '.'} Hint: ${issue.hint}` : '';
  return `${path}${issue.message}${hint}`;
}

/** Formats one issue as `file:line:col path: message. Hint: …` (the form editors and terminals link). */
export function formatConfigIssue(issue: ConfigIssue): string {
  const where = [issue.file, issue.line, issue.column].filter((p) => p !== undefined).join(':');
  return `${where} ${describeConfigIssue(issue)}`;
}

/**
 * The configuration could not be used. Carries every problem found at once (`issues`), so a user fixes the file
 * in one pass; `message` lists them all, one per line.
 */
export class InvalidConfigError extends ConfigError {
  override name = 'InvalidConfigError';
  readonly issues: ConfigIssue[];
  readonly file: string;

  constructor(code: string, file: string, issues: ConfigIssue[], hint?: string) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(code, `${file}: ${count}\n${issues.map((i) => `  ${formatConfigIssue(i)}`).join('\n')}`, {
      hint:
        hint ??
        `Fix the ${issues.length === 1 ? 'problem' : 'problems'} above; the reference is schema/shipline.schema.json.`,
    });
    this.issues = issues;
    this.file = file;
  }
}
