/**
 * Before the rehearsal runs a reusable workflow, checks that every Shipline action it uses exists and agrees with
 * it: each `with:` key is an input of the action and each `steps.<id>.outputs.<name>` read is an output. A gap is
 * reported by name instead of surfacing later as a confusing failure (or a silently ignored input).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface PreflightProblem {
  workflow: string;
  step: string;
  message: string;
}

interface StepDoc {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

/** Problems of the Shipline actions used by the workflow file `file` (relative to `checkout`); empty when none. */
export async function checkWorkflowActions(checkout: string, file: string): Promise<PreflightProblem[]> {
  const text = await readFile(join(checkout, file), 'utf8');
  const doc = parseYaml(text) as { jobs?: Record<string, { steps?: StepDoc[] }> };
  const problems: PreflightProblem[] = [];
  for (const job of Object.values(doc.jobs ?? {})) {
    const steps = job.steps ?? [];
    const outputsOf = new Map<string, Set<string>>();
    for (const step of steps) {
      const match = /\/shipline\/actions\/([\w-]+)@/.exec(step.uses ?? '');
      if (!match?.[1]) continue;
      const name = match[1];
      const label = step.id ?? name;
      const yml = join(checkout, 'actions', name, 'action.yml');
      if (!existsSync(yml)) {
        problems.push({ workflow: file, step: label, message: `actions/${name} does not exist yet` });
        continue;
      }
      const action = parseYaml(await readFile(yml, 'utf8')) as {
        inputs?: Record<string, unknown>;
        outputs?: Record<string, unknown>;
      };
      const inputs = new Set(Object.keys(action.inputs ?? {}));
      const missing = Object.keys(step.with ?? {}).filter((key) => !inputs.has(key));
      if (missing.length > 0)
        problems.push({
          workflow: file,
          step: label,
          message: `actions/${name} has no input ${missing.map((m) => `\`${m}\``).join(', ')}`,
        });
      if (step.id) outputsOf.set(step.id, new Set(Object.keys(action.outputs ?? {})));
    }
    const reads = text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g);
    for (const [, id = '', output = ''] of reads) {
      const outputs = outputsOf.get(id);
      if (outputs && !outputs.has(output)) {
        const message = `step \`${id}\` has no output \`${output}\``;
        if (!problems.some((p) => p.message === message)) problems.push({ workflow: file, step: id, message });
      }
    }
  }
  return problems;
}
