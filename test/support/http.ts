/**
 * A small JSON client for tests that talk to the emulators over HTTP: sends JSON (or FormData as multipart) with
 * an `Authorization` header and returns the status, the parsed body (text when it is not JSON) and the headers.
 */

/** A parsed answer; tests assert on the body field by field, so it is loosely typed on purpose. */
export interface JsonResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by assertions, not by the compiler
  body: any;
  headers: Headers;
  /** An unread copy of the response, for tests that need the raw bytes or content type. */
  raw: Response;
}

export interface JsonClientOptions {
  /** `Authorization` scheme (`Bearer` by default; GitHub also takes `token`). */
  scheme?: string;
  /** Headers sent with every request, e.g. an `accept` media type. */
  headers?: Record<string, string>;
}

/** Calls `method base+path` once; `token` null sends no `Authorization` header. */
export async function requestJson(
  base: string,
  method: string,
  path: string,
  body: unknown,
  token: string | null,
  options: JsonClientOptions = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (token !== null) headers.authorization = `${options.scheme ?? 'Bearer'} ${token}`;
  let payload: string | FormData | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(`${base}${path}`, { method, headers, body: payload });
  const raw = response.clone();
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers, raw };
}

/** `(method, path, body?, token?) => JsonResponse`; an omitted token means the client's default one. */
export type JsonCaller = (method: string, path: string, body?: unknown, token?: string | null) => Promise<JsonResponse>;

/** A caller bound to a base URL and a default token. */
export function jsonClient(base: string, defaultToken: string | null, options: JsonClientOptions = {}): JsonCaller {
  return (method, path, body, token) =>
    requestJson(base, method, path, body, token === undefined ? defaultToken : token, options);
}
