/**
 * Generated README sections: the configuration reference (from the zod schema) and each action's inputs and outputs
 * (from its action.yml). `npm run docs` rewrites them between `<!-- generated:NAME -->` / `<!-- /generated:NAME -->`
 * markers; a test fails when the README is stale, so the documentation cannot drift from the code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { configReferenceMarkdown } from '../config/reference.js';

interface ActionYaml {
  inputs?: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description?: string }>;
}

function cell(text: string | undefined): string {
  return (text ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim();
}

/** Markdown tables of one action's inputs and outputs. */
export function actionReferenceMarkdown(actionYmlText: string): string {
  const action = parse(actionYmlText) as ActionYaml;
  const lines = ['| Input | Default | Description |', '| --- | --- | --- |'];
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    const def = input.default === undefined || input.default === '' ? '' : `\`${cell(String(input.default))}\``;
    lines.push(`| \`${name}\`${input.required ? ' (required)' : ''} | ${def} | ${cell(input.description)} |`);
  }
  lines.push('', '| Output | Description |', '| --- | --- |');
  for (const [name, output] of Object.entries(action.outputs ?? {})) {
    lines.push(`| \`${name}\` | ${cell(output.description)} |`);
  }
  return lines.join('\n');
}

/** Every generated section by name: `config-reference` and `action-<name>` for each actions/<name>/action.yml. */
export function generatedSections(root: string): Record<string, string> {
  const sections: Record<string, string> = { 'config-reference': configReferenceMarkdown().trim() };
  for (const name of readdirSync(join(root, 'actions')).sort()) {
    let text: string;
    try {
      text = readFileSync(join(root, 'actions', name, 'action.yml'), 'utf8');
    } catch {
      continue;
    }
    sections[`action-${name}`] = actionReferenceMarkdown(text);
  }
  return sections;
}

/** Replaces the body of every `<!-- generated:NAME -->` block in `markdown`; returns the text and unknown names. */
export function fillSections(markdown: string, sections: Record<string, string>): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const text = markdown.replace(
    /<!-- generated:([\w-]+) -->\n[\s\S]*?<!-- \/generated:\1 -->/g,
    (whole, name: string) => {
      const body = sections[name];
      if (body === undefined) {
        unknown.push(name);
        return whole;
      }
      return `<!-- generated:${name} -->\n${body}\n<!-- /generated:${name} -->`;
    },
  );
  return { text, unknown };
}
