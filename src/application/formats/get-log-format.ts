import { DomainError } from '../../domain/errors.ts';
import type { SavedLogFormat } from '../../domain/log/custom/saved-log-format.ts';
import type { Actor } from '../auth/actor.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports GetLogFormat uses. */
export type GetLogFormatPorts = Pick<Ports, 'formats'>;

/** One saved format, for any signed-in user. */
export class GetLogFormat {
  readonly #ports: GetLogFormatPorts;

  constructor(ports: GetLogFormatPorts) {
    this.#ports = ports;
  }

  async execute(_actor: Actor, name: string): Promise<SavedLogFormat> {
    const format = await this.#ports.formats.get(name);
    if (!format) throw new DomainError('FORMAT_NOT_FOUND', `No format named ${name}`);
    return format;
  }
}
