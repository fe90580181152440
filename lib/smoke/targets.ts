/**
 * Opens what the probes talk to, from plain settings: a supabase-js client with the anon key (no session kept, no
 * Realtime) and a small pg pool on the database URL. Shared by the smoke action, `shipline smoke` and rollback's
 * production smoke; `close()` ends the pool.
 */
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import type { ProbeTargets } from './from-config.js';

export interface ProbeTargetSettings {
  baseUrl: string;
  bypassSecret?: string;
  supabaseUrl?: string;
  supabaseAnonKey?: string;
  databaseUrl?: string;
  /** Largest number of probe connections to the database. Default 4. */
  databaseConnections?: number;
  redact?: (text: string) => string;
  fetch?: typeof fetch;
}

/** A WebSocket stand-in that refuses to connect: smoke never opens a Realtime channel (Node 20 has no WebSocket). */
class NoRealtime {
  constructor() {
    throw new Error('Realtime is not used by smoke probes');
  }
}

/** Builds the probe targets; Supabase and SQL targets only when their settings are given. */
export function openProbeTargets(settings: ProbeTargetSettings): { targets: ProbeTargets; close(): Promise<void> } {
  const supabase =
    settings.supabaseUrl && settings.supabaseAnonKey
      ? createClient(settings.supabaseUrl, settings.supabaseAnonKey, {
          auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
          ...(globalThis.WebSocket
            ? {}
            : { realtime: { transport: NoRealtime as unknown as typeof globalThis.WebSocket } }),
        })
      : undefined;
  const pool = settings.databaseUrl
    ? new pg.Pool({ connectionString: settings.databaseUrl, max: settings.databaseConnections ?? 4 })
    : undefined;
  // A dropped idle connection must not crash the process; the next probe reports the error.
  pool?.on('error', () => undefined);
  return {
    targets: {
      baseUrl: settings.baseUrl,
      ...(settings.bypassSecret ? { bypassSecret: settings.bypassSecret } : {}),
      ...(supabase ? { supabase } : {}),
      ...(pool ? { pool } : {}),
      ...(settings.redact ? { redact: settings.redact } : {}),
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
    },
    close: async () => {
      await pool?.end();
    },
  };
}
