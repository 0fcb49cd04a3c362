import { join } from 'node:path';
import { answers200, startNode, type Child } from './processes.ts';

export interface BenchServiceOptions {
  readonly port: number;
  readonly databaseUrl: string;
  readonly dataDir: string;
  /** More environment, over the defaults below. */
  readonly env?: Record<string, string>;
  /** The checkout whose code runs (default: this one), to compare two versions of the code. */
  readonly root?: string;
}

/**
 * The service as deployed (npm start), with limits so high that the load is never refused yet
 * still counted; resolves once it is ready.
 */
export function startBenchService({ port, databaseUrl, dataDir, env = {}, root = '.' }: BenchServiceOptions): Promise<Child> {
  const environment = {
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_MINUTE: '1000000000',
    BCRYPT_COST: '10',
    LOG_LEVEL: 'info',
    ENVIRONMENT: 'staging',
    ...env,
  };
  return startNode(join(root, 'src/bootstrap/all.ts'), [], environment, () => answers200(`http://127.0.0.1:${port}/health/ready`));
}

/** An access token of the development admin the service creates. */
export async function adminAccessToken(base: string): Promise<string> {
  const response = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin123' }) });
  return ((await response.json()) as { access_token: string }).access_token;
}
