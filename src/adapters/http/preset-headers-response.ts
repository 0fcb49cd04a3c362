import { ServerResponse, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';

/**
 * Node's ServerResponse, plus headers preset by middleware before the handler answers
 * (`presetHeader`), kept in a plain list and written with the handler's own in one `writeHead`.
 * The handler's headers win, whatever their case: an event stream's `Cache-Control: no-cache`
 * over the default `no-store`. Node's `setHeader` merges the same way, but puts every header of
 * the answer on its slow path (lower-cased into a dictionary, copied again at `writeHead`).
 */
export class PresetHeadersResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  /** Lower-case name, name, value; a flat list, since it holds a dozen at most. */
  #preset: string[] = [];

  presetHeader(name: string, value: string): void {
    const lower = name.toLowerCase();
    for (let i = 0; i < this.#preset.length; i += 3) {
      if (this.#preset[i] === lower) {
        this.#preset[i + 2] = value;
        return;
      }
    }
    this.#preset.push(lower, name, value);
  }

  override writeHead(statusCode: number, reasonOrHeaders?: string | OutgoingHttpHeaders | unknown[], headers?: OutgoingHttpHeaders | unknown[]): this {
    const preset = this.#preset;
    this.#preset = [];
    let reason: string | undefined;
    let own: OutgoingHttpHeaders | unknown[] | undefined = headers;
    if (typeof reasonOrHeaders === 'string') reason = reasonOrHeaders;
    else own = reasonOrHeaders;
    if (preset.length === 0) return this.#writeHead(statusCode, reason, own);
    if (Array.isArray(own) || this.getHeaderNames().length > 0) {
      // Node's slow path anyway (headers as a list, or set through setHeader): merge there.
      for (let i = 0; i < preset.length; i += 3) if (!this.hasHeader(preset[i]!)) this.setHeader(preset[i + 1]!, preset[i + 2]!);
      return this.#writeHead(statusCode, reason, own);
    }
    const merged: OutgoingHttpHeaders = { ...own };
    const ownNames = own ? Object.keys(own).map((name) => name.toLowerCase()) : [];
    for (let i = 0; i < preset.length; i += 3) if (!ownNames.includes(preset[i]!)) merged[preset[i + 1]!] = preset[i + 2];
    return this.#writeHead(statusCode, reason, merged);
  }

  #writeHead(statusCode: number, reason: string | undefined, headers: OutgoingHttpHeaders | unknown[] | undefined): this {
    const list = headers as OutgoingHttpHeaders | undefined;
    return reason === undefined ? super.writeHead(statusCode, list) : super.writeHead(statusCode, reason, list);
  }
}
