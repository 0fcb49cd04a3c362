import { DomainError, ValidationError, type ValidationIssue } from '../../domain/errors.ts';
import { FORMAT_NAME, FORMAT_NAME_RULE, type SavedLogFormat } from '../../domain/log/custom/saved-log-format.ts';
import { hasPermission } from '../../domain/user/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import type { Ports } from '../ports/ports.ts';
import { readCustomFormat, type CustomFormatInput } from './custom-format-input.ts';

/** The ports the format-saving use cases use. */
export type SaveLogFormatPorts = Pick<Ports, 'formats' | 'linePatterns' | 'clock'>;

/** A checked format to save, for an admin; throws FORBIDDEN or a ValidationError listing every problem. */
export function formatToSave(ports: SaveLogFormatPorts, actor: Actor, name: string, input: CustomFormatInput): SavedLogFormat {
  if (!hasPermission(actor.role, 'formats:manage')) throw new DomainError('FORBIDDEN', 'Only an admin may save formats');
  const issues: ValidationIssue[] = FORMAT_NAME.test(name) ? [] : [{ path: 'name', message: `must be ${FORMAT_NAME_RULE}` }];
  // The format's fields are top-level members of the request: no path prefix.
  const { format, issues: formatIssues } = readCustomFormat(input, ports.linePatterns, '');
  issues.push(...formatIssues);
  if (issues.length > 0) throw new ValidationError(issues);
  return { ...format, name, savedAt: ports.clock.now(), savedBy: actor.userId };
}
