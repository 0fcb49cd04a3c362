import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '../../application/ports/id-generator.ts';

/** Random (v4) UUIDs from the platform's CSPRNG. */
export class RandomUuidGenerator implements IdGenerator {
  newId(): string {
    return randomUUID();
  }
}
