#!/usr/bin/env node
// The `ingest` command line, started by bin/ingest.js (npx ingest …); see src/adapters/cli/client/ingest-cli.ts.
import { text } from 'node:stream/consumers';
import { runIngestCli } from '../src/adapters/cli/client/ingest-cli.ts';

const code = await runIngestCli(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  interactive: Boolean(process.stderr.isTTY && process.stdin.isTTY),
  readStdin: () => text(process.stdin),
});
process.exit(code);
