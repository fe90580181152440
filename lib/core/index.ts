export * from './clock.js';
export * from './errors.js';
export * from './http.js';
export * from './logger.js';
export * from './redact.js';
