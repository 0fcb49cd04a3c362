import { describe, expect, it } from 'vitest';
import { InvalidPatternError, type LinePatternCompiler } from '../../src/domain/log/custom/line-pattern.ts';

export function linePatternCompilerContract(name: string, setup: () => LinePatternCompiler): void {
  describe(`LinePatternCompiler contract: ${name}`, () => {
    it('names the groups in both spellings, in order, and gives those that took part in the first match', () => {
      const pattern = setup().compile(String.raw`(?P<key>\w+)=(?<value>\d+)(?: (?P<unit>ms|s))?`);
      expect(pattern.groupNames).toEqual(['key', 'value', 'unit']);
      expect(pattern.match('took=12 ms, then=7')).toEqual({ key: 'took', value: '12', unit: 'ms' });
      expect(pattern.match('prefix then=7')).toEqual({ key: 'then', value: '7' });
      expect(pattern.match('nothing here')).toBeNull();
    });

    it('gives an empty group as an empty string, and matches whole lines only when anchored', () => {
      const anchored = setup().compile('^(?P<a>x*)$');
      expect(anchored.match('')).toEqual({ a: '' });
      expect(anchored.match('xx')).toEqual({ a: 'xx' });
      expect(anchored.match('xxy')).toBeNull();
    });

    it('matches the same way however many times a source is compiled', () => {
      const compiler = setup();
      const first = compiler.compile('(?P<n>[0-9]+)');
      const second = compiler.compile('(?P<n>[0-9]+)');
      expect([first.match('a1'), second.match('b22'), first.match('c333')]).toEqual([{ n: '1' }, { n: '22' }, { n: '333' }]);
    });

    it('reads lines of at least 4096 characters, longer ones for smaller patterns, and refuses patterns too big for that', () => {
      const small = setup().compile('(?P<message>.*)');
      const big = setup().compile(String.raw`^(?P<m>.*)(?P<n>a{500})$`);
      expect(big.maxLineLength).toBeGreaterThanOrEqual(4096);
      expect(small.maxLineLength).toBeGreaterThan(big.maxLineLength);
      expect(() => setup().compile('^(?P<m>(?:a|aa){1,1000})$')).toThrow(/too complex/);
    });

    it('refuses what it cannot compile with InvalidPatternError saying why', () => {
      for (const source of ['(?P<a>x', '(?P<a>x)(?P<a>y)', 'a{2,1}', String.raw`(?<=a)b`, String.raw`(a)\1`]) {
        expect(() => setup().compile(source), source).toThrow(InvalidPatternError);
      }
      expect(() => setup().compile('(?P<a>x')).toThrow(/missing closing \)/);
    });

    it('reads a line that would send a backtracking engine into exponential time', () => {
      const pattern = setup().compile('^(?P<all>(a|aa)+)$');
      const line = 'a'.repeat(100_000);
      expect(pattern.match(`${line}!`)).toBeNull();
      expect(pattern.match(line)?.all).toHaveLength(100_000);
    });
  });
}
