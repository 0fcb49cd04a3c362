import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAcceptablePassword, utf8Length } from '../../../src/domain/user/password-rules.ts';

describe('password rules', () => {
  it('counts UTF-8 bytes as an encoder writes them, lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => utf8Length(text) === Buffer.byteLength(text, 'utf8')));
    expect(utf8Length('\ud800')).toBe(3);
  });

  it('accepts 8 characters to 72 bytes, whatever the script', () => {
    expect(['1234567', 'x'.repeat(73), 'ü'.repeat(37), '🔑'.repeat(19)].map(isAcceptablePassword)).toEqual([false, false, false, false]);
    expect(['12345678', 'x'.repeat(72), 'ü'.repeat(36), '🔑'.repeat(18), '密'.repeat(24)].map(isAcceptablePassword)).toEqual([true, true, true, true, true]);
  });
});
