/**
 * Freezes a plain record and everything in it (Dates keep their setters: nothing in the
 * core calls them), so one cached value can be handed to every caller: cheaper than a copy
 * each time, and a caller that tries to change it gets a TypeError instead of changing it
 * for everyone.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}
