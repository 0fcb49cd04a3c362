import type { LogFormatRepository } from '../../application/ports/log-format-repository.ts';
import type { SavedLogFormat } from '../../domain/log/custom/saved-log-format.ts';

/** Saved formats in process memory; copies in and out, as a database would. */
export class InMemoryLogFormatRepository implements LogFormatRepository {
  readonly #formats = new Map<string, SavedLogFormat>();

  async add(format: SavedLogFormat): Promise<boolean> {
    if (this.#formats.has(format.name)) return false;
    this.#formats.set(format.name, structuredClone(format));
    return true;
  }

  async put(format: SavedLogFormat): Promise<'created' | 'replaced'> {
    const existed = this.#formats.has(format.name);
    this.#formats.set(format.name, structuredClone(format));
    return existed ? 'replaced' : 'created';
  }

  async get(name: string): Promise<SavedLogFormat | null> {
    const format = this.#formats.get(name);
    return format ? structuredClone(format) : null;
  }

  async list(): Promise<SavedLogFormat[]> {
    return [...this.#formats.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((format) => structuredClone(format));
  }

  async remove(name: string): Promise<boolean> {
    return this.#formats.delete(name);
  }
}
