import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/application/ports/clock.ts';

export function clockContract(name: string, setup: () => Clock): void {
  describe(`Clock contract: ${name}`, () => {
    it('gives a valid date that never goes backwards', () => {
      const clock = setup();
      const readings = Array.from({ length: 100 }, () => clock.now().getTime());
      expect(readings.every((t) => Number.isFinite(t))).toBe(true);
      expect(readings).toEqual([...readings].sort((a, b) => a - b));
    });

    it('gives a fresh Date each time, so callers cannot move it', () => {
      const clock = setup();
      const first = clock.now();
      first.setFullYear(1970);
      expect(clock.now().getFullYear()).not.toBe(1970);
    });
  });
}
