import { describe, expect, it } from 'vitest';
import type { PasswordHasher } from '../../src/application/ports/password-hasher.ts';

export function passwordHasherContract(name: string, setup: () => PasswordHasher): void {
  describe(`PasswordHasher contract: ${name}`, () => {
    const hasher = setup();

    it('verifies the password it hashed and nothing else', async () => {
      const hash = await hasher.hash('correct horse battery');
      expect(await hasher.verify('correct horse battery', hash)).toBe(true);
      expect(await hasher.verify('correct horse batterY', hash)).toBe(false);
      expect(await hasher.verify('', hash)).toBe(false);
    });

    it('salts: the same password hashes differently, and the hash does not contain it', async () => {
      const [a, b] = await Promise.all([hasher.hash('s3cret-password'), hasher.hash('s3cret-password')]);
      expect(a).not.toBe(b);
      expect(a).not.toContain('s3cret-password');
    });

    it('has capacity while idle', () => {
      expect(hasher.hasCapacity()).toBe(true);
    });

    it('answers false, never throws, for a malformed hash', async () => {
      for (const malformed of ['', 'not-a-hash', '$2b$04$short', 'sha256$$']) {
        expect(await hasher.verify('anything', malformed)).toBe(false);
      }
    });

    it('handles unicode passwords', async () => {
      const hash = await hasher.hash('pässwörd-🔑-密码');
      expect(await hasher.verify('pässwörd-🔑-密码', hash)).toBe(true);
      expect(await hasher.verify('passwort-🔑-密码', hash)).toBe(false);
    });
  });
}
