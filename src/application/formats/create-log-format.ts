import { DomainError } from '../../domain/errors.ts';
import type { SavedLogFormat } from '../../domain/log/custom/saved-log-format.ts';
import type { Actor } from '../auth/actor.ts';
import type { CustomFormatInput } from './custom-format-input.ts';
import { formatToSave, type SaveLogFormatPorts } from './save-log-format.ts';

/** Saves a custom format under a new name, for an admin; FORMAT_NAME_TAKEN when the name is in use. */
export class CreateLogFormat {
  readonly #ports: SaveLogFormatPorts;

  constructor(ports: SaveLogFormatPorts) {
    this.#ports = ports;
  }

  async execute(actor: Actor, name: string, input: CustomFormatInput): Promise<SavedLogFormat> {
    const format = formatToSave(this.#ports, actor, name, input);
    if (!(await this.#ports.formats.add(format))) throw new DomainError('FORMAT_NAME_TAKEN', `A format named ${name} already exists`);
    return format;
  }
}
