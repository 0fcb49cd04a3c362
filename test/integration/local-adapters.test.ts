import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BcryptPasswordHasher } from '../../src/adapters/bcrypt/bcrypt-password-hasher.ts';
import { JoseTokenIssuer } from '../../src/adapters/jose/jose-token-issuer.ts';
import { LocalObjectStore } from '../../src/adapters/local-storage/local-object-store.ts';
import { ManualClock } from '../../src/adapters/memory/manual-clock.ts';
import { ThreadPoolLogNormalizer } from '../../src/adapters/normalizer/threads/thread-pool-log-normalizer.ts';
import { UrlSigner } from '../../src/adapters/signed-urls/url-signer.ts';
import { RandomUuidGenerator } from '../../src/adapters/system/random-uuid-generator.ts';
import { SystemClock } from '../../src/adapters/system/system-clock.ts';
import { clockContract } from '../contracts/clock.contract.ts';
import { idGeneratorContract } from '../contracts/id-generator.contract.ts';
import { CONTRACT_BLOCK_BYTES, logNormalizerContract } from '../contracts/log-normalizer.contract.ts';
import { objectStoreContract } from '../contracts/object-store.contract.ts';
import { passwordHasherContract } from '../contracts/password-hasher.contract.ts';
import { tokenIssuerContract } from '../contracts/token-issuer.contract.ts';
import { selfServedSubject } from '../support/self-served-storage.ts';

// The real adapters that need no server: they run here on every machine.

objectStoreContract('local directory', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ingest-objects-'));
  return selfServedSubject(new LocalObjectStore(root, new UrlSigner('test-signing-secret', 'http://storage.test', new SystemClock())));
});

tokenIssuerContract('jose HS256', async () => {
  const clock = new ManualClock(new Date());
  const settings = { secret: 'a-test-secret-of-at-least-32-bytes!', issuer: 'test-iss', audience: 'test-aud', accessTtlSeconds: 60, refreshTtlSeconds: 600 };
  return { issuer: new JoseTokenIssuer(settings, clock), clock, accessTtlSeconds: 60 };
});

// Cost 4 keeps the suite fast; the cost does not change the contract.
passwordHasherContract('bcrypt', () => new BcryptPasswordHasher({ cost: 4, threads: 2, queue: 8 }));
clockContract('system', () => new SystemClock());
idGeneratorContract('random v4', () => new RandomUuidGenerator());
logNormalizerContract('thread pool, every block on a thread', async () => {
  const normalizer = new ThreadPoolLogNormalizer({ threads: 2, inlineBelowBytes: 0, blockBytes: CONTRACT_BLOCK_BYTES });
  return { normalizer, close: () => normalizer.close() };
});
logNormalizerContract('thread pool, small blocks inline', async () => {
  // The contract's blocks are of every size around the threshold.
  const normalizer = new ThreadPoolLogNormalizer({ threads: 2, inlineBelowBytes: CONTRACT_BLOCK_BYTES + 200, blockBytes: CONTRACT_BLOCK_BYTES });
  return { normalizer, close: () => normalizer.close() };
});
