import { DomainError } from '../../domain/errors.ts';
import { hasPermission } from '../../domain/user/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports DeleteLogFormat uses. */
export type DeleteLogFormatPorts = Pick<Ports, 'formats'>;

/** Deletes a saved format, for an admin. Jobs that used it keep their copy. */
export class DeleteLogFormat {
  readonly #ports: DeleteLogFormatPorts;

  constructor(ports: DeleteLogFormatPorts) {
    this.#ports = ports;
  }

  async execute(actor: Actor, name: string): Promise<void> {
    if (!hasPermission(actor.role, 'formats:manage')) throw new DomainError('FORBIDDEN', 'Only an admin may delete formats');
    if (!(await this.#ports.formats.remove(name))) throw new DomainError('FORMAT_NOT_FOUND', `No format named ${name}`);
  }
}
