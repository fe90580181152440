/** The configuration reference as a markdown table, generated from the JSON Schema (for the README). */
import { configJsonSchema } from './json-schema.js';

interface Node {
  type?: string;
  description?: string;
  default?: unknown;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  items?: Node;
  anyOf?: Node[];
}

function typeOf(node: Node): string {
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (node.anyOf) return node.anyOf.map(typeOf).join(' or ');
  if (node.type === 'array') return `list of ${node.items ? typeOf(node.items) : 'any'}`;
  if (node.type === 'object') return node.properties ? 'mapping' : 'map';
  return node.type ?? 'any';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** One row per key (`smoke.checks[].expect.status`, `environments.<name>.url`): type, default, description. */
export function configReferenceMarkdown(): string {
  const rows: string[] = ['| Key | Type | Default | Description |', '| --- | --- | --- | --- |'];
  const visit = (node: Node, path: string) => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const here = path ? `${path}.${key}` : key;
      const def = child.default === undefined ? '' : `\`${JSON.stringify(child.default)}\``;
      rows.push(`| \`${here}\` | ${cell(typeOf(child))} | ${cell(def)} | ${cell(child.description ?? '')} |`);
      visit(child, here);
      if (child.items) visit(child.items, `${here}[]`);
      if (typeof child.additionalProperties === 'object') visit(child.additionalProperties, `${here}.<name>`);
    }
  };
  visit(configJsonSchema() as Node, '');
  return `${rows.join('\n')}\n`;
}
