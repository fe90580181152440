/**
 * The ledger payload: what Shipline stores in a GitHub Deployment's `payload`. One zod schema, versioned.
 * Writers always write the newest `schema`; readers accept every version they know and upgrade it.
 */
import { z } from 'zod';
import { ShiplineError } from '../core/errors.js';

/** The payload version writers produce. */
export const PAYLOAD_SCHEMA_VERSION = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest');

/** Schema 1 of the ledger payload. */
export const ledgerPayloadV1 = z.object({
  schema: z.literal(1),
  kind: z.enum(['deploy', 'rollback']),
  version: z.string().min(1),
  sha: z.string().regex(/^[0-9a-f]{40}$/, 'a full commit SHA'),
  vercel: z
    .object({
      projectId: z.string().min(1),
      deploymentId: z.string().min(1),
      url: z.string().min(1),
    })
    .nullable(),
  /** Edge function slug → sha256 of its deployed files. */
  edge: z.record(z.string(), sha256),
  migrations: z.object({ head: z.string().nullable() }),
  /** GitHub login of whoever asked (the actor of the run, or the commenter). */
  requestedBy: z.string(),
  reason: z.string(),
  /** URL of the run or comment that caused this release. */
  source: z.string(),
  /** For kind rollback: the GitHub Deployment id of the release being rolled back. */
  rollbackOf: z.number().int().positive().optional(),
});

export type LedgerPayload = z.infer<typeof ledgerPayloadV1>;

/** The GitHub `task` Shipline's deployments carry, so the ledger ignores deployments made by other tools. */
export const LEDGER_TASK = 'deploy:shipline';

/** Validates a payload before it is written; throws a ShiplineError naming the bad field. */
export function buildPayload(fields: Omit<LedgerPayload, 'schema'>): LedgerPayload {
  const result = ledgerPayloadV1.safeParse({ schema: PAYLOAD_SCHEMA_VERSION, ...fields });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ShiplineError(
      'invalid-payload',
      `Ledger payload is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unknown problem'}.`,
      { hint: 'This is a bug in the caller that builds the release record; report it with the run log.' },
    );
  }
  return result.data;
}

/**
 * Reads a payload as GitHub returns it (an object, or a JSON string for deployments created with a string payload).
 * Returns undefined for payloads that are not Shipline's or from a newer, unknown schema.
 */
export function readPayload(raw: unknown): LedgerPayload | undefined {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const result = ledgerPayloadV1.safeParse(value);
  return result.success ? result.data : undefined;
}
