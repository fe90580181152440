#!/usr/bin/env node
// The installed `shipline` command: runs the compiled CLI (dist/cli, built by `npm run build` and on `npm pack`),
// which needs only the package's production dependencies.
import { runAsProgram } from '../dist/cli/index.js';

await runAsProgram(process.argv.slice(2));
