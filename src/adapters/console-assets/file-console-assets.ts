import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConsoleAsset, ConsoleAssets } from '../http/console-assets.ts';

const PROJECT = fileURLToPath(new URL('../../../', import.meta.url));

/** The console's own files: `console/` at the project root, plain ES modules, no build. */
const CONSOLE_DIR = join(PROJECT, 'console');

/** Files the pages load from npm packages, by the name they are served under. */
const VENDOR_FILES: Readonly<Record<string, string>> = {
  // Preact with hooks and htm in one ES module without bare imports: no import map, no build.
  'vendor/preact-htm.js': 'node_modules/htm/preact/standalone.module.js',
  // The API reference's script, so /docs needs no CDN.
  'vendor/scalar-api-reference.js': 'node_modules/@scalar/api-reference/dist/browser/standalone.js',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Reads the console's files from disk on every request (they are small), so a changed page
 * shows on reload. Only files of a known type under `console/` and the vendor list are served.
 */
export class FileConsoleAssets implements ConsoleAssets {
  async read(path: string): Promise<ConsoleAsset | null> {
    const file = VENDOR_FILES[path] ? join(PROJECT, VENDOR_FILES[path]) : ownFile(path);
    const contentType = file ? CONTENT_TYPES[extname(file)] : undefined;
    if (!file || !contentType) return null;
    try {
      return { body: await readFile(file), contentType };
    } catch (error) {
      if (['ENOENT', 'EISDIR', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return null;
      throw error;
    }
  }
}

/** What the console's own file names are made of; anything else is not one of them. */
const FILE_NAME = /^(?:[\w-]+\/)*[\w-]+\.[a-z]+$/;

/** A path inside console/, or null for one that would leave it or could not name a console file. */
function ownFile(path: string): string | null {
  if (path.length > 200 || !FILE_NAME.test(path)) return null;
  const file = normalize(join(CONSOLE_DIR, path));
  return file.startsWith(CONSOLE_DIR + sep) ? file : null;
}
