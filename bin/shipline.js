#!/usr/bin/env node
// The `shipline` command. Runs the TypeScript CLI through tsx's loader so a checkout works without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
