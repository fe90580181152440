import { type SupabaseEmulator, startSupabaseEmulator } from '../../../../emulators/supabase/index.js';
import { type JsonCaller, jsonClient } from '../../../support/http.js';

export const REF = 'abcdefghijklmnopqrst';

/** A started emulator with one project (`REF`) and a JSON/multipart client bound to its token. */
export async function startSupabase(): Promise<{ sb: SupabaseEmulator; call: SupabaseCaller }> {
  const sb = await startSupabaseEmulator();
  return { sb, call: supabaseCaller(sb.url, sb.token) };
}

export type SupabaseCaller = JsonCaller;

/** Sends JSON (or FormData as multipart) with `Authorization: Bearer <token>`; `null` sends none. */
export function supabaseCaller(base: string, defaultToken: string): SupabaseCaller {
  return jsonClient(base, defaultToken);
}

/** A deploy form: `metadata` JSON plus one `file` part per entry. */
export function deployForm(metadata: Record<string, unknown>, files: Record<string, string>): FormData {
  const form = new FormData();
  form.append('metadata', JSON.stringify(metadata));
  for (const [path, content] of Object.entries(files)) form.append('file', new Blob([content]), path);
  return form;
}
