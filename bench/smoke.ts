/**
 * bench/smoke: 100 HTTP probes × 5 rounds against a loopback server that answers every request after 50 ms.
 * Shipline's wall time (runSmoke, real HTTP probes) vs the ideal rounds × ceil(100 / concurrency) × 50 ms.
 * Target: ≤ 1.15x. Flags: --runs N (default 3), --concurrency C (default 10, the config default).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { systemClock } from '../lib/core/clock.js';
import { silentLogger } from '../lib/core/logger.js';
import { mapBounded } from '../lib/smoke/pool.js';
import { httpProbe } from '../lib/smoke/probes/http.js';
import { runSmoke } from '../lib/smoke/runner.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '10' } },
  strict: false,
});
const runs = Number(values.runs);
const concurrency = Number(values.concurrency);
const PROBES = 100;
const ROUNDS = 5;
const DELAY_MS = 50;

const server = createServer((_req, res) => {
  setTimeout(() => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  }, DELAY_MS);
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const probes = Array.from({ length: PROBES }, (_, i) =>
  httpProbe(
    { name: `probe ${i}`, path: `/p/${i}`, method: 'GET', expect: { status: 200 } },
    { baseUrl: base, timeoutMs: 10_000 },
  ),
);
const ideal = ROUNDS * Math.ceil(PROBES / concurrency) * DELAY_MS;
const times: number[] = [];
const floor: number[] = [];
for (let i = 0; i < runs; i++) {
  // Baseline in the same process: bare fetches with the same bound and rounds (what this machine manages now).
  const t0 = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    await mapBounded(probes, concurrency, async (_p, j) => (await fetch(`${base}/p/${j}`)).text());
  }
  floor.push(performance.now() - t0);
  const started = performance.now();
  const run = await runSmoke({
    probes,
    rounds: ROUNDS,
    intervalMs: 0,
    warmupMs: 0,
    concurrency,
    thresholds: { maxErrorRate: 0.05, consecutiveErrorLimit: 3, p95WarnMs: 2000, p95FailMs: 5000 },
    clock: systemClock,
    logger: silentLogger,
  });
  times.push(performance.now() - started);
  if (run.analysis.verdict !== 'pass') console.error(`run ${i + 1}: verdict ${run.analysis.verdict}`);
}
server.close();
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
const ratio = median / ideal;
const floorMedian = [...floor].sort((a, b) => a - b)[Math.floor(floor.length / 2)] ?? 0;
console.log(`smoke: ${PROBES} probes × ${ROUNDS} rounds, ${DELAY_MS} ms answers, concurrency ${concurrency}`);
console.log(`  runs (ms): ${times.map((t) => t.toFixed(0)).join(', ')}`);
console.log(
  `  bare-fetch baseline (ms): ${floor.map((t) => t.toFixed(0)).join(', ')}; Shipline / baseline ${(median / floorMedian).toFixed(3)}x`,
);
console.log(
  `  median ${median.toFixed(0)} ms vs ideal ${ideal} ms: ${ratio.toFixed(3)}x (target ≤ 1.15x) ${ratio <= 1.15 ? 'MET' : 'MISSED'}`,
);
