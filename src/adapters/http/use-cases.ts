import type { Authenticate } from '../../application/auth/authenticate.ts';
import type { GetMe } from '../../application/auth/get-me.ts';
import type { Login } from '../../application/auth/login.ts';
import type { Logout } from '../../application/auth/logout.ts';
import type { RefreshSession } from '../../application/auth/refresh-session.ts';
import type { VerifyToken } from '../../application/auth/verify-token.ts';
import type { CheckReadiness } from '../../application/health/check-readiness.ts';
import type { CompleteUpload } from '../../application/ingest/complete-upload.ts';
import type { InitUpload } from '../../application/ingest/init-upload.ts';
import type { GetJob } from '../../application/jobs/get-job.ts';
import type { WatchJob } from '../../application/jobs/watch-job.ts';
import type { GetJobOutput } from '../../application/jobs/get-job-output.ts';
import type { ListJobs } from '../../application/jobs/list-jobs.ts';
import type { RetryJob } from '../../application/jobs/retry-job.ts';
import type { CreateUser } from '../../application/users/create-user.ts';
import type { DeactivateUser } from '../../application/users/deactivate-user.ts';
import type { GetUser } from '../../application/users/get-user.ts';
import type { ListUsers } from '../../application/users/list-users.ts';
import type { UpdateUser } from '../../application/users/update-user.ts';

/** Everything the HTTP adapter drives. Routes only translate between HTTP and these. */
export interface HttpUseCases {
  readonly authenticate: Authenticate;
  readonly login: Login;
  readonly refreshSession: RefreshSession;
  readonly logout: Logout;
  readonly getMe: GetMe;
  readonly verifyToken: VerifyToken;
  readonly initUpload: InitUpload;
  readonly completeUpload: CompleteUpload;
  readonly getJob: GetJob;
  readonly watchJob: WatchJob;
  readonly listJobs: ListJobs;
  readonly getJobOutput: GetJobOutput;
  readonly retryJob: RetryJob;
  readonly checkReadiness: CheckReadiness;
  readonly createUser: CreateUser;
  readonly listUsers: ListUsers;
  readonly getUser: GetUser;
  readonly updateUser: UpdateUser;
  readonly deactivateUser: DeactivateUser;
}
