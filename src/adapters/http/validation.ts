import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { ZodType } from 'zod';
import { ValidationError, type ValidationIssue } from '../../domain/errors.ts';

/**
 * zValidator whose failures are thrown as the core's ValidationError, so one error
 * handler renders every 422 the same way, including for a body that is not JSON at all.
 */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const validator = zValidator(target, schema, (result) => {
    if (!result.success) throw new ValidationError(result.error.issues.flatMap((issue) => toIssues(issue, target)));
  });
  const wrapped = createMiddleware(async (c, next) => {
    let validated = false;
    try {
      return await validator(c, async () => {
        validated = true;
        await next();
      });
    } catch (error) {
      // Hono refuses unparsable JSON with a 400 before the schema runs; the API promises 422.
      if (!validated && error instanceof HTTPException && error.status === 400) {
        throw new ValidationError([{ path: 'body', message: 'must be valid JSON' }]);
      }
      throw error;
    }
  });
  return wrapped as unknown as typeof validator;
}

interface ZodIssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
}

function toIssues(issue: ZodIssueLike, target: string): ValidationIssue[] {
  const prefix = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    return issue.keys.map((key) => ({ path: prefix ? `${prefix}.${key}` : key, message: 'is not an accepted field' }));
  }
  return [{ path: prefix || target, message: issue.message }];
}
