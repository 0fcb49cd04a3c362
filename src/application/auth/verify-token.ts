import type { TokenVerification } from '../ports/token-issuer.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports VerifyToken uses. */
export type VerifyTokenPorts = Pick<Ports, 'tokens'>;

/** Says whether a token is valid, and what it claims; for clients and other services. */
export class VerifyToken {
  readonly #ports: VerifyTokenPorts;

  constructor(ports: VerifyTokenPorts) {
    this.#ports = ports;
  }

  execute(token: string): Promise<TokenVerification> {
    return this.#ports.tokens.verify(token);
  }
}
