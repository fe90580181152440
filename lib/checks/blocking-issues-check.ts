import type { Octokit } from '@octokit/rest';
import type { BlockingIssuesCheckOptions } from './options.js';
import type { Check } from './types.js';

/** An open issue that blocks the deploy, with the labels that made it blocking. */
export interface BlockingIssue {
  number: number;
  title: string;
  url: string;
  labels: string[];
}

/** The subset of Octokit this check uses (so any configured client, emulated or real, fits). */
export type IssuesClient = Pick<Octokit, 'paginate' | 'rest'>;

const MAX_LISTED = 20;

/** Lists open issues (pull requests excluded) carrying any of `labels`, one paginated query per label, merged. */
export async function findBlockingIssues(
  octokit: IssuesClient,
  options: BlockingIssuesCheckOptions,
): Promise<BlockingIssue[]> {
  const found = new Map<number, BlockingIssue>();
  for (const label of options.labels) {
    const items = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: options.owner,
      repo: options.repo,
      state: 'open',
      labels: label,
      per_page: 100,
    });
    for (const item of items) {
      if (item.pull_request || item.state !== 'open') continue;
      const entry = found.get(item.number) ?? {
        number: item.number,
        title: item.title,
        url: item.html_url,
        labels: [],
      };
      entry.labels.push(label);
      found.set(item.number, entry);
    }
  }
  return [...found.values()].sort((a, b) => a.number - b.number);
}

/**
 * Fails while any open issue (not a PR) in owner/repo carries one of the blocking labels, listing `#n title` for
 * each. Any API error fails the check (fail closed) with the HTTP status.
 */
export function blockingIssuesCheck(options: BlockingIssuesCheckOptions, octokit: IssuesClient): Check {
  return {
    id: 'blocking-issues',
    title: 'Blocking issues',
    async run(ctx) {
      if (options.labels.length === 0) return { status: 'skip', message: 'no blocking labels configured' };
      const where = `${options.owner}/${options.repo}`;
      let issues: BlockingIssue[];
      try {
        issues = await findBlockingIssues(octokit, options);
      } catch (error) {
        // Octokit reports a network failure as status 500 without a response: tell the two apart.
        const { status, response } = error as { status?: unknown; response?: unknown };
        const reason =
          typeof status === 'number' && response !== undefined
            ? `HTTP ${status}`
            : `GitHub not reachable: ${(error as Error).message}`;
        return {
          status: 'fail',
          message: ctx.redactor.redact(`could not list blocking issues in ${where} (${reason}); failing closed`),
          details: 'Hint: the token needs `issues: read` on the repository; retry once GitHub answers again.',
        };
      }
      const labels = options.labels.join(', ');
      if (issues.length === 0) return { status: 'pass', message: `no open issue labelled ${labels} in ${where}` };
      const lines = issues.slice(0, MAX_LISTED).map((i) => `#${i.number} ${i.title} [${i.labels.join(', ')}]`);
      if (issues.length > MAX_LISTED) lines.push(`… and ${issues.length - MAX_LISTED} more`);
      return {
        status: 'fail',
        message: ctx.redactor.redact(
          `${issues.length} open blocking issue${issues.length === 1 ? '' : 's'}: ${issues
            .slice(0, 5)
            .map((i) => `#${i.number} ${i.title}`)
            .join('; ')}${issues.length > 5 ? '; …' : ''}`,
        ),
        details: ctx.redactor.redact(lines.join('\n')),
      };
    },
  };
}
