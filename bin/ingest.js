#!/usr/bin/env node
// The `ingest` command (npx ingest …): turns on Node's compile cache, then runs bin/ingest.ts.
// Plain JavaScript, so that with the cache warm Node does not load its type stripper at all:
// `ingest --help` takes 0.06 s instead of 0.14 s (src/bootstrap/compile-cache.js).
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./ingest.ts');
