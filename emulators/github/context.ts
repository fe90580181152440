import type { Urls } from './shapes.js';
import type { GitHubState } from './state.js';

/** What every route module needs: the state and the emulator's URLs (filled in once it listens). */
export interface GitHubContext {
  state: GitHubState;
  urls: Urls;
}
