import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { OverloadedError } from '../../application/errors.ts';
import type { PasswordHasher } from '../../application/ports/password-hasher.ts';

export interface BcryptSettings {
  readonly cost: number;
  /** Worker threads that hash; none of libuv's, which file I/O needs. */
  readonly threads: number;
  /** Hashes that may wait for a thread; beyond, a call is refused at once. */
  readonly queue: number;
}

const THREAD_SCRIPT = fileURLToPath(new URL('./bcrypt-thread.ts', import.meta.url));

/** Threads that sat idle this long exit; the next hash starts one again. */
const IDLE_THREAD_MS = 60_000;

/** What a refused caller is told to wait: a queue's worth of hashes at cost 12 takes about that. */
const RETRY_AFTER_SECONDS = 1;

/**
 * bcrypt (@node-rs/bcrypt) on threads of its own, not libuv's pool, so hashing never holds up file
 * I/O. At most `threads + queue` hashes are admitted; beyond, OverloadedError at once, never a queue without end.
 */
export class BcryptPasswordHasher implements PasswordHasher {
  readonly #settings: BcryptSettings;
  readonly #pool: Piscina;
  #admitted = 0;

  constructor(settings: BcryptSettings) {
    this.#settings = settings;
    this.#pool = new Piscina({ filename: THREAD_SCRIPT, minThreads: 0, maxThreads: settings.threads, idleTimeout: IDLE_THREAD_MS });
  }

  hash(password: string): Promise<string> {
    return this.#run<string>({ password, cost: this.#settings.cost }, 'hash');
  }

  verify(password: string, hash: string): Promise<boolean> {
    return this.#run<boolean>({ password, hash }, 'verify');
  }

  hasCapacity(): boolean {
    return this.#admitted < this.#settings.threads + this.#settings.queue;
  }

  /** Ends the threads; hashes still running are finished first. */
  close(): Promise<void> {
    return this.#pool.close();
  }

  async #run<T>(task: object, name: 'hash' | 'verify'): Promise<T> {
    // Admission is decided synchronously, so a burst of calls cannot overshoot the bound.
    if (!this.hasCapacity()) {
      throw new OverloadedError('password hashing', RETRY_AFTER_SECONDS);
    }
    this.#admitted++;
    try {
      return (await this.#pool.run(task, { name })) as T;
    } finally {
      this.#admitted--;
    }
  }
}
