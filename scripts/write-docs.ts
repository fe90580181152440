/**
 * `npm run docs`: rewrites the generated parts of the documentation — schema/shipline.schema.json and the README's
 * configuration reference and action input/output tables. A test fails when either is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configJsonSchemaText } from '../lib/config/json-schema.js';
import { fillSections, generatedSections } from '../lib/docs/readme-sections.js';

const root = resolve(import.meta.dirname, '..');
writeFileSync(join(root, 'schema', 'shipline.schema.json'), configJsonSchemaText());
const readmePath = join(root, 'README.md');
const { text, unknown } = fillSections(readFileSync(readmePath, 'utf8'), generatedSections(root));
if (unknown.length > 0) {
  process.stderr.write(`README.md has unknown generated sections: ${unknown.join(', ')}\n`);
  process.exitCode = 1;
}
writeFileSync(readmePath, text);
process.stdout.write('wrote schema/shipline.schema.json and README.md\n');
