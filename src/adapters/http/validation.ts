import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { ValidationError } from '../../domain/errors.ts';

/**
 * zValidator whose failures are thrown as the core's ValidationError, so one error
 * handler renders every 422 the same way.
 */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      throw new ValidationError(
        result.error.issues.map((issue) => ({
          path: issue.path.length > 0 ? issue.path.join('.') : target,
          message: issue.message,
        })),
      );
    }
  });
}
