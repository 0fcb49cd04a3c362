/** Real servers for the integration suites, found once per test run by the global setup. */
export interface TestServers {
  readonly databaseUrl?: string;
  readonly redisUrl?: string;
  readonly s3?: S3TestServer;
  /** Why a server is missing, by key. */
  readonly absent: Partial<Record<'databaseUrl' | 'redisUrl' | 's3', string>>;
}

export interface S3TestServer {
  readonly endpoint: string;
  readonly region: string;
  readonly accessKey: string;
  readonly secretKey: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    servers: TestServers;
  }
}
