/**
 * Reads a workflow file with GitHub's own parser (@actions/workflow-parser): schema errors become one error that
 * names the file and line. Also returns the raw YAML, for the parts the converter drops (`workflow_call.outputs`).
 */
import { readFile } from 'node:fs/promises';
import {
  convertWorkflowTemplate,
  isMapping,
  isSequence,
  NoOperationTraceWriter,
  parseWorkflow,
} from '@actions/workflow-parser';
import type { WorkflowTemplate } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { parse as parseYaml } from 'yaml';
import { ShiplineError } from '../core/errors.js';

/** One declared input of `workflow_dispatch` or `workflow_call`. */
export interface DeclaredInput {
  type?: string;
  default?: unknown;
  required?: boolean;
}

export interface LoadedWorkflow {
  file: string;
  name: string;
  template: WorkflowTemplate;
  /** `on.workflow_dispatch.inputs` / `on.workflow_call.inputs`, by name. */
  dispatchInputs: Record<string, DeclaredInput>;
  callInputs: Record<string, DeclaredInput>;
  /** `on.workflow_call.outputs`: name → the `value` expression text. */
  callOutputs: Record<string, string>;
  /** Event names the workflow listens to. */
  events: string[];
  /** A step's `with:` mapping (the converter leaves it out of the model), from the parsed token tree. */
  stepWith(jobId: string, stepIndex: number): TemplateToken | undefined;
}

function child(token: TemplateToken | undefined, key: string): TemplateToken | undefined {
  if (!token || !isMapping(token)) return undefined;
  for (let i = 0; i < token.count; i++) {
    const pair = token.get(i);
    if (pair.key.toString() === key) return pair.value;
  }
  return undefined;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Loads and validates `file`; throws a ShiplineError listing the parser's findings. */
export async function loadWorkflow(file: string): Promise<LoadedWorkflow> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new ShiplineError('workflow-missing', `Cannot read workflow ${file}: ${(error as Error).message}`, {
      hint: 'Pass the path of a workflow file, e.g. .github/workflows/deploy.yml.',
    });
  }
  const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors();
  if (errors.length > 0 || !parsed.value) {
    throw new ShiplineError(
      'workflow-invalid',
      `${file} is not a valid workflow:\n${errors.map((e) => `  ${e.message}`).join('\n')}`,
      { hint: 'Fix the workflow file; GitHub would refuse it the same way.' },
    );
  }
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  const raw = record(parseYaml(content));
  // YAML 1.1 reads a bare `on` key as true; GitHub treats it as `on`.
  const on = raw.on ?? raw.true;
  const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys(record(on));
  const onMap = record(on);
  const inputs = (event: string) => record(record(onMap[event]).inputs) as Record<string, DeclaredInput>;
  const callOutputs: Record<string, string> = {};
  for (const [name, def] of Object.entries(record(record(onMap.workflow_call).outputs))) {
    callOutputs[name] = String(record(def).value ?? '');
  }
  return {
    file,
    name: typeof raw.name === 'string' ? raw.name : file,
    template,
    dispatchInputs: inputs('workflow_dispatch'),
    callInputs: inputs('workflow_call'),
    callOutputs,
    events,
    stepWith(jobId, stepIndex) {
      const steps = child(child(child(parsed.value, 'jobs'), jobId), 'steps');
      if (!steps || !isSequence(steps) || stepIndex >= steps.count) return undefined;
      return child(steps.get(stepIndex), 'with');
    },
  };
}

/** Typed input values: declared defaults applied, booleans and numbers converted; a missing required one throws. */
export function resolveInputs(
  declared: Record<string, DeclaredInput>,
  given: Record<string, string | boolean | number>,
  file: string,
): Record<string, string | boolean | number> {
  const out: Record<string, string | boolean | number> = {};
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(declared, name)) {
      throw new ShiplineError('workflow-input', `${file} declares no input "${name}".`, {
        hint: `Declared inputs: ${Object.keys(declared).join(', ') || '(none)'}.`,
      });
    }
  }
  for (const [name, def] of Object.entries(declared)) {
    const value = Object.hasOwn(given, name) ? given[name] : def.default;
    if (value === undefined || value === null) {
      if (def.required) {
        throw new ShiplineError('workflow-input', `${file} requires the input "${name}".`, {
          hint: `Pass it with --input ${name}=<value>.`,
        });
      }
      out[name] = def.type === 'boolean' ? false : def.type === 'number' ? 0 : '';
      continue;
    }
    if (def.type === 'boolean') out[name] = value === true || value === 'true';
    else if (def.type === 'number') out[name] = Number(value);
    else out[name] = String(value);
  }
  return out;
}
