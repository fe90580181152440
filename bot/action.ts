/** Entry of the root action (bundled as dist/bot/index.js): only runs the adapter. */
import { run } from './action-run.js';

await run();
