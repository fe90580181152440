import { type SupabaseEmulator, startSupabaseEmulator } from '../../../../emulators/supabase/index.js';

export const REF = 'abcdefghijklmnopqrst';

/** A started emulator with one project (`REF`) and a JSON/multipart client bound to its token. */
export async function startSupabase(): Promise<{ sb: SupabaseEmulator; call: SupabaseCaller }> {
  const sb = await startSupabaseEmulator();
  return { sb, call: supabaseCaller(sb.url, sb.token) };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
type AnyJson = any;

export type SupabaseCaller = (
  method: string,
  path: string,
  body?: unknown,
  token?: string | null,
) => Promise<{ status: number; body: AnyJson; headers: Headers; raw: Response }>;

/** Sends JSON (or FormData as multipart) with `Authorization: Bearer <token>`; `null` sends none. */
export function supabaseCaller(base: string, defaultToken: string): SupabaseCaller {
  return async (method, path, body, token) => {
    const headers: Record<string, string> = {};
    const t = token === undefined ? defaultToken : token;
    if (t !== null) headers.authorization = `Bearer ${t}`;
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${base}${path}`, { method, headers, body: payload });
    const clone = res.clone();
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: res.status, body: parsed, headers: res.headers, raw: clone };
  };
}

/** A deploy form: `metadata` JSON plus one `file` part per entry. */
export function deployForm(metadata: Record<string, unknown>, files: Record<string, string>): FormData {
  const form = new FormData();
  form.append('metadata', JSON.stringify(metadata));
  for (const [path, content] of Object.entries(files)) form.append('file', new Blob([content]), path);
  return form;
}
