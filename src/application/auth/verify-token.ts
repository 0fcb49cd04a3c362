import type { TokenIssuer, TokenVerification } from '../ports/token-issuer.ts';

/** Says whether a token is valid, and what it claims; for clients and other services. */
export class VerifyToken {
  readonly #tokens: TokenIssuer;

  constructor(tokens: TokenIssuer) {
    this.#tokens = tokens;
  }

  execute(token: string): Promise<TokenVerification> {
    return this.#tokens.verify(token);
  }
}
