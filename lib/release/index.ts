/** The release lifecycle: one vocabulary for deploy, smoke, rollback, the bot and the workflows (DESIGN.md). */
export * from './lock.js';
export * from './outcome.js';
export * from './payload.js';
export * from './phases.js';
export * from './release.js';
