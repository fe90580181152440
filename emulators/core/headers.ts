import type { IncomingHttpHeaders } from 'node:http';

/** Anything carrying Node's parsed request headers (an `IncomingMessage` or an `EmulatorRequest`). */
export interface HasHeaders {
  headers: IncomingHttpHeaders;
}

/** The first value of a request header (names are case-insensitive), or undefined when absent. */
export function headerValue(req: HasHeaders, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The token of an `Authorization: <scheme> <token>` header whose scheme is one of `schemes` (case-insensitive,
 * default `Bearer`); undefined when the header is absent or has another shape.
 */
export function bearerToken(req: HasHeaders, options: { schemes?: readonly string[] } = {}): string | undefined {
  const header = headerValue(req, 'authorization')?.trim();
  if (!header) return undefined;
  const schemes = (options.schemes ?? ['Bearer']).map((s) => s.toLowerCase());
  const match = /^(\S+)\s+(\S+)$/.exec(header);
  if (!match?.[1] || !match[2] || !schemes.includes(match[1].toLowerCase())) return undefined;
  return match[2];
}
