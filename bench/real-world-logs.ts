import { once } from 'node:events';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogFormat } from '../src/domain/upload/log-format.ts';

/** Where each format's real files are in the corpus (origins in test/corpus/SOURCES.md). */
// A custom format has no corpus of its own: its pattern is the upload's.
const CORPUS_DIRECTORY: Partial<Record<LogFormat, string>> = { json: 'json', logfmt: 'logfmt', syslog: 'syslog', clf: 'access', text: 'text' };
const CORPUS = join(import.meta.dirname, '..', 'test', 'corpus');

/** Every corpus file of the format, joined: real lines in their real mix (malformed ones included). */
export function corpusText(format: LogFormat): string {
  const folder = CORPUS_DIRECTORY[format];
  if (folder === undefined) throw new Error(`no corpus for the ${format} format`);
  const directory = join(CORPUS, folder);
  const files = readdirSync(directory).sort();
  if (files.length === 0) throw new Error(`no corpus files in ${directory}`);
  return files.map((name) => readFileSync(join(directory, name), 'utf8').replace(/\n?$/, '\n')).join('');
}

// A time's seconds (`hh:mm:SS`, not followed by another `:`), and ids, sizes and epoch times (runs
// of 4 or more digits standing alone, in JSON or after `=`): what changes from line to line in a log.
const SECONDS = /(?<=:\d\d:)[0-5]\d(?![\d:])/g;
const LONG_NUMBER = /(?<=^|[\s[=:(#])\d{4,}(?=$|[\s\],})])/gm;

/**
 * The corpus text of round `round`, with its seconds and long numbers changed so that no
 * round repeats the one before (times stay valid, numbers keep their length): a parser sees
 * ever new lines, and gzip no more repetition than the corpus holds within itself.
 */
export function variedRound(text: string, round: number): string {
  if (round === 0) return text;
  return text
    .replace(SECONDS, (seconds) => String((Number(seconds) + round) % 60).padStart(2, '0'))
    .replace(LONG_NUMBER, (digits) => {
      const head = digits.slice(0, -3);
      const tail = (Number(digits.slice(-3)) + 7 * round) % 1000;
      return `${head}${String(tail).padStart(3, '0')}`;
    });
}

/**
 * Writes a file of about `bytes` bytes of the format's real-world corpus, repeated in
 * varied rounds (see variedRound); returns the number of rounds.
 */
export async function generateRealWorldShapedFile(path: string, format: LogFormat, bytes: number): Promise<number> {
  const corpus = corpusText(format);
  const out = createWriteStream(path, { flush: true });
  let written = 0;
  let round = 0;
  while (written < bytes) {
    let chunk = '';
    while (chunk.length < 256 * 1024 && written + chunk.length < bytes) chunk += variedRound(corpus, round++);
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  return round;
}
