import type { Context, Env, MiddlewareHandler, Next } from 'hono';
import type { z, ZodType } from 'zod';
import { ValidationError, type ValidationIssue } from '../../domain/errors.ts';

/** The parts of a request a route validates; a header schema names its headers in lower case. */
export type ValidatedPart = 'json' | 'param' | 'query' | 'header';

type Validator<T extends ZodType, Target extends ValidatedPart> = MiddlewareHandler<
  Env,
  string,
  { in: { [K in Target]: z.input<T> }; out: { [K in Target]: z.output<T> } }
>;

// Hono's validator takes the same media types as JSON: application/json and application/*+json.
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Validates one part of the request against a zod schema and hands the parsed value to the
 * route (`c.req.valid(target)`); a failure is thrown as the core's ValidationError, so one
 * error handler renders every 422 the same way, a body that is not JSON at all included.
 * It reads the request as Hono's validator does (a body is JSON only when its Content-Type
 * says so, else it validates as `{}`; a repeated query key becomes an array), but in one layer
 * and synchronously for everything but a body, since every read of a job passes it.
 */
export function validate<T extends ZodType, Target extends ValidatedPart>(target: Target, schema: T): Validator<T, Target> {
  const accept = (c: Context, value: unknown, next: Next) => {
    const result = schema.safeParse(value);
    if (!result.success) throw new ValidationError(result.error.issues.flatMap((issue) => toIssues(issue, target)));
    c.req.addValidatedData(target, result.data as object);
    return next();
  };
  if (target === 'param') return (c, next) => accept(c, c.req.param(), next);
  if (target === 'query') return (c, next) => accept(c, queryValue(c), next);
  if (target === 'header') return (c, next) => accept(c, c.req.header(), next);
  return async (c, next) => accept(c, await jsonBody(c), next);
}

function queryValue(c: Context): Record<string, string | string[]> {
  const value: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(c.req.queries())) value[key] = values.length === 1 ? values[0]! : values;
  return value;
}

async function jsonBody(c: Context): Promise<unknown> {
  const mediaType = c.req.header('Content-Type')?.split(';')[0]!.trim() ?? '';
  if (!JSON_MEDIA_TYPE.test(mediaType)) return {};
  try {
    return await c.req.json();
  } catch {
    throw new ValidationError([{ path: 'body', message: 'must be valid JSON' }]);
  }
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
