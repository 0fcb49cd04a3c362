import { createHash, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryObjectStore } from '../../../src/adapters/memory/in-memory-object-store.ts';
import { UrlSigner } from '../../../src/adapters/signed-urls/url-signer.ts';
import { DependencyUnavailableError } from '../../../src/application/errors.ts';
import type { ProcessJob } from '../../../src/application/jobs/process-job.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import { queueJob, startProcessing, failAttempt } from '../../../src/domain/job/job.ts';
import type { RequestedLogFormat } from '../../../src/domain/upload/log-format.ts';
import { aJob, anUpload, bytesOf, collect } from '../../support/builders.ts';
import { createTestCore, type TestCore } from '../../support/test-core.ts';

/** Storage whose reads fail as if the server were down, until `up` is set. */
class FlakyStore extends InMemoryObjectStore {
  up = false;
  override async read(key: string) {
    if (!this.up) throw new DependencyUnavailableError('storage');
    return super.read(key);
  }
}

describe('ProcessJob', () => {
  let core: TestCore;
  let processJob: ProcessJob;

  async function queuedJob(content: string | Uint8Array, key = 'uploads/x/app.log', logFormat: RequestedLogFormat = 'text') {
    const job = queueJob(aJob({ createdAt: core.clock.now() }), core.clock.now());
    const objectKey = key.replace('x', job.id);
    await core.ports.jobs.create(job, anUpload(job, { objectKey, fileSize: Buffer.byteLength(content), logFormat }));
    await core.ports.storage.write(objectKey, bytesOf(content));
    return job;
  }
  const stored = async (id: string) => (await core.ports.jobs.get(id))!;

  beforeEach(() => {
    core = createTestCore({ env: { JOB_MAX_RETRIES: '2' } });
    processJob = core.get(TOKENS.ProcessJob);
  });

  it('processes a file: COMPLETED, a result, and gzip NDJSON output of one event per line', async () => {
    const content = 'first line\r\nsecond line\n\n  \nthird';
    const job = await queuedJob(content);
    expect(await processJob.execute(job.id)).toEqual({ outcome: 'completed', bytesProcessed: Buffer.byteLength(content) });

    const { job: done, result } = await stored(job.id);
    expect(done).toMatchObject({ status: 'COMPLETED', progress: 100, attempt: 1, errorMessage: null });
    expect(result).toMatchObject({
      linesTotal: 5, eventsParsed: 3, linesRejected: 0, bytesProcessed: Buffer.byteLength(content),
      levelCounts: { unknown: 3 }, outputKey: `processed/${job.id}.ndjson.gz`, sampleErrors: [],
    });
    const output = gunzipSync(await collect((await core.ports.storage.read(result!.outputKey!))!)).toString();
    expect(output.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { ts: null, level: 'unknown', message: 'first line', attrs: {}, line: 1 },
      { ts: null, level: 'unknown', message: 'second line', attrs: {}, line: 2 },
      { ts: null, level: 'unknown', message: 'third', attrs: {}, line: 5 },
    ]);
  });

  it('skips a job that is not QUEUED (a duplicate delivery), changing nothing', async () => {
    const job = await queuedJob('a\n');
    await processJob.execute(job.id);
    const before = await stored(job.id);
    expect(await processJob.execute(job.id)).toEqual({ outcome: 'skipped' });
    expect(await processJob.execute('70000000-0000-4000-8000-000000000000')).toEqual({ outcome: 'skipped' });
    expect(await stored(job.id)).toEqual(before);
  });

  it('fails at once, with the reason, when the uploaded object is missing', async () => {
    const job = queueJob(aJob(), core.clock.now());
    await core.ports.jobs.create(job, anUpload(job));
    expect((await processJob.execute(job.id)).outcome).toBe('failed');
    expect((await stored(job.id)).job).toMatchObject({ status: 'FAILED', retryCount: 0, errorMessage: expect.stringMatching(/missing/) });
  });

  it('fails a file in which no line parses, naming the format', async () => {
    const job = await queuedJob('\n\n   \n');
    expect((await processJob.execute(job.id)).outcome).toBe('failed');
    expect((await stored(job.id)).job.errorMessage).toMatch(/No line could be parsed as text/);
    expect(await core.ports.storage.stat(`processed/${job.id}.ndjson.gz`)).toBeNull();
  });

  it('fails a file none of whose lines parse as the format asked for, naming the format it reads as', async () => {
    const job = await queuedJob('{"msg":"a"}\n{"msg":"b"}\n', undefined, 'clf');
    expect((await processJob.execute(job.id)).outcome).toBe('failed');
    expect((await stored(job.id)).job.errorMessage).toMatch(
      /^No line could be parsed as clf \(2 lines, 2 rejected; line 1: .*\); the file reads as json: upload it as json or auto$/,
    );
  });

  it('records what auto detected, and the dialect of a text file', async () => {
    const json = await queuedJob('{"msg":"a"}\n', undefined, 'auto');
    await processJob.execute(json.id);
    expect((await stored(json.id)).result).toMatchObject({ detectedFormat: 'json', dialect: null, eventsParsed: 1 });
    const text = await queuedJob('2026-01-05 10:00:00 ERROR boom\njava.io.IOException: no\n2026-01-05 10:00:01 INFO ok\n', undefined, 'text');
    await processJob.execute(text.id);
    expect((await stored(text.id)).result).toMatchObject({
      detectedFormat: null,
      dialect: { time: { layout: 'iso8601', column: 0 }, level: 'after-time' },
      eventsParsed: 2,
    });
  });

  it('rejects an over-long line with a sample, and keeps going', async () => {
    core = createTestCore();
    processJob = core.get(TOKENS.ProcessJob);
    const job = await queuedJob(`ok\n${'x'.repeat(2 * 1024 * 1024)}\nok again\n`);
    await processJob.execute(job.id);
    expect((await stored(job.id)).result).toMatchObject({
      linesTotal: 3, eventsParsed: 2, linesRejected: 1, sampleErrors: [{ line: 2, reason: expect.stringMatching(/maximum line length/) }],
    });
  });

  it('rejects a JSON line nested too deep to write out again, and completes the rest (never a transient failure)', async () => {
    const deep = `{"msg":"deep","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const job = await queuedJob(`{"msg":"before"}\n${deep}\n{"msg":"after"}\n`, undefined, 'json');
    expect((await processJob.execute(job.id)).outcome).toBe('completed');
    expect((await stored(job.id)).result).toMatchObject({
      linesTotal: 3, eventsParsed: 2, linesRejected: 1, sampleErrors: [{ line: 2, reason: 'nested deeper than 512 levels' }],
    });
  });

  describe('a job past its budget', () => {
    it('fails a gzip bomb at once, naming the budget, with no retry and no output', async () => {
      const bomb = gzipSync(Buffer.alloc(256 * 1024 * 1024), { level: 9 });
      const job = await queuedJob(bomb);
      expect((await processJob.execute(job.id)).outcome).toBe('failed');
      const { job: failed, result } = await stored(job.id);
      expect(failed).toMatchObject({ status: 'FAILED', retryCount: 0, errorMessage: expect.stringMatching(/budget exceeded \(maxDecompressionRatio\).*200 times/) });
      expect(result).toBeNull();
      expect(await core.ports.storage.stat(`processed/${job.id}.ndjson.gz`)).toBeNull();
    });

    it('fails a file with more lines than its budget, rejected ones too, naming it', async () => {
      core = createTestCore({ env: { MAX_JOB_LINES: '1000' } });
      processJob = core.get(TOKENS.ProcessJob);
      const job = await queuedJob('{"msg":"an event"}\nnot json\n'.repeat(2_500), undefined, 'json');
      expect((await processJob.execute(job.id)).outcome).toBe('failed');
      expect((await stored(job.id)).job.errorMessage).toMatch(/budget exceeded \(maxLines\): the file holds more than 1000 lines/);
    });
  });

  describe('an upload that changed after complete verified it', () => {
    async function verifiedThenReplaced(declared: string | Uint8Array, stored: string | Uint8Array, checksum = false) {
      const job = queueJob(aJob({ createdAt: core.clock.now() }), core.clock.now());
      const objectKey = `uploads/${job.id}/app.log`;
      const bytes = typeof declared === 'string' ? Buffer.from(declared) : declared;
      const checksumSha256 = checksum ? createHash('sha256').update(bytes).digest('hex') : null;
      await core.ports.jobs.create(job, anUpload(job, { objectKey, fileSize: bytes.length, checksumSha256 }));
      await core.ports.storage.write(objectKey, bytesOf(stored));
      return job;
    }

    it('fails it, without output, when it grew past the verified size: nothing beyond is read', async () => {
      const job = await verifiedThenReplaced('short line\n', `short line\n${'more\n'.repeat(200_000)}`);
      const report = await processJob.execute(job.id);
      expect(report).toMatchObject({ outcome: 'failed' });
      const { job: failed, result } = await stored(job.id);
      expect(failed).toMatchObject({ retryCount: 0, errorMessage: 'The uploaded file changed after it was verified: it has more than the 11 bytes verified' });
      expect(result).toBeNull();
      expect(await core.ports.storage.stat(`processed/${job.id}.ndjson.gz`)).toBeNull();
    });

    it('fails it when it shrank', async () => {
      const job = await verifiedThenReplaced('a longer line\n', 'short\n');
      await processJob.execute(job.id);
      expect((await stored(job.id)).job.errorMessage).toBe('The uploaded file changed after it was verified: it has 6 bytes, not the 14 verified');
    });

    it('fails it when its content was swapped for as many bytes, the checksum declared', async () => {
      const job = await verifiedThenReplaced('INFO the real content\n', 'INFO a forged content!\n'.slice(0, 22), true);
      await processJob.execute(job.id);
      expect((await stored(job.id)).job).toMatchObject({ status: 'FAILED', errorMessage: expect.stringMatching(/SHA-256 no longer matches/) });
      expect(await core.ports.storage.stat(`processed/${job.id}.ndjson.gz`)).toBeNull();
    });

    it('fails it when a gzip stream padded to the verified size replaced it: the bytes past the stream are read and verified too', async () => {
      // Past what the normalizer reads ahead: 1 MiB of lines that do not compress.
      const verified = gzipSync(Array.from({ length: 12_000 }, () => `INFO ${randomBytes(48).toString('hex')}\n`).join(''));
      const forged = gzipSync('INFO forged\n');
      const padded = Buffer.concat([forged, Buffer.alloc(verified.length - forged.length)]);
      const job = await verifiedThenReplaced(verified, padded, true);
      expect((await processJob.execute(job.id)).outcome).toBe('failed');
      expect((await stored(job.id)).job.errorMessage).toMatch(/SHA-256 no longer matches/);
      expect(await core.ports.storage.stat(`processed/${job.id}.ndjson.gz`)).toBeNull();
    });

    it('processes it when it is what was verified, checksum and all', async () => {
      const job = await verifiedThenReplaced('INFO the real content\n', 'INFO the real content\n', true);
      expect((await processJob.execute(job.id)).outcome).toBe('completed');
    });
  });

  describe('transient failures', () => {
    let store: FlakyStore;
    beforeEach(() => {
      core = createTestCore({ env: { JOB_MAX_RETRIES: '2' }, storage: (clock) => (store = new FlakyStore(new UrlSigner('k', 'http://x', clock))) });
      processJob = core.get(TOKENS.ProcessJob);
    });

    it('requeue the job with backoff while retries remain, then fail it', async () => {
      const job = await queuedJob('line\n');
      const first = await processJob.execute(job.id);
      expect(first.outcome).toBe('requeued');
      expect(first.error).toBeInstanceOf(DependencyUnavailableError);
      expect((await stored(job.id)).job).toMatchObject({ status: 'QUEUED', retryCount: 1, errorMessage: 'Storage unavailable' });
      expect(await core.ports.queue.receive('c', 10)).toBeNull(); // delayed by the backoff

      expect((await processJob.execute(job.id)).outcome).toBe('requeued');
      expect((await processJob.execute(job.id)).outcome).toBe('failed');
      expect((await stored(job.id)).job).toMatchObject({ status: 'FAILED', retryCount: 2, errorMessage: expect.stringMatching(/Storage unavailable.*2 retries/) });
    });

    it('completes on a retry once the dependency is back, with one result', async () => {
      const job = await queuedJob('line\n');
      await processJob.execute(job.id);
      store.up = true;
      expect((await processJob.execute(job.id)).outcome).toBe('completed');
      expect((await stored(job.id)).job).toMatchObject({ status: 'COMPLETED', retryCount: 1, attempt: 2 });
      expect((await stored(job.id)).result?.eventsParsed).toBe(1);
    });
  });

  it('writes nothing once its claim was taken over (fencing)', async () => {
    const job = await queuedJob('line\n');
    const jobs = core.ports.jobs;
    // While this worker reads the file, the job is re-queued and claimed by another worker.
    const originalGet = jobs.get.bind(jobs);
    jobs.get = async (id) => {
      const record = await originalGet(id);
      await jobs.update(id, (j) => startProcessing(failAttempt(j, core.clock.now(), 'lease expired', 5), core.clock.now()));
      jobs.get = originalGet;
      return record;
    };
    expect(await processJob.execute(job.id)).toMatchObject({ outcome: 'skipped' });
    expect((await stored(job.id)).job).toMatchObject({ status: 'PROCESSING', attempt: 2 });
    expect((await stored(job.id)).result).toBeNull();
  });

  it('writes progress while reading, at most once per interval', async () => {
    const line = `${'y'.repeat(1023)}\n`;
    const job = await queuedJob(line.repeat(4096)); // 4 MiB in 64 KiB chunks
    const seen: number[] = [];
    const store = core.ports.storage;
    const originalRead = store.read.bind(store);
    store.read = async (key) => {
      const source = (await originalRead(key))!;
      return (async function* () {
        for await (const chunk of source) {
          core.clock.advance(600);
          seen.push((await stored(job.id)).job.progress);
          yield chunk;
        }
      })();
    };
    await processJob.execute(job.id);
    const distinct = [...new Set(seen)];
    expect(distinct.length).toBeGreaterThan(3);
    expect(distinct).toEqual([...distinct].sort((a, b) => a - b));
    expect(Math.max(...seen)).toBeLessThan(100);
  });
});
