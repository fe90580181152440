export * from './errors.js';
export * from './json-schema.js';
export * from './loader.js';
export * from './schema.js';
