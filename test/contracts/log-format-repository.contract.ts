import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LogFormatRepository } from '../../src/application/ports/log-format-repository.ts';
import type { SavedLogFormat } from '../../src/domain/log/custom/saved-log-format.ts';
import { T0 } from '../support/builders.ts';

const aFormat = (name: string, overrides: Partial<SavedLogFormat> = {}): SavedLogFormat => ({
  name,
  pattern: String.raw`^(?P<ts>\S+) (?P<level>\w+) (?P<message>.*)$`,
  timeFormat: '%Y-%m-%dT%H:%M:%S%z',
  unmatchedLines: 'reject',
  savedAt: T0,
  savedBy: randomUUID(),
  ...overrides,
});

export function logFormatRepositoryContract(name: string, setup: () => Promise<LogFormatRepository>): void {
  describe(`LogFormatRepository contract: ${name}`, () => {
    let repo: LogFormatRepository;
    beforeEach(async () => {
      repo = await setup();
    });

    it('adds a format under a new name and gives it back as saved', async () => {
      const format = aFormat('haproxy-http', { pattern: String.raw`(?P<message>.*) "quoted" \\ back`, timeFormat: null, unmatchedLines: 'continue' });
      expect(await repo.add(format)).toBe(true);
      expect(await repo.get('haproxy-http')).toEqual(format);
      expect(await repo.get('nothing-here')).toBeNull();
    });

    it('refuses a name taken, changing nothing', async () => {
      const first = aFormat('app');
      await repo.add(first);
      expect(await repo.add(aFormat('app', { pattern: '(?P<message>x)' }))).toBe(false);
      expect(await repo.get('app')).toEqual(first);
    });

    it('lets one of two adds of the same name at once win', async () => {
      const outcomes = await Promise.all([repo.add(aFormat('race', { pattern: '(?P<a>a)' })), repo.add(aFormat('race', { pattern: '(?P<b>b)' }))]);
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(['(?P<a>a)', '(?P<b>b)']).toContain((await repo.get('race'))?.pattern);
    });

    it('puts a format, saying whether it created or replaced one', async () => {
      expect(await repo.put(aFormat('app'))).toBe('created');
      const second = aFormat('app', { pattern: '(?P<message>.*)', timeFormat: null, savedAt: new Date(T0.getTime() + 1000) });
      expect(await repo.put(second)).toBe('replaced');
      expect(await repo.get('app')).toEqual(second);
    });

    it('lists every format by name, in code point order', async () => {
      for (const n of ['nginx-error', 'app', 'app-2', 'b.c', 'a_b']) await repo.add(aFormat(n));
      expect((await repo.list()).map((f) => f.name)).toEqual(['a_b', 'app', 'app-2', 'b.c', 'nginx-error']);
    });

    it('removes a format, saying whether there was one', async () => {
      await repo.add(aFormat('app'));
      expect(await repo.remove('app')).toBe(true);
      expect(await repo.remove('app')).toBe(false);
      expect(await repo.get('app')).toBeNull();
      expect(await repo.list()).toEqual([]);
      expect(await repo.add(aFormat('app'))).toBe(true);
    });

    it('hands out copies: changing what it returned changes nothing stored', async () => {
      await repo.add(aFormat('app'));
      const read = (await repo.get('app')) as { pattern: string };
      read.pattern = 'changed';
      expect((await repo.get('app'))?.pattern).not.toBe('changed');
    });
  });
}
