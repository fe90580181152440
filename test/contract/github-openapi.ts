import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

/** GitHub's OpenAPI description (api.github.com), as published in @octokit/openapi. */
interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
  >;
}

const require = createRequire(import.meta.url);
const specPath = require.resolve('@octokit/openapi/generated/api.github.com.json');
const spec = convertNullable(JSON.parse(readFileSync(specPath, 'utf8'))) as OpenApiDocument & {
  components: { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
};

/** OpenAPI 3.0's `nullable: true` as JSON Schema: a `null` type (or an `anyOf` with null when there is no type). */
function convertNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertNullable);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = convertNullable(v);
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
ajv.addFormat('uri', (value: string) => URL.canParse(value));
ajv.addFormat('uri-template', true);
ajv.addFormat('email', /^[^@\s]+@[^@\s]+$/);
ajv.addFormat('uuid', /^[0-9a-f-]{36}$/i);
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('hostname', true);
ajv.addFormat('ipv4', true);
ajv.addFormat('ipv6', true);
ajv.addFormat('binary', true);
ajv.addFormat('repo.nwo', true);
ajv.addFormat('int32', true);
ajv.addFormat('int64', true);
ajv.addSchema(spec as object, 'openapi');

const cache = new Map<string, ValidateFunction>();

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `openapi${v}` : rewriteRefs(v);
    }
    return out;
  }
  return node;
}

/**
 * Validates a response body against the schema GitHub's OpenAPI description gives for `METHOD path` and `status`
 * (refs resolved inside the description). Returns the error list; empty when valid.
 */
export function openApiErrors(method: string, path: string, status: number, body: unknown): string[] {
  const key = `${method} ${path} ${status}`;
  let validate = cache.get(key);
  if (!validate) {
    const op = spec.paths[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`no operation ${method} ${path} in the OpenAPI description`);
    let response = op.responses[String(status)] as { $ref?: string; content?: Record<string, { schema?: unknown }> };
    if (response?.$ref) response = spec.components.responses[response.$ref.split('/').at(-1) ?? ''] ?? {};
    const schema = response?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`no JSON response schema for ${key}`);
    validate = ajv.compile(rewriteRefs(schema) as object);
    cache.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/**
 * Validates a webhook payload against the schema GitHub's OpenAPI description gives for `event.action`
 * (`x-webhooks`, e.g. `deployment_status` + `created` → `deployment-status-created`). Returns the error list.
 */
export function webhookSchemaErrors(event: string, action: string, payload: unknown): string[] {
  const name = `${event}-${action}`.replace(/_/g, '-');
  const key = `webhook ${name}`;
  let validate = cache.get(key);
  if (!validate) {
    const hooks = (spec as unknown as { 'x-webhooks': Record<string, { post?: { requestBody?: unknown } }> })[
      'x-webhooks'
    ];
    const body = hooks[name]?.post?.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined;
    const schema = body?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`no webhook schema for ${name} in the OpenAPI description`);
    validate = ajv.compile(rewriteRefs(schema) as object);
    cache.set(key, validate);
  }
  if (validate(payload)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
