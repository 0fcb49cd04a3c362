import { parentPid } from '../adapters/system/process-table.ts';

const CHECK_EVERY_MS = 1_000;

/**
 * Calls `onGone` once when the `npm` process that started this one is gone (killed with -9,
 * say): npm runs the service through `sh`, and neither passes its own death on, so the
 * service would keep the port and the data directory from the next `npm start`. Does nothing
 * when not started by npm. Returns a function that stops watching.
 */
export function watchLauncher(onGone: () => void): () => void {
  if (!process.env.npm_lifecycle_event) return () => {};
  const parent = process.ppid;
  // Read from /proc on Linux; elsewhere it would take a `ps` a second, and only the parent is watched.
  const grandparent = process.platform === 'linux' ? parentPid(parent) : null;
  const timer = setInterval(() => {
    // Whichever of the two is npm, its death re-parents the one below it.
    if (process.ppid === parent && (grandparent === null || parentPid(parent) === grandparent)) return;
    clearInterval(timer);
    onGone();
  }, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
