import * as core from '@actions/core';
import type { Logger, SourceLocation } from '../../lib/core/logger.js';
import type { Redactor } from '../../lib/core/redact.js';

function annotation(location: SourceLocation | undefined): core.AnnotationProperties | undefined {
  if (!location) return undefined;
  return {
    file: location.file,
    startLine: location.line,
    endLine: location.endLine ?? location.line,
    startColumn: location.column,
    title: location.title,
  };
}

/** The lib/ Logger on top of @actions/core: warnings and errors with a location become file annotations. */
export function coreLogger(): Logger {
  return {
    debug: (m) => core.debug(m),
    info: (m) => core.info(m),
    warning: (m, loc) => core.warning(m, annotation(loc)),
    error: (m, loc) => core.error(m, annotation(loc)),
    group: (title, fn) => core.group(title, fn),
  };
}

/** Forwards every secret the redactor knows (now and later) to the runner's masker. */
export function maskSecretsWithRunner(redactor: Redactor): void {
  redactor.onRegister((secret) => core.setSecret(secret));
}
