/**
 * Uploads the files the API reported missing (`POST /v2/files`, content-addressed by SHA-1, so a repeat is
 * harmless): bounded concurrency, each request with an idle timeout and retries with backoff that honour
 * Retry-After (VercelApi). Buffers go out in one write, which on a loaded machine is markedly cheaper than the
 * client's per-file streams (bench/deploy).
 */
import { readFile } from 'node:fs/promises';
import type { VercelApi } from './api.js';

/** One distinct file content, as `@vercel/client` hashed it. */
export interface HashedFile {
  sha: string;
  names: string[];
  /** The content when the client read it (files under 2 GiB); otherwise it is read from `names[0]`. */
  data?: Buffer;
}

/** Uploads `files` with at most `concurrency` requests in flight; returns how many files and bytes went out. */
export async function uploadFiles(
  api: VercelApi,
  files: readonly HashedFile[],
  options: { concurrency?: number; onUploaded?: (bytes: number) => void } = {},
): Promise<{ files: number; bytes: number }> {
  let next = 0;
  let uploaded = 0;
  let bytes = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < files.length) {
      const file = files[next++] as HashedFile;
      try {
        const data = file.data ?? (await readFile(file.names[0] as string));
        const res = await api.send('POST', '/v2/files', {
          raw: data,
          headers: {
            'content-type': 'application/octet-stream',
            'x-now-digest': file.sha,
            'x-now-size': String(data.length),
          },
          retryUnsafe: true,
          // A big file needs longer than the stall limit: allow at least 100 kB/s on top of it.
          timeoutMs: (api.options.timeoutMs ?? 30_000) + Math.ceil(data.length / 100),
          what: `uploading ${file.names[0]?.split('/.vercel/output/')[1] ?? file.sha}`,
        });
        if (res.status !== 200) throw api.errorFor(res, `uploading ${file.sha}`);
        uploaded++;
        bytes += data.length;
        options.onUploaded?.(data.length);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 50, files.length)) }, worker));
  if (failure !== undefined) throw failure;
  return { files: uploaded, bytes };
}
