import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../src/adapters/local-storage/local-object-store.ts';
import { UrlSigner } from '../../src/adapters/signed-urls/url-signer.ts';
import { SystemClock } from '../../src/adapters/system/system-clock.ts';
import { httpClient } from '../support/http-client.ts';
import { tempDataDir } from '../support/temp-dir.ts';
import { createTestCore } from '../support/test-core.ts';

const mount = (...args: string[]) => spawnSync('mount', args, { encoding: 'utf8' });

/** A small tmpfs of its own (needs root, or CAP_SYS_ADMIN): a disk that really fills up, or goes read-only. */
function smallFileSystem(): { dir: string; remount(options: string): void; unmount(): void } | string {
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const dir = tempDataDir('ingest-small-fs');
  const mounted = mount('-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir);
  if (mounted.status !== 0) return `mount -t tmpfs failed: ${mounted.stderr.trim()}`;
  return {
    dir,
    remount: (options) => expect(mount('-o', `remount,${options}`, dir).status).toBe(0),
    unmount: () => {
      if (spawnSync('umount', [dir]).status === 0) rmSync(dir, { recursive: true });
    },
  };
}

const fs = smallFileSystem();
if (typeof fs === 'string') console.warn(`\n  !!! SKIPPED local store readiness on a full or read-only disk: ${fs}\n`);

describe.skipIf(typeof fs === 'string')('the local store’s readiness on a real file system', () => {
  const disk = fs as Exclude<typeof fs, string>;
  const signer = new UrlSigner('secret', 'http://storage.test', new SystemClock());
  const filler = `${disk.dir}/filler`;
  const fill = () => {
    // One byte too many for the 256 KiB file system: writes what fits, then ENOSPC.
    expect(() => writeFileSync(filler, Buffer.alloc(512 * 1024))).toThrow(/ENOSPC/);
  };
  beforeAll(() => rmSync(filler, { force: true }));
  afterAll(() => disk.unmount());

  it('reports storage unhealthy (503) while every write fails with ENOSPC, and healthy once there is room again', async () => {
    const core = createTestCore({ storage: () => new LocalObjectStore(disk.dir, signer, { probeIntervalMs: 0 }) });
    const call = httpClient(core.app);
    expect((await call('GET', '/health/ready')).body.components.storage).toBe('healthy');

    fill();
    const store = new LocalObjectStore(disk.dir, signer, { probeIntervalMs: 0 });
    await expect(store.write('uploads/j/a.log', oneChunk(Buffer.alloc(8192)))).rejects.toThrow('Storage unavailable');
    const ready = await call('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'not_ready', components: { storage: 'unhealthy' } });
    const failure = await store.ping().catch((error: unknown) => error);
    expect((failure as Error).cause).toMatchObject({ code: 'ENOSPC' });

    rmSync(filler);
    expect((await call('GET', '/health/ready')).status).toBe(200);
  });

  it('reports storage unhealthy on a read-only file system (EROFS)', async () => {
    const store = new LocalObjectStore(disk.dir, signer, { probeIntervalMs: 0 });
    await store.ping();
    disk.remount('ro');
    try {
      const failure = await store.ping().catch((error: unknown) => error);
      expect((failure as Error).cause).toMatchObject({ code: 'EROFS' });
    } finally {
      disk.remount('rw');
    }
  });

  it('probes at most once per interval, answering the last outcome in between', async () => {
    const store = new LocalObjectStore(disk.dir, signer, { probeIntervalMs: 60_000 });
    await store.ping();
    fill();
    try {
      await store.ping(); // still the outcome of the probe a moment ago
      await expect(new LocalObjectStore(disk.dir, signer, { probeIntervalMs: 60_000 }).ping()).rejects.toThrow('Storage unavailable');
    } finally {
      rmSync(filler);
    }
  });
});

async function* oneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
