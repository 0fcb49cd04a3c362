// Preloaded by every entry point (node --import=./src/bootstrap/compile-cache.js …) so that
// Node's compile cache covers the entry itself, and a warm cache spares every process and worker
// thread the type stripper. Plain JavaScript on purpose: a TypeScript preload would load it.
// The cache lives in NODE_COMPILE_CACHE if set, else in the temporary directory; where it cannot
// be written (a read-only disk), Node runs without it.
import { enableCompileCache } from 'node:module';

enableCompileCache();
