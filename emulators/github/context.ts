import type { EventHub } from './events.js';
import type { RateLimiter } from './routing.js';
import type { Urls } from './shapes.js';
import type { GitHubState } from './state.js';

/** What every route module needs: the state, the emulator's URLs (filled in once it listens), its webhook and limits. */
export interface GitHubContext {
  state: GitHubState;
  urls: Urls;
  events: EventHub;
  rate: RateLimiter;
}
