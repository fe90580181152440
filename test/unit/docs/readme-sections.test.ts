import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionReferenceMarkdown, fillSections, generatedSections } from '../../../lib/docs/readme-sections.js';
import { repoRoot } from '../../support/runner.js';

describe('README generated sections', () => {
  it('renders an action.yml as input and output tables, escaping pipes', () => {
    const md = actionReferenceMarkdown(
      'inputs:\n  a:\n    description: "x | y"\n    default: "1"\n  b:\n    required: true\n    description: B\noutputs:\n  o:\n    description: O\n',
    );
    expect(md).toContain('| `a` | `1` | x \\| y |');
    expect(md).toContain('| `b` (required) |  | B |');
    expect(md).toContain('| `o` | O |');
  });

  it('fills known blocks and reports unknown ones', () => {
    const { text, unknown } = fillSections(
      'a\n<!-- generated:x -->\nold\n<!-- /generated:x -->\n<!-- generated:y -->\n?\n<!-- /generated:y -->\n',
      { x: 'new' },
    );
    expect(text).toContain('<!-- generated:x -->\nnew\n<!-- /generated:x -->');
    expect(unknown).toEqual(['y']);
  });

  it('README.md is up to date with the schema and every action.yml (run `npm run docs`)', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const sections = generatedSections(repoRoot);
    const { text, unknown } = fillSections(readme, sections);
    expect(unknown).toEqual([]);
    expect(text).toBe(readme);
    for (const name of readdirSync(join(repoRoot, 'actions'))) {
      if (name === 'shared') continue;
      expect(readme, `README documents actions/${name}`).toContain(`<!-- generated:action-${name} -->`);
    }
    expect(readme).toContain('<!-- generated:config-reference -->');
  });
});
