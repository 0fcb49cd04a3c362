import type { Clock } from '../../application/ports/clock.ts';

/** A clock that moves only when told to: for deterministic tests and simulations. */
export class ManualClock implements Clock {
  #now: number;

  constructor(start: Date = new Date('2026-01-01T00:00:00.000Z')) {
    this.#now = start.getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  advance(milliseconds: number): void {
    this.#now += milliseconds;
  }

  set(time: Date): void {
    this.#now = time.getTime();
  }
}
