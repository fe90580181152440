/** The served repository's `.github/shipline.yml`, read through the contents API (no checkout needed). */
import type { Octokit } from '@octokit/rest';
import { defaultConfig, parseConfig } from '../config/loader.js';
import { DEFAULT_CONFIG_PATH, type ShiplineConfig } from '../config/schema.js';
import { call, errorStatus, type RepoRef } from '../github/repo.js';

/** Reads and validates the configuration at `ref` (default branch when omitted); defaults when the file is absent. */
export async function loadRepoConfig(octokit: Octokit, repo: RepoRef, ref?: string): Promise<ShiplineConfig> {
  let text: string;
  try {
    const res = await octokit.rest.repos.getContent({
      ...repo,
      path: DEFAULT_CONFIG_PATH,
      ...(ref ? { ref } : {}),
    });
    const data = res.data as { type?: string; content?: string; encoding?: string };
    if (data.type !== 'file' || typeof data.content !== 'string') return defaultConfig();
    text = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
  } catch (error) {
    if (errorStatus(error) === 404) return defaultConfig();
    return call(`read ${DEFAULT_CONFIG_PATH}`, repo, () => Promise.reject(error));
  }
  return parseConfig(text, DEFAULT_CONFIG_PATH);
}
