import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { IdGenerator } from '../../src/application/ports/id-generator.ts';

export function idGeneratorContract(name: string, setup: () => IdGenerator): void {
  describe(`IdGenerator contract: ${name}`, () => {
    it('gives RFC 9562 UUIDs, all different', () => {
      const ids = setup();
      const generated = Array.from({ length: 1000 }, () => ids.newId());
      expect(new Set(generated).size).toBe(1000);
      for (const id of generated.slice(0, 50)) expect(z.uuid().safeParse(id).success).toBe(true);
    });
  });
}
