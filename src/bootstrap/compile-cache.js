// Preloaded by every entry point (node --import=./src/bootstrap/compile-cache.js …) so that
// Node's compile cache also covers the entry itself. Plain JavaScript on purpose: a
// TypeScript file would make Node load its type stripper (SWC in WebAssembly) before the
// cache could spare it. Worker threads take the cache up from this process. With the cache
// warm, a worker with two parse threads starts in some 45 MB less memory (docs/BENCHMARKS.md).
//
// The cache holds the type-stripped source and V8's code cache, keyed by each file's content;
// it lives in NODE_COMPILE_CACHE if set, else in the temporary directory. It is an
// optimization only: where it cannot be written (a read-only disk), Node runs without it.
import { enableCompileCache } from 'node:module';

enableCompileCache();
