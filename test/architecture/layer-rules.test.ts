import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as IConfiguration;

async function violations(baseDir: string): Promise<string[]> {
  // The same options the CLI reads from the config; the tsconfig only matters to the CLI.
  const { tsConfig: _, ...options } = config.options ?? {};
  const result = await cruise(['src'], { ...options, baseDir, ruleSet: { forbidden: config.forbidden ?? [] }, validate: true });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

describe('layer rules (.dependency-cruiser.cjs)', () => {
  it('catch a domain importing a framework or a Node I/O module, an application importing adapters or libraries, and a port importing the application', async () => {
    const found = await violations(resolve(import.meta.dirname, '../fixtures/layer-violations'));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^domain-is-pure: src\/domain\/imports-a-framework\.ts -> .*hono/),
        expect.stringMatching(/^domain-is-pure: src\/domain\/imports-a-framework\.ts -> (node:)?fs/),
        expect.stringMatching(/^application-depends-only-on-domain: src\/application\/imports-an-adapter\.ts -> src\/adapters\/some-adapter\.ts/),
        expect.stringMatching(/^application-depends-only-on-domain: src\/application\/imports-an-adapter\.ts -> .*zod/),
        'ports-depend-only-on-domain: src/application/ports/imports-application-internals.ts -> src/application/jobs/some-machinery.ts',
      ]),
    );
  });

  it('hold for the real source tree', async () => {
    expect(await violations(resolve(import.meta.dirname, '../..'))).toEqual([]);
  });
});
