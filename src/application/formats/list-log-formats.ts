import type { SavedLogFormat } from '../../domain/log/custom/saved-log-format.ts';
import type { Actor } from '../auth/actor.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports ListLogFormats uses. */
export type ListLogFormatsPorts = Pick<Ports, 'formats'>;

/** Every saved format, by name: any signed-in user may upload with one. */
export class ListLogFormats {
  readonly #ports: ListLogFormatsPorts;

  constructor(ports: ListLogFormatsPorts) {
    this.#ports = ports;
  }

  execute(_actor: Actor): Promise<SavedLogFormat[]> {
    return this.#ports.formats.list();
  }
}
