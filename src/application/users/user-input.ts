import type { ValidationIssue } from '../../domain/errors.ts';
import { isAcceptablePassword, MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH } from '../../domain/user/password-rules.ts';
import { ROLES } from '../../domain/user/user.ts';

const USERNAME = /^[A-Za-z0-9._@-]{3,150}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Problems with the user fields that are present; absent fields are not checked. */
export function userFieldIssues(fields: {
  username?: string | undefined;
  email?: string | undefined;
  password?: string | undefined;
  role?: string | undefined;
}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (fields.username !== undefined && !USERNAME.test(fields.username)) {
    issues.push({ path: 'username', message: '3 to 150 letters, digits or . _ @ -' });
  }
  if (fields.email !== undefined && (fields.email.length > 254 || !EMAIL.test(fields.email))) {
    issues.push({ path: 'email', message: 'must be an email address' });
  }
  if (fields.password !== undefined && !isAcceptablePassword(fields.password)) {
    issues.push({ path: 'password', message: `must be ${MIN_PASSWORD_LENGTH} characters to ${MAX_PASSWORD_BYTES} bytes of UTF-8` });
  }
  if (fields.role !== undefined && !(ROLES as readonly string[]).includes(fields.role)) {
    issues.push({ path: 'role', message: `must be one of ${ROLES.join(', ')}` });
  }
  return issues;
}
