import { createHash } from 'node:crypto';
import { headerValue as header } from '../../core/headers.js';
import type { EmulatorRequest, EmulatorResponse } from '../../core/server.js';
import { vercelError } from '../errors.js';
import type { VercelState } from '../state.js';

/**
 * `POST /v2/files`: stores one file body under the SHA-1 the client declares in `x-vercel-digest` (or the legacy
 * `x-now-digest`), checking both the digest and the declared size (`x-now-size` / `Content-Length`).
 */
export function uploadFile(req: EmulatorRequest, state: VercelState): EmulatorResponse {
  const digest = (header(req, 'x-vercel-digest') ?? header(req, 'x-now-digest'))?.toLowerCase();
  if (!digest) {
    throw vercelError(400, 'missing_digest', 'Missing `x-vercel-digest` header with the SHA1 of the file');
  }
  if (!/^[0-9a-f]{40}$/.test(digest)) {
    throw vercelError(400, 'invalid_digest', `Invalid digest: ${digest}`);
  }
  const declared = header(req, 'x-vercel-size') ?? header(req, 'x-now-size') ?? header(req, 'content-length');
  if (declared !== undefined && Number(declared) !== req.body.length) {
    throw vercelError(
      400,
      'invalid_file_size',
      `The file size does not match the declared size (declared ${declared}, received ${req.body.length})`,
    );
  }
  const actual = createHash('sha1').update(req.body).digest('hex');
  if (actual !== digest) {
    throw vercelError(400, 'invalid_digest', `The SHA1 of the file (${actual}) does not match the digest (${digest})`);
  }
  state.putFile(req.body);
  return { status: 200, body: { urls: [`https://vercel.com/api/v2/files/${digest}`] } };
}
