import type { SavedLogFormat } from '../../domain/log/custom/saved-log-format.ts';
import type { Actor } from '../auth/actor.ts';
import type { CustomFormatInput } from './custom-format-input.ts';
import { formatToSave, type SaveLogFormatPorts } from './save-log-format.ts';

/**
 * Saves a custom format under its name, replacing the one there, for an admin. Jobs created
 * with the old version keep reading with it: each job holds a copy.
 */
export class ReplaceLogFormat {
  readonly #ports: SaveLogFormatPorts;

  constructor(ports: SaveLogFormatPorts) {
    this.#ports = ports;
  }

  async execute(actor: Actor, name: string, input: CustomFormatInput): Promise<{ format: SavedLogFormat; created: boolean }> {
    const format = formatToSave(this.#ports, actor, name, input);
    return { format, created: (await this.#ports.formats.put(format)) === 'created' };
  }
}
