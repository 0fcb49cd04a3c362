/** Service identifiers of the container; the only names the composition root resolves by. */
export const TOKENS = {
  Config: Symbol('Config'),
  Logger: Symbol('Logger'),
  // Ports
  Clock: Symbol('Clock'),
  IdGenerator: Symbol('IdGenerator'),
  JobRepository: Symbol('JobRepository'),
  UserRepository: Symbol('UserRepository'),
  SessionRepository: Symbol('SessionRepository'),
  ObjectStore: Symbol('ObjectStore'),
  JobQueue: Symbol('JobQueue'),
  JobChangeFeed: Symbol('JobChangeFeed'),
  TokenIssuer: Symbol('TokenIssuer'),
  PasswordHasher: Symbol('PasswordHasher'),
  /** Used by the HTTP edge (rate limiting), not by use cases. */
  RateLimitStore: Symbol('RateLimitStore'),
  /** All of the above as one `Ports` record. */
  Ports: Symbol('Ports'),
  // Use cases
  Authenticate: Symbol('Authenticate'),
  Login: Symbol('Login'),
  RefreshSession: Symbol('RefreshSession'),
  Logout: Symbol('Logout'),
  GetMe: Symbol('GetMe'),
  VerifyToken: Symbol('VerifyToken'),
  EnsureAdminUser: Symbol('EnsureAdminUser'),
  InitUpload: Symbol('InitUpload'),
  CompleteUpload: Symbol('CompleteUpload'),
  GetJob: Symbol('GetJob'),
  WatchJob: Symbol('WatchJob'),
  ListJobs: Symbol('ListJobs'),
  GetJobOutput: Symbol('GetJobOutput'),
  RetryJob: Symbol('RetryJob'),
  ProcessJob: Symbol('ProcessJob'),
  RecoverQueuedJobs: Symbol('RecoverQueuedJobs'),
  ExpireAbandonedUploads: Symbol('ExpireAbandonedUploads'),
  CheckReadiness: Symbol('CheckReadiness'),
  // Driving adapters
  HttpApp: Symbol('HttpApp'),
  JobWorker: Symbol('JobWorker'),
} as const;
