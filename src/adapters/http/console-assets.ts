/** A file of the web console, as served. */
export interface ConsoleAsset {
  readonly body: Uint8Array;
  readonly contentType: string;
}

/** Where the web console's static files come from. */
export interface ConsoleAssets {
  /** The file at `path` (relative, e.g. `app.js`, `vendor/preact-htm.js`), or null when there is none. */
  read(path: string): Promise<ConsoleAsset | null>;
}
