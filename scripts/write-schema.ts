/**
 * Writes schema/shipline.schema.json from the zod schema of `.github/shipline.yml` (`npm run schema`).
 * Editors use it for completion (`# yaml-language-server: $schema=…`); a test fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configJsonSchemaText } from '../lib/config/json-schema.js';

const root = resolve(import.meta.dirname, '..');
const target = join(root, 'schema', 'shipline.schema.json');
writeFileSync(target, configJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
