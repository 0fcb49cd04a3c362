/** Delay before a job's next attempt: exponential from `baseMs`, capped at `maxMs`. */
export function retryDelayMs(retryCount: number, baseMs = 1_000, maxMs = 60_000): number {
  const exponent = Math.max(0, retryCount - 1);
  return Math.min(maxMs, baseMs * 2 ** exponent);
}
