import { describe, expect, it } from 'vitest';
import { processedObjectKey, sanitizeFilename, uploadObjectKey } from '../../../src/domain/upload/filename.ts';

describe('sanitizeFilename', () => {
  it.each([
    ['logs.json', 'logs.json'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Windows\\system32\\evil.log', 'evil.log'],
    ['/var/log/syslog', 'syslog'],
    ['..', null],
    ['...', null],
    ['a/b/..', null],
    ['  spaced   name .log  ', 'spaced name .log'],
    ['tab\tand\nnewline.log', 'tab and newline.log'],
    ['nul\u0000byte.log', 'nulbyte.log'],
    ['bidi\u202Etxt.exe', 'biditxt.exe'],
    ['.hidden', 'hidden'],
    ['what?<>|*:".log', 'what.log'],
    ['журнал-日志.log', 'журнал-日志.log'],
    ['\u0001\u0002', null],
  ])('%j → %j', (raw, expected) => {
    if (expected === null) expect(() => sanitizeFilename(raw)).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    else expect(sanitizeFilename(raw)).toBe(expected);
  });

  it('drops lone surrogate halves, which are not text', () => {
    expect(sanitizeFilename('a\ud800b.log')).toBe('ab.log');
  });

  it('caps the length at 255 characters', () => {
    expect([...sanitizeFilename(`${'é'.repeat(400)}.log`)]).toHaveLength(255);
  });
});

describe('object keys', () => {
  it('are built from the job id and an ASCII form of the name', () => {
    expect(uploadObjectKey('job-1', 'журнал app.log')).toBe('uploads/job-1/_______app.log');
    expect(processedObjectKey('job-1')).toBe('processed/job-1.ndjson.gz');
  });

  it('cannot be steered out of the job folder', () => {
    const key = uploadObjectKey('job-1', sanitizeFilename('../../../x'));
    expect(key).toBe('uploads/job-1/x');
  });
});
