import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../../../src/application/errors.ts';
import { PermanentJobError } from '../../../src/application/processing/errors.ts';
import { gunzipIfCompressed } from '../../../src/application/processing/gunzip.ts';
import { bytesOf, collect } from '../../support/builders.ts';

const inflate = (chunks: Uint8Array[], max = 1024 * 1024) => collect(gunzipIfCompressed(bytesOf(...chunks), max));

describe('gunzipIfCompressed', () => {
  it('passes plain data through untouched', async () => {
    expect((await inflate([Buffer.from('plain\n'), Buffer.from('text')])).toString()).toBe('plain\ntext');
    expect((await inflate([])).length).toBe(0);
    expect((await inflate([Buffer.from([0x1f])])).length).toBe(1);
  });

  it('inflates gzip, even when the magic bytes arrive in separate chunks', async () => {
    const gz = gzipSync('line one\nline two\n');
    expect((await inflate([gz.subarray(0, 1), gz.subarray(1, 5), gz.subarray(5)])).toString()).toBe('line one\nline two\n');
  });

  it('stops a gzip bomb at the size limit with a permanent error', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(20_000);
    await expect(inflate([bomb], 1024 * 1024)).rejects.toThrow(PermanentJobError);
    await expect(inflate([bomb], 1024 * 1024)).rejects.toThrow(/exceeds 1048576 bytes/);
  });

  it('reports corrupt gzip as a permanent error', async () => {
    const gz = gzipSync('some text that will be damaged');
    const damaged = Buffer.concat([gz.subarray(0, 12), Buffer.from('garbage garbage garbage'), gz.subarray(12)]);
    await expect(inflate([damaged])).rejects.toThrow(/gzip-compressed but is corrupt/);
    await expect(inflate([gz.subarray(0, gz.length - 6)])).rejects.toThrow(PermanentJobError);
  });

  it('lets a storage failure through as what it is, not as corruption', async () => {
    async function* failing() {
      yield gzipSync('x'.repeat(100)).subarray(0, 10);
      throw new DependencyUnavailableError('storage');
    }
    await expect(collect(gunzipIfCompressed(failing(), 1024))).rejects.toBeInstanceOf(DependencyUnavailableError);
  });
});
