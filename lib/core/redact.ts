/**
 * Secret redaction. Every secret is registered here before anything can print it; all text that leaves
 * lib/ (logs, errors, summaries, reports) goes through `redact`. Adapters also forward each secret to
 * their platform's masker (`core.setSecret` in Actions) through `onRegister`.
 */
import { credentialForms } from '../postgres/connection-url.js';

export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly listeners: Array<(secret: string) => void> = [];

  /**
   * Registers a secret with the forms it takes when printed through a URL or JSON (percent-encoded, JSON-escaped),
   * so none can be printed. Values shorter than 4 chars are ignored.
   */
  add(secret: string | undefined | null): void {
    if (!secret || secret.length < 4) return;
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      if (this.secrets.has(form)) continue;
      this.secrets.add(form);
      for (const listener of this.listeners) listener(form);
    }
  }

  /**
   * Registers the credentials of a connection URL in every form they can print in (see `credentialForms`): the
   * userinfo password and a `?password=` value, decoded and as written; for a URL that does not parse, whatever
   * the writer meant as the password and each piece the URL parser would cut it into.
   */
  addUrlCredentials(url: string | undefined): void {
    if (!url) return;
    this.add(url);
    this.add(url.trim());
    for (const form of credentialForms(url)) this.add(form);
  }

  /** Calls `listener` for every secret registered from now on, and for those already registered. */
  onRegister(listener: (secret: string) => void): void {
    this.listeners.push(listener);
    for (const secret of this.secrets) listener(secret);
  }

  /** Replaces every registered secret in `text` with `***`, longest first so overlapping secrets fully vanish. */
  redact(text: string): string {
    if (this.secrets.size === 0 || !text) return text;
    let out = text;
    const ordered = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const secret of ordered) out = out.split(secret).join('***');
    return out;
  }

  get size(): number {
    return this.secrets.size;
  }
}

/** Wraps a logger-like sink so every message goes through the redactor first. */
export function redactingLogger<L extends import('./logger.js').Logger>(logger: L, redactor: Redactor): L {
  const wrapped: import('./logger.js').Logger = {
    debug: (m) => logger.debug(redactor.redact(m)),
    info: (m) => logger.info(redactor.redact(m)),
    warning: (m, loc) => logger.warning(redactor.redact(m), loc),
    error: (m, loc) => logger.error(redactor.redact(m), loc),
    group: (title, fn) => logger.group(redactor.redact(title), fn),
  };
  return wrapped as L;
}
