import type { SavedLogFormat } from '../../domain/log/custom/saved-log-format.ts';

/** Custom formats saved by name. Names are unique; each write is atomic. */
export interface LogFormatRepository {
  /** Saves a format under a new name; false, changing nothing, when the name is taken. */
  add(format: SavedLogFormat): Promise<boolean>;
  /** Saves a format, replacing the one of that name if any; says which. */
  put(format: SavedLogFormat): Promise<'created' | 'replaced'>;
  /** Null when no format has that name. */
  get(name: string): Promise<SavedLogFormat | null>;
  /** Every saved format, by name. */
  list(): Promise<SavedLogFormat[]>;
  /** False when no format had that name. */
  remove(name: string): Promise<boolean>;
}
