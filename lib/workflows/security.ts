/**
 * Security rules for GitHub workflow files and action metadata, each finding pointing at a file and line:
 * read-only top-level `permissions` (writes granted per job), non-local `uses:` pinned by full commit SHA,
 * no expressions of untrusted or unlisted contexts inside `run:` (pass values through `env:`), no
 * `pull_request_target` that checks out the pull request's head, and `persist-credentials: false` on checkout.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';

export type WorkflowRule =
  | 'syntax'
  | 'top-level-permissions'
  | 'unpinned-action'
  | 'expression-in-run'
  | 'pull-request-target-checkout'
  | 'persist-credentials';

export interface WorkflowFinding {
  rule: WorkflowRule;
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Values an expression in `run:` may read: set by GitHub or the runner, never by whoever opened an issue or PR. */
const SAFE_EXPRESSION =
  /^(github\.(run_id|run_number|run_attempt|sha|repository|repository_id|repository_owner|workspace|server_url|api_url|action_path|job|workflow|event_name)|runner\.[a-z_]+|strategy\.[a-z_-]+|job\.status)$/;

const FULL_SHA_REF = /@[0-9a-f]{40}$/;

interface Located {
  file: string;
  counter: LineCounter;
}

function position(where: Located, node: Node | null | undefined): { line: number; column: number } {
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = where.counter.linePos(offset);
  return { line, column: col };
}

function get(map: unknown, key: string): Node | undefined {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  return (pair?.value ?? undefined) as Node | undefined;
}

function scalar(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

/** Expressions `${{ … }}` in `text`, trimmed. */
function expressions(text: string): string[] {
  return [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => (m[1] ?? '').trim());
}

function isReadOnlyPermissions(node: Node | undefined): boolean {
  if (node === undefined) return false;
  const text = scalar(node);
  if (text !== undefined) return text === 'read-all';
  if (!isMap(node)) return false;
  return node.items.every((item) => {
    const value = scalar(item.value);
    return value === 'read' || value === 'none';
  });
}

function checkSteps(steps: Node | undefined, where: Located, findings: WorkflowFinding[], prTarget: boolean): void {
  if (!isSeq(steps)) return;
  for (const step of steps.items) {
    const uses = get(step, 'uses');
    const usesText = scalar(uses);
    if (usesText !== undefined) checkUses(usesText, uses, where, findings);
    const run = get(step, 'run');
    const runText = scalar(run);
    if (runText !== undefined) {
      for (const expression of expressions(runText)) {
        if (!SAFE_EXPRESSION.test(expression)) {
          findings.push({
            rule: 'expression-in-run',
            file: where.file,
            ...position(where, run),
            message: `\`\${{ ${expression} }}\` is expanded into the shell script before it runs: pass it through \`env:\` and use "$NAME" instead.`,
          });
        }
      }
    }
    if (usesText?.startsWith('actions/checkout@')) {
      const withNode = get(step, 'with');
      const persist = get(withNode, 'persist-credentials');
      if (scalar(persist) !== 'false') {
        findings.push({
          rule: 'persist-credentials',
          file: where.file,
          ...position(where, persist ?? uses),
          message: 'actions/checkout leaves the token in .git/config: set `persist-credentials: false`.',
        });
      }
      const ref = scalar(get(withNode, 'ref')) ?? '';
      if (prTarget && /github\.event\.pull_request\.head|github\.head_ref|refs\/pull\//.test(ref)) {
        findings.push({
          rule: 'pull-request-target-checkout',
          file: where.file,
          ...position(where, get(withNode, 'ref')),
          message:
            'pull_request_target runs with write access and secrets: checking out the pull request head runs untrusted code with them. Use `pull_request` instead.',
        });
      }
    }
  }
}

function checkUses(text: string, node: Node | undefined, where: Located, findings: WorkflowFinding[]): void {
  if (text.startsWith('./') || text.startsWith('docker://')) return;
  if (!FULL_SHA_REF.test(text)) {
    findings.push({
      rule: 'unpinned-action',
      file: where.file,
      ...position(where, node),
      message: `\`${text}\` is not pinned: use the full commit SHA (keep the tag in a comment), so a moved tag cannot change what runs.`,
    });
  }
}

function parse(file: string, text: string, findings: WorkflowFinding[]): { root: YAMLMap; where: Located } | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  const where = { file, counter };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const { line, col } = counter.linePos(error.pos[0]);
      findings.push({ rule: 'syntax', file, line, column: col, message: error.message.split('\n')[0] ?? 'YAML error' });
    }
    return undefined;
  }
  if (!isMap(doc.contents)) {
    findings.push({ rule: 'syntax', file, line: 1, column: 1, message: 'Expected a mapping at the top of the file.' });
    return undefined;
  }
  return { root: doc.contents, where };
}

/** Checks one workflow file's text. */
export function checkWorkflow(file: string, text: string): WorkflowFinding[] {
  const findings: WorkflowFinding[] = [];
  const parsed = parse(file, text, findings);
  if (!parsed) return findings;
  const { root, where } = parsed;
  const permissions = get(root, 'permissions');
  if (!isReadOnlyPermissions(permissions)) {
    findings.push({
      rule: 'top-level-permissions',
      file,
      ...position(where, permissions ?? root),
      message:
        permissions === undefined
          ? 'No top-level `permissions:`: the token gets the repository default, often write-all. Add `permissions: { contents: read }` and grant writes per job.'
          : 'Top-level `permissions:` grants write access to every job: keep it read-only and grant writes in the jobs that need them.',
    });
  }
  const on = get(root, 'on');
  const events =
    scalar(on) !== undefined
      ? [scalar(on)]
      : isSeq(on)
        ? on.items.map(scalar)
        : isMap(on)
          ? on.items.map((i) => scalar(i.key))
          : [];
  const prTarget = events.includes('pull_request_target');
  const jobs = get(root, 'jobs');
  if (isMap(jobs)) {
    for (const item of jobs.items) {
      const job = item.value;
      const uses = get(job, 'uses');
      const usesText = scalar(uses);
      if (usesText !== undefined) checkUses(usesText, uses, where, findings);
      checkSteps(get(job, 'steps'), where, findings, prTarget);
    }
  }
  return findings;
}

/** Checks an action's metadata (`action.yml`): composite steps follow the workflow step rules. */
export function checkActionMetadata(file: string, text: string): WorkflowFinding[] {
  const findings: WorkflowFinding[] = [];
  const parsed = parse(file, text, findings);
  if (!parsed) return findings;
  checkSteps(get(get(parsed.root, 'runs'), 'steps'), parsed.where, findings, false);
  return findings;
}
