import * as core from '@actions/core';
import type { Logger, SourceLocation } from '../../lib/core/logger.js';
import type { Redactor } from '../../lib/core/redact.js';

function annotation(
  location: SourceLocation | undefined,
  redact: (text: string) => string,
): core.AnnotationProperties | undefined {
  if (!location) return undefined;
  return {
    file: location.file,
    startLine: location.line,
    endLine: location.endLine ?? location.line,
    startColumn: location.column,
    ...(location.title === undefined ? {} : { title: redact(location.title) }),
  };
}

/**
 * The lib/ Logger on top of @actions/core: warnings and errors with a location become file annotations. With a
 * redactor, annotation titles are redacted too (messages are, when the logger is wrapped in `redactingLogger`).
 */
export function coreLogger(redactor?: Redactor): Logger {
  const redact = (text: string) => (redactor ? redactor.redact(text) : text);
  return {
    debug: (m) => core.debug(m),
    info: (m) => core.info(m),
    warning: (m, loc) => core.warning(m, annotation(loc, redact)),
    error: (m, loc) => core.error(m, annotation(loc, redact)),
    group: (title, fn) => core.group(title, fn),
  };
}

/**
 * Forwards every secret the redactor knows (now and later) to the runner's masker. The runner masks line by line,
 * so a multi-line secret is also registered one line at a time.
 */
export function maskSecretsWithRunner(redactor: Redactor): void {
  redactor.onRegister((secret) => {
    core.setSecret(secret);
    const lines = secret.split(/\r?\n/).map((line) => line.trim());
    if (lines.length > 1) for (const line of lines) if (line.length >= 4) core.setSecret(line);
  });
}
