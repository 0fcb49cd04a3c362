import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface StoredSession {
  readonly url: string;
  readonly accessToken: string;
  readonly refreshToken: string;
}

/** Where the session lives: INGEST_CONFIG_DIR, else $XDG_CONFIG_HOME/ingest, else ~/.config/ingest. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.INGEST_CONFIG_DIR ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'ingest');
}

/** The tokens of the logged-in user, readable by that user only (0600). */
export class SessionStore {
  readonly #file: string;

  constructor(dir: string) {
    this.#file = join(dir, 'session.json');
  }

  async load(): Promise<StoredSession | null> {
    try {
      return JSON.parse(await readFile(this.#file, 'utf8')) as StoredSession;
    } catch {
      return null;
    }
  }

  async save(session: StoredSession): Promise<void> {
    await mkdir(dirname(this.#file), { recursive: true, mode: 0o700 });
    await writeFile(this.#file, JSON.stringify(session, null, 2), { mode: 0o600 });
  }

  async clear(): Promise<void> {
    await rm(this.#file, { force: true });
  }
}
