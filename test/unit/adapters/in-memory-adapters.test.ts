import { InMemoryJobChangeFeed } from '../../../src/adapters/memory/in-memory-job-change-feed.ts';
import { InMemoryJobQueue } from '../../../src/adapters/memory/in-memory-job-queue.ts';
import { InMemoryJobRepository } from '../../../src/adapters/memory/in-memory-job-repository.ts';
import { InMemoryObjectStore } from '../../../src/adapters/memory/in-memory-object-store.ts';
import { InMemoryRateLimitStore } from '../../../src/adapters/memory/in-memory-rate-limit-store.ts';
import { InMemorySessionRepository } from '../../../src/adapters/memory/in-memory-session-repository.ts';
import { InMemoryTokenIssuer } from '../../../src/adapters/memory/in-memory-token-issuer.ts';
import { InMemoryUserRepository } from '../../../src/adapters/memory/in-memory-user-repository.ts';
import { ManualClock } from '../../../src/adapters/memory/manual-clock.ts';
import { SequentialIdGenerator } from '../../../src/adapters/memory/sequential-id-generator.ts';
import { Sha256PasswordHasher } from '../../../src/adapters/memory/sha256-password-hasher.ts';
import { InlineLogNormalizer } from '../../../src/adapters/normalizer/inline-log-normalizer.ts';
import { UrlSigner } from '../../../src/adapters/signed-urls/url-signer.ts';
import { SystemClock } from '../../../src/adapters/system/system-clock.ts';
import { clockContract } from '../../contracts/clock.contract.ts';
import { idGeneratorContract } from '../../contracts/id-generator.contract.ts';
import { jobChangeFeedContract } from '../../contracts/job-change-feed.contract.ts';
import { jobQueueContract } from '../../contracts/job-queue.contract.ts';
import { CONTRACT_BLOCK_BYTES, logNormalizerContract } from '../../contracts/log-normalizer.contract.ts';
import { jobRepositoryContract } from '../../contracts/job-repository.contract.ts';
import { objectStoreContract } from '../../contracts/object-store.contract.ts';
import { passwordHasherContract } from '../../contracts/password-hasher.contract.ts';
import { rateLimitStoreContract } from '../../contracts/rate-limit-store.contract.ts';
import { sessionRepositoryContract } from '../../contracts/session-repository.contract.ts';
import { tokenIssuerContract } from '../../contracts/token-issuer.contract.ts';
import { userRepositoryContract } from '../../contracts/user-repository.contract.ts';
import { logFormatRepositoryContract } from '../../contracts/log-format-repository.contract.ts';
import { InMemoryLogFormatRepository } from '../../../src/adapters/memory/in-memory-log-format-repository.ts';
import { selfServedSubject } from '../../support/self-served-storage.ts';

jobRepositoryContract('in-memory', async () => new InMemoryJobRepository());
userRepositoryContract('in-memory', async () => new InMemoryUserRepository());
sessionRepositoryContract('in-memory', async () => new InMemorySessionRepository());
logFormatRepositoryContract('in-memory', async () => new InMemoryLogFormatRepository());
jobQueueContract('in-memory', async () => ({ queue: new InMemoryJobQueue({ visibilityTimeoutMs: 300 }), visibilityTimeoutMs: 300 }));
objectStoreContract('in-memory', async () =>
  selfServedSubject(new InMemoryObjectStore(new UrlSigner('test-signing-secret', 'http://storage.test', new SystemClock()))),
);
tokenIssuerContract('in-memory', async () => {
  const clock = new ManualClock();
  return { issuer: new InMemoryTokenIssuer(clock, { accessTtlSeconds: 60, refreshTtlSeconds: 600 }), clock, accessTtlSeconds: 60 };
});
passwordHasherContract('in-memory sha256', () => new Sha256PasswordHasher());
rateLimitStoreContract('in-memory', async () => new InMemoryRateLimitStore());
jobChangeFeedContract('in-memory', async () => new InMemoryJobChangeFeed());
clockContract('manual', () => new ManualClock());
idGeneratorContract('sequential', () => new SequentialIdGenerator());
logNormalizerContract('inline', async () => ({ normalizer: new InlineLogNormalizer({ blockBytes: CONTRACT_BLOCK_BYTES }) }));
