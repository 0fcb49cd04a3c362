import { z, type ZodObject, type ZodType } from 'zod';
import * as request from '../schemas.ts';
import * as response from './responses.ts';

export interface DocumentedResponse {
  readonly description: string;
  readonly schema?: ZodType;
  /** application/json unless said otherwise. */
  readonly contentType?: string;
}

export interface DocumentedRoute {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI form: `/jobs/{job_id}`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly auth: boolean;
  readonly params?: ZodObject;
  readonly query?: ZodObject;
  readonly headers?: ZodObject;
  readonly body?: ZodType;
  readonly responses: Readonly<Record<number, DocumentedResponse>>;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'A business rule refused the request (error_code says which)',
  401: 'Not authenticated, or the credentials or token are not valid',
  403: 'The role may not do this',
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with existing data',
  413: 'The body is too large (JSON bodies: over 64 KiB)',
  422: 'The request is malformed; `errors` lists the first 20 problems, `errors_omitted` counts the rest',
  429: 'Too many requests; see Retry-After',
  503: 'A dependency (database, queue, storage) is unavailable, or the service is too busy (SERVICE_BUSY, with Retry-After)',
  504: 'The request took too long',
};

/** The standard error body for each of `statuses`. */
const errors = (...statuses: number[]): Record<number, DocumentedResponse> =>
  Object.fromEntries(statuses.map((status) => [status, { description: ERROR_DESCRIPTIONS[status] ?? 'Error', schema: response.errorResponse }]));

const json = (description: string, schema: ZodType): DocumentedResponse => ({ description, schema });
const AUTHED = [401, 422, 429, 503, 504];
const storageKey = z.object({ key: z.string().describe('Object key, as given in the signed URL') });
const consoleFile = z.object({ key: z.string().describe('Path of the file, e.g. app.js or vendor/preact-htm.js') });
const signedQuery = z.object({ expires: z.string(), signature: z.string(), max_bytes: z.string().optional() });

/** Every route of the API; the OpenAPI document is generated from this table. */
export const DOCUMENTED_ROUTES: readonly DocumentedRoute[] = [
  { method: 'get', path: '/health', summary: 'Liveness and version', tag: 'health', auth: false, responses: { 200: json('Healthy', response.healthResponse) } },
  { method: 'get', path: '/health/live', summary: 'Liveness', tag: 'health', auth: false, responses: { 200: json('Alive', z.object({ status: z.literal('alive') })) } },
  { method: 'get', path: '/health/ready', summary: 'Readiness of database, queue and storage', tag: 'health', auth: false, responses: { 200: json('Ready', response.readinessResponse), 503: json('A component is unhealthy', response.readinessResponse) } },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics', tag: 'operations', auth: false, responses: { 200: { description: 'Prometheus text exposition', contentType: 'text/plain' } } },
  { method: 'get', path: '/openapi.json', summary: 'This document', tag: 'operations', auth: false, responses: { 200: { description: 'OpenAPI 3.1 document' } } },
  { method: 'get', path: '/docs', summary: 'Interactive API reference', tag: 'operations', auth: false, responses: { 200: { description: 'HTML page', contentType: 'text/html' } } },
  { method: 'get', path: '/', summary: 'The web console, for people (a page that calls this API; its files under /console/)', tag: 'operations', auth: false, responses: { 200: { description: 'HTML page', contentType: 'text/html' } } },
  { method: 'get', path: '/console/{key}', summary: 'A file of the web console: its modules and styles, and the scripts it and /docs take from npm packages', tag: 'operations', auth: false, params: consoleFile, responses: { 200: { description: 'The file', contentType: 'text/javascript' }, 404: json('No such file', response.errorResponse) } },

  { method: 'post', path: '/auth/login', summary: 'Log in with username and password (refresh_token_cookie: the refresh token as an httpOnly cookie `ingest_refresh`, Path=/auth, SameSite=Strict)', tag: 'auth', auth: false, body: request.loginBody, responses: { 200: json('Tokens', response.tokenPairResponse), ...errors(401, 403, 413, 422, 429, 503, 504) } },
  { method: 'post', path: '/auth/refresh', summary: 'Trade a refresh token (body, or the refresh cookie, then renewed as a cookie) for a new pair (rotation)', tag: 'auth', auth: false, body: request.sessionTokenBody, responses: { 200: json('Tokens', response.tokenPairResponse), ...errors(401, 422, 429, 503) } },
  { method: 'post', path: '/auth/logout', summary: 'End the session of a refresh token (body, or the refresh cookie, then cleared)', tag: 'auth', auth: true, body: request.sessionTokenBody, responses: { 204: { description: 'Ended' }, ...errors(...AUTHED) } },
  { method: 'get', path: '/auth/me', summary: 'The current user', tag: 'auth', auth: true, responses: { 200: json('User', response.userResponse), ...errors(...AUTHED) } },
  { method: 'post', path: '/auth/verify', summary: 'Is this token valid now, and what does it claim (valid: false once its session ended: logout, rotation, new password, deactivation)', tag: 'auth', auth: false, body: request.verifyTokenBody, responses: { 200: json('Verification', response.verifyResponse), ...errors(422, 429) } },

  { method: 'post', path: '/ingest/files/init', summary: 'Create a job and an upload URL', tag: 'ingest', auth: true, headers: request.idempotencyHeader, body: request.initUploadBody, responses: { 201: json('Created', response.initUploadResponse), 200: json('Replayed for the same Idempotency-Key', response.initUploadResponse), ...errors(403, 409, 413, ...AUTHED) } },
  { method: 'post', path: '/ingest/files/complete', summary: 'Verify the upload and queue the job', tag: 'ingest', auth: true, body: request.completeUploadBody, responses: { 200: json('Queued (or already on its way)', response.completeUploadResponse), ...errors(400, 403, 404, ...AUTHED) } },

  { method: 'get', path: '/jobs', summary: 'List jobs, newest first (X-Total-Count)', tag: 'jobs', auth: true, query: request.listJobsQuery, responses: { 200: json('Jobs', z.array(response.jobResponse)), ...errors(...AUTHED) } },
  { method: 'get', path: '/jobs/events', summary: 'Follow every job you may follow (yours; all for admins) on one stream (Server-Sent Events, `status` events, from now on; viewers get none)', tag: 'jobs', auth: true, responses: { 200: { description: '`status` events as jobs change, until the client leaves', contentType: 'text/event-stream' }, ...errors(401, 429, 503) } },
  { method: 'get', path: '/jobs/{job_id}', summary: 'A job with its file and result', tag: 'jobs', auth: true, params: request.jobIdParam, responses: { 200: json('Job', response.jobResponse), ...errors(404, ...AUTHED) } },
  { method: 'get', path: '/jobs/{job_id}/events', summary: 'Follow a job (Server-Sent Events; its owner or an admin, 404 for anyone else)', tag: 'jobs', auth: true, params: request.jobIdParam, responses: { 200: { description: '`status` events until a terminal state', contentType: 'text/event-stream' }, ...errors(404, 401, 422, 429, 503) } },
  { method: 'get', path: '/jobs/{job_id}/history', summary: 'Every status the job has had, oldest first (a retry shows as FAILED → QUEUED, a taken-over job as PROCESSING → QUEUED)', tag: 'jobs', auth: true, params: request.jobIdParam, responses: { 200: json('History', z.array(response.jobStatusChangeResponse)), ...errors(400, 404, ...AUTHED) } },
  { method: 'get', path: '/jobs/{job_id}/output', summary: 'Download URL of the normalized output', tag: 'jobs', auth: true, params: request.jobIdParam, responses: { 200: json('URL', response.jobOutputResponse), ...errors(400, 403, 404, ...AUTHED) } },
  { method: 'post', path: '/jobs/{job_id}/retry', summary: 'Send a FAILED job back to the queue (admin)', tag: 'jobs', auth: true, params: request.jobIdParam, responses: { 200: json('Job', response.jobResponse), ...errors(400, 403, 404, ...AUTHED) } },

  { method: 'get', path: '/users', summary: 'List users (admin; X-Total-Count)', tag: 'users', auth: true, query: request.pageQuery, responses: { 200: json('Users', z.array(response.userResponse)), ...errors(403, ...AUTHED) } },
  { method: 'post', path: '/users', summary: 'Create a user (admin)', tag: 'users', auth: true, body: request.createUserBody, responses: { 201: json('Created', response.userResponse), ...errors(403, 409, 413, ...AUTHED) } },
  { method: 'get', path: '/users/{user_id}', summary: 'A user (admin, or self)', tag: 'users', auth: true, params: request.userIdParam, responses: { 200: json('User', response.userResponse), ...errors(404, ...AUTHED) } },
  { method: 'patch', path: '/users/{user_id}', summary: 'Change a user (admin: any field, but never deactivate or demote itself: 409 SELF_LOCKOUT; self: full_name, password)', tag: 'users', auth: true, params: request.userIdParam, body: request.updateUserBody, responses: { 200: json('User', response.userResponse), ...errors(403, 404, 409, ...AUTHED) } },
  { method: 'delete', path: '/users/{user_id}', summary: 'Deactivate a user (admin; its own account: 409 SELF_LOCKOUT)', tag: 'users', auth: true, params: request.userIdParam, responses: { 204: { description: 'Deactivated' }, ...errors(403, 404, 409, ...AUTHED) } },

  { method: 'get', path: '/formats', summary: 'Saved custom formats, by name (anyone signed in)', tag: 'formats', auth: true, responses: { 200: json('Formats', z.array(response.logFormatResponse)), ...errors(...AUTHED) } },
  { method: 'post', path: '/formats', summary: 'Save a custom format under a new name (admin; 409 FORMAT_NAME_TAKEN; 422 with the engine\'s message for a pattern RE2 refuses)', tag: 'formats', auth: true, body: request.createFormatBody, responses: { 201: json('Saved', response.logFormatResponse), ...errors(403, 409, 413, ...AUTHED) } },
  { method: 'get', path: '/formats/{name}', summary: 'A saved custom format (anyone signed in)', tag: 'formats', auth: true, params: request.formatNameParam, responses: { 200: json('Format', response.logFormatResponse), ...errors(404, ...AUTHED) } },
  { method: 'put', path: '/formats/{name}', summary: 'Save a custom format under this name, replacing any (admin; existing jobs keep the version they were created with)', tag: 'formats', auth: true, params: request.formatNameParam, body: request.customFormatBody, responses: { 200: json('Replaced', response.logFormatResponse), 201: json('Created', response.logFormatResponse), ...errors(403, 413, ...AUTHED) } },
  { method: 'delete', path: '/formats/{name}', summary: 'Delete a saved custom format (admin; jobs that used it keep their copy)', tag: 'formats', auth: true, params: request.formatNameParam, responses: { 204: { description: 'Deleted' }, ...errors(403, 404, ...AUTHED) } },

  { method: 'put', path: '/storage/{key}', summary: 'Upload to a signed URL (when the service stores files itself)', tag: 'storage', auth: false, params: storageKey, query: signedQuery, body: z.string().describe('The file bytes'), responses: { 200: json('Stored', z.object({ key: z.string(), size: z.number().int() })), 403: json('Signature invalid or URL expired', response.errorResponse), 413: json('Larger than declared', response.errorResponse) } },
  { method: 'get', path: '/storage/{key}', summary: 'Download from a signed URL (when the service stores files itself)', tag: 'storage', auth: false, params: storageKey, query: signedQuery, responses: { 200: { description: 'The object', contentType: 'application/octet-stream' }, 403: json('Signature invalid or URL expired', response.errorResponse), 404: json('No such object', response.errorResponse) } },
];
