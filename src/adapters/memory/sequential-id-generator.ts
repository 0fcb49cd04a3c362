import type { IdGenerator } from '../../application/ports/id-generator.ts';

/** Predictable, valid v4-shaped UUIDs (…-000000000001, …-000000000002): readable test output. */
export class SequentialIdGenerator implements IdGenerator {
  #next = 1;

  newId(): string {
    const suffix = (this.#next++).toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${suffix}`;
  }
}
