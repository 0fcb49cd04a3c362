/**
 * What a log line costs the event loop with each pino destination the service could use:
 * `node bench/log-cost.ts | cat > /dev/null` (a pipe, as under docker or systemd), or
 * `node bench/log-cost.ts > file`. Prints CPU µs per request line to stderr.
 */
import { pino } from 'pino';

const LINES = Number(process.env.LOG_COST_LINES ?? 100_000);
const ROUNDS = 3;

type Destination = { name: string; make: () => pino.DestinationStream & { flushSync?: () => void } };
const destinations: Destination[] = [
  { name: 'async, 4 KiB buffer (before)', make: () => pino.destination({ dest: 1, sync: false, minLength: 4096 }) },
  { name: 'async, no buffer', make: () => pino.destination({ dest: 1, sync: false, minLength: 0 }) },
  { name: 'sync', make: () => pino.destination({ dest: 1, sync: true }) },
];

/** `spaced`: one line per turn of the event loop, as requests arrive; else all in one burst. */
async function measure({ make }: Destination, spaced: boolean): Promise<number> {
  const destination = make();
  const logger = pino({ level: 'info', base: { service: 'ingest-service' } }, destination).child({ component: 'http' }, { redact: [] });
  const start = process.cpuUsage();
  for (let i = 0; i < LINES; i++) {
    if (spaced) await new Promise((resolve) => setImmediate(resolve));
    logger.info(
      { request_id: '0b6c2d1e-8f4a-4c55-9a57-3f2b1c7d9e10', user_id: 'c1d2e3f4-0000-4000-8000-000000000001', method: 'GET', route: '/jobs/:job_id', status: 200, duration_ms: 0.4 },
      'request',
    );
  }
  return new Promise((resolve) => {
    // Count the CPU the writes took too (async ones complete later), not only the calls.
    const finish = (): void => {
      const used = process.cpuUsage(start);
      resolve((used.user + used.system) / LINES);
    };
    if ('flushSync' in destination && destination.flushSync) {
      (destination as unknown as { flush(cb: () => void): void }).flush(finish);
    } else finish();
  });
}

const idle = async (): Promise<number> => {
  const start = process.cpuUsage();
  for (let i = 0; i < LINES; i++) await new Promise((resolve) => setImmediate(resolve));
  const used = process.cpuUsage(start);
  return (used.user + used.system) / LINES;
};
const loopCost = Math.min(await idle(), await idle());
for (const spaced of [false, true]) {
  for (const destination of destinations) {
    const runs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) runs.push((await measure(destination, spaced)) - (spaced ? loopCost : 0));
    const how = spaced ? 'one line per loop turn' : 'burst';
    process.stderr.write(`${how.padEnd(24)}${destination.name.padEnd(32)} ${Math.min(...runs).toFixed(2)} µs CPU per line (best of ${ROUNDS})\n`);
  }
}
